import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deployResources } from '../../src/runtime/deployer.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'bpmn');

function fixture(name: string) {
  return { name, content: fs.readFileSync(path.join(fixtures, name), 'utf8') };
}

type CurrentApp = TestApp & { drop: () => Promise<void> };

async function unitOf(current: CurrentApp): Promise<string> {
  const row = await current.db('units').where({ kind: 'agency' }).first('id');
  return String(row.id);
}

async function openTasks(current: CurrentApp, instanceKey: string) {
  return current
    .db('user_tasks')
    .where({ process_instance_key: instanceKey, state: 'CREATED' })
    .orderBy('key');
}

describe('runtime', () => {
  let current: CurrentApp | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  it('evaluates FEEL assignments and conditions', async () => {
    current = await createTestApp();
    const unitId = await unitOf(current);
    await deployResources(
      current.db,
      current.app.services.logger,
      unitId,
      [fixture('amount-gateway.bpmn')],
      'test',
    );
    const { runtime } = current.app.services;
    const instance = await runtime.startInstance({
      unitId,
      bpmnProcessId: 'amount-gateway',
      variables: { initiator: 'secretary' },
      actor: 'secretary',
    });
    const [enter] = await openTasks(current, instance.key);

    await runtime.completeUserTask(
      await runtime.loadTask(unitId, String(enter.key)),
      { amount: 5000 },
      'secretary',
    );

    const [large] = await openTasks(current, instance.key);
    expect(large.element_id).toBe('Task_Large');
    expect(large.assignee).toBe('secretary');
    expect(large.priority).toBe(90);
  });

  it('raises an incident when a condition reads a missing variable', async () => {
    current = await createTestApp();
    const unitId = await unitOf(current);
    await deployResources(
      current.db,
      current.app.services.logger,
      unitId,
      [fixture('amount-gateway.bpmn')],
      'test',
    );
    const { runtime } = current.app.services;
    const instance = await runtime.startInstance({
      unitId,
      bpmnProcessId: 'amount-gateway',
      variables: { initiator: 'secretary' },
      actor: 'secretary',
    });
    const [enter] = await openTasks(current, instance.key);
    const secretary = await current.login('secretary');

    await runtime.completeUserTask(
      await runtime.loadTask(unitId, String(enter.key)),
      { amout: 5 },
      'secretary',
    );

    const detail = (
      await secretary.request('GET', `/api/process-instances/${instance.key}`)
    ).json();
    expect(detail.state).toBe('ACTIVE');
    expect(detail.hasIncident).toBe(true);
    expect(detail.incidents).toEqual([
      expect.objectContaining({
        elementId: 'Gateway_Amount',
        errorType: 'CONDITION_ERROR',
        state: 'ACTIVE',
      }),
    ]);
    expect(detail.incidents[0].errorMessage).toContain("Variable 'amount' not found");
    expect(await openTasks(current, instance.key)).toEqual([]);
    const stillServing = await secretary.request('GET', '/api/tasks');
    expect(stillServing.statusCode).toBe(200);
  });

  it('resolving a condition incident runs the completion again', async () => {
    current = await createTestApp();
    const unitId = await unitOf(current);
    await deployResources(
      current.db,
      current.app.services.logger,
      unitId,
      [fixture('amount-gateway.bpmn')],
      'test',
    );
    const { runtime, db } = current.app.services;
    const instance = await runtime.startInstance({
      unitId,
      bpmnProcessId: 'amount-gateway',
      variables: { initiator: 'secretary' },
      actor: 'secretary',
    });
    const [enter] = await openTasks(current, instance.key);
    await runtime.completeUserTask(
      await runtime.loadTask(unitId, String(enter.key)),
      { amout: 5 },
      'secretary',
    );
    const incident = await db('incidents').where({ process_instance_key: instance.key }).first();

    const director = await current.login('director');
    const staff = await current.login('staff.vp');

    const forbidden = await staff.request('POST', `/api/incidents/${incident.key}/resolution`);
    const resolved = await director.request('POST', `/api/incidents/${incident.key}/resolution`);

    expect(forbidden.statusCode).toBe(403);
    expect(resolved.statusCode).toBe(204);
    const incidents = await db('incidents')
      .where({ process_instance_key: instance.key })
      .orderBy('key');
    expect(incidents.map((row) => row.state)).toEqual(['RESOLVED', 'ACTIVE']);
  });

  it('retries a failing job, then raises an incident, then resumes after resolution', async () => {
    current = await createTestApp();
    const unitId = await unitOf(current);
    await deployResources(
      current.db,
      current.app.services.logger,
      unitId,
      [fixture('job-and-timer.bpmn')],
      'test',
    );
    const { runtime, workers, scheduler, db } = current.app.services;
    let failing = true;
    let calls = 0;
    workers.register('test.flaky', async () => {
      calls++;
      if (failing) throw new Error('the register is locked');
      return { checked: true };
    });

    const instance = await runtime.startInstance({
      unitId,
      bpmnProcessId: 'job-and-timer',
      variables: {},
      actor: 'secretary',
    });
    await db('jobs')
      .where({ process_instance_key: instance.key })
      .update({ due_at: new Date(0).toISOString() });
    await scheduler.tick();

    const job = await db('jobs').where({ process_instance_key: instance.key }).first();
    expect(calls).toBe(2);
    expect(job.state).toBe('FAILED');
    expect(job.retries).toBe(0);
    const incident = await db('incidents').where({ process_instance_key: instance.key }).first();
    expect(incident.error_type).toBe('JOB_NO_RETRIES');
    expect(incident.error_message).toBe('the register is locked');

    failing = false;
    await runtime.resolveIncident(unitId, String(incident.key), 'director');

    const tasks = await openTasks(current, instance.key);
    expect(tasks.map((task) => task.element_id)).toEqual(['Task_Review']);
    const variables = (
      await db('process_instances').where({ key: instance.key }).first('variables')
    ).variables;
    expect(variables.checked).toBe(true);
  });

  it('fires a stored timer when the clock passes it', async () => {
    let clock = new Date('2026-03-02T08:00:00Z');
    current = await createTestApp({ now: () => clock });
    const unitId = await unitOf(current);
    await deployResources(
      current.db,
      current.app.services.logger,
      unitId,
      [fixture('job-and-timer.bpmn')],
      'test',
    );
    const { runtime, workers, scheduler, db } = current.app.services;
    workers.register('test.flaky', async () => ({}));
    const instance = await runtime.startInstance({
      unitId,
      bpmnProcessId: 'job-and-timer',
      variables: {},
      actor: 'secretary',
    });
    const timer = await db('timers').where({ process_instance_key: instance.key }).first();
    // bpmn-elements measures the delay on the wall clock, a millisecond or so apart from the test clock.
    const dueInMs = new Date(timer.due_at).getTime() - new Date('2026-03-02T09:00:00Z').getTime();
    expect(Math.abs(dueInMs)).toBeLessThan(1_000);

    expect(await scheduler.tick()).toMatchObject({ timers: 0, jobs: 0 });
    clock = new Date('2026-03-02T09:00:01Z');
    expect((await scheduler.tick()).timers).toBe(1);

    const tasks = await openTasks(current, instance.key);
    expect(tasks.map((task) => task.element_id)).toEqual(['Task_Escalated']);
    const review = await db('user_tasks')
      .where({ process_instance_key: instance.key, element_id: 'Task_Review' })
      .first();
    expect(review.state).toBe('CANCELED');
    expect((await db('timers').where({ key: timer.key }).first()).state).toBe('TRIGGERED');
  });

  it('keeps the version of unchanged content and caches per version', async () => {
    current = await createTestApp();
    const unitId = await unitOf(current);

    const first = await deployResources(
      current.db,
      current.app.services.logger,
      unitId,
      [fixture('amount-gateway.bpmn')],
      'test',
    );
    const again = await deployResources(
      current.db,
      current.app.services.logger,
      unitId,
      [fixture('amount-gateway.bpmn')],
      'test',
    );
    const changed = fixture('amount-gateway.bpmn');
    changed.content = changed.content.replace('name="Large"', 'name="Large amount"');
    const second = await deployResources(
      current.db,
      current.app.services.logger,
      unitId,
      [changed],
      'test',
    );

    expect(first.processes[0].processDefinitionVersion).toBe(1);
    expect(again.processes[0].processDefinitionKey).toBe(first.processes[0].processDefinitionKey);
    expect(second.processes[0].processDefinitionVersion).toBe(2);
  });

  it('stores nothing for an invalid deployment', async () => {
    current = await createTestApp();
    const unitId = await unitOf(current);
    const before = await current.db('process_definitions').count({ count: '*' });

    const attempt = deployResources(
      current.db,
      current.app.services.logger,
      unitId,
      [fixture('amount-gateway.bpmn'), { name: 'broken.bpmn', content: '<bpmn:definitions' }],
      'test',
    );

    await expect(attempt).rejects.toMatchObject({ code: 'EISO_ERR_MODEL_INVALID' });
    expect(await current.db('process_definitions').count({ count: '*' })).toEqual(before);
  });
});
