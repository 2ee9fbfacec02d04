import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
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
    now: serverNow,
    startScheduler: false,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: url.replace('localhost', '127.0.0.1') };
}

describe('corrective action procedure through the web pages', () => {
  let browser: Browser;
  let app: FastifyInstance;
  let baseUrl: string;
  let tab: TestPage;
  let code = '';
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

  async function openAs(username: string, task: string): Promise<void> {
    await logout(tab.page);
    await login(tab.page, baseUrl, username, password);
    await openTaskFromInbox(tab.page, baseUrl, task);
    await claimIfNeeded(tab.page);
  }

  it('staff member reports a nonconformity', async () => {
    const { page } = tab;
    await login(page, baseUrl, 'staff.vp', password);
    await navigateTo(page, 'Khởi tạo quy trình');
    const card = page.locator('[data-procedure="corrective-action"]');
    await card.getByRole('button', { name: 'Khởi tạo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo sự không phù hợp' }).waitFor();
    await claimIfNeeded(page);

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

    const started = await app.services
      .db('process_instances')
      .where({ bpmn_process_id: 'corrective-action' })
      .first('business_key');
    code = started.business_key as string;
    expect(code).toMatch(/^KPH-\d{4}-001$/);
    expect(tab.pageErrors).toEqual([]);
  });

  it('ISO secretary classifies it and assigns the office', async () => {
    const { page } = tab;
    await openAs('secretary', triageTask);
    expect(await page.locator('.task-form').textContent()).toContain(title);

    await chooseOption(page, 'classification', 'Sự không phù hợp nhẹ');
    await chooseOption(page, 'departmentCode', 'Văn phòng Sở');
    await fillField(page, 'triageNote', 'Vi phạm yêu cầu 100% hồ sơ trễ hạn có phiếu xin lỗi.');
    await screenshot(page, 'corrective-action-02-triage');
    await completeTask(page);
    expect(tab.pageErrors).toEqual([]);
  });

  it('office head plans the correction', async () => {
    const { page } = tab;
    await openAs('head.vp', planTask);

    await fillField(page, 'correction', 'Đã gửi phiếu xin lỗi và hẹn lại ngày trả kết quả.');
    await chooseOption(page, 'rootCauseMethod', 'Sơ đồ xương cá');
    await chooseOption(page, 'causeCategory', 'Con người');
    await fillField(page, 'rootCause', 'Cán bộ một cửa mới chưa được hướng dẫn lập phiếu xin lỗi.');
    await fillField(page, 'actions.0.action', 'Tập huấn quy định về phiếu xin lỗi');
    await fillField(page, 'actions.0.owner', 'Phạm Quốc Huy');
    await fillDate(page, 'actions.0.deadline', isoDay(20));
    await screenshot(page, 'corrective-action-03-plan');
    await completeTask(page);
    expect(tab.pageErrors).toEqual([]);
  });

  it('director approves the plan', async () => {
    const { page } = tab;
    await openAs('director', approvalTask);
    expect(await page.locator('.task-form').textContent()).toContain(
      'Tập huấn quy định về phiếu xin lỗi',
    );

    await chooseOption(page, 'decision', 'Phê duyệt');
    await screenshot(page, 'corrective-action-04-approve');
    await completeTask(page);
    expect(tab.pageErrors).toEqual([]);
  });

  it('office head reports the implementation', async () => {
    const { page } = tab;
    await openAs('head.vp', implementTask);

    await fillField(page, 'implementationReport', 'Đã tập huấn toàn bộ cán bộ bộ phận một cửa.');
    await fillDate(page, 'implementedOn', isoDay(0));
    await completeTask(page);

    clockOffsetMs = 91 * dayMs;
    await app.services.scheduler.tick();
    expect(tab.pageErrors).toEqual([]);
  });

  it('ISO secretary finds it effective after the check days', async () => {
    const { page } = tab;
    await openAs('secretary', checkTask);

    await chooseOption(page, 'effective', 'Có hiệu lực: đóng hành động khắc phục');
    await fillField(page, 'effectivenessNote', 'Ba tháng không còn hồ sơ trễ hạn thiếu phiếu.');
    await screenshot(page, 'corrective-action-05-check');
    await completeTask(page);
    expect(tab.pageErrors).toEqual([]);
  });

  it('office head closes it without follow-ups', async () => {
    const { page } = tab;
    await openAs('head.vp', closeTask);

    await chooseOption(page, 'riskChangeRequired', 'Không');
    await chooseOption(page, 'documentChangeRequired', 'Không');
    expect(await formField(page, 'documentCode').count()).toBe(0);
    await screenshot(page, 'corrective-action-06-close');
    await completeTask(page);
    expect(tab.pageErrors).toEqual([]);
  });

  it('register lists the closed action', async () => {
    const { page } = tab;
    await logout(page);
    await login(page, baseUrl, 'secretary', password);
    await page.goto(`${baseUrl}/#/registers/corrective-actions?q=${code}`);
    const row = page.locator('tbody tr', { hasText: code });
    await row.waitFor();

    expect(await row.textContent()).toContain(title);
    expect(await row.textContent()).toContain('Đã đóng');
    expect(await row.textContent()).toContain('Văn phòng Sở');
    await screenshot(page, 'corrective-action-07-register');
    expect(tab.pageErrors).toEqual([]);
  });

  it('summary of open actions shows the demo records by age', async () => {
    const { page } = tab;
    await page.goto(`${baseUrl}/#/registers`);
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
    expect(tab.pageErrors).toEqual([]);
  });
});
