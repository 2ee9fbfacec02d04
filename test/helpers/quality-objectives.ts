import { expect } from 'vitest';
import type { TestSession } from './test-app.js';

/** Two objectives as the ISO secretary drafts them. */
export const draftedObjectives = [
  {
    title: 'Giải quyết hồ sơ đúng hạn',
    indicator: 'Tỷ lệ hồ sơ giải quyết đúng hoặc trước hạn',
    formula: 'Số hồ sơ đúng hạn / tổng số hồ sơ x 100',
    targetValue: 98,
    targetUnit: '%',
    ownerDepartment: 'VP',
    deadline: '2027-12-31',
    resources: 'Phần mềm một cửa điện tử',
    evaluationMethod: 'Thống kê hằng quý',
  },
  {
    title: 'Sự hài lòng của người dân',
    indicator: 'Tỷ lệ người dân hài lòng',
    targetValue: 90,
    targetUnit: '%',
    ownerDepartment: 'QLKH',
    deadline: '2027-12-31',
  },
];

/** Returns `draftedObjectives` with deadlines at the end of `year`, for the objectives of that year. */
export function draftedObjectivesOf(year: number): typeof draftedObjectives {
  return draftedObjectives.map((objective) => ({ ...objective, deadline: `${year}-12-31` }));
}

/** The heads of the demo agency's departments. */
export const departmentHeads = ['head.vp', 'head.ttra', 'head.qlkh', 'head.qlcn'];

interface TaskSummary {
  key: string;
  elementId: string;
  assignee: string | null;
}

/** Starts the year's quality-objectives procedure as `session` and returns the instance key. */
export async function startQualityObjectives(session: TestSession, year = 2027): Promise<string> {
  const response = await session.request('POST', '/api/procedures/quality-objectives/instances', {
    year,
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { processInstanceKey: string }).processInstanceKey;
}

/** Returns the one open task of `elementId` that `session` sees in `list`. */
export async function findTask(
  session: TestSession,
  elementId: string,
  list = 'all',
): Promise<TaskSummary> {
  const response = await session.request('GET', `/api/tasks?list=${list}&pageSize=200`);
  expect(response.statusCode, response.body).toBe(200);
  const items = (response.json() as { items: TaskSummary[] }).items.filter(
    (task) => task.elementId === elementId,
  );
  expect(items, `open ${elementId} tasks of ${session.username}`).toHaveLength(1);
  return items[0];
}

/** Completes the open task of `elementId` as `session` and expects 204. */
export async function completeTask(
  session: TestSession,
  elementId: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const task = await findTask(session, elementId);
  const response = await session.request('POST', `/api/tasks/${task.key}/complete`, { variables });
  expect(response.statusCode, response.body).toBe(204);
}
