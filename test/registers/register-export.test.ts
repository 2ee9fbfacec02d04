import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContextRegisters } from '../../src/seed/demo-context-registers.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';

const exportedAt = new Date('2026-12-04T03:30:00Z');
const issues = demoContextRegisters.contextIssues;

async function readWorkbook(payload: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0];
}

function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  return (sheet.getRow(row).values as unknown[]).slice(1);
}

describe('register export', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  let secretary: TestSession;

  beforeAll(async () => {
    current = await createTestApp({ now: () => exportedAt });
    secretary = await current.login('secretary');
  });

  afterAll(async () => {
    await current?.drop();
  });

  it('sends an xlsx attachment', async () => {
    const response = await secretary.request('GET', '/api/registers/context-issues/export.xlsx');

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="context-issues-2026-12-04.xlsx"',
    );
  });

  it('writes agency, date and Vietnamese header', async () => {
    const response = await secretary.request('GET', '/api/registers/context-issues/export.xlsx');

    const sheet = await readWorkbook(response.rawPayload);

    expect(sheet.getCell('A1').value).toBe('Sở Khoa học và Công nghệ tỉnh An Bình');
    expect(sheet.getCell('A2').value).toBe('Bối cảnh của tổ chức (ISO 9001, điều 4.1)');
    expect(sheet.getCell('A3').value).toBe('Ngày xuất: 04/12/2026 10:30');
    expect(sheet.getCell('A4').value).toBe('Bộ lọc: không');
    expect(rowValues(sheet, 6)).toEqual([
      'STT',
      'Loại vấn đề',
      'Lĩnh vực',
      'Mô tả vấn đề',
      'Tác động đến hệ thống quản lý chất lượng',
      'Liên quan biến đổi khí hậu',
      'Ngày xem xét',
      'Trạng thái',
      'Người phê duyệt',
      'Thời điểm phê duyệt',
      'Cập nhật lần cuối',
    ]);
    expect(sheet.getColumn(4).width).toBe(50);
  });

  it('writes one row per record', async () => {
    const response = await secretary.request('GET', '/api/registers/context-issues/export.xlsx');

    const sheet = await readWorkbook(response.rawPayload);

    expect(sheet.rowCount).toBe(6 + issues.length);
    // The newest review date comes first; of the two issues reviewed on 2026-03-31 the one
    // inserted first does.
    const first = issues[3];
    const row = rowValues(sheet, 7);
    expect(row.slice(0, 8)).toEqual([
      1,
      'Bên ngoài',
      'Môi trường, khí hậu',
      first.description,
      first.impact,
      'Có',
      new Date(Date.UTC(2026, 2, 31)),
      'Dự thảo',
    ]);
    expect(sheet.getCell('G7').numFmt).toBe('dd/mm/yyyy');
  });

  it('applies filters and English labels', async () => {
    const response = await secretary.request(
      'GET',
      '/api/registers/context-issues/export.xlsx?climateRelated=true&lang=en',
    );

    const sheet = await readWorkbook(response.rawPayload);

    const climate = issues.filter((issue) => issue.climateRelated);
    expect(sheet.getCell('A1').value).toBe(
      'Department of Science and Technology of An Binh province',
    );
    expect(sheet.getCell('A4').value).toBe('Filters: Climate-related: Yes');
    expect(rowValues(sheet, 6).slice(0, 4)).toEqual([
      'No.',
      'Issue type',
      'Category',
      'Description',
    ]);
    expect(sheet.rowCount).toBe(6 + climate.length);
    for (let row = 7; row <= sheet.rowCount; row += 1)
      expect(sheet.getCell(row, 6).value).toBe('Yes');
  });

  it('joins lists and tables', async () => {
    const response = await secretary.request(
      'GET',
      '/api/registers/qms-scope/export.xlsx?status=approved',
    );

    const sheet = await readWorkbook(response.rawPayload);

    const scope = demoContextRegisters.scopes[1];
    expect(sheet.getCell('C7').value).toBe(scope.sites.join('\n'));
    expect(sheet.getCell('E7').value).toBe(
      scope.exclusions.map((entry) => `${entry.clause}: ${entry.justification}`).join('\n'),
    );
  });

  it('rejects a bad filter', async () => {
    const response = await secretary.request(
      'GET',
      '/api/registers/context-issues/export.xlsx?status=lost',
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().details[0].path).toBe('/status');
  });
});
