import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedAgency } from '../../src/seed/demo-agency.js';
import { otherAgency } from './fixtures.js';
import {
  basicAuth,
  bundledFiles,
  callAs,
  multipartResources,
  password,
  startApp,
  type TestApp,
} from './helpers.js';

let testApp: TestApp;
let app: FastifyInstance;

beforeEach(async () => {
  testApp = await startApp();
  app = testApp.app;
});

afterEach(async () => {
  await testApp.close();
});

async function startObjectives(
  username: string,
): Promise<{ processInstanceKey: string; userTaskKey: string }> {
  const started = await callAs(app, username, 'POST', '/v2/process-instances', {
    processDefinitionId: 'quality-objectives',
  });
  expect(started.statusCode, started.body).toBe(200);
  const { processInstanceKey } = started.json() as { processInstanceKey: string };
  const tasks = await callAs(app, username, 'POST', '/v2/user-tasks/search', {
    filter: { processInstanceKey },
  });
  return { processInstanceKey, userTaskKey: tasks.json().items[0].userTaskKey };
}

async function seedOtherAgency(): Promise<void> {
  await seedAgency(app.services.db, otherAgency, password);
  const { body, contentType } = await multipartResources(bundledFiles());
  const deployed = await app.inject({
    method: 'POST',
    url: '/v2/deployments',
    payload: body,
    headers: { authorization: basicAuth('snv.director'), 'content-type': contentType },
  });
  expect(deployed.statusCode, deployed.body).toBe(200);
}

describe('/v2 access', () => {
  it('returns 401 without credentials', async () => {
    const search = await app.inject({ method: 'POST', url: '/v2/user-tasks/search', payload: {} });
    const badBody = await app.inject({
      method: 'POST',
      url: '/v2/process-instances',
      payload: { junk: true },
    });
    const wrongPassword = await app.inject({
      method: 'GET',
      url: '/v2/user-tasks/1',
      headers: { authorization: basicAuth('secretary', 'wrong-password') },
    });

    expect(search.statusCode).toBe(401);
    expect(search.headers['www-authenticate']).toContain('Basic');
    expect(search.json()).toMatchObject({ status: 401, code: 'EISO_ERR_AUTH_REQUIRED' });
    expect(badBody.statusCode).toBe(401);
    expect(wrongPassword.statusCode).toBe(401);
  });

  it("hides another unit's task and instance", async () => {
    await seedOtherAgency();
    const other = await startObjectives('snv.secretary');

    const responses = await Promise.all([
      callAs(app, 'secretary', 'GET', `/v2/user-tasks/${other.userTaskKey}`),
      callAs(app, 'secretary', 'GET', `/v2/user-tasks/${other.userTaskKey}/form`),
      callAs(app, 'secretary', 'POST', `/v2/user-tasks/${other.userTaskKey}/assignment`, {
        assignee: 'secretary',
      }),
      callAs(app, 'secretary', 'POST', `/v2/user-tasks/${other.userTaskKey}/completion`, {
        variables: {},
      }),
      callAs(app, 'secretary', 'GET', `/v2/process-instances/${other.processInstanceKey}`),
    ]);
    const search = await callAs(app, 'secretary', 'POST', '/v2/user-tasks/search', {
      filter: { userTaskKey: other.userTaskKey },
    });

    expect(responses.map((response) => response.statusCode)).toEqual([404, 404, 404, 404, 404]);
    expect(search.json()).toMatchObject({ items: [], page: { totalItems: 0 } });
    const own = await callAs(app, 'snv.secretary', 'GET', `/v2/user-tasks/${other.userTaskKey}`);
    expect(own.json()).toMatchObject({ userTaskKey: other.userTaskKey, state: 'CREATED' });
  });

  it('shows a task only to its candidates', async () => {
    const { userTaskKey } = await startObjectives('secretary');

    const read = await callAs(app, 'staff.vp', 'GET', `/v2/user-tasks/${userTaskKey}`);
    const search = await callAs(app, 'staff.vp', 'POST', '/v2/user-tasks/search', {});

    expect(read.statusCode).toBe(404);
    expect(search.json().page.totalItems).toBe(0);
  });

  it('lets only the starter groups start a procedure', async () => {
    const response = await callAs(app, 'staff.vp', 'POST', '/v2/process-instances', {
      processDefinitionId: 'quality-objectives',
    });

    expect(response.statusCode).toBe(403);
  });

  it('rejects bad bodies with field paths', async () => {
    const cases = [
      [
        '/v2/user-tasks/search',
        { filter: { processInstanceKey: 'abc' } },
        '/filter/processInstanceKey',
      ],
      ['/v2/user-tasks/search', { filter: { state: 'DONE' } }, '/filter/state'],
      [
        '/v2/user-tasks/search',
        { filter: { elementInstanceKey: '1' } },
        '/filter/elementInstanceKey',
      ],
      ['/v2/process-instances/search', { page: { limit: 0 } }, '/page/limit'],
      [
        '/v2/process-instances',
        { processDefinitionId: 'quality-objectives', variables: { year: 'next' } },
        '/variables/year',
      ],
      ['/v2/user-tasks/1/assignment', {}, '/assignee'],
    ] as const;

    const responses = await Promise.all(
      cases.map(([url, body]) => callAs(app, 'secretary', 'POST', url, body)),
    );

    for (const [index, response] of responses.entries()) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().details.map((detail: { path: string }) => detail.path)).toContain(
        cases[index][2],
      );
    }
  });
});
