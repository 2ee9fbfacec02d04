import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAs, headOf, objective, startApp, type TestApp } from './helpers.js';

interface TaskItem {
  userTaskKey: string;
  state: string;
  elementId: string;
  candidateGroups: string[];
  assignee?: string;
  formKey?: string;
  priority: number;
  completionDate?: string;
}

let testApp: TestApp;
let app: FastifyInstance;

beforeEach(async () => {
  testApp = await startApp();
  app = testApp.app;
});

afterEach(async () => {
  await testApp.close();
});

async function start(
  year: number,
): Promise<{ processInstanceKey: string; variables: { departments: string[] } }> {
  const response = await callAs(app, 'secretary', 'POST', '/v2/process-instances', {
    processDefinitionId: 'quality-objectives',
    variables: { year },
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function openTask(
  username: string,
  processInstanceKey: string,
  elementId: string,
  candidateGroup?: string,
): Promise<TaskItem> {
  const filter = {
    processInstanceKey,
    elementId,
    state: 'CREATED',
    ...(candidateGroup ? { candidateGroup } : {}),
  };
  const response = await callAs(app, username, 'POST', '/v2/user-tasks/search', { filter });
  expect(response.statusCode).toBe(200);
  const { items } = response.json() as { items: TaskItem[] };
  expect(items).toHaveLength(1);
  return items[0];
}

async function complete(
  username: string,
  userTaskKey: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const response = await callAs(app, username, 'POST', `/v2/user-tasks/${userTaskKey}/completion`, {
    variables,
  });
  expect(response.statusCode, response.body).toBe(204);
}

async function draft(
  processInstanceKey: string,
  objectives: Record<string, unknown>[],
): Promise<TaskItem> {
  const task = await openTask('secretary', processInstanceKey, 'Task_DraftObjectives');
  const claimed = await callAs(
    app,
    'secretary',
    'POST',
    `/v2/user-tasks/${task.userTaskKey}/assignment`,
    { assignee: 'secretary', allowOverride: false },
  );
  expect(claimed.statusCode).toBe(204);
  await complete('secretary', task.userTaskKey, { objectives });
  return task;
}

async function review(
  processInstanceKey: string,
  decision: 'approve' | 'return',
  comment?: string,
): Promise<void> {
  const task = await openTask('director', processInstanceKey, 'Task_ReviewObjectives');
  await complete('director', task.userTaskKey, { decision, ...(comment ? { comment } : {}) });
}

async function disseminateAndAcknowledge(
  processInstanceKey: string,
  departments: string[],
): Promise<void> {
  const task = await openTask('secretary', processInstanceKey, 'Task_Disseminate');
  await complete('secretary', task.userTaskKey, {
    disseminationNote: 'Đã gửi công văn đến các phòng',
    disseminatedOn: '2027-01-15',
  });
  for (const department of departments) {
    const acknowledge = await openTask(
      headOf(department),
      processInstanceKey,
      'Task_Acknowledge',
      `head-${department}`,
    );
    await complete(headOf(department), acknowledge.userTaskKey, {
      acknowledged: true,
      acknowledgeNote: `Phòng ${department} đã nhận`,
    });
  }
}

async function register(year: number) {
  const response = await callAs(app, 'secretary', 'GET', `/api/objectives?year=${year}`);
  expect(response.statusCode).toBe(200);
  return response.json() as {
    items: { title: string; targetValue: number; status: string; processInstanceKey: string }[];
    approvals: { decision: string; comment: string | null; actor: string }[];
    acknowledgements: { department: { code: string }; actor: string }[];
  };
}

describe('quality objectives through /v2 with inject', () => {
  it('approves on the first review', async () => {
    const started = await start(2027);

    const drafted = await draft(started.processInstanceKey, [objective()]);
    const completedDraft = await callAs(
      app,
      'secretary',
      'GET',
      `/v2/user-tasks/${drafted.userTaskKey}`,
    );
    await review(started.processInstanceKey, 'approve');
    await disseminateAndAcknowledge(started.processInstanceKey, started.variables.departments);

    expect(drafted).toMatchObject({
      candidateGroups: ['iso-secretary'],
      priority: 60,
      formKey: expect.any(String),
    });
    expect(completedDraft.json()).toMatchObject({
      state: 'COMPLETED',
      assignee: 'secretary',
      completionDate: expect.any(String),
    });
    const instance = await callAs(
      app,
      'secretary',
      'GET',
      `/v2/process-instances/${started.processInstanceKey}`,
    );
    expect(instance.json()).toMatchObject({
      state: 'COMPLETED',
      processDefinitionId: 'quality-objectives',
      endDate: expect.any(String),
    });
    const objectives = await register(2027);
    expect(objectives.items).toMatchObject([
      { title: objective().title, targetValue: 98, status: 'disseminated' },
    ]);
    expect(objectives.approvals).toMatchObject([{ decision: 'approve', actor: 'director' }]);
    expect(objectives.acknowledgements.map((ack) => ack.department.code).sort()).toEqual(
      [...started.variables.departments].sort(),
    );
  });

  it('returns, then approves the corrected draft', async () => {
    const started = await start(2027);
    const first = await draft(started.processInstanceKey, [objective({ targetValue: 90 })]);
    await review(started.processInstanceKey, 'return', 'Chỉ tiêu còn thấp, đề nghị nâng lên 98%.');

    const second = await draft(started.processInstanceKey, [
      objective({ targetValue: 98, deadline: '2027-12-31' }),
    ]);
    await review(started.processInstanceKey, 'approve');
    await disseminateAndAcknowledge(started.processInstanceKey, started.variables.departments);

    expect(second.userTaskKey).not.toBe(first.userTaskKey);
    const objectives = await register(2027);
    expect(objectives.items).toMatchObject([
      { targetValue: 98, status: 'disseminated', processInstanceKey: started.processInstanceKey },
    ]);
    expect(objectives.approvals.map(({ decision, comment }) => ({ decision, comment }))).toEqual([
      { decision: 'return', comment: 'Chỉ tiêu còn thấp, đề nghị nâng lên 98%.' },
      { decision: 'approve', comment: null },
    ]);
  });

  it('rejects a return without a comment', async () => {
    const started = await start(2027);
    await draft(started.processInstanceKey, [objective()]);
    const task = await openTask('director', started.processInstanceKey, 'Task_ReviewObjectives');

    const response = await callAs(
      app,
      'director',
      'POST',
      `/v2/user-tasks/${task.userTaskKey}/completion`,
      { variables: { decision: 'return' } },
    );

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'EISO_ERR_FORM_INVALID',
      details: [{ path: '/comment' }],
    });
  });
});
