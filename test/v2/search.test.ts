import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAs, startApp, type TestApp } from './helpers.js';

let testApp: TestApp;
let app: FastifyInstance;

beforeEach(async () => {
  testApp = await startApp();
  app = testApp.app;
});

afterEach(async () => {
  await testApp.close();
});

async function startYears(years: number[]): Promise<string[]> {
  const keys: string[] = [];
  for (const year of years) {
    const response = await callAs(app, 'secretary', 'POST', '/v2/process-instances', {
      processDefinitionId: 'quality-objectives',
      variables: { year },
    });
    keys.push(response.json().processInstanceKey);
  }
  return keys;
}

async function search(url: string, body: InjectOptions['payload']) {
  const response = await callAs(app, 'secretary', 'POST', url, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    items: Record<string, unknown>[];
    page: { totalItems: number; startCursor?: string; endCursor?: string };
  };
}

async function countTasks(filter: Record<string, unknown>): Promise<number> {
  return (await search('/v2/user-tasks/search', { filter })).page.totalItems;
}

describe('POST …/search', () => {
  it('pages with cursors', async () => {
    const keys = await startYears([2026, 2027, 2028]);

    const first = await search('/v2/process-instances/search', {
      sort: [{ field: 'processInstanceKey', order: 'DESC' }],
      page: { limit: 2 },
    });
    const second = await search('/v2/process-instances/search', {
      sort: [{ field: 'processInstanceKey', order: 'DESC' }],
      page: { limit: 2, after: first.page.endCursor },
    });
    const back = await search('/v2/process-instances/search', {
      sort: [{ field: 'processInstanceKey', order: 'DESC' }],
      page: { limit: 2, before: second.page.startCursor },
    });

    expect(first.page.totalItems).toBe(3);
    expect(first.items.map((item) => item.processInstanceKey)).toEqual([keys[2], keys[1]]);
    expect(second.items.map((item) => item.processInstanceKey)).toEqual([keys[0]]);
    expect(back.items).toEqual(first.items);
  });

  it('filters user tasks', async () => {
    const [, second] = await startYears([2026, 2027]);
    const tasks = await search('/v2/user-tasks/search', { filter: { processInstanceKey: second } });
    await callAs(
      app,
      'secretary',
      'POST',
      `/v2/user-tasks/${String(tasks.items[0].userTaskKey)}/assignment`,
      { assignee: 'secretary' },
    );

    const counts = await Promise.all([
      countTasks({ assignee: 'secretary' }),
      countTasks({ assignee: { $exists: false } }),
      countTasks({ candidateGroup: { $in: ['board', 'iso-secretary'] } }),
      countTasks({ candidateGroup: 'board' }),
      countTasks({ processInstanceVariables: [{ name: 'year', value: '2027' }] }),
      countTasks({ bpmnProcessId: 'quality-objectives', state: { $neq: 'COMPLETED' } }),
      countTasks({ dueDate: { $gt: new Date().toISOString() }, priority: { $gte: 60 } }),
      countTasks({ name: 'Soạn thảo mục tiêu chất lượng', elementId: 'Task_ReviewObjectives' }),
    ]);

    expect(counts).toEqual([1, 1, 2, 0, 1, 2, 2, 0]);
  });

  it('matches process definitions with $like', async () => {
    const matching = await search('/v2/process-definitions/search', {
      filter: { processDefinitionId: { $like: 'quality-?bjectives*' } },
    });
    const escaped = await search('/v2/process-definitions/search', {
      filter: { processDefinitionId: { $like: 'quality\\*' } },
    });

    expect(matching.items).toMatchObject([
      { processDefinitionId: 'quality-objectives', tenantId: '<default>' },
    ]);
    expect(escaped.page.totalItems).toBe(0);
  });
});
