import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrix4x4 } from '../helpers/risk-management.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';

// The demo agency's register: seven risks and four opportunities of a finished assessment.
// Before treatment: RR-VP-01 4 × 4, RR-VP-02 2 × 5, RR-QLKH-01 3 × 3, RR-VP-03 2 × 4,
// RR-QLCN-01 1 × 5, RR-TTRA-01 2 × 4, RR-QLKH-02 2 × 2.

interface RiskRecord {
  id: string;
  code: string;
  likelihood: number;
  severity: number;
  score: number;
  level: string;
  residualLikelihood: number | null;
  residualSeverity: number | null;
  residualScore: number | null;
  residualLevel: string | null;
  departmentName: string;
  status: string;
}

interface Page<T> {
  items: T[];
  total: number;
}

describe('risk and opportunity registers', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  let secretary: TestSession;

  beforeAll(async () => {
    current = await createTestApp();
    secretary = await current.login('secretary');
  });

  afterAll(async () => {
    await current?.drop();
  });

  async function list(query = ''): Promise<Page<RiskRecord>> {
    const response = await secretary.request('GET', `/api/registers/risks${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page<RiskRecord>;
  }

  async function riskId(code: string): Promise<string> {
    const page = await list(`?q=${code}`);
    expect(page.items.map((item) => item.code)).toEqual([code]);
    return page.items[0]!.id;
  }

  async function patch(
    session: TestSession,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    return session.request('PATCH', path, body, headers);
  }

  it('lists the demo register by score', async () => {
    const page = await list();

    expect(page.total).toBe(7);
    expect(page.items[0]).toEqual(
      expect.objectContaining({
        code: 'RR-VP-01',
        score: 16,
        level: 'high',
        residualScore: 8,
        residualLevel: 'medium',
        departmentName: 'Văn phòng Sở',
        status: 'monitoring',
      }),
    );
  });

  it.each([
    ['?level=high', ['RR-VP-01', 'RR-VP-02']],
    ['?department=QLKH', ['RR-QLKH-01', 'RR-QLKH-02']],
    ['?likelihood=2&severity=4', ['RR-TTRA-01', 'RR-VP-03']],
    ['?residualLevel=low', ['RR-QLCN-01', 'RR-QLKH-02', 'RR-TTRA-01']],
    ['?residualLikelihood=2&residualSeverity=3', ['RR-QLKH-01', 'RR-VP-03']],
  ])('filters the risks by %s', async (query, codes) => {
    const page = await list(query);

    expect(page.items.map((item) => item.code).sort()).toEqual(codes);
  });

  it('rejects a filter that is not one of the register', async () => {
    const response = await secretary.request('GET', '/api/registers/risks?score=16');

    expect(response.statusCode).toBe(400);
    expect(response.json().details[0].path).toBe('/score');
  });

  it('exports the risks to Excel', async () => {
    const response = await secretary.request('GET', '/api/registers/risks/export.xlsx?level=high');

    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe('Sổ đăng ký rủi ro (ISO 9001, điều 6.1)');
    const header = (sheet.getRow(6).values as unknown[]).slice(1);
    expect(header).toContain('Khả năng xảy ra');
    expect(header).toContain('Mức rủi ro còn lại');
    expect(sheet.getRow(7).getCell(2).value).toBe('RR-VP-01');
  });

  it('lists the opportunities apart from the risks', async () => {
    const response = await secretary.request('GET', '/api/registers/opportunities?priority=high');

    const page = response.json() as Page<{ code: string; score: number; status: string }>;
    expect(page.items.map((item) => [item.code, item.score, item.status])).toEqual([
      ['CH-VP-01', 16, 'in-progress'],
      ['CH-QLCN-01', 15, 'realised'],
      ['CH-QLKH-01', 12, 'planned'],
    ]);
  });

  it('is read-only through the generic routes', async () => {
    const response = await secretary.request('POST', '/api/registers/risks', {
      code: 'RR-VP-99',
      likelihood: 5,
      severity: 5,
    });

    expect(response.statusCode).toBe(403);
  });

  it('recomputes the score of a corrected rating', async () => {
    const id = await riskId('RR-VP-03');

    const response = await patch(secretary, `/api/risks/${id}`, {
      likelihood: 4,
      residualLikelihood: 1,
    });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual(
      expect.objectContaining({
        likelihood: 4,
        severity: 4,
        score: 16,
        level: 'high',
        residualLikelihood: 1,
        residualSeverity: 3,
        residualScore: 3,
        residualLevel: 'low',
      }),
    );
    const event = await current!
      .db('history_events')
      .where({ type: 'REGISTER_RECORD_UPDATED', actor: 'secretary' })
      .orderBy('position', 'desc')
      .first('data');
    expect(event.data.register).toBe('risks');
    expect(event.data.changes.score).toEqual({ from: 8, to: 16 });
  });

  it('rejects a rating outside the matrix', async () => {
    const id = await riskId('RR-VP-02');

    const vietnamese = await patch(secretary, `/api/risks/${id}`, { likelihood: 6, severity: 0 });
    const english = await patch(
      secretary,
      `/api/risks/${id}`,
      { residualSeverity: 9 },
      { 'accept-language': 'en' },
    );

    expect(vietnamese.statusCode).toBe(400);
    expect(vietnamese.json().details).toEqual([
      {
        path: '/likelihood',
        message:
          'Khả năng xảy ra: phải là số nguyên từ 1 đến 5 (ma trận rủi ro của đơn vị là 5 × 5), nhận được 6.',
      },
      {
        path: '/severity',
        message:
          'Mức độ ảnh hưởng: phải là số nguyên từ 1 đến 5 (ma trận rủi ro của đơn vị là 5 × 5), nhận được 0.',
      },
    ]);
    expect(english.statusCode).toBe(400);
    expect(english.json().details).toEqual([
      {
        path: '/residualSeverity',
        message:
          "Residual severity: must be a whole number from 1 to 5 (the unit's risk matrix is 5 × 5), got 9.",
      },
    ]);
  });

  it('rejects a score sent by the client', async () => {
    const id = await riskId('RR-VP-02');

    const response = await patch(secretary, `/api/risks/${id}`, { score: 25, level: 'critical' });

    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((detail: { path: string }) => detail.path)).toEqual([
      '/score',
      '/level',
    ]);
    expect(response.json().details[0].message).toContain('do hệ thống tính');
  });

  it.each([
    [{ likelihood: '3' }, '/likelihood'],
    [{ treatmentOption: 'ignore' }, '/treatmentOption'],
    [{ reviewDate: '31/12/2027' }, '/reviewDate'],
    [{ description: '   ' }, '/description'],
    [{ owner: 'Ai đó' }, '/owner'],
    [{}, '/'],
  ])('rejects the correction %j', async (body, path) => {
    const id = await riskId('RR-VP-02');

    const response = await patch(secretary, `/api/risks/${id}`, body);

    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((detail: { path: string }) => detail.path)).toEqual([path]);
  });

  it('lets only the secretary and the board correct', async () => {
    const id = await riskId('RR-VP-02');
    const head = await current!.login('head.vp');

    const byHead = await patch(head, `/api/risks/${id}`, { likelihood: 1 });
    const missing = await patch(secretary, '/api/risks/999999', { likelihood: 1 });
    const byDirector = await patch(await current!.login('director'), `/api/risks/${id}`, {
      treatmentActions: 'Bổ sung sổ giao nhận hồ sơ giữa các phòng',
    });

    expect(byHead.statusCode).toBe(403);
    expect(missing.statusCode).toBe(404);
    expect(byDirector.statusCode, byDirector.body).toBe(200);
  });

  it('keeps a closed risk as it was', async () => {
    const id = await riskId('RR-QLKH-02');
    await current!.db('risks').where({ id }).update({ status: 'closed' });

    const response = await patch(secretary, `/api/risks/${id}`, { likelihood: 1 });

    expect(response.statusCode).toBe(409);
  });

  it('corrects an opportunity', async () => {
    const page = (
      await secretary.request('GET', '/api/registers/opportunities?q=CH-TTRA-01')
    ).json() as Page<{ id: string }>;
    const id = page.items[0]!.id;

    const rejected = await patch(secretary, `/api/opportunities/${id}`, {
      benefit: 9,
      priority: 'low',
    });
    const outOfRange = await patch(secretary, `/api/opportunities/${id}`, { benefit: 9 });
    const corrected = await patch(secretary, `/api/opportunities/${id}`, { benefit: 5 });

    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().details.map((detail: { path: string }) => detail.path)).toEqual([
      '/priority',
    ]);
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().details[0].message).toContain('từ 1 đến 5');
    expect(corrected.json()).toEqual(
      expect.objectContaining({ benefit: 5, feasibility: 3, score: 15, priority: 'high' }),
    );
  });

  it('counts the open risks per cell of the heat map', async () => {
    const response = await secretary.request('GET', '/api/risks/heat-map?department=QLKH');
    const badDepartment = await secretary.request('GET', '/api/risks/heat-map?department=qlkh');

    expect(response.statusCode, response.body).toBe(200);
    const map = response.json();
    expect(map.matrix.likelihoodLevels).toBe(5);
    expect(map.before).toEqual([{ likelihood: 3, severity: 3, count: 1 }]);
    expect(map.after).toEqual([{ likelihood: 2, severity: 3, count: 1 }]);
    expect([map.total, map.rescored]).toEqual([1, 1]);
    expect(badDepartment.statusCode).toBe(400);
  });

  it('checks ratings against a matrix the unit changed', async () => {
    const id = await riskId('RR-TTRA-01');
    const settings = await secretary.request('PATCH', '/api/settings', {
      riskMatrix: matrix4x4,
    });
    expect(settings.statusCode, settings.body).toBe(200);

    const outside = await patch(secretary, `/api/risks/${id}`, { likelihood: 5 });
    const inside = await patch(secretary, `/api/risks/${id}`, { likelihood: 3 });
    const oldScale = await patch(secretary, `/api/risks/${await riskId('RR-VP-02')}`, {
      treatmentActions: 'Bổ sung sổ giao nhận hồ sơ',
    });
    const map = (await secretary.request('GET', '/api/risks/heat-map')).json();

    expect(outside.statusCode).toBe(400);
    expect(outside.json().details[0].message).toBe(
      'Khả năng xảy ra: phải là số nguyên từ 1 đến 4 (ma trận rủi ro của đơn vị là 4 × 4), nhận được 5.',
    );
    expect(inside.json()).toEqual(
      expect.objectContaining({ likelihood: 3, severity: 4, score: 12, level: 'critical' }),
    );
    expect(oldScale.statusCode).toBe(409);
    expect(oldScale.json().message).toContain('2 × 5 lie outside');
    expect(map.matrix.likelihoodLevels).toBe(4);
  });
});
