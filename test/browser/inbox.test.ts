import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTask, twoDefinitions } from '../tasks/inbox-fixtures.js';
import { runAxe, seriousViolations } from './axe.js';
import {
  buildWebApp,
  launchBrowser,
  login,
  openPage,
  screenshot,
  startTestServer,
} from './helpers.js';
import type { TestPage, TestServer } from './helpers.js';

const password = 'demo-password-1';
const day = 24 * 60 * 60 * 1000;

// Four open tasks of staff.qlkh: one overdue, one due within two days.
async function seedTasks(app: FastifyInstance): Promise<void> {
  const db = app.services.db;
  await db('user_tasks').delete();
  const [first, second] = await twoDefinitions(db);
  const now = Date.now();
  const iso = (offset: number) => new Date(now + offset).toISOString();
  await insertTask(db, {
    name: 'Mục tiêu chất lượng 2027',
    definition: first,
    businessKey: 'MT-2027',
    variables: { year: 2027 },
    candidateGroups: ['staff-QLKH'],
    priority: 85,
    createdAt: iso(-4 * day),
    dueDate: iso(-day),
  });
  await insertTask(db, {
    name: 'Đánh giá nội bộ',
    definition: first,
    businessKey: 'DG-01',
    variables: { year: 2026 },
    candidateGroups: ['staff-QLKH'],
    assignee: 'staff.qlkh',
    priority: 40,
    createdAt: iso(-3 * day),
    dueDate: iso(day),
  });
  await insertTask(db, {
    name: 'Xử lý khiếu nại',
    definition: second,
    businessKey: 'KN-7',
    candidateUsers: ['staff.qlkh'],
    priority: 10,
    createdAt: iso(-2 * day),
    dueDate: iso(10 * day),
  });
  await insertTask(db, {
    name: 'Xem xét của lãnh đạo',
    definition: second,
    candidateGroups: ['staff-QLKH'],
    priority: 65,
    createdAt: iso(-day),
  });
}

function rowNames(page: Page): Promise<string[]> {
  return page.locator('tbody tr.inbox-row td.column-name').allTextContents();
}

async function openList(page: Page, baseUrl: string, query: string): Promise<void> {
  await page.goto(`${baseUrl}/#/inbox?${query}`);
  await page.locator('.inbox-table, .empty-state').first().waitFor();
}

describe('inbox page', () => {
  let browser: Browser;
  let server: TestServer | undefined;
  let app: FastifyInstance;
  let baseUrl: string;
  let tab: TestPage;

  beforeAll(async () => {
    await buildWebApp();
    server = await startTestServer();
    ({ app, url: baseUrl } = server);
    await seedTasks(app);
    browser = await launchBrowser();
    tab = await openPage(browser);
    await login(tab.page, baseUrl, 'staff.qlkh', password);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('shows lists with counts', async () => {
    const { page } = tab;
    await openList(page, baseUrl, 'list=all');

    const tabs = page.getByRole('navigation', { name: 'Danh sách công việc' });
    expect(await tabs.getByRole('link').allTextContents()).toEqual([
      'Việc của tôi 1',
      'Việc của nhóm 3',
      'Tất cả việc đang mở 4',
      'Quá hạn 1',
      'Đã hoàn thành 0',
    ]);
    expect(await rowNames(page)).toEqual([
      'Xem xét của lãnh đạo',
      'Xử lý khiếu nại',
      'Đánh giá nội bộ',
      'Mục tiêu chất lượng 2027',
    ]);
    expect(await page.locator('tr.row-overdue td.column-name').allTextContents()).toEqual([
      'Mục tiêu chất lượng 2027',
    ]);
    expect(await page.locator('tr.row-due-soon td.column-name').allTextContents()).toEqual([
      'Đánh giá nội bộ',
    ]);
    expect(await page.locator('tbody .priority').allTextContents()).toEqual([
      'Cao',
      'Thấp',
      'Trung bình',
      'Khẩn',
    ]);
    expect(tab.pageErrors).toEqual([]);
  });

  it('searches without diacritics', async () => {
    const { page } = tab;
    await openList(page, baseUrl, 'list=all');

    await page.getByLabel('Tìm công việc').fill('muc tieu');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForURL(/search=muc/);
    await page.locator('.inbox-table').waitFor();

    expect(await rowNames(page)).toEqual(['Mục tiêu chất lượng 2027']);
    expect(await page.getByLabel('Tìm công việc').inputValue()).toBe('muc tieu');
  });

  it('filters by priority and variable', async () => {
    const { page } = tab;
    await openList(page, baseUrl, 'list=all');
    const toggle = page.getByRole('button', { name: 'Bộ lọc', exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#inbox-filter-panel').isVisible()).toBe(false);

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = page.locator('#inbox-filter-panel');
    await panel.getByLabel('Mức ưu tiên').selectOption('critical');
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await page.waitForURL(/priority=critical/);
    await page.locator('.inbox-table').waitFor();
    expect(await rowNames(page)).toEqual(['Mục tiêu chất lượng 2027']);

    await page.getByRole('button', { name: 'Bộ lọc (1 điều kiện)' }).click();
    await panel.getByLabel('Mức ưu tiên').selectOption('');
    await panel.getByLabel('Biến quy trình').fill('year=2026');
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await page.waitForURL(/variables=year/);
    await page.locator('.inbox-table').waitFor();
    expect(await rowNames(page)).toEqual(['Đánh giá nội bộ']);

    await page.getByRole('button', { name: 'Bộ lọc (1 điều kiện)' }).click();
    await panel.getByLabel('Mã hồ sơ').fill('none-such');
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await page.locator('.empty-state').waitFor();
    expect(await page.locator('.empty-state').textContent()).toContain(
      'Không có việc nào khớp với bộ lọc.',
    );
  });

  it('sorts by priority', async () => {
    const { page } = tab;
    await openList(page, baseUrl, 'list=all');

    await page.getByLabel('Sắp xếp').selectOption('priority-desc');
    await page.waitForURL(/sort=priority-desc/);
    await page.locator('.inbox-table').waitFor();

    expect(await rowNames(page)).toEqual([
      'Mục tiêu chất lượng 2027',
      'Xem xét của lãnh đạo',
      'Đánh giá nội bộ',
      'Xử lý khiếu nại',
    ]);
  });

  it('saves a filter and picks it', async () => {
    const { page } = tab;
    await openList(page, baseUrl, 'list=all&search=khieu');

    await page.locator('.inbox-saved summary').click();
    await page.getByLabel('Tên bộ lọc').fill('Khiếu nại');
    await page.getByLabel('Chia sẻ').selectOption('staff-QLKH');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL(/filter=\d+/);
    await page.locator('.inbox-table').waitFor();

    const picker = page.getByLabel('Bộ lọc đã lưu');
    expect(await picker.locator('option:checked').textContent()).toMatch(
      /^Khiếu nại \(chia sẻ với /,
    );
    await openList(page, baseUrl, 'list=all');
    await page.locator('.inbox-saved summary').click();
    await page
      .getByLabel('Bộ lọc đã lưu')
      .selectOption({ label: (await picker.locator('option').nth(1).textContent()) ?? '' });
    await page.waitForURL(/search=khieu/);
    await page.locator('.inbox-table').waitFor();
    expect(await rowNames(page)).toEqual(['Xử lý khiếu nại']);
  });

  it('adds a variable column', async () => {
    const { page } = tab;
    await openList(page, baseUrl, 'list=all&sort=created-asc');

    await page.locator('.inbox-columns summary').click();
    await page.getByLabel('Thêm cột biến quy trình (tên biến)').fill('year');
    await page.getByRole('button', { name: 'Thêm cột' }).click();
    await page.locator('td.column-variable-year').first().waitFor();

    expect(await page.locator('td.column-variable-year').allTextContents()).toEqual([
      '2027',
      '2026',
      '',
      '',
    ]);
    await page.evaluate(() => localStorage.removeItem('eiso.inbox.columns'));
  });

  it('moves between rows by keyboard', async () => {
    const { page } = tab;
    await openList(page, baseUrl, 'list=all');
    const focusedKey = () =>
      page.evaluate(() => document.activeElement?.getAttribute('data-task-key') ?? null);
    const keys = await page
      .locator('tbody tr.inbox-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-task-key')));

    await page.locator('tbody tr.inbox-row').first().focus();
    expect(await focusedKey()).toBe(keys[0]);
    await page.keyboard.press('ArrowDown');
    expect(await focusedKey()).toBe(keys[1]);
    await page.keyboard.press('End');
    expect(await focusedKey()).toBe(keys[3]);
    await page.keyboard.press('ArrowUp');
    expect(await focusedKey()).toBe(keys[2]);
    await page.keyboard.press('Home');
    expect(await focusedKey()).toBe(keys[0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    await page.waitForURL(new RegExp(`#/tasks/${keys[1]}$`));
    await page.getByRole('heading', { level: 1, name: 'Xử lý khiếu nại' }).waitFor();
  });

  it('offers claim only to candidates', async () => {
    const director = await openPage(browser);
    try {
      await login(director.page, baseUrl, 'director', password);
      await openList(director.page, baseUrl, 'list=all');
      await openList(tab.page, baseUrl, 'list=all');
      const row = (page: Page) =>
        page.locator('tbody tr.inbox-row', { hasText: 'Mục tiêu chất lượng 2027' });
      const claimButton = (page: Page) => row(page).getByRole('button', { name: 'Nhận việc' });

      expect(await row(director.page).count()).toBe(1);
      expect(await claimButton(director.page).count()).toBe(0);
      expect(await director.page.getByRole('button', { name: 'Nhận việc' }).count()).toBe(0);
      expect(await row(director.page).textContent()).toContain('Chưa có người nhận');
      expect(await claimButton(tab.page).count()).toBe(1);
      expect(director.pageErrors).toEqual([]);
    } finally {
      await director.context.close();
    }
  });

  it('passes axe on inbox and task', async () => {
    const { page } = tab;
    await openList(page, baseUrl, 'list=all');
    await page.getByRole('button', { name: 'Bộ lọc', exact: true }).click();
    await page.locator('.inbox-saved summary').click();
    await page.locator('.inbox-columns summary').click();
    const inbox = await runAxe(page);

    await page.locator('tbody tr.inbox-row a').first().click();
    await page.getByRole('heading', { level: 1, name: 'Xem xét của lãnh đạo' }).waitFor();
    const task = await runAxe(page);

    expect(seriousViolations(inbox)).toEqual([]);
    expect(seriousViolations(task)).toEqual([]);
  });

  for (const language of ['vi', 'en'] as const) {
    for (const width of [1280, 360]) {
      it(`renders ${language} at ${width} px`, async () => {
        const narrow = await openPage(browser, { width, height: width === 360 ? 740 : 900 });
        try {
          const { page } = narrow;
          await login(page, baseUrl, 'staff.qlkh', password);
          if (language === 'en') {
            // On a phone the language switch is in the menu that the header's button opens.
            if (width === 360) await page.getByRole('button', { name: 'Trình đơn' }).click();
            await page.getByRole('button', { name: 'English' }).click();
          }
          await openList(page, baseUrl, 'list=all');
          const firstRow = page.locator('tbody tr.inbox-row').first();

          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          const rowTop = (await firstRow.boundingBox())?.y ?? Infinity;
          const tabsTop = (await page.locator('.inbox-tabs').boundingBox())?.y ?? 0;
          await screenshot(page, `inbox-${language}-${width}`);

          expect(overflow).toBeLessThanOrEqual(0);
          // Tabs, search, sort and the closed filter panel take under half of the screen.
          expect(rowTop - tabsTop).toBeLessThan((width === 360 ? 740 : 900) / 2);
          const heading = language === 'en' ? 'Tasks' : 'Công việc';
          expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
          expect(narrow.pageErrors).toEqual([]);
        } finally {
          await narrow.context.close();
        }
      });
    }
  }
});
