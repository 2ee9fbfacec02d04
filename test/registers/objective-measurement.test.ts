import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  demoUnitId,
  insertApprovedObjectives,
  insertMeasurements,
  twoDepartmentObjectives,
} from '../helpers/objective-measurement.js';
import type { RegisterPage } from '../helpers/registers.js';

const exportedAt = new Date('2027-04-10T03:00:00Z');

describe('objective-measurements register', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  let secretary: TestSession;

  beforeAll(async () => {
    current = await createTestApp({ now: () => exportedAt });
    const ids = await insertApprovedObjectives(current.db, 2025, twoDepartmentObjectives);
    await insertMeasurements(current.db, [
      { objectiveId: ids[0], period: '2025-01', measuredValue: 98.2 },
      { objectiveId: ids[1], period: '2025-01', measuredValue: 3 },
      { objectiveId: ids[2], period: '2025-01', measuredValue: 91 },
      { objectiveId: ids[0], period: '2025-02', measuredValue: 95.5 },
      { objectiveId: ids[2], period: '2025-02', measuredValue: 92.4 },
    ]);
    secretary = await current.login('secretary');
  });

  afterAll(async () => {
    await current?.drop();
  });

  async function list(query: string): Promise<RegisterPage> {
    const response = await secretary.request(
      'GET',
      `/api/registers/objective-measurements?${query}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as RegisterPage;
  }

  it('is listed read-only under clause 9.1.1', async () => {
    const response = await secretary.request('GET', '/api/registers');
    const definition = (response.json() as { items: Record<string, unknown>[] }).items.find(
      (item) => item.name === 'objective-measurements',
    );

    expect(definition).toMatchObject({
      clause: '9.1.1',
      readOnly: true,
      title: { vi: 'Kết quả đo lường mục tiêu chất lượng', en: 'Quality objective measurements' },
    });
  });

  it('filters by year and period', async () => {
    const year = await list('year=2025&pageSize=50');
    const february = await list('year=2025&period=2025-02');

    expect(year.total).toBe(5);
    expect(february.items.map((item) => [item.objective, item.measuredValue])).toEqual([
      ['Giải quyết hồ sơ đúng hạn', 95.5],
      ['Sự hài lòng của người dân', 92.4],
    ]);
  });

  it('filters by department and result', async () => {
    const science = await list('year=2025&department=QLKH');
    const missed = await list('year=2025&achieved=false&sort=period&order=asc');

    expect(science.total).toBe(2);
    expect(science.items.every((item) => item.department === 'Phòng Quản lý khoa học')).toBe(true);
    expect(missed.items.map((item) => [item.period, item.objective, item.targetValue])).toEqual([
      ['2025-01', 'Hạn chế hồ sơ trễ hạn', 2],
      ['2025-02', 'Giải quyết hồ sơ đúng hạn', 98],
    ]);
  });

  it('shows one record in full', async () => {
    const [missed] = (await list('period=2025-02&achieved=false')).items;

    const response = await secretary.request(
      'GET',
      `/api/registers/objective-measurements/${missed.id}`,
    );

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      year: 2025,
      period: '2025-02',
      objective: 'Giải quyết hồ sơ đúng hạn',
      measuredValue: 95.5,
      targetValue: 98,
      targetUnit: '%',
      direction: 'at_least',
      achieved: false,
      departmentCode: 'VP',
      evidence: 'Báo cáo thống kê tháng 02/2025',
      measuredAt: '2025-02-28T03:00:00.000Z',
      locked: true,
    });
  });

  it('rejects invalid filters', async () => {
    const result = await secretary.request(
      'GET',
      '/api/registers/objective-measurements?achieved=maybe',
    );
    const year = await secretary.request('GET', '/api/registers/objective-measurements?year=abc');
    const unknown = await secretary.request(
      'GET',
      '/api/registers/objective-measurements?quarter=Q1',
    );

    for (const response of [result, year, unknown]) expect(response.statusCode).toBe(400);
    expect(result.json().details[0].path).toBe('/achieved');
    expect(year.json().details[0].path).toBe('/year');
    expect(unknown.json().details[0].path).toBe('/quarter');
  });

  it('rejects writes', async () => {
    const response = await secretary.request('POST', '/api/registers/objective-measurements', {
      period: '2025-03',
    });

    expect(response.statusCode).toBe(403);
    expect(response.json().message).toContain('read-only');
  });

  it('exports the filtered records to Excel', async () => {
    const response = await secretary.request(
      'GET',
      '/api/registers/objective-measurements/export.xlsx?year=2025&department=VP&sort=period&order=asc',
    );

    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A2').value).toBe(
      'Kết quả đo lường mục tiêu chất lượng (ISO 9001, điều 9.1.1)',
    );
    const header = (sheet.getRow(6).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining(['Kỳ đo lường', 'Mục tiêu', 'Giá trị đo được', 'Chỉ tiêu', 'Đạt']),
    );
    const periodColumn = header.indexOf('Kỳ đo lường') + 1;
    const periods = [7, 8, 9].map((row) => sheet.getRow(row).getCell(periodColumn).value);
    expect(periods).toEqual(['2025-01', '2025-01', '2025-02']);
    expect(sheet.getRow(10).getCell(periodColumn).value).toBeNull();
  });

  it('serves objectives without an instance', async () => {
    const unitId = await demoUnitId(current!.db);
    const seeded = await current!
      .db('objectives')
      .where({ unit_id: unitId, status: 'disseminated' })
      .first('year');

    const response = await secretary.request('GET', `/api/objectives?year=${seeded.year}`);

    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { status: string; processInstanceKey: unknown }[];
    expect(items).toHaveLength(6);
    expect(items.every((item) => item.processInstanceKey === null)).toBe(true);
    expect(response.json().approvals).toEqual([]);
  });

  it('seeds the demo year with one missed target', async () => {
    const unitId = await demoUnitId(current!.db);
    // The demo objectives are the disseminated ones; the tests' own are only approved.
    const seeded = await current!
      .db('objectives')
      .where({ unit_id: unitId, status: 'disseminated' })
      .first('year');
    const seededYear = Number(seeded.year);

    const rows = await current!
      .db('objective_measurements')
      .where({ unit_id: unitId, year: seededYear })
      .select('period', 'achieved', 'measured_by', 'objective_position');

    const objectives = await current!
      .db('objectives')
      .where({ unit_id: unitId, year: seededYear, status: 'disseminated' })
      .select('status', 'direction', 'target_unit');
    expect(objectives).toHaveLength(6);
    expect(objectives.every((objective) => objective.status === 'disseminated')).toBe(true);
    expect(objectives.filter((objective) => objective.direction === 'at_most')).toHaveLength(1);
    const periods = [...new Set(rows.map((row) => row.period))];
    expect(rows).toHaveLength(periods.length * 6);
    if (periods.length > 0) {
      const missed = rows.filter((row) => !row.achieved);
      expect(missed).toHaveLength(1);
      expect(missed[0]).toMatchObject({ objective_position: 1, measured_by: 'head.vp' });
    }
  });
});
