import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import {
  buildWebApp,
  launchBrowser,
  login,
  logout,
  navigateTo,
  openPage,
  repositoryRoot,
  screenshot,
} from './helpers.js';
import type { TestPage } from './helpers.js';

const password = 'demo-password-1';

async function startServer(): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({
    config: {
      ...loadConfig({}),
      databaseUrl: process.env.DATABASE_URL,
      dataDir: 'memory://',
      demoPassword: password,
      webDir: path.join(repositoryRoot, 'dist/web'),
      logLevel: 'warn',
    },
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: url.replace('localhost', '127.0.0.1') };
}

describe('unit settings page', () => {
  let browser: Browser;
  let app: FastifyInstance;
  let baseUrl: string;
  let tab: TestPage;

  beforeAll(async () => {
    await buildWebApp();
    ({ app, url: baseUrl } = await startServer());
    browser = await launchBrowser();
    tab = await openPage(browser);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await app?.close();
  });

  it('secretary changes the schedules', async () => {
    const { page } = tab;
    await login(page, baseUrl, 'secretary', password);
    await navigateTo(page, 'Thiết lập');
    await page.getByRole('heading', { level: 1, name: 'Thiết lập của đơn vị' }).waitFor();
    const matrix = page.getByRole('img', { name: /Ma trận rủi ro/ });
    expect(await matrix.locator('rect').count()).toBe(25);
    expect(await matrix.locator('rect.risk-critical').count()).toBe(3);

    await page.getByLabel('Số mức khả năng xảy ra').fill('4');
    expect(await matrix.locator('rect').count()).toBe(20);
    await page.getByLabel('Số mức khả năng xảy ra').fill('5');

    await page.getByLabel('Số ngày kiểm tra hiệu lực hành động khắc phục').fill('45');
    await page.getByLabel('Chu kỳ đo lường mục tiêu chất lượng').selectOption('P3M');
    await page.getByLabel('Ngày mở chương trình đánh giá nội bộ hằng năm').fill('2027-02-20');
    await screenshot(page, 'settings-secretary');
    await page.getByRole('button', { name: 'Lưu thiết lập' }).click();
    await page.getByText('Đã lưu thiết lập của đơn vị.').waitFor();

    const stored = await page.evaluate(async () => {
      const response = await fetch('/api/settings', { credentials: 'same-origin' });
      return (await response.json()) as Record<string, unknown>;
    });
    expect(stored.effectivenessCheckDays).toBe(45);
    expect(stored.measurementCycle).toBe('R/2027-01-01T08:00:00+07:00/P3M');
    expect(stored.auditProgrammeCycle).toBe('R/2027-02-20T08:00:00+07:00/P1Y');
    expect(
      await page.getByLabel('Số ngày kiểm tra hiệu lực hành động khắc phục').inputValue(),
    ).toBe('45');
  });

  it('secretary sees an invalid band', async () => {
    const { page } = tab;
    await page.getByLabel('Rất cao: Điểm đến').fill('24');
    await page.getByRole('button', { name: 'Lưu thiết lập' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Mức cao nhất phải kết thúc ở điểm 25' })
      .waitFor();
  });

  it('head reads without saving', async () => {
    const { page } = tab;
    await page.goto(`${baseUrl}/#/inbox`);
    await logout(page);
    await login(page, baseUrl, 'head.qlkh', password);
    await navigateTo(page, 'Thiết lập');
    await page.getByText('Chỉ Thư ký ISO và Ban giám đốc được thay đổi thiết lập.').waitFor();
    expect(await page.getByRole('button', { name: 'Lưu thiết lập' }).count()).toBe(0);
    expect(
      await page.getByLabel('Số ngày kiểm tra hiệu lực hành động khắc phục').isDisabled(),
    ).toBe(true);
  });
});
