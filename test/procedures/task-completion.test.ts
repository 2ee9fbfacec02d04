import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  draftedObjectives,
  findTask,
  startQualityObjectives,
} from '../helpers/quality-objectives.js';

type CurrentApp = TestApp & { drop: () => Promise<void> };

async function snapshot(current: CurrentApp, instanceKey: string) {
  const instance = await current
    .db('process_instances')
    .where({ key: instanceKey })
    .first('revision', 'variables', 'state');
  const tasks = await current
    .db('user_tasks')
    .where({ process_instance_key: instanceKey })
    .orderBy('key')
    .select('key', 'state');
  const [{ count }] = await current
    .db('history_events')
    .where({ process_instance_key: instanceKey })
    .count({ count: '*' });
  return { instance, tasks, historyEvents: Number(count) };
}

describe('task completion', () => {
  let current: CurrentApp | undefined;
  let secretary: TestSession;
  let instanceKey: string;
  let draftKey: string;

  async function given() {
    current = await createTestApp();
    secretary = await current.login('secretary');
    instanceKey = await startQualityObjectives(secretary);
    draftKey = (await findTask(secretary, 'Task_DraftObjectives')).key;
  }

  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  it('lets one of ten concurrent completions win', async () => {
    await given();

    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        secretary.request('POST', `/api/tasks/${draftKey}/complete`, {
          variables: { objectives: draftedObjectives },
        }),
      ),
    );

    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([204, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const completions = await current!
      .db('history_events')
      .where({ process_instance_key: instanceKey, type: 'USER_TASK_COMPLETED' });
    expect(completions).toHaveLength(1);
    const reviews = await current!
      .db('user_tasks')
      .where({ process_instance_key: instanceKey, element_id: 'Task_ReviewObjectives' });
    expect(reviews).toHaveLength(1);
  });

  it.each([
    [
      'a missing target',
      { ...draftedObjectives[0], targetValue: undefined },
      '/objectives/0/targetValue',
    ],
    [
      'a target that is not a number',
      { ...draftedObjectives[0], targetValue: 'chín mươi' },
      '/objectives/0/targetValue',
    ],
    [
      'a 1 MB string',
      { ...draftedObjectives[0], title: 'x'.repeat(1_000_000) },
      '/objectives/0/title',
    ],
  ])('rejects %s and changes nothing', async (_case, objective, path) => {
    await given();
    const before = await snapshot(current!, instanceKey);

    const response = await secretary.request('POST', `/api/tasks/${draftKey}/complete`, {
      variables: { objectives: [objective] },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('EISO_ERR_FORM_INVALID');
    expect(response.json().details.map((detail: { path: string }) => detail.path)).toContain(path);
    expect(await snapshot(current!, instanceKey)).toEqual(before);
  });

  it('rejects an unknown field and changes nothing', async () => {
    await given();
    const before = await snapshot(current!, instanceKey);

    const response = await secretary.request('POST', `/api/tasks/${draftKey}/complete`, {
      variables: { objectives: draftedObjectives, approvedBy: 'director' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([expect.objectContaining({ path: '/approvedBy' })]);
    expect(await snapshot(current!, instanceKey)).toEqual(before);
  });

  it('rejects a body over the size limit', async () => {
    await given();

    const response = await secretary.request('POST', `/api/tasks/${draftKey}/complete`, {
      variables: { objectives: [{ ...draftedObjectives[0], title: 'x'.repeat(2_000_000) }] },
    });

    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('EISO_ERR_PAYLOAD_TOO_LARGE');
  });

  it('rejects completing a task assigned to someone else', async () => {
    await given();
    await secretary.request('POST', `/api/tasks/${draftKey}/claim`);
    const director = await current!.login('director');

    const response = await director.request('POST', `/api/tasks/${draftKey}/complete`, {
      variables: { objectives: draftedObjectives },
    });

    // A leader may open every task of the unit, so the refusal names the assignee.
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('EISO_ERR_TASK_ASSIGNED');
  });

  it('rejects unclaiming a completed task', async () => {
    await given();
    await secretary.request('POST', `/api/tasks/${draftKey}/claim`);
    await secretary.request('POST', `/api/tasks/${draftKey}/complete`, {
      variables: { objectives: draftedObjectives },
    });
    const before = await snapshot(current!, instanceKey);

    const response = await secretary.request('POST', `/api/tasks/${draftKey}/unclaim`);

    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('EISO_ERR_TASK_NOT_ACTIVE');
    expect(await snapshot(current!, instanceKey)).toEqual(before);
  });
});
