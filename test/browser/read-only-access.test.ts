import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login as apiLogin } from '../helpers/test-app.js';
import {
  completeTask,
  draftedObjectives,
  startQualityObjectives,
} from '../helpers/quality-objectives.js';
import {
  buildWebApp,
  launchBrowser,
  login,
  openPage,
  screenshot,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers.js';

const password = 'demo-password-1';

/** Buttons that only read, download or filter, or change only the user's own account. */
const readingButtons = new Set([
  'Tìm',
  'Bộ lọc',
  'Lọc',
  'Xóa bộ lọc',
  'Xuất Excel',
  'Tải PDF',
  'Tải DOCX',
  'Tải CSV',
  'Tải JSON (kèm mã băm)',
  'Xem lại diễn biến',
  'Thử lại',
  // The user's own choice of e-mail changes no data of the unit, so a read-only user keeps it.
  'Lưu cách nhận thư',
]);

/** Returns the labels of the visible, enabled buttons of the page's main region. */
async function enabledButtons(page: Page): Promise<string[]> {
  return page
    .locator('main button:visible, main input[type="submit"]:visible')
    .evaluateAll((nodes) =>
      nodes
        .filter((node) => !(node as HTMLButtonElement).disabled)
        // The replay's buttons step through the history and change nothing.
        .filter((node) => !node.closest('.replay-controls, .replay-timeline'))
        .map((node) => (node.textContent || (node as HTMLInputElement).value || '').trim()),
    );
}

/** Returns the enabled buttons that would change data: neither reading nor sorting a column. */
async function changeButtons(page: Page): Promise<string[]> {
  const labels = await enabledButtons(page);
  return labels.filter((label) => !readingButtons.has(label) && !/[↕▲▼]$/.test(label));
}

async function openRoute(page: Page, url: string, ready: string): Promise<void> {
  await page.goto(url);
  await page.locator(ready).first().waitFor();
  await page.locator('main .loading').waitFor({ state: 'detached' });
}

describe('read-only access of a supervising auditor', () => {
  let browser: Browser;
  let server: TestServer;
  let tab: TestPage;
  let key = '';
  let taskKey = '';

  beforeAll(async () => {
    await buildWebApp();
    server = await startTestServer();
    const secretary = await apiLogin(server.app, 'secretary');
    key = await startQualityObjectives(secretary);
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    const task = await server.app.services
      .db('user_tasks')
      .where({ process_instance_key: key, state: 'CREATED' })
      .first('key');
    taskKey = String(task.key);

    browser = await launchBrowser();
    tab = await openPage(browser);
    await login(tab.page, server.url, 'supervisor', password);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('offers no change in the own unit', async () => {
    const { page } = tab;

    await openRoute(page, `${server.url}/#/settings`, '.notification-preferences-form');
    const settings = await changeButtons(page);
    const note = await page.locator('[data-read-only-note]').innerText();
    await openRoute(page, `${server.url}/#/start`, '.page-heading');
    const start = await changeButtons(page);

    expect(settings).toEqual([]);
    expect(note).toContain('Chế độ chỉ xem');
    expect(await page.locator('[data-read-only-note]').count()).toBe(1);
    expect(start).toEqual([]);
    expect(tab.pageErrors).toEqual([]);
  });

  it('offers no change in the supervised unit', async () => {
    const { page } = tab;
    const switcher = page.getByRole('combobox', { name: 'Đơn vị đang xem' });
    await switcher.selectOption({ label: 'Sở Khoa học và Công nghệ tỉnh An Bình' });
    await page.locator('.unit-bar-read-only').waitFor();
    const pages: [string, string][] = [
      ['#/start', '.page-heading'],
      ['#/inbox?list=all', '.table, .empty-state'],
      ['#/objectives', '.page-heading'],
      ['#/registers', '.page-heading'],
      ['#/registers/context-issues', '.page-register table tbody tr'],
      ['#/registers/context-issues/1', '.page-heading'],
      [`#/instances/${key}`, '.page-heading'],
      [`#/instances/${key}/replay?step=1`, '.replay-diagram[data-step="1"]'],
      [`#/tasks/${taskKey}`, '.page-heading'],
      ['#/models', '.page-heading'],
      ['#/models/process/quality-objectives', '.page-heading'],
      ['#/settings', '.notification-preferences-form'],
    ];

    const found: Record<string, string[]> = {};
    for (const [route, ready] of pages) {
      await openRoute(page, `${server.url}/${route}`, ready);
      found[route] = await changeButtons(page);
    }
    await openRoute(page, `${server.url}/#/start`, '.page-heading');
    const startNote = await page.locator('[data-read-only-note]').count();
    await screenshot(page, 'read-only-01-start');

    for (const [route] of pages) expect(found[route], route).toEqual([]);
    expect(startNote).toBe(1);
    expect(tab.pageErrors).toEqual([]);
  });

  it('names the process on its model page', async () => {
    const { page } = tab;

    await openRoute(page, `${server.url}/#/models/process/quality-objectives`, '.page-heading');
    const heading = page.getByRole('heading', {
      level: 1,
      name: 'Xây dựng và phổ biến mục tiêu chất lượng',
    });
    await heading.waitFor();

    expect(await page.locator('.page-heading').innerText()).toContain('quality-objectives');
    expect(await page.locator('main').innerText()).not.toContain('Quy trình quality-objectives');
    expect(tab.pageErrors).toEqual([]);
  });

  it('keeps the start buttons for the secretary', async () => {
    const secretary = await openPage(browser);
    try {
      await login(secretary.page, server.url, 'secretary', password);
      await openRoute(secretary.page, `${server.url}/#/start`, '.procedure-card');

      expect(await changeButtons(secretary.page)).toContain('Khởi tạo');
      expect(await secretary.page.locator('[data-read-only-note]').count()).toBe(0);
    } finally {
      await secretary.context.close();
    }
  });
});
