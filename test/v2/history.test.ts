import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployResources } from '../../src/runtime/deployer.js';
import { seedAgency } from '../../src/seed/demo-agency.js';
import { otherAgency } from './fixtures.js';
import { callAs, objective, password, startApp, type TestApp } from './helpers.js';

let testApp: TestApp;
let app: FastifyInstance;

beforeEach(async () => {
  testApp = await startApp();
  app = testApp.app;
});

afterEach(async () => {
  await testApp.close();
});

async function unitId(): Promise<string> {
  const row = await app.services.db('units').where({ code: 'SKHCN' }).first('id');
  return String(row.id);
}

async function completeOpenTask(username: string, key: string, variables: object) {
  const search = await callAs(app, username, 'POST', '/v2/user-tasks/search', {
    filter: { processInstanceKey: key, state: 'CREATED' },
  });
  const [task] = search.json().items as { userTaskKey: string }[];
  const response = await callAs(
    app,
    username,
    'POST',
    `/v2/user-tasks/${task.userTaskKey}/completion`,
    {
      variables,
    },
  );
  expect(response.statusCode, response.body).toBe(204);
}

/** Starts the 2027 quality-objectives procedure, returns the draft once, then approves it. */
async function approvedObjectives(): Promise<string> {
  const started = await callAs(app, 'secretary', 'POST', '/v2/process-instances', {
    processDefinitionId: 'quality-objectives',
    variables: { year: 2027 },
  });
  const key = started.json().processInstanceKey as string;
  await completeOpenTask('secretary', key, { objectives: [objective()] });
  await completeOpenTask('director', key, { decision: 'return', comment: 'Thêm chỉ tiêu' });
  await completeOpenTask('secretary', key, { objectives: [objective()] });
  await completeOpenTask('director', key, { decision: 'approve' });
  return key;
}

/** Starts the amount-gateway model and completes its first task without `amount`, which raises an incident. */
async function failedGateway(extra: Record<string, unknown> = {}): Promise<string> {
  const fixture = path.join(import.meta.dirname, '..', 'fixtures', 'bpmn', 'amount-gateway.bpmn');
  const unit = await unitId();
  const { runtime, db, logger } = app.services;
  await deployResources(
    db,
    logger,
    unit,
    [{ name: 'amount-gateway.bpmn', content: fs.readFileSync(fixture, 'utf8') }],
    'test',
  );
  const instance = await runtime.startInstance({
    unitId: unit,
    bpmnProcessId: 'amount-gateway',
    variables: { initiator: 'secretary', ...extra },
    actor: 'secretary',
  });
  const task = await db('user_tasks').where({ process_instance_key: instance.key }).first('key');
  await runtime.completeUserTask(await runtime.loadTask(unit, String(task.key)), {}, 'secretary');
  return instance.key;
}

describe('/v2 process instance history', () => {
  it('lists the taken sequence flows', async () => {
    const key = await approvedObjectives();

    const response = await callAs(
      app,
      'secretary',
      'GET',
      `/v2/process-instances/${key}/sequence-flows`,
    );

    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as Record<string, unknown>[];
    expect(items.map((item) => item.elementId)).toEqual([
      'Flow_StartToDraft',
      'Flow_JoinDraftObjectives',
      'Flow_DraftToReview',
      'Flow_ReviewToDecision',
      'Flow_Returned',
      'Flow_Approved',
      'Flow_RecordToDisseminate',
    ]);
    expect(items[0]).toEqual({
      sequenceFlowId: `${key}_Flow_StartToDraft`,
      processInstanceKey: key,
      processDefinitionKey: expect.stringMatching(/^\d+$/),
      processDefinitionId: 'quality-objectives',
      elementId: 'Flow_StartToDraft',
      tenantId: '<default>',
    });
  });

  it('counts element instances by state', async () => {
    const key = await approvedObjectives();

    const response = await callAs(
      app,
      'secretary',
      'GET',
      `/v2/process-instances/${key}/statistics/element-instances`,
    );

    expect(response.statusCode, response.body).toBe(200);
    const byElement = new Map(
      (response.json().items as { elementId: string }[]).map((item) => [item.elementId, item]),
    );
    expect(byElement.get('Task_DraftObjectives')).toEqual({
      elementId: 'Task_DraftObjectives',
      active: 0,
      canceled: 0,
      incidents: 0,
      completed: 2,
    });
    expect(byElement.get('Task_Disseminate')).toMatchObject({ active: 1, completed: 0 });
    expect(byElement.get('Task_RecordObjectives')).toMatchObject({ active: 0, completed: 1 });
    expect(byElement.has('Task_Acknowledge')).toBe(false);
  });

  it('counts an incident on its element', async () => {
    const key = await failedGateway();

    const response = await callAs(
      app,
      'secretary',
      'GET',
      `/v2/process-instances/${key}/statistics/element-instances`,
    );

    const gateway = (response.json().items as { elementId: string }[]).find(
      (item) => item.elementId === 'Gateway_Amount',
    );
    expect(gateway).toMatchObject({ incidents: 1 });
  });

  it("hides another unit's instance", async () => {
    const key = await approvedObjectives();
    await seedAgency(app.services.db, otherAgency, password);

    const responses = await Promise.all([
      callAs(app, 'snv.secretary', 'GET', `/v2/process-instances/${key}/sequence-flows`),
      callAs(
        app,
        'snv.secretary',
        'GET',
        `/v2/process-instances/${key}/statistics/element-instances`,
      ),
    ]);
    const variables = await callAs(app, 'snv.secretary', 'POST', '/v2/variables/search', {
      filter: { processInstanceKey: key },
    });

    expect(responses.map((response) => response.statusCode)).toEqual([404, 404]);
    expect(variables.json()).toMatchObject({ items: [], page: { totalItems: 0 } });
  });
});

describe('/v2 variables', () => {
  it('searches by instance and name', async () => {
    const key = await approvedObjectives();

    const response = await callAs(app, 'secretary', 'POST', '/v2/variables/search', {
      filter: { processInstanceKey: key, name: { $in: ['year', 'decision'] } },
      sort: [{ field: 'name', order: 'ASC' }],
    });

    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as Record<string, unknown>[];
    expect(items).toEqual([
      {
        variableKey: expect.stringMatching(/^\d+$/),
        name: 'decision',
        value: '"approve"',
        isTruncated: false,
        scopeKey: key,
        processInstanceKey: key,
        tenantId: '<default>',
      },
      expect.objectContaining({ name: 'year', value: '2027' }),
    ]);
  });

  it('keeps the key when the value changes', async () => {
    const key = await approvedObjectives();
    const created = await app.services
      .db('history_events')
      .where({ process_instance_key: key, type: 'VARIABLE_CREATED' })
      .whereRaw("data ->> 'name' = 'decision'")
      .first('id');

    const byKey = await callAs(app, 'secretary', 'POST', '/v2/variables/search', {
      filter: { variableKey: String(created.id) },
    });
    const byValue = await callAs(app, 'secretary', 'POST', '/v2/variables/search', {
      filter: { processInstanceKey: key, value: { $like: '*appr*' } },
    });

    expect(byKey.json().items).toEqual([
      expect.objectContaining({ name: 'decision', value: '"approve"' }),
    ]);
    expect(byValue.json().items.map((item: { name: string }) => item.name)).toEqual(['decision']);
  });

  it('truncates long values unless asked not to', async () => {
    const note = 'x'.repeat(9000);
    const key = await failedGateway({ note });

    const truncated = await callAs(app, 'secretary', 'POST', '/v2/variables/search', {
      filter: { processInstanceKey: key, name: 'note' },
    });
    const full = await callAs(
      app,
      'secretary',
      'POST',
      '/v2/variables/search?truncateValues=false',
      { filter: { processInstanceKey: key, isTruncated: true } },
    );

    const [short] = truncated.json().items;
    expect(short.isTruncated).toBe(true);
    expect(short.value).toHaveLength(8191);
    const [long] = full.json().items;
    expect(long.isTruncated).toBe(false);
    expect(long.value).toBe(JSON.stringify(note));
  });
});

describe('/v2 incidents', () => {
  it('searches incidents by state and instance', async () => {
    const key = await failedGateway();

    const response = await callAs(app, 'secretary', 'POST', '/v2/incidents/search', {
      filter: { processInstanceKey: key, state: 'ACTIVE', errorType: 'CONDITION_ERROR' },
    });
    const none = await callAs(app, 'secretary', 'POST', '/v2/incidents/search', {
      filter: { processInstanceKey: key, state: 'RESOLVED' },
    });

    expect(response.statusCode, response.body).toBe(200);
    const [incident] = response.json().items;
    expect(incident).toEqual({
      incidentKey: expect.stringMatching(/^\d+$/),
      processDefinitionKey: expect.stringMatching(/^\d+$/),
      processDefinitionId: 'amount-gateway',
      processInstanceKey: key,
      errorType: 'CONDITION_ERROR',
      errorMessage: expect.stringContaining('amount'),
      elementId: 'Gateway_Amount',
      creationTime: expect.stringMatching(/Z$/),
      state: 'ACTIVE',
      tenantId: '<default>',
    });
    expect(none.json().page.totalItems).toBe(0);
  });

  it('lets only the secretary and board resolve', async () => {
    const key = await failedGateway();
    const incident = await app.services
      .db('incidents')
      .where({ process_instance_key: key })
      .first('key');
    const url = `/v2/incidents/${incident.key}/resolution`;

    const forbidden = await callAs(app, 'staff.vp', 'POST', url, {});
    const resolved = await callAs(app, 'director', 'POST', url);
    const again = await callAs(app, 'director', 'POST', url);

    expect(forbidden.statusCode).toBe(403);
    expect(resolved.statusCode, resolved.body).toBe(204);
    expect(again.statusCode).toBe(409);
    const history = await app.services
      .db('history_events')
      .where({ process_instance_key: key, type: 'INCIDENT_RESOLVED' })
      .first('actor');
    expect(history.actor).toBe('director');
  });

  it("hides another unit's incident", async () => {
    const key = await failedGateway();
    const incident = await app.services
      .db('incidents')
      .where({ process_instance_key: key })
      .first('key');
    await seedAgency(app.services.db, otherAgency, password);

    const search = await callAs(app, 'snv.director', 'POST', '/v2/incidents/search', {});
    const resolve = await callAs(
      app,
      'snv.director',
      'POST',
      `/v2/incidents/${incident.key}/resolution`,
    );

    expect(search.json().page.totalItems).toBe(0);
    expect(resolve.statusCode).toBe(404);
  });

  it('rejects bad filters with field paths', async () => {
    const cases = [
      ['/v2/incidents/search', { filter: { state: 'OPEN' } }, '/filter/state'],
      ['/v2/incidents/search', { filter: { errorType: 'BROKEN' } }, '/filter/errorType'],
      [
        '/v2/incidents/search',
        { filter: { processInstanceKey: 'abc' } },
        '/filter/processInstanceKey',
      ],
      [
        '/v2/incidents/search',
        { filter: { elementInstanceKey: '1' } },
        '/filter/elementInstanceKey',
      ],
      ['/v2/incidents/search', { sort: [{ field: 'severity' }] }, '/sort/0/field'],
      ['/v2/variables/search', { filter: { variableKey: 'x1' } }, '/filter/variableKey'],
      ['/v2/variables/search', { filter: { tenantId: 'other' } }, '/filter/tenantId'],
      ['/v2/variables/search', { filter: { scope: '1' } }, '/filter/scope'],
      ['/v2/variables/search?truncateValues=maybe', {}, '/truncateValues'],
      ['/v2/incidents/1/resolution', { operationReference: 0 }, '/operationReference'],
    ] as const;

    const responses = await Promise.all(
      cases.map(([url, body]) => callAs(app, 'director', 'POST', url, body)),
    );

    for (const [index, response] of responses.entries()) {
      expect(response.statusCode, `${cases[index][0]} ${response.body}`).toBe(400);
      expect(response.json().details.map((detail: { path: string }) => detail.path)).toContain(
        cases[index][2],
      );
    }
  });
});
