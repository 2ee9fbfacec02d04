import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword as password } from '../helpers/test-app.js';
import {
  buildWebApp,
  launchBrowser,
  login,
  openPage,
  screenshot,
  startTestServer,
} from './helpers.js';
import type { TestPage, TestServer } from './helpers.js';

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
    await login(starter.page, baseUrl, 'secretary', password);
    await login(watcher.page, baseUrl, 'secretary', password);
    const bell = watcher.page.getByRole('button', { name: /^Thông báo, \d+ chưa đọc$/ });
    await bell.waitFor();
    const before = await bellCount(watcher);
    const watcherUrl = watcher.page.url();

    await starter.page.goto(`${baseUrl}/#/start`);
    const card = starter.page.locator('[data-procedure="complaint-handling"]');
    await card.getByRole('button', { name: 'Khởi tạo' }).click();
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
