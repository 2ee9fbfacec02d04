import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import {
  completeTask,
  departmentHeads,
  draftedObjectives,
  findTask,
  startQualityObjectives,
} from '../helpers/quality-objectives.js';

type CurrentApp = TestApp & { drop: () => Promise<void> };

describe('task rules', () => {
  let current: CurrentApp | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  it('opens a new approval round without the old decision', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');
    const director = await current.login('director');
    await startQualityObjectives(secretary);
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    await completeTask(director, 'Task_ReviewObjectives', { decision: 'return', comment: 'Sửa' });
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });

    const review = await findTask(director, 'Task_ReviewObjectives');
    const shown = (await director.request('GET', `/api/tasks/${review.key}`)).json();

    expect(shown.variables.decision).toBeUndefined();
    expect(shown.variables.comment).toBeUndefined();
    expect(shown.variables.objectives).toHaveLength(2);
  });

  it('opens each acknowledgement empty', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');
    await startQualityObjectives(secretary);
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    await completeTask(await current.login('director'), 'Task_ReviewObjectives', {
      decision: 'approve',
    });
    await completeTask(secretary, 'Task_Disseminate', {
      disseminationNote: 'Công văn',
      disseminatedOn: '2027-01-20',
    });
    await completeTask(await current.login(departmentHeads[0]), 'Task_Acknowledge', {
      acknowledged: true,
      acknowledgeNote: 'Văn phòng triển khai',
    });
    const inspectorate = await current.login(departmentHeads[1]);

    const task = await findTask(inspectorate, 'Task_Acknowledge');
    const shown = (await inspectorate.request('GET', `/api/tasks/${task.key}`)).json();

    expect(shown.variables.acknowledged).toBeUndefined();
    expect(shown.variables.acknowledgeNote).toBeUndefined();
    expect(shown.variables.department).toBe('TTRA');
  });

  it('rejects assigning a task to a non-candidate', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');
    const deputy = await current.login('deputy');
    await startQualityObjectives(secretary);
    await completeTask(secretary, 'Task_DraftObjectives', { objectives: draftedObjectives });
    const review = await findTask(deputy, 'Task_ReviewObjectives');

    const response = await deputy.request('POST', `/v2/user-tasks/${review.key}/assignment`, {
      assignee: 'staff.vp',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([expect.objectContaining({ path: '/assignee' })]);
    const task = await current.db('user_tasks').where({ key: review.key }).first('assignee');
    expect(task.assignee).toBeNull();
  });

  it('rejects a second instance for the same year', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');
    await startQualityObjectives(secretary, 2027);

    const again = await secretary.request('POST', '/api/procedures/quality-objectives/instances', {
      year: 2027,
    });
    const nextYear = await secretary.request(
      'POST',
      '/api/procedures/quality-objectives/instances',
      { year: 2028 },
    );

    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('quality-objectives-2027');
    expect(nextYear.statusCode).toBe(201);
  });

  it('stores an empty optional formula as none', async () => {
    current = await createTestApp();
    const secretary = await current.login('secretary');
    await startQualityObjectives(secretary);
    await completeTask(secretary, 'Task_DraftObjectives', {
      objectives: [{ ...draftedObjectives[0], formula: '', resources: '', evaluationMethod: '' }],
    });
    await completeTask(await current.login('director'), 'Task_ReviewObjectives', {
      decision: 'approve',
    });

    const decision = await secretary.request(
      'GET',
      '/api/objectives/decision?year=2027&format=pdf',
    );

    expect(decision.statusCode).toBe(200);
    const stored = await current
      .db('objectives')
      .where({ year: 2027 })
      .first('formula', 'resources');
    expect(stored.formula).toBeNull();
    expect(stored.resources).toBeNull();
  });
});
