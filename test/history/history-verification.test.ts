import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { agencyDate } from '../../src/agency-time.js';
import { addDays } from '../../src/history/digests.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import { completeTask, draftedObjectivesOf } from '../helpers/quality-objectives.js';

interface Problem {
  reason: string;
  processInstanceKey: string | null;
  eventId: string | null;
  position: number | null;
  expectedPosition: number | null;
  type: string | null;
  createdAt: string | null;
  day: string | null;
  recordedEventCount?: number;
  foundEventCount?: number;
}

interface Verification {
  valid: boolean;
  checkedEvents: number;
  checkedDays: number;
  firstProblem: Problem | null;
}

// A superuser could disable the trigger and change rows; the tests do so to check that the
// verification names what changed.
async function tamper(db: Knex, change: (db: Knex) => Promise<unknown>): Promise<void> {
  await db.raw('ALTER TABLE history_events DISABLE TRIGGER history_events_append_only');
  try {
    await change(db);
  } finally {
    await db.raw('ALTER TABLE history_events ENABLE TRIGGER history_events_append_only');
  }
}

async function eventAt(db: Knex, instanceKey: string, position: number) {
  return db('history_events')
    .where({ process_instance_key: instanceKey, position })
    .first('id', 'type', 'position', 'created_at');
}

describe('history immutability and verification', () => {
  let current: TestApp & { drop: () => Promise<void> };
  let offsetMs = 0;
  let secretary: TestSession;

  async function startInstance(year: number): Promise<string> {
    const response = await secretary.request(
      'POST',
      '/api/procedures/quality-objectives/instances',
      { year },
    );
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { processInstanceKey: string }).processInstanceKey;
  }

  async function verifyInstance(key: string): Promise<Verification> {
    const response = await secretary.request('GET', `/api/process-instances/${key}/verification`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Verification;
  }

  async function verifyPeriod(from: string, to: string): Promise<Verification> {
    const response = await secretary.request(
      'GET',
      `/api/audit/verification?from=${from}&to=${to}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Verification;
  }

  beforeAll(async () => {
    current = await createTestApp({ now: () => new Date(Date.now() + offsetMs) });
    secretary = await current.login('secretary');
  });

  afterAll(async () => {
    await current?.drop();
  });

  it('rejects UPDATE, DELETE and TRUNCATE of events', async () => {
    const { db } = current;
    const [{ id }] = await db('history_events').orderBy('id').limit(1).select('id');

    await expect(db('history_events').where({ id }).update({ actor: 'x' })).rejects.toThrow(
      /append-only/,
    );
    await expect(db('history_events').where({ id }).delete()).rejects.toThrow(/append-only/);
    await expect(db.raw('TRUNCATE history_events CASCADE')).rejects.toThrow(/append-only/);
    expect(await db('history_events').where({ id }).first('actor')).toBeDefined();
  });

  it('rejects UPDATE and DELETE of digests', async () => {
    const { db } = current;
    offsetMs += 86_400_000;
    const today = agencyDate(current.app.services.now());
    await verifyPeriod(addDays(today, -1), today);
    const [{ count }] = await db('history_digests').count({ count: '*' });
    expect(Number(count)).toBeGreaterThan(0);

    await expect(db('history_digests').update({ event_count: 0 })).rejects.toThrow(/append-only/);
    await expect(db('history_digests').delete()).rejects.toThrow(/append-only/);
  });

  it('verifies an untouched instance', async () => {
    const key = await startInstance(2031);
    await completeTask(secretary, 'Task_DraftObjectives', {
      objectives: draftedObjectivesOf(2031),
    });

    const result = await verifyInstance(key);

    expect(result.valid).toBe(true);
    expect(result.firstProblem).toBeNull();
    expect(result.checkedEvents).toBeGreaterThan(5);
  });

  it('names an edited event', async () => {
    const key = await startInstance(2032);
    const edited = await eventAt(current.db, key, 3);

    await tamper(current.db, (db) =>
      db('history_events')
        .where({ id: edited.id })
        .update({ data: JSON.stringify({ forged: true }) }),
    );
    const result = await verifyInstance(key);

    expect(result.valid).toBe(false);
    expect(result.firstProblem?.reason).toBe('edited');
    expect(result.firstProblem?.eventId).toBe(String(edited.id));
    expect(result.firstProblem?.position).toBe(3);
    expect(result.firstProblem?.type).toBe(edited.type);
    expect(result.firstProblem?.createdAt).toBe(new Date(edited.created_at).toISOString());
  });

  it('names the event after a deleted one', async () => {
    const key = await startInstance(2033);
    const deleted = await eventAt(current.db, key, 4);
    const next = await eventAt(current.db, key, 5);

    await tamper(current.db, (db) => db('history_events').where({ id: deleted.id }).delete());
    const result = await verifyInstance(key);

    expect(result.firstProblem?.reason).toBe('deleted');
    expect(result.firstProblem?.eventId).toBe(String(next.id));
    expect(result.firstProblem?.position).toBe(5);
    expect(result.firstProblem?.expectedPosition).toBe(4);
  });

  it('names a reordered event', async () => {
    const key = await startInstance(2034);
    const third = await eventAt(current.db, key, 3);
    const fourth = await eventAt(current.db, key, 4);

    await tamper(current.db, async (db) => {
      await db('history_events').where({ id: third.id }).update({ position: -3 });
      await db('history_events').where({ id: fourth.id }).update({ position: 3 });
      await db('history_events').where({ id: third.id }).update({ position: 4 });
    });
    const result = await verifyInstance(key);

    expect(result.firstProblem?.reason).toBe('reordered');
    expect(result.firstProblem?.eventId).toBe(String(fourth.id));
    expect(result.firstProblem?.position).toBe(3);
    expect(result.firstProblem?.type).toBe(fourth.type);
  });

  it('finds in the unit period an edit, then a deleted last event', async () => {
    offsetMs += 3 * 86_400_000;
    const day = agencyDate(current.app.services.now());
    const key = await startInstance(2035);
    const edited = await eventAt(current.db, key, 2);
    offsetMs += 2 * 86_400_000;
    const later = agencyDate(current.app.services.now());
    const before = await verifyPeriod(addDays(day, -1), later);

    await tamper(current.db, (db) =>
      db('history_events').where({ id: edited.id }).update({ actor: 'forger' }),
    );
    const afterEdit = await verifyPeriod(day, later);

    expect(before.firstProblem).toBeNull();
    expect(before.checkedDays).toBe(3);
    expect(afterEdit.firstProblem?.reason).toBe('edited');
    expect(afterEdit.firstProblem?.eventId).toBe(String(edited.id));
    expect(afterEdit.firstProblem?.processInstanceKey).toBe(key);
    expect(afterEdit.firstProblem?.day).toBe(day);
  });

  it('finds a deleted last event through its day digest', async () => {
    offsetMs += 86_400_000;
    const day = agencyDate(current.app.services.now());
    const key = await startInstance(2036);
    const [last] = await current
      .db('history_events')
      .where({ process_instance_key: key })
      .orderBy('position', 'desc')
      .limit(1)
      .select('id');
    offsetMs += 86_400_000;
    const today = agencyDate(current.app.services.now());
    expect((await verifyPeriod(day, today)).valid).toBe(true);

    await tamper(current.db, (db) => db('history_events').where({ id: last.id }).delete());
    const result = await verifyPeriod(day, today);

    expect(result.firstProblem?.reason).toBe('digest-mismatch');
    expect(result.firstProblem?.day).toBe(day);
    expect(result.firstProblem?.foundEventCount).toBe(
      (result.firstProblem?.recordedEventCount ?? 0) - 1,
    );
  });

  it('rejects a bad period and a reader outside the verifier groups', async () => {
    const today = agencyDate(current.app.services.now());
    const staff = await current.login('staff.vp');

    const reversed = await secretary.request(
      'GET',
      `/api/audit/verification?from=${today}&to=${addDays(today, -1)}`,
    );
    const unreal = await secretary.request(
      'GET',
      `/api/audit/verification?from=2026-02-30&to=${today}`,
    );
    const forbidden = await staff.request(
      'GET',
      `/api/audit/verification?from=${today}&to=${today}`,
    );

    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().details[0].path).toBe('/to');
    expect(unreal.statusCode).toBe(400);
    expect(unreal.json().details[0].path).toBe('/from');
    expect(forbidden.statusCode).toBe(403);
  });

  it.each([
    [
      'vi',
      '0001-01-01',
      'nằm ngoài khoảng ngày được nhận; chọn ngày từ 1900-01-01 đến 9999-12-31.',
    ],
    [
      'en',
      '0001-01-01',
      'is outside the accepted dates; choose a date from 1900-01-01 to 9999-12-31.',
    ],
    ['vi', '1899-12-31', 'nằm ngoài khoảng ngày được nhận'],
  ])('names the accepted range in %s for %s', async (language, from, expected) => {
    const response = await secretary.request(
      'GET',
      `/api/audit/verification?from=${from}&to=${from}`,
      undefined,
      { 'accept-language': language },
    );

    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().details[0].path).toBe('/from');
    expect(response.json().message).toContain(`(from) = ${from} ${expected}`);
    expect(response.json().message).not.toContain('có thật');
    expect(response.json().message).not.toContain('real date');
  });

  it.each([
    ['vi', 'Mỗi lần kiểm tra tối đa 92 ngày; hãy chọn đến ngày (to) không muộn hơn'],
    ['en', 'One verification covers at most 92 days; choose an end date (to) up to'],
  ])('names the end date of a long period in %s', async (language, expected) => {
    const today = agencyDate(current.app.services.now());
    const from = addDays(today, -200);

    const response = await secretary.request(
      'GET',
      `/api/audit/verification?from=${from}&to=${today}`,
      undefined,
      { 'accept-language': language },
    );

    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().details[0].path).toBe('/to');
    expect(response.json().message).toContain(`${expected} ${addDays(from, 91)}.`);
  });

  it.each([
    ['vi', 'Đến ngày (/to) phải là ngày dạng YYYY-MM-DD, ví dụ 2026-12-05.'],
    ['en', 'End date (/to) must be a date as YYYY-MM-DD, such as 2026-12-05.'],
  ])('labels a malformed end date in %s', async (language, expected) => {
    const response = await secretary.request(
      'GET',
      '/api/audit/verification?from=2026-01-01&to=hello',
      undefined,
      { 'accept-language': language },
    );

    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().details[0].path).toBe('/to');
    expect(response.json().details[0].message).toBe(expected);
  });

  it("lets the unit's auditor and its supervisor verify the unit", async () => {
    const today = agencyDate(current.app.services.now());
    const period = `from=${today}&to=${today}`;
    const unitId = String(
      (await current.db('units').where({ code: 'SKHCN' }).first('id')).id as string,
    );
    const auditor = await current.login('auditor');
    const supervisor = await current.login('supervisor');

    const byAuditor = await auditor.request('GET', `/api/audit/verification?${period}`);
    const byQuery = await supervisor.request(
      'GET',
      `/api/audit/verification?${period}&unitId=${unitId}`,
    );
    const byHeader = await supervisor.request(
      'GET',
      `/api/audit/verification?${period}`,
      undefined,
      { 'x-eiso-unit': unitId },
    );

    expect(byAuditor.statusCode, byAuditor.body).toBe(200);
    expect(byQuery.statusCode, byQuery.body).toBe(200);
    expect(byQuery.json().unitId).toBe(unitId);
    expect(byHeader.statusCode, byHeader.body).toBe(200);
    expect(byHeader.json().unitId).toBe(unitId);
  });

  it('keeps the instance page history with the model version', async () => {
    const key = await startInstance(2037);

    const response = await secretary.request('GET', `/api/process-instances/${key}`);

    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      version: number;
      history: { type: string; data: { processDefinition?: { version: number } } }[];
    };
    expect(body.history.length).toBeGreaterThan(0);
    for (const event of body.history)
      expect(event.data.processDefinition?.version, event.type).toBe(body.version);
  });
});
