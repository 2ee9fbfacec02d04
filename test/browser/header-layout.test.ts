import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const phone = { width: 360, height: 740 };
// One row of brand, bell and menu button is about 56 px high; the limit leaves room for fonts.
const maxPhoneHeaderHeight = 80;

async function headerHeight(page: Page): Promise<number> {
  const box = await page.locator('.app-header').boundingBox();
  if (!box) throw new Error('the page header is not rendered');
  return box.height;
}

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

function menuButton(page: Page) {
  return page.locator('.menu-toggle');
}

function mainNavigation(page: Page) {
  return page.getByRole('navigation', { name: /Điều hướng chính|Main navigation/ });
}

async function openMenuByKeyboard(page: Page): Promise<void> {
  await menuButton(page).focus();
  await page.keyboard.press('Enter');
  await mainNavigation(page).waitFor();
}

describe('page header', () => {
  let browser: Browser;
  let server: TestServer | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    await buildWebApp();
    server = await startTestServer();
    baseUrl = server.url;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function withPage(
    size: { width: number; height: number },
    run: (tab: TestPage) => Promise<void>,
  ): Promise<void> {
    const tab = await openPage(browser, size);
    try {
      await run(tab);
      expect(tab.pageErrors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  }

  it('fits one row on a phone', async () => {
    await withPage(phone, async ({ page }) => {
      await login(page, baseUrl, 'secretary', password);

      const height = await headerHeight(page);
      const tabsTop = (await page.locator('.inbox-tabs').boundingBox())?.y ?? Infinity;

      expect(height).toBeLessThan(maxPhoneHeaderHeight);
      expect(await menuButton(page).isVisible()).toBe(true);
      expect(await mainNavigation(page).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Đăng xuất' }).count()).toBe(0);
      // The inbox's list tabs start in the top third of the screen.
      expect(tabsTop).toBeLessThan(phone.height / 3);
    });
  });

  it('links an icon that loads', async () => {
    await withPage(phone, async ({ page }) => {
      const missing: string[] = [];
      page.on('response', (response) => {
        if (response.status() === 404) missing.push(response.url());
      });
      await login(page, baseUrl, 'secretary', password);

      const iconUrl = await page.locator('link[rel="icon"]').getAttribute('href');
      const linked = await page.request.get(new URL(iconUrl ?? '', page.url()).href);
      const fallback = await page.request.get(`${baseUrl}/favicon.ico`);

      expect(linked.status()).toBe(200);
      expect(linked.headers()['content-type']).toContain('image/svg+xml');
      expect(fallback.status()).toBe(200);
      expect(missing).toEqual([]);
    });
  });

  it('opens and closes the menu by keyboard', async () => {
    await withPage(phone, async ({ page }) => {
      await login(page, baseUrl, 'secretary', password);
      const button = menuButton(page);
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await button.getAttribute('aria-controls')).toBe('app-account app-nav');

      await openMenuByKeyboard(page);
      const focusedAfterOpen = await page.evaluate(() => document.activeElement?.className);
      await page.keyboard.press('Tab');
      const focusedAfterTab = await page.evaluate(() => document.activeElement?.textContent);
      await screenshot(page, 'header-menu-vi-360');

      expect(await button.getAttribute('aria-expanded')).toBe('true');
      expect(focusedAfterOpen).toBe('menu-toggle');
      expect(focusedAfterTab).toBe('Tiếng Việt');
      expect(await page.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(true);

      await page.keyboard.press('Escape');

      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await mainNavigation(page).count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('menu-toggle');

      await page.keyboard.press('Space');
      await mainNavigation(page).getByRole('link', { name: 'Thiết lập' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Thiết lập' }).waitFor();

      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await mainNavigation(page).count()).toBe(0);
    });
  });

  it('closes the menu when focus leaves it', async () => {
    await withPage(phone, async ({ page }) => {
      await login(page, baseUrl, 'secretary', password);
      await openMenuByKeyboard(page);

      await mainNavigation(page).getByRole('link').last().focus();
      await page.keyboard.press('Tab');

      expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false');
      expect(await mainNavigation(page).count()).toBe(0);
    });
  });

  it('passes axe with the menu closed and open', async () => {
    await withPage(phone, async ({ page }) => {
      await login(page, baseUrl, 'secretary', password);
      const closed = await runAxe(page);
      await openMenuByKeyboard(page);
      const open = await runAxe(page);

      expect(seriousViolations(closed)).toEqual([]);
      expect(seriousViolations(open)).toEqual([]);
    });
  });

  it('keeps the wide layout at 1280 px', async () => {
    await withPage({ width: 1280, height: 900 }, async ({ page }) => {
      await login(page, baseUrl, 'secretary', password);

      const height = await headerHeight(page);
      const headerBox = await page.locator('.app-header').boundingBox();
      const navBox = await mainNavigation(page).boundingBox();
      const violations = await runAxe(page);

      expect(await menuButton(page).isVisible()).toBe(false);
      expect(await mainNavigation(page).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(true);
      expect(await page.getByRole('group', { name: 'Ngôn ngữ' }).isVisible()).toBe(true);
      // The brand, the bell and the account tools share one row above the navigation bar.
      expect(height).toBeLessThan(maxPhoneHeaderHeight);
      expect(navBox?.y).toBeCloseTo((headerBox?.y ?? 0) + height, 0);
      expect(seriousViolations(violations)).toEqual([]);
    });
  });

  for (const language of ['vi', 'en'] as const) {
    for (const size of [phone, { width: 1280, height: 900 }]) {
      it(`renders ${language} at ${size.width} px`, async () => {
        await withPage(size, async ({ page }) => {
          await login(page, baseUrl, 'secretary', password);
          if (language === 'en') {
            if (size.width === phone.width) await menuButton(page).click();
            await page.getByRole('button', { name: 'English' }).click();
          }
          await page.locator('.inbox-table, .empty-state').first().waitFor();

          await screenshot(page, `header-${language}-${size.width}`);

          const heading = language === 'en' ? 'Tasks' : 'Công việc';
          expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
          expect(await headerHeight(page)).toBeLessThan(maxPhoneHeaderHeight);
          expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        });
      });
    }
  }

  it('fits the other pages at 360 px', async () => {
    await withPage(phone, async ({ page }) => {
      await login(page, baseUrl, 'secretary', password);
      await menuButton(page).click();
      await mainNavigation(page).getByRole('link', { name: 'Khởi tạo quy trình' }).click();
      const card = page.locator('[data-procedure="quality-objectives"]');
      await card.getByRole('button', { name: 'Khởi tạo' }).click();
      await page.getByRole('button', { name: 'Hoàn thành' }).waitFor();
      const taskOverflow = await horizontalOverflow(page);
      await screenshot(page, 'header-task-vi-360');
      const instance = await server!.app.services
        .db('process_instances')
        .where({ bpmn_process_id: 'quality-objectives' })
        .first('key');

      const overflows: Record<string, number> = { task: taskOverflow };
      for (const route of [
        '#/start',
        '#/objectives',
        '#/registers',
        '#/registers/complaints',
        '#/instances',
        `#/instances/${instance.key}`,
        '#/settings',
      ]) {
        await page.goto(`${baseUrl}/${route}`);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        overflows[route] = await horizontalOverflow(page);
      }
      await screenshot(page, 'header-settings-vi-360');

      for (const [route, overflow] of Object.entries(overflows)) {
        expect(overflow, route).toBeLessThanOrEqual(0);
      }
    });
  });
});
