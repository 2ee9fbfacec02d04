import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collaborationFormWithFile,
  deployCollaborationProcess,
  pdfBytes,
  startCollaboration,
} from '../tasks/collaboration-fixtures.js';
import { runAxe, seriousViolations } from './axe.js';
import {
  buildWebApp,
  claimIfNeeded,
  launchBrowser,
  login,
  logout,
  openPage,
  screenshot,
  startTestServer,
} from './helpers.js';
import type { TestPage, TestServer } from './helpers.js';

const password = 'demo-password-1';

/** 2.5 MB, so the hint shows a decimal comma. */
const maxBytes = 2_621_440;

/** A 1 x 1 PNG image. */
const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function rowNames(page: Page): Promise<string[]> {
  return page.locator('tbody tr.inbox-row td.column-name').allTextContents();
}

describe('attachments, pickers and names', () => {
  let browser: Browser;
  let server: TestServer | undefined;
  let app: FastifyInstance;
  let baseUrl: string;
  let tab: TestPage;
  let taskKey: string;
  let reviewKey: string;

  beforeAll(async () => {
    await buildWebApp();
    server = await startTestServer({
      startScheduler: false,
      config: { attachmentMaxBytes: maxBytes },
    });
    ({ app, url: baseUrl } = server);
    await deployCollaborationProcess(app, collaborationFormWithFile);
    await deployCollaborationProcess(
      app,
      collaborationFormWithFile,
      'collab-review',
      'Rà soát hồ sơ',
    );
    ({ taskKey } = await startCollaboration(app));
    ({ taskKey: reviewKey } = await startCollaboration(app, 'head.vp', 'collab-review'));
    browser = await launchBrowser();
    tab = await openPage(browser);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await server?.close();
  });

  async function openAttachments(key: string): Promise<void> {
    const { page } = tab;
    await page.goto(`${baseUrl}/#/tasks/${key}`);
    await page.getByRole('heading', { level: 1, name: 'Chuẩn bị hồ sơ' }).waitFor();
    await page.getByRole('tab', { name: 'Tệp đính kèm' }).click();
    await page.locator('.collab-attachments, #tab-panel-attachments .muted').first().waitFor();
  }

  it('shows the limits in the upload hint', async () => {
    const { page } = tab;
    await login(page, baseUrl, 'staff.vp', password);
    await page.goto(`${baseUrl}/#/tasks/${taskKey}`);
    await claimIfNeeded(page);
    await openAttachments(taskKey);

    const hint = page.locator('#collab-file-hint');
    await hint.filter({ hasText: '2,5 MB' }).waitFor();
    expect(await hint.textContent()).toBe(
      'Mỗi tệp tối đa 2,5 MB, mỗi lần tải lên tối đa 10 tệp. Nhận tài liệu PDF, Word, Excel, PowerPoint và ảnh PNG, JPEG: pdf, docx, xlsx, pptx, doc, xls, png, jpg, jpeg.',
    );
    expect(await page.getByLabel('Chọn tệp').getAttribute('multiple')).not.toBeNull();
    // A PDF saved without an extension must be selectable, so no type filter hides it.
    expect(await page.getByLabel('Chọn tệp').getAttribute('accept')).toBeNull();
  });

  it('uploads several files at once', async () => {
    const { page } = tab;
    await page.getByLabel('Chọn tệp').setInputFiles([
      { name: 'Tờ trình', mimeType: 'application/octet-stream', buffer: pdfBytes(2000) },
      { name: 'Sơ đồ.png', mimeType: 'image/png', buffer: pngBytes },
    ]);
    await page.getByRole('button', { name: 'Tải lên' }).click();

    await page.getByText('Đã tải lên Tờ trình.pdf, Sơ đồ.png.').waitFor();
    await page.getByText('Tệp Tờ trình được lưu thành Tờ trình.pdf').waitFor();
    const links = page.locator('.collab-attachments a');
    await links.nth(1).waitFor();
    expect(await links.allTextContents()).toEqual(['Tờ trình.pdf', 'Sơ đồ.png']);
    const stored = await app.services
      .db('task_attachments')
      .where({ user_task_key: taskKey })
      .orderBy('id')
      .pluck('file_name');
    expect(stored).toEqual(['Tờ trình.pdf', 'Sơ đồ.png']);
  });

  it('checks the size before sending', async () => {
    const { page } = tab;
    const requests: string[] = [];
    const record = (request: { method(): string; url(): string }) => {
      if (request.method() === 'POST') requests.push(request.url());
    };
    page.on('request', record);
    await page.getByLabel('Chọn tệp').setInputFiles({
      name: 'Quá lớn.pdf',
      mimeType: 'application/pdf',
      buffer: pdfBytes(maxBytes + 1),
    });
    await page.getByRole('button', { name: 'Tải lên' }).click();

    await page
      .getByRole('alert')
      .filter({ hasText: 'Tệp Quá lớn.pdf lớn hơn giới hạn 2,5 MB' })
      .waitFor();
    page.off('request', record);
    expect(requests).toEqual([]);
  });

  it('names both sides of a renamed program', async () => {
    const { page } = tab;
    const program = Buffer.alloc(256, 0);
    program.write('MZ', 0, 'latin1');
    await page.getByLabel('Chọn tệp').setInputFiles({
      name: 'bao-cao.pdf',
      mimeType: 'application/pdf',
      buffer: program,
    });
    await page.getByRole('button', { name: 'Tải lên' }).click();

    await page
      .getByRole('alert')
      .filter({
        hasText:
          "Tệp 'bao-cao.pdf': tên tệp cho biết đây là tài liệu PDF (.pdf), còn nội dung là chương trình chạy trên Windows",
      })
      .waitFor();
  });

  it('deletes after a confirmation by keyboard', async () => {
    const { page } = tab;
    const item = page.locator('.collab-attachments li', { hasText: 'Sơ đồ.png' });
    const deleteButton = item.getByRole('button', { name: 'Xóa tệp Sơ đồ.png' });

    await deleteButton.focus();
    await page.keyboard.press('Enter');
    const confirm = item.getByRole('button', { name: 'Xóa tệp', exact: true });
    await confirm.waitFor();
    expect(await confirm.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await item.textContent()).toContain('Xóa hẳn tệp “Sơ đồ.png”?');
    await screenshot(page, 'task-attachments-confirm-1280');
    expect(seriousViolations(await runAxe(page))).toEqual([]);

    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await deleteButton.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(
      await app.services.db('task_attachments').where({ file_name: 'Sơ đồ.png' }),
    ).toHaveLength(1);

    await page.keyboard.press('Enter');
    await confirm.click();
    await page.getByText('Đã xóa tệp Sơ đồ.png.').waitFor();
    await item.waitFor({ state: 'detached' });
    expect(await page.locator('.collab-attachments a').allTextContents()).toEqual(['Tờ trình.pdf']);
    expect(await app.services.db('task_attachments').where({ file_name: 'Sơ đồ.png' })).toEqual([]);
  });

  it('records the deletion in the history', async () => {
    const { page } = tab;
    await page.getByRole('tab', { name: 'Lịch sử' }).click();
    const deleted = page.locator('.collab-history li[data-type="USER_TASK_ATTACHMENT_DELETED"]');
    await deleted.waitFor();

    const text = await deleted.innerText();
    expect(text).toContain('Xóa tệp đính kèm');
    expect(text).toContain('Đỗ Thị Lan');
    expect(text).toContain('Sơ đồ.png');
    expect(tab.pageErrors).toEqual([]);
  });

  it('fits the attachments tab at 360 px', async () => {
    const narrow = await openPage(browser, { width: 360, height: 780 });
    try {
      const { page } = narrow;
      await login(page, baseUrl, 'staff.vp', password);
      await page.goto(`${baseUrl}/#/tasks/${taskKey}`);
      await page.getByRole('heading', { level: 1, name: 'Chuẩn bị hồ sơ' }).waitFor();
      await page.getByRole('tab', { name: 'Tệp đính kèm' }).click();
      await page.locator('#collab-file-hint', { hasText: '2,5 MB' }).waitFor();
      await page.getByRole('button', { name: 'Xóa tệp Tờ trình.pdf' }).click();
      await page.getByRole('button', { name: 'Xóa tệp', exact: true }).waitFor();

      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'task-attachments-360');
      expect(narrow.pageErrors).toEqual([]);
    } finally {
      await narrow.context.close();
    }
  });

  it('shows group and full names on the task', async () => {
    const { page } = tab;
    await logout(page);
    await login(page, baseUrl, 'head.vp', password);
    await page.goto(`${baseUrl}/#/tasks/${reviewKey}`);
    await page.getByRole('heading', { level: 1, name: 'Chuẩn bị hồ sơ' }).waitFor();
    const header = page.locator('.task-header');
    expect(await header.textContent()).toContain('Cán bộ Văn phòng Sở');
    expect(await header.textContent()).not.toContain('staff-VP');

    const assigned = page.waitForResponse(
      (response) => response.url().endsWith('/assignment') && response.status() === 200,
    );
    await page.getByLabel('Giao cho').selectOption({ label: 'Đỗ Thị Lan' });
    await page.getByRole('button', { name: 'Giao việc' }).click();
    await assigned;
    await page.getByRole('tab', { name: 'Lịch sử' }).click();
    const entry = page.locator('.collab-history li[data-type="USER_TASK_ASSIGNED"]');
    await entry.waitFor();

    expect(await entry.innerText()).toContain('cho Đỗ Thị Lan');
    expect(await entry.innerText()).not.toContain('staff.vp');
    await screenshot(page, 'task-history-names-1280');
  });

  it('filters the inbox with pickers', async () => {
    const { page } = tab;
    await logout(page);
    await login(page, baseUrl, 'staff.vp', password);
    await page.evaluate(() =>
      localStorage.setItem(
        'eiso.inbox.columns',
        JSON.stringify(['name', 'procedure', 'assignee', 'candidateGroups']),
      ),
    );
    await page.goto(`${baseUrl}/#/inbox?list=all`);
    await page.locator('.inbox-table').waitFor();
    const reviewRow = page.locator(`tr[data-task-key="${reviewKey}"]`);
    expect(await reviewRow.locator('td.column-candidateGroups').textContent()).toBe(
      'Cán bộ Văn phòng Sở',
    );

    await page.getByRole('button', { name: 'Bộ lọc', exact: true }).click();
    const panel = page.locator('#inbox-filter-panel');
    const procedure = panel.getByLabel('Quy trình', { exact: true });
    expect(await procedure.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Mọi quy trình', 'Phối hợp xử lý', 'Rà soát hồ sơ']),
    );
    await procedure.selectOption({ label: 'Rà soát hồ sơ' });
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await page.waitForURL(/bpmnProcessId=collab-review/);
    await page.locator('.inbox-table').waitFor();
    expect(await page.locator('tbody tr.inbox-row').count()).toBe(1);
    expect(await page.locator('tbody tr.inbox-row').getAttribute('data-task-key')).toBe(reviewKey);

    await page.getByRole('button', { name: 'Bộ lọc (1 điều kiện)' }).click();
    expect(await procedure.locator('option:checked').textContent()).toBe('Rà soát hồ sơ');
    const assignee = panel.getByLabel('Người xử lý', { exact: true });
    const office = assignee.locator('optgroup[label="Văn phòng Sở"]');
    expect(await office.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Đỗ Thị Lan (Chuyên viên Văn phòng)', 'Nguyễn Thu Hà (Thư ký ISO)']),
    );
    await assignee.focus();
    await page.keyboard.press('ArrowDown');
    expect(await assignee.inputValue()).not.toBe('');
    await assignee.selectOption({ label: 'Đỗ Thị Lan (Chuyên viên Văn phòng)' });
    const group = panel.getByLabel('Nhóm được giao', { exact: true });
    await group.selectOption({ label: 'Cán bộ Văn phòng Sở' });
    await screenshot(page, 'inbox-filter-pickers-1280');
    expect(seriousViolations(await runAxe(page))).toEqual([]);
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await page.waitForURL(/assignee=staff\.vp/);
    await page.locator('.inbox-table, .empty-state').first().waitFor();

    expect(page.url()).toContain('candidateGroup=staff-VP');
    expect(await rowNames(page)).toEqual(['Chuẩn bị hồ sơ']);
    expect(await page.locator('tbody tr.inbox-row').getAttribute('data-task-key')).toBe(reviewKey);
    expect(tab.pageErrors).toEqual([]);
  });

  it('fits the filter pickers at 360 px', async () => {
    const narrow = await openPage(browser, { width: 360, height: 780 });
    try {
      const { page } = narrow;
      await login(page, baseUrl, 'staff.vp', password);
      await page.goto(`${baseUrl}/#/inbox?list=all&assignee=staff.vp`);
      await page.locator('.inbox-table, .empty-state').first().waitFor();
      await page.getByRole('button', { name: 'Bộ lọc (1 điều kiện)' }).click();
      const assignee = page.locator('#inbox-filter-panel').getByLabel('Người xử lý');
      expect(await assignee.locator('option:checked').textContent()).toBe(
        'Đỗ Thị Lan (Chuyên viên Văn phòng)',
      );

      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      const box = await assignee.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
      await screenshot(page, 'inbox-filter-pickers-360');
      expect(narrow.pageErrors).toEqual([]);
    } finally {
      await narrow.context.close();
    }
  });

  it('picks a substitute by name and the mail language', async () => {
    const { page } = tab;
    await logout(page);
    await login(page, baseUrl, 'head.vp', password);
    await page.goto(`${baseUrl}/#/settings`);
    await page.getByRole('heading', { level: 2, name: 'Người thay thế khi vắng mặt' }).waitFor();

    await page
      .getByLabel('Người thay thế', { exact: true })
      .selectOption({ label: 'Lê Thị Hồng Nhung (Phó Giám đốc Sở)' });
    await page.getByLabel('Từ ngày').fill('2027-02-01');
    await page.getByLabel('Đến ngày').fill('2027-02-10');
    await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
    await page
      .getByText('Phạm Quốc Huy → Lê Thị Hồng Nhung: từ 01/02/2027 đến 10/02/2027')
      .waitFor();
    expect(await page.locator('.substitutes-list').textContent()).not.toContain('deputy');

    const english = page.getByRole('radio', { name: 'English' });
    expect(await page.getByRole('radio', { name: 'Tiếng Việt' }).isChecked()).toBe(true);
    await english.check();
    await page.getByRole('button', { name: 'Lưu cách nhận thư' }).click();
    await page.getByText('Đã lưu cách nhận thư thông báo.').waitFor();
    const user = await app.services.db('users').where({ username: 'head.vp' }).first('locale');
    expect(user.locale).toBe('en');
    await screenshot(page, 'settings-substitutes-language-1280');
    expect(seriousViolations(await runAxe(page))).toEqual([]);

    await page.reload();
    await page.getByRole('radio', { name: 'English' }).waitFor();
    expect(await page.getByRole('radio', { name: 'English' }).isChecked()).toBe(true);
    expect(tab.pageErrors).toEqual([]);
  });

  it('fits the settings at 360 px', async () => {
    const narrow = await openPage(browser, { width: 360, height: 780 });
    try {
      const { page } = narrow;
      await login(page, baseUrl, 'director', password);
      await page.goto(`${baseUrl}/#/settings`);
      await page.getByLabel('Người vắng mặt').waitFor();
      await page.getByRole('radio', { name: 'Tiếng Việt' }).waitFor();
      await page.getByText('Phạm Quốc Huy → Lê Thị Hồng Nhung').waitFor();

      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'settings-substitutes-language-360');
      expect(narrow.pageErrors).toEqual([]);
    } finally {
      await narrow.context.close();
    }
  });
});
