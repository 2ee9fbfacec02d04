import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { demoUnitId } from '../helpers/registers.js';

interface SeededInstance {
  name: string;
  bpmnProcessId: string;
  businessKey: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  hasIncident?: boolean;
  startedAt: string;
  endedAt?: string;
  startedBy: string;
  variables: Record<string, unknown>;
  assignee?: string;
}

// Instances of years no other test data reaches, so every filter has one known result.
const seeded: SeededInstance[] = [
  {
    name: 'objectives-2031',
    bpmnProcessId: 'quality-objectives',
    businessKey: 'MTCL-2031',
    state: 'ACTIVE',
    startedAt: '2031-01-10T02:00:00Z',
    startedBy: 'secretary',
    variables: { year: 2031, note: 'Mục tiêu của Văn phòng Sở' },
  },
  {
    name: 'complaint-email',
    bpmnProcessId: 'complaint-handling',
    businessKey: 'PA-2031-001',
    state: 'COMPLETED',
    startedAt: '2031-02-01T02:00:00Z',
    endedAt: '2031-02-05T09:00:00Z',
    startedBy: 'staff.vp',
    variables: { channel: 'email', urgent: false },
  },
  {
    name: 'complaint-phone',
    bpmnProcessId: 'complaint-handling',
    businessKey: 'PA-2031-002',
    state: 'TERMINATED',
    // 23:30 on 28 February in Vietnam, still February there.
    startedAt: '2031-02-28T16:30:00Z',
    endedAt: '2031-03-02T03:00:00Z',
    startedBy: 'staff.vp',
    variables: { channel: 'phone', urgent: true },
  },
  {
    name: 'objectives-2032',
    bpmnProcessId: 'quality-objectives',
    businessKey: 'MTCL-2032',
    state: 'ACTIVE',
    hasIncident: true,
    startedAt: '2032-01-05T02:00:00Z',
    startedBy: 'secretary',
    variables: { year: 2032 },
    assignee: 'head.qlkh',
  },
];

describe('instance search', () => {
  let current: TestApp & { drop: () => Promise<void> };
  let auditor: TestSession;
  const keys = new Map<string, string>();

  beforeAll(async () => {
    current = await createTestApp();
    const unitId = await demoUnitId(current.db);
    for (const instance of seeded) {
      const definition = await current
        .db('process_definitions')
        .where({ unit_id: unitId, bpmn_process_id: instance.bpmnProcessId })
        .orderBy('version', 'desc')
        .first('key', 'version');
      const [row] = await current
        .db('process_instances')
        .insert({
          unit_id: unitId,
          process_definition_key: definition.key,
          bpmn_process_id: instance.bpmnProcessId,
          version: definition.version,
          business_key: instance.businessKey,
          state: instance.state,
          has_incident: instance.hasIncident ?? false,
          variables: JSON.stringify(instance.variables),
          started_by: instance.startedBy,
          started_at: instance.startedAt,
          ended_at: instance.endedAt ?? null,
        })
        .returning('key');
      keys.set(instance.name, String(row.key));
      if (instance.assignee) {
        await current.db('user_tasks').insert({
          unit_id: unitId,
          process_instance_key: row.key,
          process_definition_key: definition.key,
          bpmn_process_id: instance.bpmnProcessId,
          element_id: 'Task_DraftObjectives',
          element_instance_key: `seeded-${row.key}`,
          state: 'CREATED',
          assignee: instance.assignee,
        });
      }
    }
    auditor = await current.login('auditor');
  });

  afterAll(async () => {
    await current.drop();
  });

  async function search(filters: Record<string, unknown>) {
    const response = await auditor.request('POST', '/api/process-instances/search', {
      startedFrom: '2031-01-01',
      ...filters,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      items: { key: string; startedAt: string }[];
      total: number;
      counts: Record<string, number>;
    };
  }

  const names = (result: { items: { key: string }[] }) =>
    result.items.map((item) => [...keys].find(([, key]) => key === item.key)?.[0]);

  it.each([
    [{ bpmnProcessId: 'complaint-handling' }, ['complaint-phone', 'complaint-email']],
    [{ businessKey: 'mtcl-2031' }, ['objectives-2031']],
    [{ states: ['active'] }, ['objectives-2032', 'objectives-2031']],
    [{ states: ['completed'] }, ['complaint-email']],
    [{ states: ['canceled'] }, ['complaint-phone']],
    [{ states: ['incident'] }, ['objectives-2032']],
    [{ states: ['completed', 'canceled'] }, ['complaint-phone', 'complaint-email']],
    [
      { startedFrom: '2031-02-01', startedTo: '2031-02-28' },
      ['complaint-phone', 'complaint-email'],
    ],
    [{ startedFrom: '2031-03-01', startedTo: '2031-12-31' }, []],
    [{ endedFrom: '2031-03-02', endedTo: '2031-03-02' }, ['complaint-phone']],
    [{ participant: 'staff.vp' }, ['complaint-phone', 'complaint-email']],
    [{ participant: 'head.qlkh' }, ['objectives-2032']],
    [{ variable: { name: 'channel', equals: 'phone' } }, ['complaint-phone']],
    [{ variable: { name: 'urgent', equals: false } }, ['complaint-email']],
    [{ variable: { name: 'year', equals: 2032 } }, ['objectives-2032']],
    [{ variable: { name: 'note', contains: 'van phong' } }, ['objectives-2031']],
    [{ variable: { name: 'year', contains: '2031' } }, []],
  ])('filters by %j', async (filters, expected) => {
    const result = await search(filters);

    expect(names(result)).toEqual(expected);
    expect(result.total).toBe(expected.length);
  });

  it('filters by version', async () => {
    const version = (await search({ bpmnProcessId: 'quality-objectives' })).items.length;
    const definition = await current
      .db('process_instances')
      .where({ key: keys.get('objectives-2031') })
      .first('version');

    const matching = await search({ version: definition.version });
    const none = await search({ version: definition.version + 100 });

    expect(version).toBe(2);
    expect(names(matching)).toContain('objectives-2031');
    expect(none.total).toBe(0);
  });

  it('counts by state under the other filters', async () => {
    const result = await search({ bpmnProcessId: 'quality-objectives', states: ['completed'] });

    expect(result.total).toBe(0);
    expect(result.counts).toEqual({ active: 2, completed: 0, canceled: 0, incident: 1 });
  });

  it('pages and sorts by start date', async () => {
    const first = await search({ pageSize: 3, order: 'asc' });
    const second = await search({ pageSize: 3, order: 'asc', page: 2 });

    expect(names(first)).toEqual(['objectives-2031', 'complaint-email', 'complaint-phone']);
    expect(names(second)).toEqual(['objectives-2032']);
    expect(first.total).toBe(4);
  });

  it.each([
    [{ states: ['open'] }, 'states'],
    [{ startedFrom: '2031-02-30' }, 'startedFrom'],
    [{ startedFrom: '10/01/2031' }, 'startedFrom'],
    [{ startedFrom: '2031-03-01', startedTo: '2031-02-01' }, 'startedTo'],
    [{ variable: { name: 'channel' } }, 'variable'],
    [{ variable: { name: 'channel', equals: 'a', contains: 'b' } }, 'variable'],
    [{ variable: { name: 'bad name', equals: 'a' } }, 'variable'],
    [{ pageSize: 500 }, 'pageSize'],
    [{ unknown: 1 }, 'unknown'],
    [{ unitId: 'abc' }, 'unitId'],
  ])('rejects %j naming the field', async (body, field) => {
    const response = await auditor.request('POST', '/api/process-instances/search', body);

    expect(response.statusCode, response.body).toBe(400);
    expect(JSON.stringify(response.json())).toContain(field);
  });

  it.each([
    [
      { startedFrom: '2031-1-5' },
      '/startedFrom',
      'Bắt đầu từ ngày (/startedFrom) phải là ngày dạng YYYY-MM-DD',
    ],
    [
      { endedTo: '2031-02-30' },
      '/endedTo',
      'Kết thúc đến ngày (/endedTo) = 2031-02-30 không phải ngày có thật',
    ],
    [
      { startedFrom: '0001-01-01' },
      '/startedFrom',
      'Bắt đầu từ ngày (/startedFrom) = 0001-01-01 nằm ngoài khoảng ngày được nhận: chọn ngày từ 1900-01-01 đến 9999-12-31.',
    ],
    [
      { startedFrom: '2031-03-01', startedTo: '2031-02-01' },
      '/startedTo',
      'Bắt đầu đến ngày (/startedTo) không được trước Bắt đầu từ ngày (/startedFrom) (2031-03-01)',
    ],
    [
      { variable: { name: 'tên biến', equals: 'a' } },
      '/variable/name',
      'Tên biến (/variable/name) phải là tên biến',
    ],
    [
      { variable: { name: 'channel' } },
      '/variable',
      'Biến quy trình (/variable) cần đúng một trong hai',
    ],
    [
      { states: ['active', 'active'] },
      '/states',
      'Trạng thái (/states) không được có mục trùng nhau',
    ],
    [{ unitId: 'abc' }, '/unitId', 'Đơn vị (/unitId) phải là mã số gồm 1 đến 18 chữ số'],
  ])('words %j in Vietnamese', async (body, path, expected) => {
    const response = await auditor.request('POST', '/api/process-instances/search', body, {
      'accept-language': 'vi',
    });
    const { message, details } = response.json() as {
      message: string;
      details: { path: string; message: string }[];
    };

    expect(response.statusCode, response.body).toBe(400);
    expect(details[0].path).toBe(path);
    expect(details[0].message).toContain(expected);
    expect(message).toContain(expected);
    expect(message).not.toMatch(/Invalid|must|pattern|\^\[|\]\{/);
  });

  it('words a bad date in English', async () => {
    const response = await auditor.request(
      'POST',
      '/api/process-instances/search',
      { startedFrom: '2031-1-5', endedFrom: '0001-01-01' },
      { 'accept-language': 'en' },
    );

    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toBe(
      'Invalid request body: Started from (/startedFrom) must be a date as YYYY-MM-DD, such as 2026-12-05.',
    );
    expect(response.json().message).not.toContain('pattern');
  });

  it('names the accepted range in English', async () => {
    const response = await auditor.request(
      'POST',
      '/api/process-instances/search',
      { endedFrom: '0001-01-01' },
      { 'accept-language': 'en' },
    );

    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toBe(
      'Invalid search: Ended from (/endedFrom) = 0001-01-01 is outside the accepted dates: choose a date from 1900-01-01 to 9999-12-31.',
    );
  });

  it('accepts the ends of the accepted range', async () => {
    const response = await auditor.request('POST', '/api/process-instances/search', {
      startedFrom: '1900-01-01',
      startedTo: '9999-12-31',
    });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().total).toBeGreaterThanOrEqual(seeded.length);
  });

  it('words an unreadable unit in Vietnamese', async () => {
    const response = await auditor.request(
      'POST',
      '/api/process-instances/search',
      { unitId: '999999' },
      { 'accept-language': 'vi' },
    );

    expect(response.statusCode, response.body).toBe(403);
    expect(response.json().message).toContain('không được xem đơn vị 999999');
  });
});
