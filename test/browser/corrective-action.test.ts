import { describe, expect, it } from 'vitest';
import {
  chooseOption,
  completeTask,
  fillDate,
  fillField,
  formField,
  screenshot,
  stepByStepSession,
} from './helpers.js';

const dayMs = 24 * 60 * 60 * 1000;

const title = 'Trả kết quả hồ sơ trễ hạn không có phiếu xin lỗi';
const triageTask = 'Phân loại sự không phù hợp';
const planTask = 'Khắc phục, phân tích nguyên nhân và lập kế hoạch';
const approvalTask = 'Phê duyệt kế hoạch hành động khắc phục';
const implementTask = 'Thực hiện hành động khắc phục';
const checkTask = 'Kiểm tra hiệu lực của hành động khắc phục';
const closeTask = 'Kết thúc và xác định thay đổi cần thiết';

// The server reads this clock, so the test moves the effectiveness check's 90 days at once.
let clockOffsetMs = 0;
const serverNow = () => new Date(Date.now() + clockOffsetMs);

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + 7 * 60 * 60 * 1000 + offsetDays * dayMs).toISOString().slice(0, 10);
}

describe('corrective action procedure through the web pages', () => {
  const session = stepByStepSession({ now: serverNow, startScheduler: false });
  let code = '';

  it('staff member reports a nonconformity', async () => {
    const { page } = session;
    await session.signIn('staff.vp');
    await session.startProcedure('corrective-action', 'Báo cáo sự không phù hợp');

    await fillField(page, 'title', title);
    await chooseOption(page, 'source', 'Phản ánh, kiến nghị');
    await fillField(page, 'sourceReference', 'PA-2027-014');
    await chooseOption(page, 'departmentCode', 'Văn phòng Sở');
    await fillField(
      page,
      'description',
      'Hồ sơ trễ hạn 3 ngày nhưng không có phiếu xin lỗi và hẹn lại ngày trả kết quả.',
    );
    await fillField(page, 'evidence', 'Phản ánh của công dân trên cổng thông tin.');
    await screenshot(page, 'corrective-action-01-raise');
    await completeTask(page);

    const started = await session.app.services
      .db('process_instances')
      .where({ bpmn_process_id: 'corrective-action' })
      .first('business_key');
    code = started.business_key as string;
    expect(code).toMatch(/^KPH-\d{4}-001$/);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('ISO secretary classifies it and assigns the office', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await session.openTask(triageTask);
    expect(await page.locator('.task-form').textContent()).toContain(title);

    await chooseOption(page, 'classification', 'Sự không phù hợp nhẹ');
    await chooseOption(page, 'departmentCode', 'Văn phòng Sở');
    await fillField(page, 'triageNote', 'Vi phạm yêu cầu 100% hồ sơ trễ hạn có phiếu xin lỗi.');
    await screenshot(page, 'corrective-action-02-triage');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('office head plans the correction', async () => {
    const { page } = session;
    await session.switchUser('head.vp');
    await session.openTask(planTask);

    await fillField(page, 'correction', 'Đã gửi phiếu xin lỗi và hẹn lại ngày trả kết quả.');
    await chooseOption(page, 'rootCauseMethod', 'Sơ đồ xương cá');
    await chooseOption(page, 'causeCategory', 'Con người');
    await fillField(page, 'rootCause', 'Cán bộ một cửa mới chưa được hướng dẫn lập phiếu xin lỗi.');
    await fillField(page, 'actions.0.action', 'Tập huấn quy định về phiếu xin lỗi');
    await fillField(page, 'actions.0.owner', 'Phạm Quốc Huy');
    await fillDate(page, 'actions.0.deadline', isoDay(20));
    await screenshot(page, 'corrective-action-03-plan');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('director approves the plan', async () => {
    const { page } = session;
    await session.switchUser('director');
    await session.openTask(approvalTask);
    expect(await page.locator('.task-form').textContent()).toContain(
      'Tập huấn quy định về phiếu xin lỗi',
    );

    await chooseOption(page, 'decision', 'Phê duyệt');
    await screenshot(page, 'corrective-action-04-approve');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('office head reports the implementation', async () => {
    const { page } = session;
    await session.switchUser('head.vp');
    await session.openTask(implementTask);

    await fillField(page, 'implementationReport', 'Đã tập huấn toàn bộ cán bộ bộ phận một cửa.');
    await fillDate(page, 'implementedOn', isoDay(0));
    await completeTask(page);

    clockOffsetMs = 91 * dayMs;
    await session.app.services.scheduler.tick();
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('ISO secretary finds it effective after the check days', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await session.openTask(checkTask);

    await chooseOption(page, 'effective', 'Có hiệu lực: đóng hành động khắc phục');
    await fillField(page, 'effectivenessNote', 'Ba tháng không còn hồ sơ trễ hạn thiếu phiếu.');
    await screenshot(page, 'corrective-action-05-check');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('office head closes it without follow-ups', async () => {
    const { page } = session;
    await session.switchUser('head.vp');
    await session.openTask(closeTask);

    await chooseOption(page, 'riskChangeRequired', 'Không');
    await chooseOption(page, 'documentChangeRequired', 'Không');
    expect(await formField(page, 'documentCode').count()).toBe(0);
    await screenshot(page, 'corrective-action-06-close');
    await completeTask(page);
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('register lists the closed action', async () => {
    const { page } = session;
    await session.switchUser('secretary');
    await page.goto(`${session.url}/#/registers/corrective-actions?q=${code}`);
    const row = page.locator('tbody tr', { hasText: code });
    await row.waitFor();

    expect(await row.textContent()).toContain(title);
    expect(await row.textContent()).toContain('Đã đóng');
    expect(await row.textContent()).toContain('Văn phòng Sở');
    await screenshot(page, 'corrective-action-07-register');
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('summary of open actions shows the demo records by age', async () => {
    const { page } = session;
    await page.goto(`${session.url}/#/registers`);
    await page.getByRole('link', { name: 'Hành động khắc phục đang mở' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hành động khắc phục đang mở' }).waitFor();

    expect(await page.locator('.corrective-action-open').textContent()).toContain('Đang mở: 4');
    expect(await page.locator('svg.corrective-action-age-chart rect').count()).toBe(4);
    expect(await page.locator('tr[data-status="implementing"]').textContent()).toContain(
      'Đang thực hiện',
    );
    // The server's clock runs 91 days ahead, past the demo plan's deadlines.
    expect(await page.locator('table.corrective-action-overdue').textContent()).toContain(
      'Tỷ lệ hồ sơ giải quyết đúng hạn quý I',
    );
    await screenshot(page, 'corrective-action-08-open-summary');
    expect(session.tab.pageErrors).toEqual([]);
  });
});
