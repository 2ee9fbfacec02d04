import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoContextRegisters } from '../../src/seed/demo-context-registers.js';
import {
  login,
  navigateTo,
  openPage,
  repositoryRoot,
  screenshot,
  stepByStepSession,
} from './helpers.js';

const downloadDir = path.join(repositoryRoot, 'test-artifacts/downloads');
const issues = demoContextRegisters.contextIssues;
const climateIssues = issues.filter((issue) => issue.climateRelated);

const newIssue = {
  description:
    'Sạt lở đất trên tuyến đường đến Trung tâm Phục vụ hành chính công sau mưa lớn kéo dài.',
  impact:
    'Người dân không đến nộp hồ sơ trực tiếp được; cần hướng dẫn nộp trực tuyến và gia hạn lịch hẹn.',
};

function tableRows(page: Page) {
  return page.locator('.register-table tbody tr');
}

async function waitForCount(page: Page, count: number): Promise<void> {
  await page.locator('.register-count', { hasText: `${count} bản ghi` }).waitFor();
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('context issues register in the browser', () => {
  // The steps continue one another, so after a failure the rest are skipped.
  const session = stepByStepSession();

  it('opens the context issues register', async () => {
    const { page } = session;
    await session.signIn('secretary');

    await navigateTo(page, 'Sổ đăng ký');
    const card = page.locator('[data-register="context-issues"]');
    await card.waitFor();
    await screenshot(page, 'registers-01-list');
    expect(await page.locator('[data-register="objectives"] a[href="#/objectives"]').count()).toBe(
      1,
    );
    await card.getByRole('link', { name: 'Bối cảnh của tổ chức' }).click();

    await page.getByRole('heading', { level: 1, name: 'Bối cảnh của tổ chức' }).waitFor();
    await waitForCount(page, issues.length);
    expect(await tableRows(page).count()).toBe(issues.length);
    await screenshot(page, 'registers-02-context-issues');
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('filters climate-related issues', async () => {
    const { page } = session;

    await page.getByLabel('Liên quan biến đổi khí hậu').selectOption('true');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();

    await waitForCount(page, climateIssues.length);
    expect(page.url()).toContain('climateRelated=true');
    const rows = tableRows(page);
    expect(await rows.count()).toBe(climateIssues.length);
    for (let index = 0; index < climateIssues.length; index += 1) {
      expect(await rows.nth(index).locator('td.cell-boolean').textContent()).toBe('Có');
    }
    await screenshot(page, 'registers-03-climate-filter');
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('creates a climate-related issue', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Thêm mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bối cảnh của tổ chức: thêm mới' }).waitFor();

    await page.getByRole('button', { name: 'Lưu' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Mô tả vấn đề');
    expect(await page.locator('[data-field="description"] .field-error').textContent()).toBe(
      'không được để trống.',
    );
    await screenshot(page, 'registers-04-validation');

    await page.getByLabel('Loại vấn đề').selectOption('external');
    await page.getByLabel('Lĩnh vực').selectOption('environment');
    await page.getByLabel('Mô tả vấn đề').fill(newIssue.description);
    await page.getByLabel('Tác động đến hệ thống quản lý chất lượng').fill(newIssue.impact);
    await page.getByLabel('Liên quan biến đổi khí hậu').check();
    await page.getByLabel('Ngày xem xét').fill('2026-10-15');
    await page.getByRole('button', { name: 'Lưu' }).click();

    await page.locator('.alert-success', { hasText: 'Đã thêm bản ghi mới.' }).waitFor();
    const details = page.locator('.record-details');
    expect(await details.locator('[data-column="description"] dd').textContent()).toBe(
      newIssue.description,
    );
    expect(await details.locator('[data-column="climateRelated"] dd').textContent()).toBe('Có');
    expect(await details.locator('[data-column="status"] dd').textContent()).toBe('Dự thảo');
    await screenshot(page, 'registers-05-created');
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('downloads the Excel file', async () => {
    const { page } = session;
    await page.goto(`${session.url}/#/registers/context-issues?climateRelated=true`);
    await waitForCount(page, climateIssues.length + 1);

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Xuất Excel' }).click();
    const download = await downloading;

    expect(download.suggestedFilename()).toMatch(/^context-issues-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await fs.mkdir(downloadDir, { recursive: true });
    const file = path.join(downloadDir, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A1').value).toBe('Sở Khoa học và Công nghệ tỉnh An Bình');
    expect(sheet.getCell('A4').value).toBe('Bộ lọc: Liên quan biến đổi khí hậu: Có');
    expect(sheet.getCell('D6').value).toBe('Mô tả vấn đề');
    expect(sheet.rowCount).toBe(6 + climateIssues.length + 1);
    const descriptions = [];
    for (let row = 7; row <= sheet.rowCount; row += 1) {
      expect(sheet.getCell(row, 6).value).toBe('Có');
      descriptions.push(sheet.getCell(row, 4).value);
    }
    expect(descriptions).toContain(newIssue.description);
    await screenshot(page, 'registers-06-export');
    expect(session.tab.pageErrors).toEqual([]);
  });

  it('fits a 360 px wide screen', async () => {
    const narrow = await openPage(session.browser, { width: 360, height: 740 });
    try {
      const { page } = narrow;
      await login(page, session.url, 'secretary', session.password);

      for (const route of [
        '#/registers',
        '#/registers/context-issues',
        '#/registers/context-issues/new',
        '#/registers/qms-scope',
      ]) {
        await page.goto(`${session.url}/${route}`);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await horizontalOverflow(page), route).toBeLessThanOrEqual(0);
      }
      await page.goto(`${session.url}/#/registers/context-issues?climateRelated=true`);
      await page.locator('.register-table').waitFor();
      await screenshot(page, 'registers-07-360px');
      expect(narrow.pageErrors).toEqual([]);
    } finally {
      await narrow.context.close();
    }
  });
});
