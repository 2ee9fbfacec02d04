import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctiveActionsRegister } from '../../src/procedures/corrective-action/corrective-action-register.js';
import { RegisterRegistry } from '../../src/registers/framework/register-registry.js';
import { createTestApp, login, type TestApp, type TestSession } from '../helpers/test-app.js';
import { seedOtherAgency } from '../helpers/registers.js';
import type { CorrectiveActionRecord } from '../helpers/corrective-action.js';

const url = '/api/registers/corrective-actions';

interface ListResponse {
  items: CorrectiveActionRecord[];
  total: number;
}

describe('corrective-actions register', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  let secretary: TestSession;
  let staff: TestSession;
  let demo: CorrectiveActionRecord[];

  beforeAll(async () => {
    current = await createTestApp();
    secretary = await current.login('secretary');
    staff = await current.login('staff.qlcn');
    demo = ((await secretary.request('GET', `${url}?pageSize=200`)).json() as ListResponse).items;
  });

  afterAll(async () => {
    await current?.drop();
  });

  async function list(query: string): Promise<ListResponse> {
    const response = await secretary.request('GET', `${url}?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ListResponse;
  }

  async function invalidPaths(query: string): Promise<string[]> {
    const response = await secretary.request('GET', `${url}?${query}`);
    expect(response.statusCode, response.body).toBe(400);
    return (response.json() as { details: { path: string }[] }).details.map(
      (detail) => detail.path,
    );
  }

  it('passes the registry checks', () => {
    expect(() => new RegisterRegistry().add(correctiveActionsRegister)).not.toThrow();
  });

  it('is listed as the read-only register of clause 10.2', async () => {
    const response = await staff.request('GET', '/api/registers');
    const entry = (
      response.json() as { items: { name: string; clause: string; readOnly: boolean }[] }
    ).items.find((item) => item.name === 'corrective-actions');

    expect(entry).toMatchObject({ clause: '10.2', readOnly: true });
  });

  it('holds demo records at every step', () => {
    const statuses = demo.map((item) => item.status).sort();

    expect(statuses).toEqual([
      'checking',
      'closed',
      'implementing',
      'planned',
      'raised',
      'rejected',
    ]);
    expect(demo.every((item) => /^KPH-\d{4}-D\d{2}$/.test(item.code))).toBe(true);
    const closed = demo.find((item) => item.status === 'closed');
    expect(closed?.effectivenessResult).toBe('effective');
    expect(closed?.actions.length).toBeGreaterThan(0);
    expect(closed?.department).toBe('Phòng Quản lý công nghệ và Đổi mới sáng tạo');
  });

  it('filters by source, status, department and classification', async () => {
    const bySource = await list('source=complaint');
    const byStatus = await list('status=closed');
    const byDepartment = await list('department=VP');
    const byClassification = await list('classification=major');

    expect(bySource.items.map((item) => item.source)).toEqual(['complaint']);
    expect(byStatus.items.map((item) => item.status)).toEqual(['closed']);
    expect(byDepartment.total).toBe(demo.filter((item) => item.departmentCode === 'VP').length);
    expect(byDepartment.items.every((item) => item.departmentCode === 'VP')).toBe(true);
    expect(byClassification.items.map((item) => item.classification)).toEqual(['major', 'major']);
  });

  it('filters by the day raised', async () => {
    const days = demo.map((item) => item.raisedOn).sort();
    const oldest = days[0];
    const newest = days.at(-1) as string;

    const upToOldest = await list(`raisedTo=${oldest}`);
    const fromNewest = await list(`raisedFrom=${newest}`);
    const all = await list(`raisedFrom=${oldest}&raisedTo=${newest}`);

    expect(upToOldest.items.map((item) => item.raisedOn)).toEqual([oldest]);
    expect(fromNewest.items.map((item) => item.raisedOn)).toEqual([newest]);
    expect(all.total).toBe(demo.length);
  });

  it('searches code, title and source reference', async () => {
    const closed = demo.find((item) => item.status === 'closed') as CorrectiveActionRecord;

    const byCode = await list(`q=${encodeURIComponent(closed.code)}`);
    const byTitle = await list(`q=${encodeURIComponent('phiếu xin lỗi')}`);

    expect(byCode.items.map((item) => item.code)).toEqual([closed.code]);
    expect(byTitle.items.map((item) => item.source)).toEqual(['complaint']);
  });

  it('rejects invalid filters and names them', async () => {
    expect(await invalidPaths('status=open')).toEqual(['/status']);
    expect(await invalidPaths('source=rumour')).toEqual(['/source']);
    expect(await invalidPaths('raisedFrom=2027-02-30')).toEqual(['/raisedFrom']);
    expect(await invalidPaths('owner=VP')).toEqual(['/owner']);
    expect(await invalidPaths('sort=description')).toEqual(['/sort']);
  });

  it('rejects writes, because the procedure writes the records', async () => {
    const created = await secretary.request('POST', url, { title: 'Ghi tay' });
    const updated = await secretary.request('PATCH', `${url}/${demo[0].id}`, { status: 'closed' });

    expect(created.statusCode).toBe(403);
    expect(updated.statusCode).toBe(403);
  });

  it('shows one record with its plan', async () => {
    const planned = demo.find((item) => item.status === 'planned') as CorrectiveActionRecord;

    const response = await staff.request('GET', `${url}/${planned.id}`);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      code: planned.code,
      rootCauseMethod: 'five-whys',
      whys: [{ why: expect.stringContaining('Tại sao') }],
      actions: [expect.objectContaining({ owner: 'Vũ Đức Thắng' })],
    });
  });

  it('exports the filtered list to Excel in Vietnamese', async () => {
    const response = await secretary.request('GET', `${url}/export.xlsx?status=implementing`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    const cells = sheet
      .getSheetValues()
      .flatMap((row) => (Array.isArray(row) ? row : []))
      .map(String);

    expect(response.statusCode).toBe(200);
    expect(sheet.getCell('A2').value).toBe(
      'Sự không phù hợp và hành động khắc phục (ISO 9001, điều 10.2)',
    );
    expect(cells).toContain('Nguyên nhân gốc rễ');
    expect(cells).toContain('Đang thực hiện');
    expect(cells).toContain('Tỷ lệ hồ sơ giải quyết đúng hạn quý I đạt 95%, thấp hơn chỉ tiêu 98%');
    expect(cells).not.toContain('Đã đóng');
  });

  it('keeps another agency out', async () => {
    await seedOtherAgency(current!.db);
    const outsider = await login(current!.app, 'secretary.hl');

    const response = await outsider.request('GET', `${url}?pageSize=200`);
    const detail = await outsider.request('GET', `${url}/${demo[0].id}`);

    const ids = (response.json() as ListResponse).items.map((item) => item.id);
    expect(ids.some((id) => demo.some((item) => item.id === id))).toBe(false);
    expect(detail.statusCode).toBe(404);
  });
});
