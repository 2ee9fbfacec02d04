import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployResources } from '../../src/runtime/deployer.js';
import { formlessProcess } from './fixtures.js';
import { callAs, objective, startApp, type TestApp } from './helpers.js';

let testApp: TestApp;
let app: FastifyInstance;

beforeEach(async () => {
  testApp = await startApp();
  app = testApp.app;
});

afterEach(async () => {
  await testApp.close();
});

async function firstTask(username: string, processDefinitionId: string): Promise<string> {
  const started = await callAs(app, username, 'POST', '/v2/process-instances', {
    processDefinitionId,
  });
  expect(started.statusCode, started.body).toBe(200);
  const filter = { processInstanceKey: started.json().processInstanceKey };
  const tasks = await callAs(app, username, 'POST', '/v2/user-tasks/search', { filter });
  return tasks.json().items[0].userTaskKey;
}

describe('/v2/user-tasks', () => {
  it('returns 204 for a formless task', async () => {
    // The lint refuses a formless user task over HTTP; a model deployed another way still has one.
    const unitId = String(
      await app.services
        .db('units')
        .where({ kind: 'agency' })
        .first('id')
        .then((row) => row.id),
    );
    await deployResources(
      app.services.db,
      app.services.logger,
      unitId,
      [{ name: 'formless.bpmn', content: formlessProcess }],
      'director',
    );
    const userTaskKey = await firstTask('secretary', 'v2-formless-process');

    const form = await callAs(app, 'secretary', 'GET', `/v2/user-tasks/${userTaskKey}/form`);
    const task = await callAs(app, 'secretary', 'GET', `/v2/user-tasks/${userTaskKey}`);

    expect(form.statusCode).toBe(204);
    expect(form.body).toBe('');
    expect(task.json().formKey).toBeUndefined();
  });

  it('keeps an assignment without allowOverride', async () => {
    const draftKey = await firstTask('secretary', 'quality-objectives');
    await callAs(app, 'secretary', 'POST', `/v2/user-tasks/${draftKey}/completion`, {
      variables: { objectives: [objective()] },
    });
    const review = await callAs(app, 'director', 'POST', '/v2/user-tasks/search', {
      filter: { state: 'CREATED' },
    });
    const userTaskKey = review.json().items[0].userTaskKey as string;
    await callAs(app, 'director', 'POST', `/v2/user-tasks/${userTaskKey}/assignment`, {
      assignee: 'director',
      allowOverride: false,
    });

    const override = await callAs(
      app,
      'deputy',
      'POST',
      `/v2/user-tasks/${userTaskKey}/assignment`,
      { assignee: 'deputy', allowOverride: false },
    );
    const unassign = await callAs(
      app,
      'deputy',
      'DELETE',
      `/v2/user-tasks/${userTaskKey}/assignee`,
    );

    expect(override.statusCode).toBe(409);
    expect(override.json()).toMatchObject({ code: 'EISO_ERR_TASK_ASSIGNED' });
    expect(unassign.statusCode).toBe(409);
    const task = await callAs(app, 'deputy', 'GET', `/v2/user-tasks/${userTaskKey}`);
    expect(task.json().assignee).toBe('director');
  });

  it('rejects a second completion', async () => {
    const userTaskKey = await firstTask('secretary', 'quality-objectives');
    const variables = { objectives: [objective()] };
    await callAs(app, 'secretary', 'POST', `/v2/user-tasks/${userTaskKey}/completion`, {
      variables,
    });

    const again = await callAs(
      app,
      'secretary',
      'POST',
      `/v2/user-tasks/${userTaskKey}/completion`,
      { variables },
    );

    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ status: 409, code: 'EISO_ERR_TASK_NOT_ACTIVE' });
  });

  it('shows completed tasks to whoever completed them', async () => {
    const userTaskKey = await firstTask('secretary', 'quality-objectives');
    await callAs(app, 'secretary', 'POST', `/v2/user-tasks/${userTaskKey}/completion`, {
      variables: { objectives: [objective()] },
    });

    const completed = await callAs(app, 'secretary', 'POST', '/v2/user-tasks/search', {
      filter: { state: 'COMPLETED' },
    });
    const open = await callAs(app, 'director', 'POST', '/v2/user-tasks/search', {
      filter: { state: 'CREATED' },
    });

    expect(completed.json().items).toMatchObject([
      { userTaskKey, state: 'COMPLETED', completionDate: expect.any(String) },
    ]);
    expect(open.json().items).toMatchObject([
      { elementId: 'Task_ReviewObjectives', candidateGroups: ['board'], priority: 70 },
    ]);
  });
});
