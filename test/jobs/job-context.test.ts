import { modelNotifications } from '../helpers/notifications.js';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/jobs/job-worker.js';
import { deployResources } from '../../src/runtime/deployer.js';
import { createTestApp, login, type TestApp } from '../helpers/test-app.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'bpmn');

function fixture(name: string) {
  return { name, content: fs.readFileSync(path.join(fixtures, name), 'utf8') };
}

// notify-and-start writes a reminder through eiso.notify, then its worker
// starts timer-start-cycle by hand through JobContext.startProcess.
describe('job context', () => {
  let app: TestApp & { drop: () => Promise<void> };
  let unitId: string;
  const seen: { headers: Record<string, string>; department: unknown }[] = [];
  let failNext = false;

  async function start(variables: Record<string, unknown>) {
    const instance = await app.app.services.runtime.startInstance({
      unitId,
      bpmnProcessId: 'notify-and-start',
      variables: { year: 2027, ...variables },
      actor: 'secretary',
    });
    return instance.key;
  }

  beforeAll(async () => {
    app = await createTestApp();
    const unit = await app.db('units').where({ kind: 'agency' }).first('id');
    unitId = String(unit.id);
    await deployResources(
      app.db,
      app.app.services.logger,
      unitId,
      [fixture('notify-and-start.bpmn'), fixture('timer-start-cycle.bpmn')],
      'test',
    );
    app.app.services.workers.register('test.start-other', async (job: JobContext) => {
      seen.push({ headers: job.headers, department: job.variables.department });
      const started = await job.startProcess({
        bpmnProcessId: job.headers.target,
        variables: { sourceReference: job.businessKey ?? job.processInstanceKey },
      });
      if (failNext) {
        failNext = false;
        throw new Error('worker failed after starting');
      }
      return { startedKey: started.businessKey };
    });
  });

  afterAll(async () => {
    await app.drop();
  });

  it('writes notifications from headers', async () => {
    const key = await start({ department: 'QLKH' });
    const rows = await modelNotifications(app.db('notifications'))
      .where({ process_instance_key: key })
      .orderBy('id')
      .select('recipient_user', 'recipient_group', 'kind', 'title', 'title_en', 'link');
    expect(rows).toEqual([
      {
        recipient_user: null,
        recipient_group: 'head-QLKH',
        kind: 'reminder',
        title: 'Nhắc phòng QLKH nộp báo cáo 2027',
        title_en: 'Reminder to QLKH',
        link: `#/instances/${key}`,
      },
      {
        recipient_user: 'director',
        recipient_group: null,
        kind: 'reminder',
        title: 'Nhắc phòng QLKH nộp báo cáo 2027',
        title_en: 'Reminder to QLKH',
        link: `#/instances/${key}`,
      },
    ]);

    const head = await login(app.app, 'head.qlkh');
    const listed = (await head.request('GET', '/api/notifications')).json().items;
    expect(listed.map((item: { title: string }) => item.title)).toContain(
      'Nhắc phòng QLKH nộp báo cáo 2027',
    );
    const other = await login(app.app, 'head.vp');
    const otherItems = (await other.request('GET', '/api/notifications')).json().items;
    expect(
      otherItems.filter((item: { processInstanceKey: string }) => item.processInstanceKey === key),
    ).toEqual([]);
  });

  // Each run of notify-and-start starts timer-start-cycle for the same year,
  // whose business key must be free again.
  async function endStartedInstances() {
    await app
      .db('process_instances')
      .where({ bpmn_process_id: 'timer-start-cycle' })
      .update({ state: 'TERMINATED' });
  }

  it('starts another procedure', async () => {
    await endStartedInstances();
    const key = await start({ department: 'VP' });
    const instance = await app.db('process_instances').where({ key }).first('state', 'variables');
    expect(instance.state).toBe('COMPLETED');
    expect(instance.variables.startedKey).toBe('timer-start-cycle-2026');
    expect(seen.at(-1)).toEqual({ headers: { target: 'timer-start-cycle' }, department: 'VP' });

    const started = await app
      .db('process_instances')
      .where({ business_key: 'timer-start-cycle-2026', state: 'ACTIVE' })
      .first('key', 'variables');
    expect(started.variables.sourceReference).toBe(key);
    expect(started.variables.settings.effectivenessCheckDays).toBe(90);
    const tasks = await app
      .db('user_tasks')
      .where({ process_instance_key: started.key })
      .pluck('element_id');
    expect(tasks).toEqual(['Task_Plan']);
  });

  it('undoes the start of a failed job', async () => {
    await endStartedInstances();
    failNext = true;
    const key = await start({ department: 'TTRA' });

    const job = await app
      .db('jobs')
      .where({ process_instance_key: key, type: 'test.start-other' })
      .first('state', 'retries', 'error_message');
    expect(job).toMatchObject({ state: 'CREATED', retries: 1 });
    expect(job.error_message).toBe('worker failed after starting');
    const running = await app
      .db('process_instances')
      .where({ bpmn_process_id: 'timer-start-cycle' })
      .whereNot('state', 'TERMINATED')
      .count({ count: '*' });
    expect(Number(running[0].count)).toBe(0);
  });
});
