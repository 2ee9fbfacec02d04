import { describe, expect, it } from 'vitest';
import { ensureCorrectiveAction } from '../helpers/internal-audit.js';
import {
  chooseOption,
  completeTask,
  fillDate,
  fillField,
  screenshot,
  stepByStepSession,
} from './helpers.js';

const year = new Date().getFullYear();
const returnComment = 'Bổ sung buổi họp kết thúc vào lịch làm việc.';

const draftProgrammeTask = 'Soạn thảo chương trình đánh giá nội bộ';
const approveProgrammeTask = 'Phê duyệt chương trình đánh giá';
const draftPlanTask = 'Lập kế hoạch đánh giá';
const approvePlanTask = 'Phê duyệt kế hoạch đánh giá';
const findingsTask = 'Thực hiện đánh giá và ghi nhận phát hiện';
const concludeTask = 'Kết luận chương trình đánh giá';

// One audit of the Inspectorate, led by the head of the Office: the programme, its approval, the
// plan returned once and approved, one minor nonconformity and the conclusion.
describe('internal audit through the web pages', () => {
  // The server starts on an empty database, which buildApp migrates and seeds, and gets a stand-in
  // of the corrective-action process that the conclusion starts.
  const session = stepByStepSession({
    emptyDatabase: true,
    prepare: (app, db) => ensureCorrectiveAction(db, app),
  });

  it('secretary drafts the programme', async () => {
    const { page } = session;
    await session.signIn('secretary');
    await session.startProcedure('internal-audit', draftProgrammeTask);

    await fillField(page, 'objectives', 'Xác định sự phù hợp của hệ thống với TCVN ISO 9001:2015');
    await fillField(page, 'scope', 'Quá trình giải quyết khiếu nại, tố cáo của Thanh tra Sở');
    await fillField(page, 'criteria', 'TCVN ISO 9001:2015');
    await fillField(page, 'methods', 'Phỏng vấn, xem xét hồ sơ');
    await chooseOption(page, 'audits.0.department', 'Thanh tra Sở');
    await chooseOption(page, 'audits.0.plannedMonth', 'Tháng 5');
    await fillField(page, 'audits.0.processes', 'Giải quyết khiếu nại, tố cáo');
    await fillField(page, 'audits.0.clauses', '8.2, 9.1.2');
    await screenshot(page, 'internal-audit-01-programme');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('director approves the programme', async () => {
    const { page } = session;
    await session.switchUser('director');
    await session.openTask(approveProgrammeTask);

    expect(await page.locator('.task-form').textContent()).toContain('Thanh tra Sở');
    await chooseOption(page, 'decision', 'Phê duyệt');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('secretary plans the audit', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await session.openTask(draftPlanTask);

    expect(await page.locator('.task-form').textContent()).toContain(`DG-${year}-001`);
    await fillField(page, 'auditees', 'Chánh Thanh tra và 01 thanh tra viên');
    await chooseOption(page, 'leadAuditor', 'Phạm Quốc Huy (Văn phòng Sở)');
    await fillField(page, 'method', 'Phỏng vấn và xem xét sổ tiếp công dân');
    await fillDate(page, 'auditFrom', `${year}-05-12`);
    await fillDate(page, 'auditTo', `${year}-05-12`);
    await fillDate(page, 'sessions.0.date', `${year}-05-12`);
    await fillField(page, 'sessions.0.start', '08:00');
    await fillField(page, 'sessions.0.end', '11:30');
    await fillField(page, 'sessions.0.activity', 'Đánh giá quá trình giải quyết khiếu nại');
    await screenshot(page, 'internal-audit-02-plan');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('director returns the plan', async () => {
    const { page } = session;
    await session.switchUser('director');
    await session.openTask(approvePlanTask);

    expect(await page.locator('.task-form').textContent()).toContain('Phạm Quốc Huy');
    await chooseOption(page, 'decision', 'Trả lại để chỉnh sửa');
    await fillField(page, 'comment', returnComment);
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('secretary revises the plan', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await session.openTask(draftPlanTask);

    expect(await page.locator('.task-form').textContent()).toContain(returnComment);
    await fillField(
      page,
      'sessions.0.activity',
      'Đánh giá quá trình giải quyết khiếu nại; họp kết thúc lúc 11:00',
    );
    await screenshot(page, 'internal-audit-03-plan-returned');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('director approves the plan', async () => {
    const { page } = session;
    await session.switchUser('director');
    await session.openTask(approvePlanTask);

    await chooseOption(page, 'decision', 'Phê duyệt');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('lead auditor records a nonconformity', async () => {
    const { page } = session;
    await session.switchUser('head.vp');
    await session.openTask(findingsTask);

    await fillField(page, 'auditSummary', 'Đoàn đã xem xét sổ tiếp công dân và 10 hồ sơ.');
    await page.locator('.fjs-repeat-render-add').click();
    await chooseOption(page, 'findings.0.findingType', 'Không phù hợp nhẹ');
    await fillField(page, 'findings.0.clause', '8.2.1');
    await fillField(page, 'findings.0.requirement', 'Thông tin về dịch vụ phải được cập nhật.');
    await fillField(page, 'findings.0.evidence', 'Bảng niêm yết chưa cập nhật quyết định mới.');
    await fillField(page, 'findings.0.statement', 'Thông tin niêm yết chưa được cập nhật.');
    await screenshot(page, 'internal-audit-04-findings');
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('director concludes the programme', async () => {
    const { page } = session;
    await session.switchUser('director');
    await session.openTask(concludeTask);

    await chooseOption(page, 'outcome', 'Yêu cầu hành động cải tiến');
    await fillField(
      page,
      'conclusion',
      'Hệ thống phù hợp; Thanh tra Sở cập nhật thông tin niêm yết.',
    );
    await completeTask(page);

    expect(session.tab.pageErrors).toEqual([]);
  });

  it('findings register links the corrective action', async () => {
    const { page } = session;
    await page.goto(`${session.url}/#/registers/audit-findings`);
    const row = page.locator('tbody tr', { hasText: '8.2.1' }).first();
    await row.waitFor();

    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Không phù hợp nhẹ');
    expect(text).toContain('Thanh tra Sở');
    expect(text).toMatch(/KPH-\d{4}-\d{3}/);
    await screenshot(page, 'internal-audit-05-findings-register');
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('records page links the documents', async () => {
    const { page } = session;
    await page.goto(`${session.url}/#/views/internal-audit`);
    const row = page.locator(`tr[data-plan="DG-${year}-001"]`);
    await row.waitFor();

    expect(await row.textContent()).toContain('Đã đánh giá');
    const reportLink = row.locator('a', { hasText: 'PDF' }).last();
    const href = (await reportLink.getAttribute('href')) ?? '';
    expect(href).toMatch(/\/api\/audits\/plans\/\d+\/report\?format=pdf$/);
    const download = await page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' });
      return { status: response.status, type: response.headers.get('content-type') };
    }, href);
    expect(download).toEqual({ status: 200, type: 'application/pdf' });
    await screenshot(page, 'internal-audit-06-records-page');
    expect(session.tab.pageErrors).toEqual([]);
  });
});
