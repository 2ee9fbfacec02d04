import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login as apiLogin } from '../helpers/test-app.js';
import { demoUnitId } from '../helpers/registers.js';
import {
  completeTask,
  departmentHeads,
  draftedObjectives,
  startQualityObjectives,
} from '../helpers/quality-objectives.js';
import { runAxe, seriousViolations } from './axe.js';
import {
  buildWebApp,
  launchBrowser,
  login,
  navigateTo,
  openPage,
  screenshot,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers.js';

const password = 'demo-password-1';

/** Returns the instance keys that the instances table links to, in table order. */
async function listedKeys(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('.page-instances table tbody a')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.map((href) => decodeURIComponent(href.replace('#/instances/', '')));
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

describe('instance search by auditors', () => {
  let browser: Browser;
  let server: TestServer;
  let activeKey = '';
  let completedKey = '';
  let supervisedName = '';

  beforeAll(async () => {
    await buildWebApp();
    server = await startTestServer();
    const secretary = await apiLogin(server.app, 'secretary');
    const director = await apiLogin(server.app, 'director');
    // The 2028 procedure runs to its end, and the 2027 one waits for the director's review, so a
    // search for active quality-objectives instances finds the 2027 one only.
    completedKey = await startQualityObjectives(secretary, 2028);
    await completeTask(secretary, 'Task_DraftObjectives', {
      objectives: draftedObjectives.map((objective) => ({ ...objective, deadline: '2028-12-31' })),
    });
    await completeTask(director, 'Task_ReviewObjectives', { decision: 'approve' });
    await completeTask(secretary, 'Task_Disseminate', {
      disseminationNote: 'Đã gửi công văn',
      disseminatedOn: '2028-01-20',
    });
    for (const head of departmentHeads)
      await completeTask(await apiLogin(server.app, head), 'Task_Acknowledge', {
        acknowledged: true,
      });
    activeKey = await startQualityObjectives(secretary, 2027);
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    const unit = await server.app.services
      .db('units')
      .where({ id: await demoUnitId(server.app.services.db) })
      .first('name');
    supervisedName = unit.name as string;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the auditor search, open and replay', async () => {
    const tab: TestPage = await openPage(browser);
    try {
      const { page } = tab;
      await login(page, server.url, 'auditor', password);
      expect(await page.locator('.unit-bar').isVisible()).toBe(false);
      await navigateTo(page, 'Quy trình đang chạy');
      await page.getByRole('heading', { level: 1, name: 'Quy trình đang chạy' }).waitFor();

      await page.getByLabel('Mã quy trình').fill('quality-objectives');
      await page.getByLabel('Đang chạy', { exact: true }).check();
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await page.waitForURL(/state=active/);
      await page.locator('.instances-counts').waitFor();
      const keys = await listedKeys(page);
      await screenshot(page, 'instance-search-01-auditor-results');

      expect(page.url()).toContain('bpmnProcessId=quality-objectives');
      expect(keys).toContain(activeKey);
      expect(keys).not.toContain(completedKey);
      const badges = await page.locator('.page-instances table tbody .badge').allInnerTexts();
      expect(badges.every((text) => text === 'Đang chạy')).toBe(true);

      await page.locator(`a[href="#/instances/${activeKey}"]`).click();
      await page.getByRole('link', { name: 'Xem lại diễn biến' }).click();
      await page.locator('.replay-diagram[data-step="1"]').waitFor();

      expect(page.url()).toContain(`#/instances/${activeKey}/replay?step=1`);
      expect(seriousViolations(await runAxe(page))).toEqual([]);
      expect(tab.pageErrors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });

  it('words a bad variable name in Vietnamese', async () => {
    const tab: TestPage = await openPage(browser);
    try {
      const { page } = tab;
      await login(page, server.url, 'auditor', password);
      await page.goto(
        `${server.url}/#/instances?variableName=t%C3%AAn%20bi%E1%BA%BFn&variableValue=a`,
      );
      const alert = page.locator('.page-instances .alert-error');
      await alert.waitFor();
      const text = await alert.innerText();

      expect(text).toContain('Tên biến (/variable/name) phải là tên biến');
      expect(text).not.toMatch(/Invalid|must|pattern|\^\[/);
      expect(tab.pageErrors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });

  it('lets the supervisor switch to the supervised unit', async () => {
    const tab = await openPage(browser);
    try {
      const { page } = tab;
      await login(page, server.url, 'supervisor', password);
      const switcher = page.getByRole('combobox', { name: 'Đơn vị đang xem' });
      await switcher.waitFor();
      await navigateTo(page, 'Quy trình đang chạy');
      await page.locator('.instances-counts').waitFor();
      expect(await listedKeys(page)).toEqual([]);

      await switcher.selectOption({ label: supervisedName });
      await page.locator('.unit-bar-read-only').waitFor();
      await page.locator('.instances-counts').waitFor();
      const keys = await listedKeys(page);
      const status = await page.locator('.unit-bar-status').innerText();
      await screenshot(page, 'instance-search-02-supervisor-instances');

      expect(keys).toContain(activeKey);
      expect(status).toContain('Chỉ đọc');
      expect(status).toContain(supervisedName);
      expect(seriousViolations(await runAxe(page))).toEqual([]);

      await page.goto(`${server.url}/#/registers/context-issues`);
      await page.locator('.page-register table tbody tr').first().waitFor();
      expect(await page.locator('.page-register table tbody tr').count()).toBeGreaterThan(0);
      expect(await switcher.inputValue()).not.toBe('');

      // The settings page marks the unit's settings read-only, but the user's own e-mail choice
      // belongs to their account, so they save it while reading the supervised unit.
      await page.goto(`${server.url}/#/settings`);
      const preferences = page.locator('.notification-preferences-form');
      await preferences.waitFor();
      const note = page.locator('[data-read-only-note]');
      await preferences.getByLabel('Không gửi thư').check();
      await preferences.getByRole('button', { name: 'Lưu cách nhận thư' }).click();
      await preferences.getByText('Đã lưu cách nhận thư thông báo.').waitFor();
      await screenshot(page, 'instance-search-03-read-only-note');

      expect(await note.innerText()).toContain('Chế độ chỉ xem');
      expect(await page.getByRole('button', { name: 'Lưu thiết lập' }).count()).toBe(0);
      expect(tab.pageErrors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });

  it('fits the unit bar at 360 px', async () => {
    const narrow = await openPage(browser, { width: 360, height: 740 });
    try {
      const { page } = narrow;
      await login(page, server.url, 'supervisor', password);
      const switcher = page.getByRole('combobox', { name: 'Đơn vị đang xem' });
      await switcher.selectOption({ label: supervisedName });
      await page.locator('.unit-bar-read-only').waitFor();
      const bar = await page.locator('.unit-bar').boundingBox();
      await screenshot(page, 'instance-search-04-narrow');

      expect(bar!.width).toBeLessThanOrEqual(360);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await page.locator('.unit-bar-status').isVisible()).toBe(true);
      expect(seriousViolations(await runAxe(page))).toEqual([]);
      expect(narrow.pageErrors).toEqual([]);
    } finally {
      await narrow.context.close();
    }
  });
});
