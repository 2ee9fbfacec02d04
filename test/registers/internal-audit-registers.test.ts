import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';

interface Page {
  items: ({ id: string } & Record<string, unknown>)[];
  total: number;
}

// The demo seed writes last year's concluded programme: four audits, six findings, three of them
// nonconformities with a corrective action (one closed).
describe('internal audit registers', () => {
  let app: TestApp & { drop: () => Promise<void> };
  let secretary: TestSession;
  const lastYear = new Date().getUTCFullYear() - 1;

  beforeAll(async () => {
    app = await createTestApp();
    secretary = await app.login('secretary');
  });
  afterAll(async () => {
    await app.drop();
  });

  async function list(name: string, query = ''): Promise<Page> {
    const response = await secretary.request('GET', `/api/registers/${name}?pageSize=200${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  }

  it('lists the seeded programme', async () => {
    const page = await list('audit-programmes');

    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      year: lastYear,
      reference: `DG-${lastYear}`,
      status: 'completed',
      auditCount: 4,
      outcome: 'improvement',
      approvedByName: 'Trần Văn Minh',
    });
  });

  it('lists plans with departments', async () => {
    const page = await list('audit-plans', '&sort=reference&order=asc');

    expect(page.items.map((item) => item.department)).toEqual([
      'Văn phòng Sở',
      'Phòng Quản lý khoa học',
      'Thanh tra Sở',
      'Phòng Quản lý công nghệ và Đổi mới sáng tạo',
    ]);
    expect(page.items.every((item) => item.status === 'completed')).toBe(true);
    expect(page.items[0].leadAuditorName).toBe('Vũ Đức Thắng');
  });

  it('filters plans by audit date', async () => {
    const page = await list('audit-plans', `&from=${lastYear}-10-01`);

    expect(page.items.map((item) => item.reference).sort()).toEqual([
      `DG-${lastYear}-003`,
      `DG-${lastYear}-004`,
    ]);
  });

  it('filters plans by year', async () => {
    const seeded = await list('audit-plans', `&year=${lastYear}`);
    const later = await list('audit-plans', `&year=${lastYear + 1}`);

    expect(seeded.total).toBe(4);
    expect(later.total).toBe(0);
  });

  it('filters findings by computed status', async () => {
    const open = await list('audit-findings', '&status=open');
    const closed = await list('audit-findings', '&status=closed');
    const noted = await list('audit-findings', '&status=noted');

    expect(open.items.map((item) => item.correctiveAction).sort()).toEqual([
      `KPH-${lastYear}-002`,
      `KPH-${lastYear}-003`,
    ]);
    expect(closed.items.map((item) => item.clause)).toEqual(['7.5.3']);
    expect(noted.total).toBe(3);
    expect(noted.items.every((item) => item.correctiveAction === null)).toBe(true);
  });

  it('filters findings by class and clause', async () => {
    const major = await list('audit-findings', '&findingType=major');
    const clause = await list('audit-findings', '&clause=8.2.1');

    expect(major.items).toHaveLength(1);
    expect(major.items[0]).toMatchObject({
      reference: 'PH-01',
      auditReference: `DG-${lastYear}-004`,
      department: 'Phòng Quản lý công nghệ và Đổi mới sáng tạo',
    });
    expect(clause.items.map((item) => item.department)).toEqual(['Thanh tra Sở']);
  });

  it('searches findings in Vietnamese', async () => {
    const page = await list('audit-findings', `&q=${encodeURIComponent('xin lỗi')}`);

    expect(page.items.map((item) => item.findingType)).toEqual(['major']);
  });

  it('rejects an unknown finding class', async () => {
    const response = await secretary.request(
      'GET',
      '/api/registers/audit-findings?findingType=fatal',
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((detail: { path: string }) => detail.path)).toEqual([
      '/findingType',
    ]);
    expect(response.json().message).toContain('major, minor, observation, opportunity');
  });

  it('rejects invalid plan filters', async () => {
    const response = await secretary.request(
      'GET',
      '/api/registers/audit-plans?from=15-10-2026&status=done&colour=red',
    );

    expect(response.statusCode).toBe(400);
    const paths = response.json().details.map((detail: { path: string }) => detail.path);
    expect(paths).toContain('/from');
    expect(paths).toContain('/status');
    expect(paths).toContain('/colour');
  });

  it('rejects writes to procedure registers', async () => {
    const create = await secretary.request('POST', '/api/registers/audit-findings', {
      reference: 'PH-09',
    });
    const director = await app.login('director');
    const update = await director.request('PATCH', '/api/registers/audit-programmes/1', {
      status: 'completed',
    });

    expect(create.statusCode).toBe(403);
    expect(create.json().message).toContain('its procedure writes the records');
    expect(update.statusCode).toBe(403);
  });

  it('exports findings to Excel', async () => {
    const response = await secretary.request(
      'GET',
      '/api/registers/audit-findings/export.xlsx?status=open',
    );

    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('returns 404 for a missing finding', async () => {
    const response = await secretary.request('GET', '/api/registers/audit-findings/999999');

    expect(response.statusCode).toBe(404);
  });
});
