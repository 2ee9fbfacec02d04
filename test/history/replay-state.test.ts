import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { InstanceReplay } from '../../src/history/replay.js';
import {
  ReplayCursor,
  replayModelOf,
  type ReplayEvent,
  type ReplaySnapshot,
} from '../../src/history/replay-state.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  completeTask,
  departmentHeads,
  draftedObjectives,
  startQualityObjectives,
} from '../helpers/quality-objectives.js';
import { seedOtherAgency } from '../helpers/registers.js';

/** What the database contains after one command: the expected state of the replay at that point. */
interface Capture {
  command: string;
  /** Position of the last history event that the command wrote. */
  position: number;
  state: string;
  openTasks: { elementInstanceKey: string; elementId: string; userTaskKey: string }[];
  waitingElementIds: string[];
  openJobKeys: string[];
  variables: Record<string, unknown>;
}

type CurrentApp = TestApp & { drop: () => Promise<void> };

async function captureState(app: CurrentApp, key: string, command: string): Promise<Capture> {
  const { db } = app;
  const last = await db('history_events')
    .where({ process_instance_key: key })
    .max({ position: 'position' })
    .first();
  const instance = await db('process_instances').where({ key }).first('state', 'variables');
  const tasks = await db('user_tasks')
    .where({ process_instance_key: key, state: 'CREATED' })
    .select('key', 'element_id', 'element_instance_key');
  const jobs = await db('jobs')
    .where({ process_instance_key: key, state: 'CREATED' })
    .select('element_id', 'element_instance_key');
  const timers = await db('timers')
    .where({ process_instance_key: key, state: 'CREATED' })
    .select('element_id');
  const waiting = [...tasks, ...jobs, ...timers].map((row) => String(row.element_id));
  return {
    command,
    position: Number(last?.position ?? 0),
    state: instance.state,
    openTasks: tasks
      .map((task) => ({
        elementInstanceKey: String(task.element_instance_key),
        elementId: String(task.element_id),
        userTaskKey: String(task.key),
      }))
      .sort((a, b) => a.elementInstanceKey.localeCompare(b.elementInstanceKey)),
    waitingElementIds: [...new Set(waiting)].sort(),
    openJobKeys: jobs.map((job) => String(job.element_instance_key)).sort(),
    variables: instance.variables,
  };
}

/**
 * Runs the instance's jobs one at a time after each command commits, as the job runner would,
 * and captures the database after each of them.
 */
function captureJobs(app: CurrentApp, captures: Capture[], keyOf: () => string): void {
  const { runtime, jobs } = app.app.services;
  runtime.onAfterCommit(async () => {
    captures.push(await captureState(app, keyOf(), 'command that opened a job'));
    while ((await jobs.runDueJobs(1)) > 0) captures.push(await captureState(app, keyOf(), 'job'));
  });
}

async function loadReplay(session: TestSession, key: string): Promise<InstanceReplay> {
  const response = await session.request('GET', `/api/process-instances/${key}/replay`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as InstanceReplay;
}

function cursorOf(replay: InstanceReplay): ReplayCursor {
  const models = new Map(
    replay.definitions.map((definition) => [
      definition.version,
      replayModelOf(definition.elements),
    ]),
  );
  return new ReplayCursor(replay.events, models, replay.initialVersion);
}

function expectSameState(snapshot: ReplaySnapshot, capture: Capture): void {
  const label = `after ${capture.command} (position ${capture.position})`;
  expect(snapshot.position, label).toBe(capture.position);
  expect(
    snapshot.openTasks.map((task) => ({
      elementInstanceKey: task.elementInstanceKey,
      elementId: task.elementId,
      userTaskKey: task.userTaskKey,
    })),
    `open tasks ${label}`,
  ).toEqual(capture.openTasks);
  const tokenIds = [...new Set(snapshot.activeTokens.map((token) => token.elementId))].sort();
  expect(tokenIds, `active tokens ${label}`).toEqual(capture.waitingElementIds);
  const tokenKeys = snapshot.activeTokens.map((token) => token.elementInstanceKey);
  for (const jobKey of capture.openJobKeys)
    expect(tokenKeys, `token of job ${jobKey} ${label}`).toContain(jobKey);
  const variables = Object.fromEntries(
    snapshot.variables.map((entry) => [entry.name, entry.value]),
  );
  expect(variables, `variables ${label}`).toEqual(capture.variables);
  expect(snapshot.ended, `ended ${label}`).toBe(capture.state === 'COMPLETED');
}

describe('replay state', () => {
  let current: CurrentApp | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  it('matches the database after every command of a finished instance', async () => {
    current = await createTestApp();
    const app = current;
    const captures: Capture[] = [];
    let key = '';
    captureJobs(app, captures, () => key);
    const secretary = await app.login('secretary');
    const director = await app.login('director');
    // A command that opens a job is captured in the after-commit hook before its jobs run, so
    // the capture after it is the state after its last job.
    const step = async (command: string, run: () => Promise<void>) => {
      await run();
      captures.push(await captureState(app, key, command));
    };

    key = await startQualityObjectives(secretary);
    captures.push(await captureState(app, key, 'start'));
    await step('draft', () =>
      completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives }),
    );
    await step('return', () =>
      completeTask(director, 'Task_ReviewObjectives', { decision: 'return', comment: 'Sửa' }),
    );
    await step('redraft', () =>
      completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives }),
    );
    await step('approve', () =>
      completeTask(director, 'Task_ReviewObjectives', { decision: 'approve' }),
    );
    await step('disseminate', () =>
      completeTask(secretary, 'Task_Disseminate', {
        disseminationNote: 'Đã gửi công văn',
        disseminatedOn: '2027-01-20',
      }),
    );
    for (const head of departmentHeads) {
      const session = await app.login(head);
      await step(`acknowledge by ${head}`, () =>
        completeTask(session, 'Task_Acknowledge', { acknowledged: true }),
      );
    }

    const replay = await loadReplay(secretary, key);
    const cursor = cursorOf(replay);
    expect(captures.map((capture) => capture.command)).toContain('job');
    expect(captures.at(-1)?.state).toBe('COMPLETED');
    expect(replay.events.length).toBe(captures.at(-1)?.position);
    for (const capture of captures) expectSameState(cursor.stateAt(capture.position), capture);
    // A variable changes only when its value does, whatever order jsonb gives its keys.
    const repeated = replay.events.filter(
      (event) =>
        event.type === 'VARIABLE_UPDATED' &&
        isDeepStrictEqual(event.data.value, event.data.previousValue),
    );
    expect(repeated.map((event) => event.data.name)).toEqual([]);
  });

  it('matches the database of a running instance', async () => {
    current = await createTestApp();
    const app = current;
    const captures: Capture[] = [];
    let key = '';
    captureJobs(app, captures, () => key);
    const secretary = await app.login('secretary');
    const director = await app.login('director');

    key = await startQualityObjectives(secretary);
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    await completeTask(director, 'Task_ReviewObjectives', { decision: 'approve' });
    await completeTask(secretary, 'Task_Disseminate', {
      disseminationNote: 'Đã gửi công văn',
      disseminatedOn: '2027-01-20',
    });
    await completeTask(await app.login('head.vp'), 'Task_Acknowledge', { acknowledged: true });
    const running = await captureState(app, key, 'first acknowledgement');

    const replay = await loadReplay(secretary, key);
    const cursor = cursorOf(replay);
    const last = cursor.stateAt(cursor.length);
    expect(running.state).toBe('ACTIVE');
    expect(running.openTasks).toHaveLength(3);
    expectSameState(last, running);
    // Going back to an earlier job and forward again gives the same states.
    for (const capture of captures) expectSameState(cursor.stateAt(capture.position), capture);
    expectSameState(cursor.stateAt(cursor.length), running);
  });

  it('labels events with names and the model version', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');
    const key = await startQualityObjectives(secretary);
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });

    const replay = await loadReplay(secretary, key);

    const instance = await current.db('process_instances').where({ key }).first();
    const definition = await current
      .db('process_definitions')
      .where({ key: instance.process_definition_key })
      .first('xml', 'version');
    expect(replay.definitions.map((entry) => entry.version)).toEqual([definition.version]);
    expect(replay.definitions[0]?.xml).toBe(definition.xml);
    const completed = replay.events.find((event) => event.type === 'USER_TASK_COMPLETED');
    expect(completed?.actor).toBe('secretary');
    expect(completed?.actorName).toBeTruthy();
    expect(completed?.elementName).toBe('Soạn thảo mục tiêu chất lượng');
    expect(completed?.formRef).toMatch(/^quality-objectives-draft@\d+$/);
    expect(replay.forms[completed!.formRef!]?.formId).toBe('quality-objectives-draft');
    expect(replay.instance.startedByName).toBe(completed?.actorName);
    expect(replay.groups['iso-secretary']?.name).toBeTruthy();
  });

  it('hides the replay from another unit', async () => {
    current = await createTestApp();
    await seedOtherAgency(current.db);
    const key = await startQualityObjectives(await current.login('secretary'));
    const outsider = await current.login('secretary.hl');

    const response = await outsider.request('GET', `/api/process-instances/${key}/replay`);

    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('quality-objectives');
  });

  it('rejects a key that is not a number', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');

    const response = await secretary.request('GET', '/api/process-instances/abc/replay');

    expect(response.statusCode).toBe(400);
  });
});

describe('replay cursor', () => {
  // A long history of one user task completed and created again, with a variable per round.
  function longHistory(rounds: number): ReplayEvent[] {
    const events: ReplayEvent[] = [];
    const push = (event: Omit<ReplayEvent, 'position' | 'actor' | 'createdAt'>) =>
      events.push({
        ...event,
        position: events.length + 1,
        actor: 'secretary',
        createdAt: new Date(Date.UTC(2027, 0, 1) + events.length * 1000).toISOString(),
      });
    for (let round = 0; round < rounds; round++) {
      const key = `Task_${round}`;
      push({ type: 'ELEMENT_ACTIVATED', elementId: 'Task', elementInstanceKey: key, data: {} });
      push({
        type: 'USER_TASK_CREATED',
        elementId: 'Task',
        elementInstanceKey: key,
        data: { userTaskKey: String(round), assignee: null, candidateGroups: ['board'] },
      });
      push({
        type: round === 0 ? 'VARIABLE_CREATED' : 'VARIABLE_UPDATED',
        elementId: null,
        elementInstanceKey: null,
        data: { name: 'round', value: round, previousValue: round === 0 ? null : round - 1 },
      });
      push({ type: 'USER_TASK_COMPLETED', elementId: 'Task', elementInstanceKey: key, data: {} });
      push({ type: 'ELEMENT_COMPLETED', elementId: 'Task', elementInstanceKey: key, data: {} });
    }
    return events;
  }

  it('walks 10 000 events applying each once', () => {
    const events = longHistory(2_000);
    const cursor = new ReplayCursor(events, new Map(), 1, 256);

    for (let step = 1; step <= events.length; step++) cursor.stateAt(step);

    expect(events).toHaveLength(10_000);
    expect(cursor.appliedEvents).toBe(10_000);
  });

  it('jumps to any step within one checkpoint interval', () => {
    const events = longHistory(2_000);
    const cursor = new ReplayCursor(events, new Map(), 1, 256);
    cursor.stateAt(events.length);
    const afterWalk = cursor.appliedEvents;

    const snapshot = cursor.stateAt(5_003);

    expect(cursor.appliedEvents - afterWalk).toBeLessThanOrEqual(256);
    expect(snapshot.openTasks.map((task) => task.userTaskKey)).toEqual(['1000']);
    expect(snapshot.variables).toEqual([
      { name: 'round', value: 1000, previousValue: 999, changedAt: 5_003, changed: true },
    ]);
  });

  it('ends boundary tokens with their activity', () => {
    const events: ReplayEvent[] = [
      ['ELEMENT_ACTIVATED', 'Timer', 'Timer_1'],
      ['ELEMENT_ACTIVATED', 'Task', 'Task_1'],
      ['ELEMENT_COMPLETED', 'Task', 'Task_1'],
    ].map(([type, elementId, elementInstanceKey], index) => ({
      position: index + 1,
      type: type!,
      elementId: elementId!,
      elementInstanceKey: elementInstanceKey!,
      actor: null,
      data: {},
      createdAt: '2027-01-01T00:00:00.000Z',
    }));
    const model = replayModelOf([
      {
        id: 'Task',
        name: null,
        type: 'bpmn:UserTask',
        parentId: null,
        attachedToId: null,
        cancelActivity: false,
      },
      {
        id: 'Timer',
        name: null,
        type: 'bpmn:BoundaryEvent',
        parentId: null,
        attachedToId: 'Task',
        cancelActivity: false,
      },
    ]);
    const cursor = new ReplayCursor(events, new Map([[1, model]]), 1);

    expect(cursor.stateAt(2).activeTokens.map((token) => token.elementId)).toEqual([
      'Task',
      'Timer',
    ]);
    expect(cursor.stateAt(3).activeTokens).toEqual([]);
    expect(cursor.stateAt(3).completedElementIds).toEqual(['Task']);
  });

  it('marks a repeated value with reordered keys as unchanged', () => {
    const events: ReplayEvent[] = [
      { name: 'settings', value: { a: 1, b: 2 }, previousValue: null },
      { name: 'settings', value: { b: 2, a: 1 }, previousValue: { a: 1, b: 2 } },
    ].map((data, index) => ({
      position: index + 1,
      type: index === 0 ? 'VARIABLE_CREATED' : 'VARIABLE_UPDATED',
      elementId: null,
      elementInstanceKey: null,
      actor: null,
      data,
      createdAt: `2027-01-0${index + 1}T00:00:00.000Z`,
    }));
    const cursor = new ReplayCursor(events, new Map(), 1);

    expect(cursor.stateAt(1).variables[0]?.changed).toBe(true);
    expect(cursor.stateAt(2).variables[0]?.changed).toBe(false);
    expect(cursor.stateAt(2).variables[0]?.changedAt).toBe(1);
  });
});
