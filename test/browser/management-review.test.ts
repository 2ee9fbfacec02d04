import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import {
  inputFieldName,
  reviewInputKeys,
} from '../../src/procedures/management-review/review-inputs.js';
import { ensureCorrectiveActionProcess } from '../helpers/management-review.js';
import {
  buildWebApp,
  chooseOption,
  claimIfNeeded,
  completeTask,
  fillDate,
  fillField,
  formField,
  launchBrowser,
  login,
  logout,
  navigateTo,
  openPage,
  openTaskFromInbox,
  repositoryRoot,
  screenshot,
} from './helpers.js';
import type { TestPage } from './helpers.js';

const password = 'demo-password-1';

const draftTask = 'Soạn thông báo xem xét của lãnh đạo';
const approveNoticeTask = 'Phê duyệt thông báo xem xét';
const reportTask = 'Báo cáo đầu vào xem xét của lãnh đạo';
const consolidateTask = 'Tổng hợp đầu vào xem xét của lãnh đạo';
const meetingTask = 'Ghi nhận cuộc họp xem xét';
const approveReportTask = 'Kết luận và phê duyệt báo cáo xem xét';

const returnComment = 'Giao thêm Thanh tra Sở báo cáo kết quả đánh giá nội bộ.';
const improvement = 'Số hóa toàn bộ hồ sơ lưu trữ của Bộ phận Một cửa';

// The server runs on the real clock, so the notice's dates follow today: the reports are due in
// a week and the meeting is a week later.
function isoDate(daysFromToday: number): string {
  const date = new Date(Date.now() + daysFromToday * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(date);
}

const dates = {
  periodFrom: isoDate(-180),
  periodTo: isoDate(-1),
  reportDue: isoDate(7),
  meeting: isoDate(14),
  deadline: isoDate(120),
};

/** The inputs of clause 9.3.2 that each department of the notice reports on, by their labels. */
const assignments: { department: string; inputs: [string, string][] }[] = [
  {
    department: 'Văn phòng Sở',
    inputs: [
      ['previousActions', 'Tình trạng của các hành động từ các lần xem xét của lãnh đạo trước đó'],
      ['objectives', 'Mức độ đạt được các mục tiêu chất lượng'],
    ],
  },
  {
    department: 'Thanh tra Sở',
    inputs: [
      ['nonconformities', 'Sự không phù hợp và hành động khắc phục'],
      ['auditResults', 'Kết quả đánh giá'],
    ],
  },
];

async function startServer(): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({
    config: {
      ...loadConfig({}),
      databaseUrl: process.env.DATABASE_URL,
      dataDir: 'memory://',
      demoPassword: password,
      webDir: path.join(repositoryRoot, 'dist/web'),
      logLevel: 'warn',
      loginRateLimit: 1000,
    },
  });
  const unit = await app.services.db('units').where({ code: 'SKHCN' }).first('id');
  await ensureCorrectiveActionProcess(app.services.db, String(unit.id));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: url.replace('localhost', '127.0.0.1') };
}

async function fillAssignment(page: Page, index: number): Promise<void> {
  const assignment = assignments[index]!;
  await chooseOption(page, `assignments.${index}.department`, assignment.department);
  for (const [, label] of assignment.inputs) {
    await formField(page, `assignments.${index}.inputs`).getByLabel(label, { exact: true }).check();
  }
}

describe('management review through the web pages', () => {
  let browser: Browser;
  let app: FastifyInstance;
  let baseUrl: string;
  let tab: TestPage;
  // Each step continues the procedure of the step before, so after a failure the rest are skipped.
  let failedStep: string | undefined;

  beforeEach((context) => {
    if (failedStep) context.skip(`an earlier step failed: ${failedStep}`);
  });

  afterEach((context) => {
    if (context.task.result?.state === 'fail') failedStep = context.task.name;
  });

  beforeAll(async () => {
    await buildWebApp();
    ({ app, url: baseUrl } = await startServer());
    browser = await launchBrowser();
    tab = await openPage(browser);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await app?.close();
  });

  async function signInAs(username: string): Promise<Page> {
    const { page } = tab;
    if (await page.getByRole('button', { name: 'Đăng xuất' }).count()) await logout(page);
    await login(page, baseUrl, username, password);
    return page;
  }

  it('secretary drafts the notice for one department', async () => {
    const page = await signInAs('secretary');
    await navigateTo(page, 'Khởi tạo quy trình');
    const card = page.locator('[data-procedure="management-review"]');
    await card.waitFor();
    await card.getByRole('button', { name: 'Khởi tạo' }).click();
    await page.getByRole('heading', { level: 1, name: draftTask }).waitFor();
    await claimIfNeeded(page);

    await fillDate(page, 'periodFrom', dates.periodFrom);
    await fillDate(page, 'periodTo', dates.periodTo);
    await fillDate(page, 'meetingDate', dates.meeting);
    await fillField(page, 'meetingStart', '08:00');
    await fillField(page, 'venue', 'Phòng họp số 1, trụ sở Sở Khoa học và Công nghệ');
    await fillField(page, 'participants', 'Ban Giám đốc Sở\nLãnh đạo các phòng, đơn vị thuộc Sở');
    await fillDate(page, 'reportDueDate', dates.reportDue);
    await fillAssignment(page, 0);
    await screenshot(page, 'management-review-01-notice-draft');
    await completeTask(page);

    expect(tab.pageErrors).toEqual([]);
  });

  it('director returns the notice with a comment', async () => {
    const page = await signInAs('director');
    await openTaskFromInbox(page, baseUrl, approveNoticeTask);
    await claimIfNeeded(page);
    expect(await page.locator('.task-form').textContent()).toContain('Văn phòng Sở');

    await chooseOption(page, 'decision', 'Trả lại để chỉnh sửa');
    await fillField(page, 'comment', returnComment);
    await screenshot(page, 'management-review-02-notice-return');
    await completeTask(page);

    expect(tab.pageErrors).toEqual([]);
  });

  it('secretary adds the inspectorate and resubmits', async () => {
    const page = await signInAs('secretary');
    await openTaskFromInbox(page, baseUrl, draftTask);
    await claimIfNeeded(page);
    expect(await page.locator('.task-form').textContent()).toContain(returnComment);

    await page.locator('.fjs-repeat-render-add').first().click();
    await formField(page, 'assignments.1.department').waitFor();
    await fillAssignment(page, 1);
    await completeTask(page);

    expect(tab.pageErrors).toEqual([]);
  });

  it('director approves the notice', async () => {
    const page = await signInAs('director');
    await openTaskFromInbox(page, baseUrl, approveNoticeTask);
    await claimIfNeeded(page);
    expect(await page.locator('.task-form').textContent()).toContain('Thanh tra Sở');

    await chooseOption(page, 'decision', 'Phê duyệt');
    await completeTask(page);

    expect(tab.pageErrors).toEqual([]);
  });

  it('each department head reports', async () => {
    for (const [index, username] of ['head.vp', 'head.ttra'].entries()) {
      const page = await signInAs(username);
      await openTaskFromInbox(page, baseUrl, reportTask);
      await claimIfNeeded(page);

      const assigned = assignments[index]!.inputs;
      for (const [key] of assigned) {
        await fillField(page, `report.${key}`, `Số liệu về ${key} trong kỳ, đạt yêu cầu.`);
      }
      expect(await formField(page, 'report.resources').count()).toBe(0);
      if (index === 0) await screenshot(page, 'management-review-03-department-report');
      await completeTask(page);
    }

    expect(tab.pageErrors).toEqual([]);
  });

  it('secretary cannot consolidate an empty input', async () => {
    const page = await signInAs('secretary');
    await openTaskFromInbox(page, baseUrl, consolidateTask);
    await claimIfNeeded(page);
    const prefilled = formField(page, inputFieldName('auditResults')).locator('textarea');
    expect(await prefilled.inputValue()).toBe(
      'Thanh tra Sở: Số liệu về auditResults trong kỳ, đạt yêu cầu.',
    );

    await page.getByRole('button', { name: 'Hoàn thành' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Kết quả theo dõi và đo lường');
    await screenshot(page, 'management-review-04-consolidation-refused');

    for (const key of reviewInputKeys) {
      const field = formField(page, inputFieldName(key)).locator('textarea');
      if ((await field.inputValue()).trim() === '')
        await field.fill(`Tổng hợp về ${key}: kết quả thực hiện trong kỳ xem xét.`);
    }
    await completeTask(page);
    expect(tab.pageErrors).toEqual([]);
  });

  it('secretary records the meeting and its decisions', async () => {
    const page = await signInAs('secretary');
    await openTaskFromInbox(page, baseUrl, meetingTask);
    await claimIfNeeded(page);
    expect(await formField(page, 'heldVenue').locator('input').inputValue()).toBe(
      'Phòng họp số 1, trụ sở Sở Khoa học và Công nghệ',
    );

    await fillField(
      page,
      'minutes',
      'Thư ký ISO trình bày báo cáo tổng hợp; các phòng thống nhất.',
    );
    await fillField(
      page,
      'conclusion',
      'Hệ thống quản lý chất lượng phù hợp, thỏa đáng và có hiệu lực.',
    );
    await chooseOption(page, 'outputs.0.outputType', 'Cơ hội cải tiến');
    await fillField(page, 'outputs.0.description', improvement);
    await chooseOption(page, 'outputs.0.ownerDepartment', 'Văn phòng Sở');
    await fillField(page, 'outputs.0.ownerName', 'Phạm Quốc Huy');
    await fillDate(page, 'outputs.0.deadline', dates.deadline);
    await formField(page, 'outputs.0.openCorrectiveAction')
      .locator('input[type="checkbox"]')
      .check();
    await screenshot(page, 'management-review-05-meeting');
    await completeTask(page);

    expect(tab.pageErrors).toEqual([]);
  });

  it('director approves the report', async () => {
    const page = await signInAs('director');
    await openTaskFromInbox(page, baseUrl, approveReportTask);
    await claimIfNeeded(page);
    expect(await page.locator('.task-form').textContent()).toContain(improvement);

    await chooseOption(page, 'decision', 'Phê duyệt');
    await screenshot(page, 'management-review-06-report-approval');
    await completeTask(page);

    expect(tab.pageErrors).toEqual([]);
  });

  it('review page shows documents and actions', async () => {
    const page = await signInAs('head.vp');
    await page.goto(`${baseUrl}/#/views/management-reviews`);
    const row = page.locator('.review-table tbody tr').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Đã phê duyệt báo cáo');
    await row.locator('a').click();
    await page.locator('.review-actions-table').waitFor();

    expect(await page.locator('[data-document="report-pdf"]').count()).toBe(1);
    const action = page.locator('.review-actions-table tbody tr[data-action]', {
      hasText: improvement,
    });
    expect(await action.textContent()).toMatch(/Đang thực hiện/);
    const correctiveAction = await action.locator('td').nth(6).textContent();
    expect(correctiveAction?.trim()).not.toBe('—');
    const approvals = page.locator('.approval-list li');
    expect(await approvals.count()).toBe(3);
    expect(await approvals.nth(0).textContent()).toContain(returnComment);
    await screenshot(page, 'management-review-07-review-page');

    const form = page.locator(`form[data-action="${await action.getAttribute('data-action')}"]`);
    await form.locator('input[type="date"]').fill(isoDate(0));
    await form.locator('textarea').fill('Đã số hóa 100% hồ sơ lưu trữ.');
    await form.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
    const done = page.locator('.review-actions-table tbody tr[data-action]', {
      hasText: improvement,
    });
    await done.getByText('Đã hoàn thành').waitFor();
    expect(await done.textContent()).toContain('Đã số hóa 100% hồ sơ lưu trữ.');
    await screenshot(page, 'management-review-08-action-done');
    expect(tab.pageErrors).toEqual([]);
  });
});
