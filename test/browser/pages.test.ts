import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildWebApp,
  fillField,
  formField,
  launchBrowser,
  login,
  navigateTo,
  openPage,
  screenshot,
  webDir,
} from './helpers.js';
import type { TestPage } from './helpers.js';
import { MockApi } from './mock-api.js';
import { startStaticServer } from './static-server.js';

// These tests drive the built pages against MockApi, an in-memory copy of the HTTP contract, so
// they cover responses that the real server returns rarely: 429, 400 with field details and 409.
describe('web pages against the mock API', () => {
  let browser: Browser;
  let api: MockApi;
  let server: { url: string; close: () => Promise<void> };
  let tab: TestPage;

  beforeAll(async () => {
    await buildWebApp();
    browser = await launchBrowser();
  });

  beforeEach(async () => {
    api = new MockApi();
    server = await startStaticServer(webDir, api.handle);
    tab = await openPage(browser);
  });

  afterEach(async () => {
    expect(tab.pageErrors).toEqual([]);
    await tab.context.close();
    await server.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('login shows the server message for wrong credentials', async () => {
    const { page } = tab;
    await page.goto(`${server.url}/`);
    await page.getByLabel('Tên đăng nhập').fill('secretary');
    await page.getByLabel('Mật khẩu').fill('wrong');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
  });

  it('login shows the rate-limit message on 429', async () => {
    const { page } = tab;
    await page.goto(`${server.url}/#/login`);
    await page.getByLabel('Tên đăng nhập').fill('locked');
    await page.getByLabel('Mật khẩu').fill('anything');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('thử lại sau 42 giây');
    await screenshot(page, 'pages-login-rate-limited');
  });

  it('login and inbox load without the form and diagram chunks', async () => {
    const { page } = tab;
    const scripts: string[] = [];
    page.on('request', (request) => scripts.push(request.url()));
    await login(page, server.url, 'secretary', 'demo-password-1');

    expect(scripts.some((url) => url.includes('task-form'))).toBe(false);
    expect(scripts.some((url) => url.includes('instance-diagram'))).toBe(false);
  });

  it('inbox shows counts, due-date highlight and priority', async () => {
    const { page } = tab;
    await login(page, server.url, 'secretary', 'demo-password-1');

    const tabs = page.getByRole('navigation', { name: 'Danh sách công việc' });
    expect(await tabs.textContent()).toContain('Việc của tôi 1');
    expect(await tabs.textContent()).toContain('Việc của nhóm 1');
    const row = page.locator('tr[data-task-key="1001"]');
    expect(await row.locator('.due-overdue').textContent()).toContain('Quá hạn');
    expect(await row.textContent()).toContain('Cao');
    expect(await page.locator('header').textContent()).toContain('Nguyễn Thị Thư');
    expect(await page.locator('header').textContent()).toContain('Thư ký ISO');
    expect(await page.locator('header').textContent()).toContain(
      'Sở Khoa học và Công nghệ tỉnh Mẫu',
    );
  });

  it('claim from the group tab sends the CSRF token', async () => {
    const { page } = tab;
    await login(page, server.url, 'secretary', 'demo-password-1');
    await page.getByRole('link', { name: /Việc của nhóm/ }).click();
    const row = page.locator('tr[data-task-key="1002"]');
    expect(await row.textContent()).toContain('Khẩn');
    expect(await row.locator('.due-due-soon').textContent()).toContain('Sắp đến hạn');

    await row.getByRole('button', { name: 'Nhận việc' }).click();
    await page.locator('.empty-state').waitFor();

    const claim = api.requests.find((request) => request.path === '/api/tasks/1002/claim');
    expect(claim?.method).toBe('POST');
    expect(claim?.csrfToken).toBe('csrf-token-1');
  });

  it('task form shows server field errors and keeps the input', async () => {
    const { page } = tab;
    api.completeResponses.push({
      status: 400,
      body: {
        code: 'EISO_ERR_FORM_INVALID',
        message: 'Biểu mẫu không hợp lệ.',
        statusCode: 400,
        details: [{ path: '/objectives/0/targetValue', message: 'Chỉ tiêu phải từ 0 đến 100.' }],
      },
    });
    await login(page, server.url, 'secretary', 'demo-password-1');
    await page.goto(`${server.url}/#/tasks/1001`);
    await formField(page, 'objectives.0.targetValue').waitFor();
    expect(await page.locator('.task-form').textContent()).toContain(
      'Bổ sung công thức tính cho mục tiêu 1.',
    );
    await fillField(page, 'objectives.0.targetValue', '120');
    await fillField(page, 'objectives.0.formula', 'Đúng hạn / Tổng × 100%');

    await page.getByRole('button', { name: 'Hoàn thành' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();

    expect(await summary.textContent()).toContain('Danh sách mục tiêu chất lượng 1 › Chỉ tiêu');
    expect(await summary.textContent()).toContain('Chỉ tiêu phải từ 0 đến 100.');
    const fieldError = formField(page, 'objectives.0.targetValue').locator('.fjs-form-field-error');
    expect(await fieldError.textContent()).toContain('Chỉ tiêu phải từ 0 đến 100.');
    expect(await formField(page, 'objectives.0.targetValue').locator('input').inputValue()).toBe(
      '120',
    );
    const completion = api.requests.find((request) => request.path === '/api/tasks/1001/complete');
    const variables = (completion?.body as { variables: Record<string, unknown> }).variables;
    expect(Object.keys(variables)).toEqual(['objectives']);
    expect(completion?.csrfToken).toBe('csrf-token-1');
    await screenshot(page, 'pages-task-server-errors');
  });

  it('task form lists client validation errors in Vietnamese', async () => {
    const { page } = tab;
    await login(page, server.url, 'secretary', 'demo-password-1');
    await page.goto(`${server.url}/#/tasks/1001`);
    await fillField(page, 'objectives.0.title', '');

    await page.getByRole('button', { name: 'Hoàn thành' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();

    expect(await summary.textContent()).toContain('Tên mục tiêu');
    expect(await summary.textContent()).toContain('Trường này là bắt buộc.');
    expect(api.requests.some((request) => request.path.endsWith('/complete'))).toBe(false);
  });

  it('task form rejects an impossible typed date', async () => {
    const { page } = tab;
    await login(page, server.url, 'secretary', 'demo-password-1');
    await page.goto(`${server.url}/#/tasks/1001`);
    const deadline = formField(page, 'objectives.0.deadline');
    const input = deadline.locator('input[type="text"]').first();
    await input.waitFor();
    expect(await input.inputValue()).toBe('31/12/2026');

    await input.fill('32/13/2026');
    await input.press('Tab');
    const fieldError = deadline.locator('.fjs-form-field-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('Ngày “32/13/2026” không có thật');
    expect(await fieldError.textContent()).toContain('dd/mm/yyyy');
    expect(await input.inputValue()).toBe('32/13/2026');

    await page.getByRole('button', { name: 'Hoàn thành' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Ngày “32/13/2026” không có thật');
    expect(api.requests.some((request) => request.path.endsWith('/complete'))).toBe(false);
    await screenshot(page, 'pages-task-impossible-date');

    await input.fill('15/12/2027');
    await input.press('Enter');
    await input.press('Escape');
    await expect.poll(() => fieldError.count()).toBe(0);
    expect(await input.inputValue()).toBe('15/12/2027');
  });

  it('task form tables show dates in Vietnamese style', async () => {
    const { page } = tab;
    await login(page, server.url, 'secretary', 'demo-password-1');
    await page.goto(`${server.url}/#/tasks/1002`);
    const table = page.locator('.task-form .fjs-form-field-table');
    await table.first().waitFor();
    await expect.poll(() => table.first().textContent()).toContain('31/12/2026');
    expect(await table.first().textContent()).not.toContain('2026-12-31');
  });

  it('task page calls a bad task key not found', async () => {
    const { page } = tab;
    await login(page, server.url, 'secretary', 'demo-password-1');
    await page.goto(`${server.url}/#/tasks/abc`);
    const alert = page.getByRole('alert');
    await alert.waitFor();

    expect(await alert.textContent()).toBe('Không tìm thấy dữ liệu được yêu cầu.');
    expect(api.requests.some((request) => request.path === '/api/tasks/abc')).toBe(false);
  });

  it('task form explains an English server message in Vietnamese', async () => {
    const { page } = tab;
    api.completeResponses.push({
      status: 400,
      body: {
        code: 'EISO_ERR_VALIDATION',
        message: 'Invalid request body: the task takes no attachment ids.',
        statusCode: 400,
      },
    });
    await login(page, server.url, 'secretary', 'demo-password-1');
    await page.goto(`${server.url}/#/tasks/1001`);
    await formField(page, 'objectives.0.title').waitFor();
    await page.getByRole('button', { name: 'Hoàn thành' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Dữ liệu gửi lên chưa hợp lệ.' });
    await alert.waitFor();

    expect(await alert.textContent()).toContain('Chi tiết: Invalid request body: the task takes');
  });

  it('task page explains a 409 conflict', async () => {
    const { page } = tab;
    api.completeResponses.push({
      status: 409,
      body: { code: 'EISO_ERR_TASK_CONFLICT', message: 'Conflict', statusCode: 409 },
    });
    await login(page, server.url, 'secretary', 'demo-password-1');
    await page.goto(`${server.url}/#/tasks/1001`);
    await formField(page, 'objectives.0.title').waitFor();

    await page.getByRole('button', { name: 'Hoàn thành' }).click();
    const box = page.locator('.alert-warning');
    await box.waitFor();

    expect(await box.textContent()).toContain('Người khác đã hoàn thành hoặc thay đổi việc này');
  });

  it('start page explains a second start of the year', async () => {
    const { page } = tab;
    api.startResponses.push({
      status: 409,
      body: {
        code: 'EISO_ERR_CONFLICT',
        message: 'Procedure quality-objectives was already started for quality-objectives-2026.',
        statusCode: 409,
      },
    });
    await login(page, server.url, 'secretary', 'demo-password-1');
    await page.goto(`${server.url}/#/start`);
    const card = page.locator('[data-procedure="quality-objectives"]');
    await card.getByRole('button', { name: 'Khởi tạo' }).click();
    const box = card.locator('.alert-warning');
    await box.waitFor();

    expect(await box.textContent()).toContain('đã được khởi tạo cho năm hoặc kỳ đã chọn');
    expect(await box.locator('a').getAttribute('href')).toBe('#/instances');
  });

  it('English switch relabels the form and is remembered', async () => {
    const { page } = tab;
    await login(page, server.url, 'secretary', 'demo-password-1');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor();
    await page.goto(`${server.url}/#/tasks/1001`);
    await formField(page, 'objectives.0.title').waitFor();

    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await formField(page, 'objectives.0.title').locator('label').textContent()).toContain(
      'Objective',
    );
    expect(await page.locator('.fjs-repeat-render-add').textContent()).toContain('Add new');
    await page.reload();
    await page.getByRole('button', { name: 'Complete' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('eiso.language'))).toBe('en');
  });

  it('instance page marks completed and active elements', async () => {
    const { page } = tab;
    await login(page, server.url, 'secretary', 'demo-password-1');
    await page.goto(`${server.url}/#/instances/2001`);
    await page.locator('.djs-container svg').waitFor();

    expect(
      await page.locator('[data-element-id="Task_DraftObjectives"].eiso-completed').count(),
    ).toBe(1);
    expect(await page.locator('[data-element-id="Flow_DraftToReview"].eiso-taken').count()).toBe(1);
    expect(
      await page.locator('[data-element-id="Task_ReviewObjectives"].eiso-active').count(),
    ).toBe(1);
    const history = page.locator('.history-table');
    expect(await history.textContent()).toContain('Khởi tạo quy trình');
    expect(await history.textContent()).toContain('Hoàn thành công việc');
    expect(await history.textContent()).toContain('Trả lại · Bổ sung công thức.');
    await screenshot(page, 'pages-instance');
  });

  it('objectives register shows status, approvals and acknowledgements', async () => {
    const { page } = tab;
    await login(page, server.url, 'secretary', 'demo-password-1');
    await navigateTo(page, 'Sổ mục tiêu chất lượng');
    await page.locator('.objectives-table').waitFor();

    expect(await page.locator('.objectives-table').textContent()).toContain('Đã phổ biến');
    expect(await page.locator('.objectives-table').textContent()).toContain('31/12/2026');
    const approvals = page.locator('.approval-list li');
    expect(await approvals.count()).toBe(2);
    expect(await approvals.first().textContent()).toContain('Trả lại');
    expect(await approvals.first().textContent()).toContain('Bổ sung công thức tính.');
    expect(await page.locator('tr[data-department="VP"]').textContent()).toContain('Đã xác nhận');
    expect(await page.locator('tr[data-department="TTRA"]').textContent()).toContain(
      'Chưa xác nhận',
    );
  });

  it('pages fit a 360 px wide screen', async () => {
    await tab.context.close();
    tab = await openPage(browser, { width: 360, height: 740 });
    const { page } = tab;
    await login(page, server.url, 'secretary', 'demo-password-1');

    for (const route of ['#/inbox', '#/tasks/1001', '#/objectives', '#/start']) {
      await page.goto(`${server.url}/${route}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, route).toBeLessThanOrEqual(0);
    }
    await screenshot(page, 'pages-task-360px');
  });
});
