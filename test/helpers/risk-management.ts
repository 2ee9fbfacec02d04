import type { Knex } from 'knex';
import { expect } from 'vitest';
import { completeTask, findTask } from './quality-objectives.js';
import type { TestSession } from './test-app.js';

export { completeTask, findTask };

/** Usernames of the heads of the demo agency's departments, by department code. */
export const heads: Record<string, string> = {
  VP: 'head.vp',
  TTRA: 'head.ttra',
  QLKH: 'head.qlkh',
  QLCN: 'head.qlcn',
};

/** What the secretary plans: the scope, the method and the departments taking part. */
export function assessmentPlan(departments: string[], deadline = '2026-12-20') {
  return {
    assessmentScope: 'Các quá trình giải quyết thủ tục hành chính và quá trình hỗ trợ của Sở',
    assessmentMethod: 'Phỏng vấn lãnh đạo phòng, phân tích số liệu hồ sơ trễ hạn năm trước',
    assessmentResources: 'Thư ký ISO và lãnh đạo các phòng',
    assessmentDepartments: departments,
    identificationDeadline: deadline,
  };
}

/** One risk as a department head identifies it; the rating selects submit text values. */
export function identifiedRisk(
  description: string,
  likelihood: number,
  severity: number,
  process = 'Tiếp nhận và trả kết quả hồ sơ',
) {
  return {
    process,
    description,
    cause: 'Hồ sơ giấy chuyển tay giữa các phòng',
    consequence: 'Trả kết quả trễ hạn, người dân phản ánh',
    likelihood: String(likelihood),
    severity: String(severity),
  };
}

/** One opportunity as a department head identifies it. */
export function identifiedOpportunity(description: string, benefit: number, feasibility: number) {
  return {
    process: 'Tiếp nhận và trả kết quả hồ sơ',
    description,
    benefit: String(benefit),
    feasibility: String(feasibility),
    action: 'Đề xuất Sở Thông tin và Truyền thông hỗ trợ kỹ thuật',
  };
}

/** Starts an assessment by hand as `session` and returns its key and business key. */
export async function startAssessment(
  session: TestSession,
  body: Record<string, unknown> = {},
): Promise<{ processInstanceKey: string; businessKey: string }> {
  const response = await session.request('POST', '/api/procedures/risk-management/instances', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { processInstanceKey: string; businessKey: string };
}

/** Returns the open tasks of `elementId` that `session` may see. */
export async function openTasks(
  session: TestSession,
  elementId: string,
): Promise<{ key: string; elementId: string }[]> {
  const response = await session.request('GET', '/api/tasks?list=all&pageSize=200');
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: { key: string; elementId: string }[] }).items.filter(
    (task) => task.elementId === elementId,
  );
}

/** Returns the variables that the open task of `elementId` opens its form with. */
export async function taskVariables(
  session: TestSession,
  elementId: string,
): Promise<Record<string, unknown>> {
  const task = await findTask(session, elementId);
  const response = await session.request('GET', `/api/tasks/${task.key}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { variables: Record<string, unknown> }).variables;
}

/** A row of the risk register as the test reads it from the database. */
export interface RiskRow {
  id: string;
  code: string;
  department_code: string;
  description: string;
  likelihood: number;
  severity: number;
  score: number;
  level: string;
  treatment_option: string | null;
  treatment_approved_by: string | null;
  residual_score: number | null;
  residual_level: string | null;
  review_date: string | null;
  last_reviewed_on: string | null;
  owner_username: string | null;
  status: string;
}

/** Reads the risks that an instance wrote, in their order, with dates as `YYYY-MM-DD`. */
export async function instanceRisks(db: Knex, processInstanceKey: string): Promise<RiskRow[]> {
  const rows = await db('risks')
    .where({ process_instance_key: processInstanceKey })
    .orderBy('position')
    .select(
      '*',
      db.raw('review_date::text as review_date_text'),
      db.raw('last_reviewed_on::text as last_reviewed_text'),
    );
  return rows.map((row) => ({
    ...row,
    id: String(row.id),
    review_date: row.review_date_text,
    last_reviewed_on: row.last_reviewed_text,
  }));
}

/** Reads the state of an instance through the API. */
export async function instanceState(session: TestSession, key: string): Promise<string> {
  const response = await session.request('GET', `/api/process-instances/${key}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { state: string }).state;
}

/** Keeps the rows of a prefilled list as the form submits them: without the read-only fields. */
export function editable<T extends Record<string, unknown>>(
  rows: unknown,
  changes: (row: T, index: number) => Record<string, unknown>,
): Record<string, unknown>[] {
  return (rows as T[]).map((row, index) => changes(row, index));
}
