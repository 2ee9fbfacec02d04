import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployResources } from '../../src/runtime/deployer.js';
import { createTestApp, createTestDatabase, login } from '../helpers/test-app.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'bpmn');

function fixture(name: string) {
  return { name, content: fs.readFileSync(path.join(fixtures, name), 'utf8') };
}

// The default audit programme cycle is R/2027-01-15T08:00:00+07:00/P1Y, which
// is 01:00 UTC on 15 January.
const firstDue = '2027-01-15T01:00:00.000Z';

describe('timer start events', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  const clock = { now: new Date('2026-12-04T03:00:00Z') };
  let unitId: string;

  async function open() {
    app = await createTestApp({ db: database.db, now: () => clock.now });
  }

  async function instances() {
    return database
      .db('process_instances')
      .where({ bpmn_process_id: 'timer-start-cycle' })
      .orderBy('key')
      .select('key', 'business_key', 'started_by');
  }

  async function timerRow() {
    return database
      .db('start_timers')
      .where({ bpmn_process_id: 'timer-start-cycle' })
      .first('due_at', 'fired_count', 'state', 'last_error');
  }

  beforeEach(async () => {
    clock.now = new Date('2026-12-04T03:00:00Z');
    database = await createTestDatabase();
    await open();
    const unit = await database.db('units').where({ kind: 'agency' }).first('id');
    unitId = String(unit.id);
    await deployResources(
      database.db,
      app.app.services.logger,
      unitId,
      [fixture('timer-start-cycle.bpmn')],
      'test',
    );
  });

  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  it('schedules the first occurrence at deploy', async () => {
    const row = await timerRow();
    expect(new Date(row.due_at).toISOString()).toBe(firstDue);
    expect(row.state).toBe('ACTIVE');
  });

  it('starts one instance when due', async () => {
    clock.now = new Date('2027-01-15T00:59:00Z');
    await app.app.services.scheduler.tick();
    expect(await instances()).toHaveLength(0);

    clock.now = new Date(firstDue);
    await app.app.services.scheduler.tick();
    await app.app.services.scheduler.tick();

    const started = await instances();
    expect(started).toHaveLength(1);
    expect(started[0].business_key).toBe('timer-start-cycle-2027');
    expect(started[0].started_by).toBeNull();
    const tasks = await database
      .db('user_tasks')
      .where({ process_instance_key: started[0].key, state: 'CREATED' })
      .pluck('element_id');
    expect(tasks).toEqual(['Task_Plan']);
    const variables = (
      await database.db('process_instances').where({ key: started[0].key }).first('variables')
    ).variables;
    expect(variables.settings.auditProgrammeCycle).toBe('R/2027-01-15T08:00:00+07:00/P1Y');
    expect(variables.departments).toEqual(['VP', 'TTRA', 'QLKH', 'QLCN']);

    const row = await timerRow();
    expect(new Date(row.due_at).toISOString()).toBe('2028-01-15T01:00:00.000Z');
    expect(row.fired_count).toBe(1);
  });

  it('starts once when two nodes tick together', async () => {
    clock.now = new Date(firstDue);
    const other = await createTestApp({ db: database.db, now: () => clock.now });
    try {
      await Promise.all([app.app.services.scheduler.tick(), other.app.services.scheduler.tick()]);
    } finally {
      await other.close();
    }
    expect(await instances()).toHaveLength(1);
  });

  it('fires once after a restart past its date', async () => {
    await app.close();
    clock.now = new Date('2027-03-10T00:00:00Z');
    await open();

    await app.app.services.scheduler.tick();
    await app.app.services.scheduler.tick();
    expect(await instances()).toHaveLength(1);
    const row = await timerRow();
    expect(new Date(row.due_at).toISOString()).toBe('2028-01-15T01:00:00.000Z');
  });

  it('skips a year already started by hand', async () => {
    clock.now = new Date('2027-01-05T03:00:00Z');
    const secretary = await login(app.app, 'secretary');
    const response = await secretary.request(
      'POST',
      '/api/procedures/timer-start-cycle/instances',
      {},
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().businessKey).toBe('timer-start-cycle-2027');

    clock.now = new Date(firstDue);
    await app.app.services.scheduler.tick();
    expect(await instances()).toHaveLength(1);
    expect((await timerRow()).fired_count).toBe(1);
  });

  it('moves with the settings', async () => {
    const secretary = await login(app.app, 'secretary');
    const response = await secretary.request('PATCH', '/api/settings', {
      auditProgrammeCycle: 'R/2027-03-01T08:00:00+07:00/P1Y',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(new Date((await timerRow()).due_at).toISOString()).toBe('2027-03-01T01:00:00.000Z');

    const procedures = await secretary.request('GET', '/api/procedures');
    const listed = procedures
      .json()
      .items.find((item: { bpmnProcessId: string }) => item.bpmnProcessId === 'timer-start-cycle');
    expect(listed.nextTimerStart).toBe('2027-03-01T01:00:00.000Z');
  });

  it('rejects a timer start beside another start', async () => {
    await expect(
      deployResources(
        database.db,
        app.app.services.logger,
        unitId,
        [fixture('timer-start-with-none.bpmn')],
        'test',
      ),
    ).rejects.toMatchObject({
      code: 'EISO_ERR_MODEL_INVALID',
      details: expect.arrayContaining([
        expect.objectContaining({
          path: 'StartEvent_Daily',
          message: expect.stringContaining('1 other start event'),
        }),
      ]),
    });
  });

  it('rejects input and output mappings', async () => {
    await expect(
      deployResources(
        database.db,
        app.app.services.logger,
        unitId,
        [fixture('io-mapping.bpmn')],
        'test',
      ),
    ).rejects.toMatchObject({
      details: [
        expect.objectContaining({
          path: 'Task_Mapped',
          message: expect.stringContaining('zeebe:ioMapping'),
        }),
      ],
    });
  });

  it('rejects a schedule that does not evaluate', async () => {
    const broken = fixture('timer-start-cycle.bpmn');
    broken.content = broken.content
      .replace('=settings.auditProgrammeCycle', '=settings.noSuchCycle')
      .replace('id="timer-start-cycle"', 'id="timer-start-broken"');
    await expect(
      deployResources(database.db, app.app.services.logger, unitId, [broken], 'test'),
    ).rejects.toMatchObject({
      code: 'EISO_ERR_MODEL_INVALID',
      details: [expect.objectContaining({ path: 'StartEvent_Yearly' })],
    });
    const stored = await database
      .db('process_definitions')
      .where({ bpmn_process_id: 'timer-start-broken' })
      .first('key');
    expect(stored).toBeUndefined();
  });
});
