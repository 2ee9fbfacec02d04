import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword as password } from '../helpers/test-app.js';
import { insertNotifications } from '../../src/notifications/notification-store.js';
import {
  buildWebApp,
  chooseOption,
  claimIfNeeded,
  completeTask,
  fillDate,
  fillField,
  launchBrowser,
  login,
  openPage,
  screenshot,
  startTestServer,
} from './helpers.js';
import type { TestPage, TestServer } from './helpers.js';

const today = new Date().toISOString().slice(0, 10);

/** Starts the complaint procedure and submits its first form as the user signed in on `tab`. */
async function fileComplaint(tab: TestPage): Promise<void> {
  const { page } = tab;
  await page.goto(`${tab.page.url().split('#')[0]}#/start`);
  const card = page.locator('[data-procedure="complaint-handling"]');
  await card.getByRole('button', { name: 'Khởi tạo' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tiếp nhận phản ánh, kiến nghị' }).waitFor();
  await claimIfNeeded(page);
  await fillField(page, 'complainantName', 'Công ty Cổ phần Công nghệ Sông Hồng');
  await fillField(page, 'complainantContact', 'lienhe@songhong-tech.vn');
  await chooseOption(page, 'channel', 'Thư điện tử');
  await fillDate(page, 'receivedDate', today);
  await fillField(page, 'service', 'Cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ');
  await chooseOption(page, 'department', 'Phòng Quản lý khoa học');
  await fillField(page, 'complaintContent', 'Hồ sơ nộp trực tuyến đã quá ngày hẹn trả kết quả.');
  await completeTask(page);
}

/** Reads the unread count from the bell's accessible name, such as "Thông báo, 3 chưa đọc". */
async function bellCount(tab: TestPage): Promise<number> {
  const label = await tab.page.locator('.notification-button').getAttribute('aria-label');
  const match = /(\d+)/.exec(label ?? '');
  if (!match) throw new Error(`bell label without a count: ${label}`);
  return Number(match[1]);
}

describe('notification bell', () => {
  let browser: Browser;
  let server: TestServer | undefined;
  let baseUrl: string;
  let starter: TestPage;
  let watcher: TestPage;

  beforeAll(async () => {
    await buildWebApp();
    server = await startTestServer({ config: { notificationPollMs: 200 } });
    baseUrl = server.url;
    browser = await launchBrowser();
    starter = await openPage(browser);
    watcher = await openPage(browser);
  });

  afterAll(async () => {
    await starter?.context.close();
    await watcher?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('count rises live in another page', async () => {
    // A colleague files a complaint; its triage goes to the ISO secretary.
    await login(starter.page, baseUrl, 'staff.vp', password);
    await login(watcher.page, baseUrl, 'secretary', password);
    const bell = watcher.page.getByRole('button', { name: /^Thông báo, \d+ chưa đọc$/ });
    await bell.waitFor();
    const before = await bellCount(watcher);
    const watcherUrl = watcher.page.url();

    await fileComplaint(starter);
    await watcher.page
      .getByRole('button', { name: `Thông báo, ${before + 1} chưa đọc` })
      .waitFor({ timeout: 20_000 });

    expect(await bellCount(watcher)).toBe(before + 1);
    expect(watcher.page.url()).toBe(watcherUrl);
    expect(
      await watcher.page.getByRole('status').filter({ hasText: 'chưa đọc' }).textContent(),
    ).toBe(`${before + 1} thông báo chưa đọc`);

    await bell.click();
    const panel = watcher.page.getByRole('region', { name: 'Thông báo' });
    const newest = panel.getByRole('link').first();
    await newest.waitFor();
    expect(await bell.getAttribute('aria-expanded')).toBe('true');
    expect(await newest.textContent()).toContain('Công việc mới');
    await screenshot(watcher.page, 'notification-bell-open');

    await newest.click();
    await watcher.page.waitForURL(/#\/tasks\/\d+$/);
    await watcher.page
      .getByRole('button', { name: `Thông báo, ${before} chưa đọc` })
      .waitFor({ timeout: 20_000 });
    expect(await bellCount(watcher)).toBe(before);
    expect(starter.pageErrors).toEqual([]);
    expect(watcher.pageErrors).toEqual([]);
  });

  it('read marks follow in another page', async () => {
    const first = await openPage(browser);
    const second = await openPage(browser);
    const bellOf = (tab: TestPage, count: number) =>
      tab.page.getByRole('button', { name: `Thông báo, ${count} chưa đọc` });
    try {
      await login(first.page, baseUrl, 'head.ttra', password);
      await login(second.page, baseUrl, 'head.ttra', password);
      await first.page.getByRole('button', { name: /^Thông báo, \d+ chưa đọc$/ }).waitFor();
      const before = await bellCount(first);
      const unit = await server!.app.services.db('units').where({ code: 'SKHCN' }).first('id');
      await insertNotifications(
        server!.app.services.db,
        ['Báo cáo tuần thứ nhất', 'Báo cáo tuần thứ hai'].map((title) => ({
          unitId: String(unit.id),
          kind: 'info' as const,
          recipientUser: 'head.ttra',
          title,
        })),
        new Date(),
      );
      await bellOf(second, before + 2).waitFor({ timeout: 20_000 });
      await bellOf(second, before + 2).click();
      const secondPanel = second.page.getByRole('region', { name: 'Thông báo' });
      const secondItem = secondPanel.locator('.notification-item', {
        hasText: 'Báo cáo tuần thứ hai',
      });
      await secondItem.waitFor();
      expect(await secondItem.getAttribute('class')).toContain('notification-unread');

      await bellOf(first, before + 2).waitFor({ timeout: 20_000 });
      await bellOf(first, before + 2).click();
      const firstPanel = first.page.getByRole('region', { name: 'Thông báo' });
      await firstPanel.getByRole('link', { name: /Báo cáo tuần thứ hai/ }).click();
      await bellOf(second, before + 1).waitFor({ timeout: 20_000 });
      await second.page
        .locator('.notification-item:not(.notification-unread)', {
          hasText: 'Báo cáo tuần thứ hai',
        })
        .waitFor({ timeout: 20_000 });

      await bellOf(first, before + 1).click();
      await firstPanel.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
      await bellOf(second, 0).waitFor({ timeout: 20_000 });
      await secondPanel
        .locator('.notification-unread')
        .first()
        .waitFor({ state: 'detached', timeout: 20_000 });
      await screenshot(second.page, 'notification-bell-read-elsewhere');

      expect(await bellCount(second)).toBe(0);
      expect(await secondPanel.locator('.notification-unread').count()).toBe(0);
      expect(
        await secondPanel.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).isDisabled(),
      ).toBe(true);
      expect(first.pageErrors).toEqual([]);
      expect(second.pageErrors).toEqual([]);
    } finally {
      await first.context.close();
      await second.context.close();
    }
  });

  it('English interface shows English titles', async () => {
    await watcher.page.getByRole('button', { name: 'English' }).click();
    const bell = watcher.page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
    await bell.click();
    const panel = watcher.page.getByRole('region', { name: 'Notifications' });
    await panel.getByRole('link').first().waitFor();

    expect(await panel.getByRole('link').first().textContent()).toContain('New task: ');
    await watcher.page.getByRole('button', { name: 'Tiếng Việt' }).click();
  });

  it('panel stays on a 360 px screen', async () => {
    const phone = await openPage(browser, { width: 360, height: 740 });
    try {
      await login(phone.page, baseUrl, 'secretary', password);
      await phone.page.getByRole('button', { name: /^Thông báo, \d+ chưa đọc$/ }).click();
      const panel = phone.page.getByRole('region', { name: 'Thông báo' });
      await panel.getByRole('link').first().waitFor();

      const box = await panel.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(360);
      await screenshot(phone.page, 'notification-bell-phone');
      expect(phone.pageErrors).toEqual([]);
    } finally {
      await phone.context.close();
    }
  });

  it('settings page stores the e-mail choice', async () => {
    await watcher.page.goto(`${baseUrl}/#/settings`);
    await watcher.page.getByRole('heading', { level: 2, name: 'Thư thông báo' }).waitFor();
    await watcher.page.getByLabel('Gửi một thư tổng hợp mỗi sáng').check();
    await watcher.page.getByRole('button', { name: 'Lưu cách nhận thư' }).click();
    await watcher.page.getByText('Đã lưu cách nhận thư thông báo.').waitFor();

    const stored = await watcher.page.evaluate(async () => {
      const response = await fetch('/api/me/notification-preferences');
      return (await response.json()) as { emailDelivery: string };
    });
    expect(stored.emailDelivery).toBe('digest');
    await screenshot(watcher.page, 'notification-preferences');
  });
});
