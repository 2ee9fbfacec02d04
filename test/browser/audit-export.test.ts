import fs from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQualityObjectives } from '../helpers/quality-objectives.js';
import { login as apiLogin } from '../helpers/test-app.js';
import {
  buildWebApp,
  launchBrowser,
  login,
  openPage,
  startTestServer,
  type TestPage,
  type TestServer,
} from './helpers.js';

describe('audit trail downloads on the instance page', () => {
  let browser: Browser;
  let server: TestServer;
  let tab: TestPage;
  let key: string;

  beforeAll(async () => {
    await buildWebApp();
    server = await startTestServer();
    browser = await launchBrowser();
    key = await startQualityObjectives(await apiLogin(server.app, 'secretary'), 2030);
    tab = await openPage(browser);
    await login(tab.page, server.url, 'secretary', 'demo-password-1');
  });

  afterAll(async () => {
    expect(tab?.pageErrors ?? []).toEqual([]);
    await browser?.close();
    await server?.close();
  });

  async function download(label: string): Promise<{ name: string; content: Buffer }> {
    const { page } = tab;
    await page.goto(`${server.url}/#/instances/${key}`);
    const link = page.getByRole('group', { name: 'Tải hồ sơ kiểm tra vết' }).getByRole('link', {
      name: label,
    });
    const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const filePath = await file.path();
    return { name: file.suggestedFilename(), content: await fs.readFile(filePath) };
  }

  it('downloads the CSV in Vietnamese', async () => {
    const { name, content } = await download('Tải CSV');

    expect(name).toBe(`audit-trail-${key}.csv`);
    expect([...content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(content.toString('utf8')).toContain('"Khởi tạo quy trình"');
  });

  it('downloads the JSON with a valid chain', async () => {
    const { name, content } = await download('Tải JSON (kèm mã băm)');
    const trail = JSON.parse(content.toString('utf8'));

    expect(name).toBe(`audit-trail-${key}.json`);
    expect(trail.instance.key).toBe(key);
    expect(trail.verification.valid).toBe(true);
  });

  it('downloads the PDF', async () => {
    const { name, content } = await download('Tải PDF');

    expect(name).toBe(`audit-trail-${key}.pdf`);
    expect(content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
