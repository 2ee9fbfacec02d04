import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { demoUnitId, seedOtherAgency } from '../helpers/registers.js';
import {
  draftedObjectives,
  findTask,
  startQualityObjectives,
} from '../helpers/quality-objectives.js';

describe('instance access by role', () => {
  let current: TestApp & { drop: () => Promise<void> };
  let instanceKey: string;
  let unitId: string;
  let supervisor: TestSession;

  beforeAll(async () => {
    current = await createTestApp();
    await seedOtherAgency(current.db);
    unitId = await demoUnitId(current.db);
    instanceKey = await startQualityObjectives(await current.login('secretary'));
    supervisor = await current.login('supervisor');
  });

  afterAll(async () => {
    await current.drop();
  });

  const readers = ['secretary', 'director', 'staff.qlkh', 'auditor'];

  it.each(readers)('lets %s read the unit instance', async (username) => {
    const session = await current.login(username);

    const list = await session.request('GET', '/api/process-instances');
    const detail = await session.request('GET', `/api/process-instances/${instanceKey}`);
    const xml = await session.request('GET', `/api/process-instances/${instanceKey}/xml`);
    const search = await session.request('POST', '/api/process-instances/search', {});

    expect(list.json().items.map((item: { key: string }) => item.key)).toContain(instanceKey);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().history.length).toBeGreaterThan(0);
    expect(xml.statusCode).toBe(200);
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json().items.map((item: { key: string }) => item.key)).toContain(instanceKey);
  });

  it('names the user who started each instance in the list and the search', async () => {
    const session = await current.login('director');

    const list = (await session.request('GET', '/api/process-instances')).json();
    const search = (await session.request('POST', '/api/process-instances/search', {})).json();

    for (const items of [list.items, search.items]) {
      const started = items.find((item: { key: string }) => item.key === instanceKey);
      expect(started).toMatchObject({ startedBy: 'secretary', startedByName: 'Nguyễn Thu Hà' });
    }
  });

  it("hides the instance from another unit's user", async () => {
    const session = await current.login('secretary.hl');

    const list = await session.request('GET', '/api/process-instances');
    const detail = await session.request('GET', `/api/process-instances/${instanceKey}`);
    const xml = await session.request('GET', `/api/process-instances/${instanceKey}/xml`);
    const search = await session.request('POST', '/api/process-instances/search', {});
    const searchOther = await session.request('POST', '/api/process-instances/search', { unitId });
    const asOther = await session.request('GET', '/api/process-instances', undefined, {
      'x-eiso-unit': unitId,
    });

    expect(list.json().items).toEqual([]);
    expect(detail.statusCode).toBe(404);
    expect(xml.statusCode).toBe(404);
    expect(search.json().items).toEqual([]);
    expect(searchOther.statusCode).toBe(403);
    expect(asOther.statusCode).toBe(403);
  });

  it('lets the supervisor read the supervised unit', async () => {
    const units = await supervisor.request('GET', '/api/readable-units');
    const own = await supervisor.request('GET', '/api/process-instances');
    const list = await supervisor.request('GET', '/api/process-instances', undefined, {
      'x-eiso-unit': unitId,
    });
    const detail = await supervisor.request('GET', `/api/process-instances/${instanceKey}`);
    const xml = await supervisor.request('GET', `/api/process-instances/${instanceKey}/xml`);
    const search = await supervisor.request('POST', '/api/process-instances/search', { unitId });
    const register = await supervisor.request('GET', '/api/registers/objectives', undefined, {
      'x-eiso-unit': unitId,
    });

    expect(units.json().items.map((unit: { code: string }) => unit.code)).toEqual([
      'UBND',
      'SKHCN',
    ]);
    expect(own.json().items).toEqual([]);
    expect(list.json().items.map((item: { key: string }) => item.key)).toContain(instanceKey);
    expect(detail.statusCode).toBe(200);
    expect(xml.statusCode).toBe(200);
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json().items.map((item: { key: string }) => item.key)).toContain(instanceKey);
    expect(register.statusCode, register.body).toBe(200);
  });

  it('lets the supervisor search through /v2 but not change anything there', async () => {
    const headers = { 'x-eiso-unit': unitId };
    const instances = await supervisor.request('POST', '/v2/process-instances/search', {}, headers);
    const tasks = await supervisor.request('POST', '/v2/user-tasks/search', {}, headers);
    const cancel = await supervisor.request(
      'POST',
      `/v2/process-instances/${instanceKey}/cancellation`,
      {},
      headers,
    );

    expect(instances.statusCode, instances.body).toBe(200);
    expect(
      instances.json().items.map((item: { processInstanceKey: string }) => item.processInstanceKey),
    ).toContain(instanceKey);
    expect(tasks.statusCode, tasks.body).toBe(200);
    expect(cancel.statusCode).toBe(403);
  });

  it('keeps the supervisor out of units it does not supervise', async () => {
    const other = await current.db('units').where({ code: 'SKHCN-HL' }).first('id');

    const search = await supervisor.request('POST', '/api/process-instances/search', {
      unitId: String(other.id),
    });

    expect(search.statusCode).toBe(403);
  });

  it.each([
    ['POST', '/api/procedures/quality-objectives/instances', { year: 2028 }],
    ['POST', '/api/registers/context-issues', {}],
    ['PATCH', '/api/registers/objectives/1', { status: 'approved' }],
    ['DELETE', '/api/filters/1', undefined],
    ['PUT', '/api/settings/notifications', { email: 'off' }],
    ['POST', '/api/incidents/1/resolution', undefined],
  ])('refuses the supervisor %s %s', async (method, url, body) => {
    const own = await supervisor.request(method as 'POST', url, body);
    const supervised = await supervisor.request(method as 'POST', url, body, {
      'x-eiso-unit': unitId,
    });

    expect(own.statusCode, own.body).toBe(403);
    expect(own.json().code).toBe('EISO_ERR_READ_ONLY');
    expect(own.json().message).toContain('read-only access');
    expect(supervised.statusCode).toBe(403);
    expect(supervised.json().code).toBe('EISO_ERR_READ_ONLY');
  });

  it.each([
    ['its own unit', false],
    ['a supervised unit', true],
  ])('lets the supervisor set own notifications in %s', async (_, readsSupervisedUnit) => {
    const headers = readsSupervisedUnit ? { 'x-eiso-unit': unitId } : undefined;

    const readAll = await supervisor.request('POST', '/api/notifications/read-all', {}, headers);
    const saved = await supervisor.request(
      'PUT',
      '/api/me/notification-preferences',
      { emailDelivery: 'digest' },
      headers,
    );
    const preferences = await supervisor.request('GET', '/api/me/notification-preferences');

    expect(readAll.statusCode, readAll.body).toBe(200);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(preferences.json().emailDelivery).toBe('digest');
  });

  it.each([
    ['supervisor', true],
    ['auditor', false],
    ['secretary', false],
  ])('marks the session of %s read-only: %s', async (username, readOnly) => {
    const session = await current.login(username);

    const response = await session.request('GET', '/api/session');

    expect(response.statusCode).toBe(200);
    expect(response.json().user.readOnly).toBe(readOnly);
  });

  it('offers the supervisor no start and no register change', async () => {
    const unitHeaders = { 'x-eiso-unit': unitId };

    const procedures = await supervisor.request('GET', '/api/procedures', undefined, unitHeaders);
    const registers = await supervisor.request('GET', '/api/registers', undefined, unitHeaders);
    const secretary = await current.login('secretary');
    const secretaryProcedures = await secretary.request('GET', '/api/procedures');

    expect(procedures.statusCode).toBe(200);
    expect(procedures.json().items.length).toBeGreaterThan(0);
    for (const item of procedures.json().items)
      expect(item.canStart, item.bpmnProcessId).toBe(false);
    expect(registers.json().items.length).toBeGreaterThan(0);
    for (const item of registers.json().items)
      expect(item.permissions, item.name).toMatchObject({
        create: false,
        edit: false,
        approve: false,
      });
    expect(
      secretaryProcedures.json().items.some((item: { canStart: boolean }) => item.canStart),
    ).toBe(true);
  });

  it('words the read-only refusal in Vietnamese', async () => {
    const response = await supervisor.request(
      'POST',
      '/api/registers/context-issues',
      {},
      {
        'accept-language': 'vi-VN,vi;q=0.9',
      },
    );

    expect(response.statusCode).toBe(403);
    expect(response.json().message).toContain('chỉ có quyền xem');
    // The message names what the reader may do, not the rejected API path.
    expect(response.json().message).not.toContain('/api/');
  });

  it('refuses a change that names another unit', async () => {
    const secretary = await current.login('secretary');
    const other = await current.db('units').where({ code: 'UBND' }).first('id');

    const response = await secretary.request(
      'POST',
      '/api/procedures/quality-objectives/instances',
      { year: 2029 },
      { 'x-eiso-unit': String(other.id) },
    );

    expect(response.statusCode).toBe(403);
  });

  it.each([
    ['vi', 'Tiêu đề x-eiso-unit phải là một mã đơn vị gồm 1 đến 18 chữ số'],
    ['en', 'Header x-eiso-unit must be one unit id of 1 to 18 digits'],
  ])('rejects a strange unit header in %s without echoing it', async (language, expected) => {
    const value = `<img src=x onerror=alert(1)>${'9'.repeat(4000)}`;

    const response = await supervisor.request('GET', '/api/process-instances', undefined, {
      'x-eiso-unit': value,
      'accept-language': language,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('EISO_ERR_VALIDATION');
    expect(response.json().message).toContain(expected);
    expect(response.json().details[0].path).toBe('/headers/x-eiso-unit');
    expect(response.body).not.toContain('<img');
    expect(response.body).not.toContain('9'.repeat(19));
    expect(response.body.length).toBeLessThan(1000);
  });

  it('words an unreadable unit header in Vietnamese', async () => {
    const response = await supervisor.request('GET', '/api/process-instances', undefined, {
      'x-eiso-unit': '999999',
      'accept-language': 'vi',
    });

    expect(response.statusCode).toBe(403);
    expect(response.json().message).toContain('không được xem đơn vị 999999');
  });

  it('lets the supervisor log out', async () => {
    const session = await current.login('supervisor');

    const response = await session.request('DELETE', '/api/session');

    expect(response.statusCode).toBeLessThan(300);
  });

  it('lets the auditor change nothing on an instance', async () => {
    const auditor = await current.login('auditor');
    const director = await current.login('director');
    const secretary = await current.login('secretary');
    const draft = await findTask(secretary, 'Task_DraftObjectives');

    const complete = await auditor.request('POST', `/api/tasks/${draft.key}/complete`, {
      variables: { objectives: draftedObjectives },
    });
    const resolve = await auditor.request('POST', '/api/incidents/1/resolution');

    expect(complete.statusCode).toBe(404);
    expect(resolve.statusCode).toBe(403);
    expect((await director.request('GET', '/api/process-instances')).statusCode).toBe(200);
  });
});
