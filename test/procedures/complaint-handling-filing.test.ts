import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  complaintFiling,
  findTask,
  readComplaint,
  startComplaint,
} from '../helpers/complaint-handling.js';
import { fileComplaint } from '../../src/procedures/complaint-handling/complaint-filing.js';

const clock = new Date('2027-04-10T02:00:00Z');

interface Filed {
  processInstanceKey: string;
  businessKey: string;
}

describe('complaint filing', () => {
  let current: TestApp & { drop: () => Promise<void> };
  let staff: TestSession;

  beforeAll(async () => {
    current = await createTestApp({ now: () => clock });
    staff = await current.login('staff.ttra');
  });
  afterAll(async () => {
    await current.drop();
  });

  async function file(body: unknown, language = 'vi') {
    return staff.request('POST', '/api/complaints', body, { 'accept-language': language });
  }

  it('files through the API and registers the complaint', async () => {
    const response = await file(complaintFiling('2027-04-09', { channel: 'hotline' }));

    expect(response.statusCode, response.body).toBe(201);
    const filed = response.json() as Filed;
    expect(filed.businessKey).toMatch(/^PA-2027-\d{3}$/);
    const complaint = await readComplaint(staff, filed.businessKey);
    expect(complaint).toMatchObject({
      status: 'received',
      channel: 'hotline',
      receivedDate: '2027-04-09',
      dueDate: '2027-04-24',
    });
    const receipt = await current
      .db('user_tasks')
      .where({
        process_instance_key: filed.processInstanceKey,
        element_id: 'Task_ReceiveComplaint',
      })
      .first('state', 'completed_by');
    expect(receipt).toEqual({ state: 'COMPLETED', completed_by: 'staff.ttra' });
    const stored = await current
      .db('complaints')
      .where({ code: filed.businessKey })
      .first('created_by');
    expect(stored.created_by).toBe('staff.ttra');
  });

  it('numbers filings one after another', async () => {
    const first = (await file(complaintFiling('2027-04-09'))).json() as Filed;
    const second = (await file(complaintFiling('2027-04-10'))).json() as Filed;

    const number = (key: string) => Number(key.split('-')[2]);
    expect(number(second.businessKey)).toBe(number(first.businessKey) + 1);
  });

  it('rejects invalid fields, naming each, and starts nothing', async () => {
    const before = await current.db('process_instances').count({ count: '*' });

    const response = await file(
      complaintFiling('2027-02-30', {
        complainantName: '   ',
        channel: 'fax',
        department: 'KHONGCO',
        complaintContent: undefined,
      }),
    );

    expect(response.statusCode).toBe(400);
    const paths = response.json().details.map((detail: { path: string }) => detail.path);
    expect(paths.sort()).toEqual([
      '/channel',
      '/complainantName',
      '/complaintContent',
      '/department',
      '/receivedDate',
    ]);
    const after = await current.db('process_instances').count({ count: '*' });
    expect(after).toEqual(before);
  });

  it('rejects a received date in the future', async () => {
    const response = await file(complaintFiling('2027-04-11'));

    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([
      {
        path: '/receivedDate',
        message:
          'Ngày tiếp nhận 2027-04-11 chưa đến; nhập ngày hôm nay (2027-04-10) hoặc một ngày đã qua.',
      },
    ]);
  });

  it('gives field messages in English on request', async () => {
    const response = await file(complaintFiling('2027-04-11'), 'en');

    expect(response.json().details[0].message).toContain('is in the future');
  });

  it('rejects a filing without a session', async () => {
    const response = await current.app.inject({
      method: 'POST',
      url: '/api/complaints',
      payload: complaintFiling('2027-04-09'),
    });

    expect([401, 403]).toContain(response.statusCode);
  });

  it('serves the portal through the same function', async () => {
    const filed = await fileComplaint(current.app.services, {
      unitId: String((await current.db('units').where({ code: 'SKHCN' }).first('id')).id),
      filer: { username: 'portal', displayName: 'Cổng dịch vụ công' },
      filing: complaintFiling('2027-04-10', { channel: 'portal', department: 'VP' }),
      locale: 'vi',
    });

    const secretary = await current.login('secretary');
    expect(await readComplaint(secretary, filed.businessKey)).toMatchObject({
      channel: 'portal',
      departmentCode: 'VP',
      status: 'received',
    });
    const triage = await findTask(await current.login('head.vp'), 'Task_Triage');
    expect(triage.key).toMatch(/^\d+$/);
  });

  it('lets any staff member start the procedure', async () => {
    const started = await startComplaint(await current.login('staff.qlcn'));

    expect(started.businessKey).toMatch(/^PA-2027-\d{3}$/);
  });
});

describe('complaint numbering', () => {
  let current: TestApp & { drop: () => Promise<void> };
  afterAll(async () => {
    await current.drop();
  });

  it('continues after the seeded complaints of the year', async () => {
    current = await createTestApp();
    const staff = await current.login('staff.vp');
    const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    const seeded = await current
      .db('complaints')
      .where('code', 'like', `PA-${year}-%`)
      .pluck('code');
    const highest = Math.max(0, ...seeded.map((code: string) => Number(code.split('-')[2])));

    const response = await staff.request(
      'POST',
      '/api/complaints',
      complaintFiling(new Date().toISOString().slice(0, 10)),
    );

    expect(seeded.length).toBeGreaterThan(0);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().businessKey).toBe(`PA-${year}-${String(highest + 1).padStart(3, '0')}`);
  });
});
