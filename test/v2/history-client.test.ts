import fs from 'node:fs';
import path from 'node:path';
import {
  createCamundaClient,
  ElementId,
  ProcessDefinitionId,
  type CamundaClient,
  type IncidentResult,
  type ProcessInstanceKey,
} from '@camunda8/orchestration-cluster-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployResources } from '../../src/runtime/deployer.js';
import { objective, password, startApp, type TestApp } from './helpers.js';

// eiso reads from the database that its commands write, so no request needs polling.
const immediate = { consistency: { waitUpToMs: 0 } };

let testApp: TestApp;
let baseUrl: string;

beforeEach(async () => {
  testApp = await startApp();
  baseUrl = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
});

afterEach(async () => {
  await testApp.close();
});

// Strict validation makes the client reject any response that leaves Camunda's shapes.
function clientFor(username: string): CamundaClient {
  return createCamundaClient({
    env: {},
    config: {
      CAMUNDA_REST_ADDRESS: baseUrl,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: username,
      CAMUNDA_BASIC_AUTH_PASSWORD: password,
      CAMUNDA_SDK_VALIDATION: 'req:strict,res:strict',
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
      CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS: 1,
    },
  });
}

async function completeTask(
  username: string,
  processInstanceKey: ProcessInstanceKey,
  elementId: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const client = clientFor(username);
  const { items } = await client.searchUserTasks(
    {
      filter: {
        processInstanceKey,
        elementId: ElementId.assumeExists(elementId),
        state: 'CREATED',
      },
    },
    immediate,
  );
  expect(items).toHaveLength(1);
  await client.completeUserTask({ userTaskKey: items[0].userTaskKey, variables });
}

async function incidentsOf(
  processInstanceKey: ProcessInstanceKey,
  state: 'ACTIVE' | 'RESOLVED',
): Promise<IncidentResult[]> {
  const result = await clientFor('secretary').searchIncidents(
    { filter: { processInstanceKey, state } },
    immediate,
  );
  return result.items ?? [];
}

// The v2 deployment runs the model lint, which blocks this minimal test model, so the model
// goes in through the deployer as in the engine tests.
async function deployFixture(name: string): Promise<void> {
  const { db, logger } = testApp.app.services;
  const unit = await db('units').where({ code: 'SKHCN' }).first('id');
  const content = fs.readFileSync(
    path.join(import.meta.dirname, '..', 'fixtures', 'bpmn', name),
    'utf8',
  );
  await deployResources(db, logger, String(unit.id), [{ name, content }], 'test');
}

describe('instance history through the official Camunda client', () => {
  it('reads flows, statistics and variables', async () => {
    const secretary = clientFor('secretary');
    const started = await secretary.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('quality-objectives'),
      variables: { year: 2027 },
    });
    const key = started.processInstanceKey;
    await completeTask('secretary', key, 'Task_DraftObjectives', { objectives: [objective()] });
    await completeTask('director', key, 'Task_ReviewObjectives', { decision: 'approve' });

    const flows = await secretary.getProcessInstanceSequenceFlows(
      { processInstanceKey: key },
      immediate,
    );
    const statistics = await secretary.getProcessInstanceStatistics(
      { processInstanceKey: key },
      immediate,
    );
    const variables = await secretary.searchVariables(
      { filter: { processInstanceKey: key, name: 'decision' }, truncateValues: false },
      immediate,
    );

    expect(flows.items?.map((flow) => flow.elementId)).toContain('Flow_Approved');
    expect(flows.items?.map((flow) => flow.elementId)).not.toContain('Flow_Returned');
    expect(statistics.items).toContainEqual({
      elementId: 'Task_Disseminate',
      active: 1n,
      canceled: 0n,
      incidents: 0n,
      completed: 0n,
    });
    expect(variables.items).toEqual([
      expect.objectContaining({ name: 'decision', value: '"approve"', isTruncated: false }),
    ]);
  });

  it('searches and resolves an incident', async () => {
    await deployFixture('amount-gateway.bpmn');
    const started = await clientFor('secretary').createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('amount-gateway'),
      variables: { initiator: 'secretary' },
    });
    const key = started.processInstanceKey;
    // The gateway's conditions read `amount`, which this completion leaves out.
    await completeTask('secretary', key, 'Task_Enter', {});
    const [incident] = await incidentsOf(key, 'ACTIVE');

    await clientFor('director').resolveIncident({ incidentKey: incident.incidentKey! });

    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'Gateway_Amount' });
    const resolved = await incidentsOf(key, 'RESOLVED');
    expect(resolved.map((item) => item.incidentKey)).toEqual([incident.incidentKey]);
    // Running the completion again without `amount` raises a new incident.
    expect(await incidentsOf(key, 'ACTIVE')).toHaveLength(1);
  });
});
