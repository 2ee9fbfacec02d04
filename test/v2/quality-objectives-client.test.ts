import {
  createCamundaClient,
  ElementId,
  ProcessDefinitionId,
  type CamundaClient,
  type ProcessInstanceKey,
  type UserTaskResult,
} from '@camunda8/orchestration-cluster-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  basicAuth,
  bundledFiles,
  headOf,
  objective,
  password,
  startApp,
  type TestApp,
} from './helpers.js';

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

async function openTask(
  client: CamundaClient,
  processInstanceKey: ProcessInstanceKey,
  elementId: string,
  candidateGroup?: string,
): Promise<UserTaskResult> {
  const filter = {
    processInstanceKey,
    elementId: ElementId.assumeExists(elementId),
    state: 'CREATED' as const,
    ...(candidateGroup ? { candidateGroup } : {}),
  };
  const { items } = await client.searchUserTasks(
    { filter, sort: [{ field: 'creationDate', order: 'DESC' }] },
    immediate,
  );
  expect(items).toHaveLength(1);
  return items[0];
}

async function start(year: number) {
  return clientFor('secretary').createProcessInstance({
    processDefinitionId: ProcessDefinitionId.assumeExists('quality-objectives'),
    variables: { year },
  });
}

async function draft(
  processInstanceKey: ProcessInstanceKey,
  objectives: Record<string, unknown>[],
): Promise<void> {
  const secretary = clientFor('secretary');
  const task = await openTask(secretary, processInstanceKey, 'Task_DraftObjectives');
  await secretary.assignUserTask({
    userTaskKey: task.userTaskKey,
    assignee: 'secretary',
    allowOverride: false,
  });
  await secretary.completeUserTask({ userTaskKey: task.userTaskKey, variables: { objectives } });
}

async function review(
  processInstanceKey: ProcessInstanceKey,
  decision: 'approve' | 'return',
  comment?: string,
): Promise<void> {
  const director = clientFor('director');
  const task = await openTask(director, processInstanceKey, 'Task_ReviewObjectives');
  await director.completeUserTask({
    userTaskKey: task.userTaskKey,
    variables: { decision, ...(comment ? { comment } : {}) },
  });
}

async function disseminateAndAcknowledge(
  processInstanceKey: ProcessInstanceKey,
  departments: string[],
): Promise<void> {
  const secretary = clientFor('secretary');
  const task = await openTask(secretary, processInstanceKey, 'Task_Disseminate');
  await secretary.completeUserTask({
    userTaskKey: task.userTaskKey,
    variables: {
      disseminationNote: 'Đã phổ biến tại cuộc họp giao ban',
      disseminatedOn: '2027-01-20',
    },
  });
  for (const department of departments) {
    const head = clientFor(headOf(department));
    const acknowledge = await openTask(
      head,
      processInstanceKey,
      'Task_Acknowledge',
      `head-${department}`,
    );
    await head.completeUserTask({
      userTaskKey: acknowledge.userTaskKey,
      variables: { acknowledged: true },
    });
  }
}

async function register(year: number) {
  const response = await fetch(`${baseUrl}/api/objectives?year=${year}`, {
    headers: { authorization: basicAuth('secretary') },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    items: { targetValue: number; status: string }[];
    approvals: { decision: string; actor: string }[];
    acknowledgements: { department: { code: string } }[];
  };
}

describe('quality objectives through the official Camunda client', () => {
  it('deploys, starts and approves on the first review', async () => {
    const secretary = clientFor('secretary');
    const deployment = await clientFor('director').deployResourcesFromFiles(
      bundledFiles().map((file) => file.path),
    );
    const started = await start(2027);
    const departments = started.variables.departments as string[];

    const task = await openTask(secretary, started.processInstanceKey, 'Task_DraftObjectives');
    const form = await secretary.getUserTaskForm({ userTaskKey: task.userTaskKey }, immediate);
    await draft(started.processInstanceKey, [objective()]);
    await review(started.processInstanceKey, 'approve');
    await disseminateAndAcknowledge(started.processInstanceKey, departments);

    expect(deployment.processes).toMatchObject([
      {
        processDefinitionId: 'quality-objectives',
        processDefinitionVersion: 1,
        tenantId: '<default>',
      },
    ]);
    expect(deployment.forms).toHaveLength(4);
    expect(form).toMatchObject({ formId: 'quality-objectives-draft', formKey: task.formKey });
    const instance = await secretary.getProcessInstance(
      { processInstanceKey: started.processInstanceKey },
      immediate,
    );
    expect(instance).toMatchObject({
      state: 'COMPLETED',
      processDefinitionKey: started.processDefinitionKey,
    });
    const objectives = await register(2027);
    expect(objectives.items).toMatchObject([{ targetValue: 98, status: 'disseminated' }]);
    expect(objectives.approvals).toMatchObject([{ decision: 'approve', actor: 'director' }]);
    expect(objectives.acknowledgements).toHaveLength(departments.length);
  });

  it('returns, then approves the corrected draft', async () => {
    const started = await start(2027);
    const departments = started.variables.departments as string[];
    await draft(started.processInstanceKey, [objective({ targetValue: 80 })]);

    await review(started.processInstanceKey, 'return', 'Đề nghị nâng chỉ tiêu lên 95%.');
    await draft(started.processInstanceKey, [objective({ targetValue: 95 })]);
    await review(started.processInstanceKey, 'approve');
    await disseminateAndAcknowledge(started.processInstanceKey, departments);

    const objectives = await register(2027);
    expect(objectives.items).toMatchObject([{ targetValue: 95, status: 'disseminated' }]);
    expect(objectives.approvals.map((approval) => approval.decision)).toEqual([
      'return',
      'approve',
    ]);
    const completed = await clientFor('secretary').searchProcessInstances(
      { filter: { state: 'COMPLETED' } },
      immediate,
    );
    expect(completed.items.map((item) => item.processInstanceKey)).toEqual([
      started.processInstanceKey,
    ]);
  });

  it('reports an invalid completion as a problem', async () => {
    const started = await start(2027);
    const secretary = clientFor('secretary');
    const task = await openTask(secretary, started.processInstanceKey, 'Task_DraftObjectives');

    const failure = secretary.completeUserTask({
      userTaskKey: task.userTaskKey,
      variables: { objectives: [objective({ targetValue: 'nhiều' })] },
    });

    await expect(failure).rejects.toMatchObject({ status: 400, title: 'Invalid form submission' });
  });

  it('unassigns and searches definitions', async () => {
    const started = await start(2027);
    const secretary = clientFor('secretary');
    const task = await openTask(secretary, started.processInstanceKey, 'Task_DraftObjectives');

    await secretary.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'secretary' });
    await secretary.unassignUserTask({ userTaskKey: task.userTaskKey });
    const definitions = await secretary.searchProcessDefinitions(
      { filter: { isLatestVersion: true } },
      immediate,
    );
    const xml = await secretary.getProcessDefinitionXml(
      { processDefinitionKey: started.processDefinitionKey },
      immediate,
    );

    const reread = await secretary.getUserTask({ userTaskKey: task.userTaskKey }, immediate);
    expect(reread.assignee).toBeUndefined();
    expect(definitions.items).toContainEqual(
      expect.objectContaining({ processDefinitionId: 'quality-objectives', version: 1 }),
    );
    expect((definitions.items ?? []).every((item) => item.version === 1)).toBe(true);
    expect(xml).toContain('<bpmn:process id="quality-objectives"');
  });
});
