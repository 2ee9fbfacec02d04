import fs from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collaborationFormWithFile,
  deployCollaborationProcess,
  pdfBytes,
  startCollaboration,
} from '../tasks/collaboration-fixtures.js';
import {
  buildWebApp,
  claimIfNeeded,
  completeTask,
  fillField,
  formField,
  launchBrowser,
  login,
  logout,
  openPage,
  screenshot,
  startTestServer,
} from './helpers.js';
import type { TestPage, TestServer } from './helpers.js';

const password = 'demo-password-1';

describe('task collaboration page', () => {
  let browser: Browser;
  let server: TestServer | undefined;
  let app: FastifyInstance;
  let baseUrl: string;
  let tab: TestPage;
  let taskKey: string;
  let processInstanceKey: string;

  beforeAll(async () => {
    await buildWebApp();
    server = await startTestServer({ startScheduler: false });
    ({ app, url: baseUrl } = server);
    await deployCollaborationProcess(app, collaborationFormWithFile);
    ({ taskKey, processInstanceKey } = await startCollaboration(app));
    browser = await launchBrowser();
    tab = await openPage(browser);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await server?.close();
  });

  async function openTask(): Promise<void> {
    await tab.page.goto(`${baseUrl}/#/tasks/${taskKey}`);
    await tab.page.getByRole('heading', { level: 1, name: 'Chuẩn bị hồ sơ' }).waitFor();
  }

  it('comments with a mention', async () => {
    const { page } = tab;
    await login(page, baseUrl, 'staff.vp', password);
    await openTask();
    await claimIfNeeded(page);

    await page.getByRole('tab', { name: 'Trao đổi' }).click();
    const textarea = page.getByLabel('Ý kiến của bạn');
    await textarea.pressSequentially('Nhờ @head');
    await page.getByRole('button', { name: /@head\.vp/ }).click();
    await textarea.pressSequentially('xem giúp hồ sơ này.');
    expect(await textarea.inputValue()).toBe('Nhờ @head.vp xem giúp hồ sơ này.');
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();

    await page.locator('.collab-comment-body', { hasText: 'xem giúp hồ sơ này' }).waitFor();
    const mentions = await app.services
      .db('notifications')
      .where({ kind: 'mention', recipient_user: 'head.vp' });
    expect(mentions).toHaveLength(1);
  });

  it('warns of mentions that notify nobody', async () => {
    const { page } = tab;
    const textarea = page.getByLabel('Ý kiến của bạn');

    await textarea.pressSequentially('Hỏi @staff');
    await page.getByRole('button', { name: /@staff\.vp/ }).waitFor();
    expect(await page.getByRole('button', { name: /@staff\.ttra/ }).count()).toBe(0);
    await textarea.fill('Hỏi @staff.ttra về số liệu.');
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();

    await page.locator('.collab-comment-body', { hasText: 'về số liệu' }).waitFor();
    const warning = page.locator('.alert-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(
      'staff.ttra không được mở công việc này nên không được báo.',
    );
  });

  it('uploads and downloads an attachment', async () => {
    const { page } = tab;
    const content = pdfBytes(4096);
    await page.getByRole('tab', { name: 'Tệp đính kèm' }).click();
    await page.getByLabel('Chọn tệp').setInputFiles({
      name: 'Kế hoạch.pdf',
      mimeType: 'application/pdf',
      buffer: content,
    });
    await page.getByRole('button', { name: 'Tải lên' }).click();
    await page.getByText('Đã tải lên Kế hoạch.pdf.').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Kế hoạch.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Kế hoạch.pdf');
    const saved = await fs.readFile((await download.path()) as string);
    expect(saved.equals(content)).toBe(true);

    const renamed = Buffer.alloc(256, 0);
    renamed.write('MZ', 0, 'latin1');
    await page.getByLabel('Chọn tệp').setInputFiles({
      name: 'virus.pdf',
      mimeType: 'application/pdf',
      buffer: renamed,
    });
    await page.getByRole('button', { name: 'Tải lên' }).click();
    await page.getByRole('alert').filter({ hasText: "Tệp 'virus.pdf'" }).waitFor();
  });

  it('delegates and resolves', async () => {
    const { page } = tab;
    await page.getByRole('tab', { name: 'Biểu mẫu' }).click();
    await page.getByLabel('Ủy quyền cho').selectOption('staff.ttra');
    await page.getByRole('button', { name: 'Ủy quyền', exact: true }).click();
    await page.getByText('đã ủy quyền công việc này cho Hoàng Minh Tuấn').waitFor();
    await logout(page);

    await login(page, baseUrl, 'staff.ttra', password);
    await openTask();
    await page.getByText('ủy quyền công việc này cho bạn').waitFor();
    await page.locator('.task-form .fjs-container').waitFor();
    await fillField(page, 'note', 'Đề xuất: đồng ý');
    await page.getByRole('button', { name: 'Xử lý xong, trả lại người giao' }).click();
    await page.getByText('Đã trả công việc lại cho Đỗ Thị Lan.').waitFor();
    await logout(page);

    await login(page, baseUrl, 'staff.vp', password);
    await openTask();
    await page.getByText('Người được ủy quyền đã xử lý xong').waitFor();
    await page.locator('.task-form .fjs-container').waitFor();
    expect(await formField(page, 'note').locator('input').inputValue()).toBe('Đề xuất: đồng ý');
  });

  it('shows the history tab', async () => {
    const { page } = tab;
    await page.getByRole('tab', { name: 'Lịch sử' }).click();
    const history = page.locator('.collab-history');
    await history.waitFor();
    const types = await history
      .locator('li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
    expect(types).toEqual([
      'USER_TASK_CREATED',
      'USER_TASK_CLAIMED',
      'USER_TASK_COMMENTED',
      'USER_TASK_COMMENTED',
      'USER_TASK_ATTACHMENT_ADDED',
      'USER_TASK_DELEGATED',
      'USER_TASK_RESOLVED',
    ]);
    const staffName = await app.services
      .db('users')
      .where({ username: 'staff.ttra' })
      .first('display_name');
    await history.locator('li', { hasText: 'Xử lý xong phần ủy quyền' }).waitFor();
    expect(await history.locator('li[data-type="USER_TASK_RESOLVED"]').innerText()).toContain(
      staffName.display_name,
    );
    await screenshot(page, 'task-collaboration-history');

    await page.setViewportSize({ width: 360, height: 800 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'task-collaboration-360');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('completes with a file field', async () => {
    const { page } = tab;
    await page.getByRole('tab', { name: 'Biểu mẫu' }).click();
    await formField(page, 'evidence')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'minh-chung.pdf', mimeType: 'application/pdf', buffer: pdfBytes() });
    await completeTask(page);

    const completed = await app.services
      .db('user_tasks')
      .where({ key: taskKey })
      .first('completion_variables', 'state');
    expect(completed.state).toBe('COMPLETED');
    const attachment = await app.services
      .db('task_attachments')
      .where({ user_task_key: taskKey, file_name: 'minh-chung.pdf' })
      .first('id');
    expect(attachment).toBeDefined();
    const instance = await app.services
      .db('process_instances')
      .where({ key: processInstanceKey })
      .first('variables');
    expect(instance.variables.evidence).toBe(String(attachment.id));
    expect(tab.pageErrors).toEqual([]);
  });

  it('hides the comment box of a completed task', async () => {
    const { page } = tab;
    await openTask();

    await page.getByRole('tab', { name: 'Trao đổi' }).click();

    await page.locator('.collab-comment-body', { hasText: 'xem giúp hồ sơ này' }).waitFor();
    expect(await page.getByLabel('Ý kiến của bạn').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Gửi ý kiến' }).count()).toBe(0);
  });

  it('head assigns and reschedules', async () => {
    const { page } = tab;
    await deployCollaborationProcess(app, collaborationFormWithFile, 'collab-review');
    const second = await startCollaboration(app, 'head.vp', 'collab-review');
    await logout(page);
    await login(page, baseUrl, 'head.vp', password);
    await page.goto(`${baseUrl}/#/tasks/${second.taskKey}`);
    await page.getByRole('heading', { level: 1, name: 'Chuẩn bị hồ sơ' }).waitFor();

    await page.getByLabel('Mức ưu tiên (0–100)').fill('80');
    await page.getByLabel('Hạn xử lý').fill('2027-01-15T16:30');
    const saved = page.waitForResponse(
      (response) => response.request().method() === 'PATCH' && response.status() === 200,
    );
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await saved;
    await page.locator('.priority-critical, .priority-high').first().waitFor();
    const assigned = page.waitForResponse(
      (response) => response.url().endsWith('/assignment') && response.status() === 200,
    );
    await page.getByLabel('Giao cho').selectOption('staff.vp');
    await page.getByRole('button', { name: 'Giao việc' }).click();
    await assigned;

    const row = await app.services.db('user_tasks').where({ key: second.taskKey }).first();
    expect(row.assignee).toBe('staff.vp');
    expect(row.priority).toBe(80);
    expect(new Date(row.due_date).toISOString()).toBe('2027-01-15T09:30:00.000Z');
    expect(tab.pageErrors).toEqual([]);
  });

  it('sets a substitute in settings', async () => {
    const { page } = tab;
    await page.goto(`${baseUrl}/#/settings`);
    await page.getByRole('heading', { level: 2, name: 'Người thay thế khi vắng mặt' }).waitFor();

    await page.getByLabel('Người thay thế', { exact: true }).selectOption('deputy');
    await page.getByLabel('Từ ngày').fill('2027-02-01');
    await page.getByLabel('Đến ngày').fill('2027-02-10');
    await page.getByRole('button', { name: 'Thêm quy tắc' }).click();

    await page.getByText('Phạm Quốc Huy → Lê Thị Hồng Nhung').waitFor();
    const rules = await app.services.db('substitutes').select('username', 'substitute');
    expect(rules).toEqual([{ username: 'head.vp', substitute: 'deputy' }]);
    await screenshot(page, 'task-collaboration-substitutes');
  });
});
