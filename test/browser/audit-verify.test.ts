import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login as apiLogin } from '../helpers/test-app.js';
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

describe('history integrity check page', () => {
  let browser: Browser;
  let server: TestServer;
  let tab: TestPage;

  beforeAll(async () => {
    await buildWebApp();
    server = await startTestServer({ startScheduler: false });
    browser = await launchBrowser();
    tab = await openPage(browser);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('reports an intact history over a month', async () => {
    const { page } = tab;
    await login(page, server.url, 'secretary', password);
    await page.goto(`${server.url}/#/audit/verify`);
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra toàn vẹn nhật ký' }).waitFor();

    await page.getByRole('button', { name: 'Kiểm tra' }).click();

    await page.getByText('Nhật ký nguyên vẹn.').waitFor();
    expect(await page.locator('.audit-verify-progress').getAttribute('value')).toBe('31');
    expect(tab.pageErrors).toEqual([]);
  });

  it('replaces the progress line when a run ends', async () => {
    const { page } = tab;
    const status = page.locator('.audit-verify-status');

    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Nhật ký nguyên vẹn.').waitFor();

    expect(await status.innerText()).toBe('Đã kiểm tra xong 31 ngày.');
    await page.locator('#audit-verify-from').fill('2026-12-05');
    await page.locator('#audit-verify-to').fill('2026-11-05');
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Chọn ngày bắt đầu và ngày kết thúc').waitFor();
    expect(await status.innerText()).toBe('');
    expect(await page.locator('.audit-verify-progress').isHidden()).toBe(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra toàn vẹn nhật ký' }).waitFor();
  });

  it('names an edited event with a link to its instance', async () => {
    const { page } = tab;
    const secretary = await apiLogin(server.app, 'secretary', password);
    const started = await secretary.request(
      'POST',
      '/api/procedures/quality-objectives/instances',
      {
        year: 2040,
      },
    );
    expect(started.statusCode, started.body).toBe(201);
    const key = (started.json() as { processInstanceKey: string }).processInstanceKey;
    const { db } = server.app.services;
    await db.raw('ALTER TABLE history_events DISABLE TRIGGER history_events_append_only');
    await db('history_events')
      .where({ process_instance_key: key, position: 2 })
      .update({ actor: 'forger' });
    await db.raw('ALTER TABLE history_events ENABLE TRIGGER history_events_append_only');

    await page.getByRole('button', { name: 'Kiểm tra' }).click();

    await page.getByText('Nhật ký đã bị thay đổi sau khi ghi.').waitFor();
    await expect
      .poll(() => page.locator('.audit-verify-facts').innerText())
      .toContain('Sự kiện bị sửa');
    const link = page.getByRole('link', { name: `Mở hồ sơ ${key}` });
    expect(await link.getAttribute('href')).toBe(`#/instances/${key}`);
    await screenshot(page, 'audit-verify-mismatch');
  });
});
