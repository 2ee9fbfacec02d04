import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createTestDatabase } from '../helpers/test-app.js';
import {
  buildWebApp,
  chooseOption,
  claimIfNeeded,
  completeTask,
  fillDate,
  fillField,
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
const today = new Date().toISOString().slice(0, 10);
const answer =
  'Phòng đã kiểm tra: hồ sơ của Công ty đủ điều kiện, giấy chứng nhận được trả ngày làm việc tiếp theo.';

const receiveTask = 'Tiếp nhận phản ánh, kiến nghị';
const triageTask = 'Phân công người xử lý phản ánh';
const draftTask = 'Soạn nội dung trả lời phản ánh';
const approveTask = 'Phê duyệt nội dung trả lời phản ánh';
const sendTask = 'Gửi trả lời cho người phản ánh';

// A database of its own: in-memory PGlite, or a fresh schema when DATABASE_URL is set, so the
// test never writes to a schema that others use.
async function startServer(): Promise<{
  app: FastifyInstance;
  url: string;
  drop: () => Promise<void>;
}> {
  const database = await createTestDatabase();
  const app = await buildApp({
    config: {
      ...loadConfig({}),
      dataDir: 'memory://',
      demoPassword: password,
      webDir: path.join(repositoryRoot, 'dist/web'),
      logLevel: 'warn',
      loginRateLimit: 1000,
    },
    db: database.db,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: url.replace('localhost', '127.0.0.1'), drop: database.drop };
}

describe('complaint-handling procedure through the web pages', () => {
  let browser: Browser;
  let app: FastifyInstance;
  let baseUrl: string;
  let dropDatabase: (() => Promise<void>) | undefined;
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
    ({ app, url: baseUrl, drop: dropDatabase } = await startServer());
    browser = await launchBrowser();
    tab = await openPage(browser);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await app?.close();
    await dropDatabase?.();
  });

  async function signInAs(username: string): Promise<void> {
    await logout(tab.page);
    await login(tab.page, baseUrl, username, password);
  }

  it('staff member files a complaint', async () => {
    const { page } = tab;
    await login(page, baseUrl, 'staff.vp', password);
    await navigateTo(page, 'Khởi tạo quy trình');
    const card = page.locator('[data-procedure="complaint-handling"]');
    await card.getByRole('button', { name: 'Khởi tạo' }).click();
    await page.getByRole('heading', { level: 1, name: receiveTask }).waitFor();
    await claimIfNeeded(page);

    await fillField(page, 'complainantName', 'Công ty Cổ phần Công nghệ Sông Hồng');
    await fillField(page, 'complainantContact', 'lienhe@songhong-tech.vn');
    await chooseOption(page, 'channel', 'Thư điện tử');
    await fillDate(page, 'receivedDate', today);
    await fillField(page, 'service', 'Cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ');
    await chooseOption(page, 'department', 'Phòng Quản lý khoa học');
    await fillField(
      page,
      'complaintContent',
      'Hồ sơ nộp trực tuyến đã quá ngày hẹn trả kết quả nhưng chưa nhận được thông báo.',
    );
    await screenshot(page, 'complaint-handling-01-receive');
    await completeTask(page);

    expect(tab.pageErrors).toEqual([]);
  });

  it('head of the division assigns a handler', async () => {
    const { page } = tab;
    await signInAs('head.qlkh');
    await openTaskFromInbox(page, baseUrl, triageTask);
    await claimIfNeeded(page);
    expect(await page.locator('.task-form').textContent()).toContain('Sông Hồng');

    await chooseOption(page, 'handler', 'Đặng Văn Khoa');
    await fillField(page, 'triageNote', 'Kiểm tra lại hồ sơ trên hệ thống một cửa.');
    await screenshot(page, 'complaint-handling-02-triage');
    await completeTask(page);

    expect(tab.pageErrors).toEqual([]);
  });

  it('handler drafts the answer', async () => {
    const { page } = tab;
    await signInAs('staff.qlkh');
    await openTaskFromInbox(page, baseUrl, draftTask);
    await claimIfNeeded(page);
    expect(await page.locator('.task-form').textContent()).toContain(
      'Kiểm tra lại hồ sơ trên hệ thống một cửa.',
    );

    await fillField(page, 'answer', answer);
    await completeTask(page);

    expect(tab.pageErrors).toEqual([]);
  });

  it('head approves the answer', async () => {
    const { page } = tab;
    await signInAs('head.qlkh');
    await openTaskFromInbox(page, baseUrl, approveTask);
    await claimIfNeeded(page);
    expect(await page.locator('.task-form').textContent()).toContain(answer);

    await chooseOption(page, 'decision', 'Phê duyệt nội dung trả lời');
    await screenshot(page, 'complaint-handling-03-approve');
    await completeTask(page);

    expect(tab.pageErrors).toEqual([]);
  });

  it('handler sends the answer', async () => {
    const { page } = tab;
    await signInAs('staff.qlkh');
    await openTaskFromInbox(page, baseUrl, sendTask);
    await claimIfNeeded(page);

    await fillDate(page, 'answeredOn', today);
    await chooseOption(page, 'answerChannel', 'Thư điện tử');
    await fillField(page, 'sendNote', 'Công văn số 125/SKHCN-QLKH');
    await screenshot(page, 'complaint-handling-04-send');
    await completeTask(page);

    expect(tab.pageErrors).toEqual([]);
  });

  it('register lists the answered complaint', async () => {
    const { page } = tab;
    await signInAs('secretary');
    await page.goto(`${baseUrl}/#/registers/complaints?q=${encodeURIComponent('Sông Hồng')}`);
    const row = page.locator('tbody tr', { hasText: 'Sông Hồng' });
    await row.waitFor();

    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Đã trả lời');
    expect(text).toContain('Đặng Văn Khoa');
    await screenshot(page, 'complaint-handling-05-register');
    expect(tab.pageErrors).toEqual([]);
  });

  it('summary view draws the charts', async () => {
    const { page } = tab;
    await navigateTo(page, 'Sổ đăng ký');
    await page.getByRole('link', { name: 'Thống kê phản ánh và sự hài lòng' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Thống kê phản ánh và sự hài lòng' })
      .waitFor();

    const departments = page.locator('svg[data-chart="by-department"] g[data-bar]');
    const months = page.locator('svg[data-chart="by-month"] g[data-bar]');
    expect(await departments.count()).toBe(4);
    expect(await months.count()).toBe(12);
    const answered = page.locator('[data-table="complaints-by-status"] tr[data-status="answered"]');
    expect(Number(await answered.locator('td').nth(1).textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-figure="on-time-rate"]').textContent()).toContain('%');
    await screenshot(page, 'complaint-handling-06-summary');
    expect(tab.pageErrors).toEqual([]);
  });
});
