import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listQuerySchema } from '../../src/registers/framework/list-query.js';
import { RegisterRegistry } from '../../src/registers/framework/register-registry.js';
import {
  managementReviewsRegister,
  reviewActionsRegister,
} from '../../src/procedures/management-review/review-registers.js';
import { listRegister, seedOtherAgency, type RegisterItem } from '../helpers/registers.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';

// The demo seed writes the review of the year before the one it runs in.
const demoYear = new Date().getFullYear() - 1;
const demoReference = `XXLD-${demoYear}-001`;

interface Problem {
  details: { path: string; message: string }[];
}

function paths(body: unknown): string[] {
  return (body as Problem).details.map((detail) => detail.path);
}

describe('management review register definitions', () => {
  it('pass the registry checks', () => {
    const registry = new RegisterRegistry()
      .add(managementReviewsRegister)
      .add(reviewActionsRegister);

    expect(registry.all().map((definition) => definition.clause)).toEqual(['9.3', '9.3.3']);
  });

  it('keep the twelve inputs in order', () => {
    const inputs = managementReviewsRegister.columns.filter((column) =>
      column.key.startsWith('input'),
    );

    expect(inputs).toHaveLength(12);
    expect(inputs[0]).toMatchObject({
      key: 'inputPreviousActions',
      label: {
        vi: 'Tình trạng của các hành động từ các lần xem xét của lãnh đạo trước đó',
        en: 'Status of actions from previous management reviews',
      },
    });
    expect(inputs[11].label.vi).toBe('Các cơ hội cải tiến');
  });

  it('offer the filters in the query', () => {
    const schema = listQuerySchema(reviewActionsRegister) as {
      properties: Record<string, { enum?: string[] }>;
    };

    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['q', 'year', 'outputType', 'status', 'deadlineFrom', 'deadlineTo']),
    );
    expect(schema.properties.outputType.enum).toEqual(['improvement', 'qms-change', 'resources']);
  });
});

describe('management review registers', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  let secretary: TestSession;
  let staff: TestSession;
  let headOfTechnology: TestSession;
  let outsider: TestSession;

  beforeAll(async () => {
    current = await createTestApp({ config: { loginRateLimit: 1000 } });
    await seedOtherAgency(current.db);
    secretary = await current.login('secretary');
    staff = await current.login('staff.vp');
    headOfTechnology = await current.login('head.qlcn');
    outsider = await current.login('secretary.hl');
  });

  afterAll(async () => {
    await current?.drop();
  });

  async function demoActions(): Promise<RegisterItem[]> {
    const page = await listRegister(secretary, 'review-actions', `?year=${demoYear}`);
    return page.items;
  }

  it('lists both read-only registers', async () => {
    const response = await staff.request('GET', '/api/registers');

    const items = (response.json() as { items: Record<string, unknown>[] }).items;
    const reviews = items.find((item) => item.name === 'management-reviews');
    const actions = items.find((item) => item.name === 'review-actions');
    expect(reviews).toMatchObject({ clause: '9.3', readOnly: true });
    expect(actions).toMatchObject({ clause: '9.3.3', readOnly: true });
    expect((actions?.permissions as { create: boolean }).create).toBe(false);
  });

  it('lists the demo review', async () => {
    const page = await listRegister(staff, 'management-reviews', `?year=${demoYear}`);

    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      reference: demoReference,
      status: 'approved',
      meetingDate: `${demoYear}-06-20`,
      reportApprovedByName: 'Trần Văn Minh',
      actionCount: 4,
    });
    expect(page.items[0].inputCustomerSatisfaction).toContain('92,4% hài lòng');
  });

  it('lists actions done and overdue', async () => {
    const actions = await demoActions();

    expect(actions.map((action) => action.status)).toEqual(['done', 'done', 'open', 'open']);
    expect(actions.map((action) => action.overdue)).toEqual([false, false, true, false]);
    expect(actions[2]).toMatchObject({
      reviewReference: demoReference,
      outputType: 'improvement',
      ownerDepartment: 'Phòng Quản lý công nghệ và Đổi mới sáng tạo',
      ownerName: 'Ngô Thanh Sơn',
      deadline: `${demoYear}-12-17`,
      completedOn: null,
    });
  });

  it('filters actions by status and type', async () => {
    const done = await listRegister(secretary, 'review-actions', '?status=done');
    const changes = await listRegister(secretary, 'review-actions', '?outputType=qms-change');
    const owned = await listRegister(secretary, 'review-actions', '?ownerDepartmentCode=VP');

    expect(done.items.every((item) => item.status === 'done')).toBe(true);
    expect(done.total).toBeGreaterThanOrEqual(2);
    expect(changes.items.map((item) => item.outputType)).toEqual(['qms-change']);
    expect(owned.items.every((item) => item.ownerDepartment === 'Văn phòng Sở')).toBe(true);
  });

  it('rejects invalid list queries', async () => {
    const cases: [string, string][] = [
      ['management-reviews?status=closed', '/status'],
      ['management-reviews?year=last', '/year'],
      ['management-reviews?meetingFrom=2027-13-01', '/meetingFrom'],
      ['review-actions?sort=description', '/sort'],
      ['review-actions?owner=VP', '/owner'],
    ];
    for (const [query, path] of cases) {
      const response = await secretary.request('GET', `/api/registers/${query}`);

      expect(response.statusCode, query).toBe(400);
      expect(paths(response.json()), query).toEqual([path]);
    }
  });

  it('rejects writes to read-only registers', async () => {
    const created = await secretary.request('POST', '/api/registers/review-actions', {
      description: 'Hành động ngoài quy trình',
    });
    const [first] = await demoActions();
    const changed = await secretary.request('PATCH', `/api/registers/review-actions/${first.id}`, {
      status: 'open',
    });

    expect(created.statusCode).toBe(403);
    expect(changed.statusCode).toBe(403);
  });

  it('hides the reviews of other agencies', async () => {
    const page = await listRegister(outsider, 'management-reviews');

    expect(page.items).toEqual([]);
  });

  it('exports the actions to Excel', async () => {
    const response = await secretary.request(
      'GET',
      `/api/registers/review-actions/export.xlsx?year=${demoYear}`,
    );

    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A2').value).toBe(
      'Hành động sau xem xét của lãnh đạo (ISO 9001, điều 9.3.3)',
    );
    const texts = sheet.getSheetValues().flat().map(String);
    expect(texts).toContain('Mua sắm 01 máy quét tài liệu khổ A3 cho Bộ phận Một cửa');
  });

  it('validates an action completion', async () => {
    const overdue = (await demoActions())[2];
    const url = `/api/review-actions/${overdue.id}/complete`;
    const cases: [Record<string, unknown>, string][] = [
      [{ completedOn: '2099-01-01', completionNote: 'Đã xong.' }, '/completedOn'],
      [{ completedOn: '2026-31-01', completionNote: 'Đã xong.' }, '/completedOn'],
      [{ completedOn: '2026-01-31' }, '/completionNote'],
      [{ completedOn: '2026-01-31', completionNote: '   ' }, '/completionNote'],
      [{ completedOn: '2026-01-31', completionNote: 'Đã xong.', status: 'done' }, '/status'],
    ];
    for (const [body, path] of cases) {
      const response = await secretary.request('POST', url, body);

      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(paths(response.json()), JSON.stringify(body)).toEqual([path]);
    }
  });

  it('lets only permitted users complete actions', async () => {
    const [firstDone, , overdue, open] = await demoActions();
    const body = { completedOn: '2026-01-31', completionNote: 'Đã ban hành biểu mẫu điện tử.' };

    const byStaff = await staff.request('POST', `/api/review-actions/${overdue.id}/complete`, body);
    const byOtherHead = await headOfTechnology.request(
      'POST',
      `/api/review-actions/${open.id}/complete`,
      body,
    );
    const byOutsider = await outsider.request(
      'POST',
      `/api/review-actions/${overdue.id}/complete`,
      body,
    );
    const again = await secretary.request(
      'POST',
      `/api/review-actions/${firstDone.id}/complete`,
      body,
    );

    expect(byStaff.statusCode).toBe(403);
    expect(byOtherHead.statusCode).toBe(403);
    expect(byOutsider.statusCode).toBe(404);
    expect(again.statusCode).toBe(409);
  });

  it('completes an overdue action', async () => {
    const overdue = (await demoActions())[2];

    const response = await headOfTechnology.request(
      'POST',
      `/api/review-actions/${overdue.id}/complete`,
      { completedOn: '2026-01-31', completionNote: 'Đã ban hành 11 biểu mẫu điện tử.' },
    );

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'done',
      overdue: false,
      completedOn: '2026-01-31',
      completedBy: 'head.qlcn',
      completionNote: 'Đã ban hành 11 biểu mẫu điện tử.',
    });
    const event = await current!
      .db('history_events')
      .whereNull('process_instance_key')
      .orderBy('id', 'desc')
      .first('type', 'actor', 'data');
    expect(event).toMatchObject({ type: 'REGISTER_RECORD_UPDATED', actor: 'head.qlcn' });
    expect(event.data).toMatchObject({ register: 'review-actions', recordId: overdue.id });
  });

  it('serves the approved documents to staff', async () => {
    const page = await listRegister(staff, 'management-reviews', `?year=${demoYear}`);
    const id = page.items[0].id;

    const notice = await staff.request('GET', `/api/management-reviews/${id}/notice?format=pdf`);
    const report = await staff.request('GET', `/api/management-reviews/${id}/report?format=docx`);
    const wrongFormat = await staff.request(
      'GET',
      `/api/management-reviews/${id}/report?format=xls`,
    );
    const elsewhere = await outsider.request('GET', `/api/management-reviews/${id}/notice`);
    const anonymous = await current!.app.inject({
      method: 'GET',
      url: `/api/management-reviews/${id}/notice`,
    });

    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toBe('application/pdf');
    expect(notice.headers['content-disposition']).toBe(
      `attachment; filename="thong-bao-${demoReference.toLowerCase()}.pdf"`,
    );
    expect(report.statusCode).toBe(200);
    expect(wrongFormat.statusCode).toBe(400);
    expect(paths(wrongFormat.json())).toEqual(['/format']);
    expect(elsewhere.statusCode).toBe(404);
    expect(anonymous.statusCode).toBe(401);
  });
});
