import type { Knex } from 'knex';
import { expect } from 'vitest';
import { agencyDate } from '../../src/agency-time.js';
import { completeTask, findTask } from './quality-objectives.js';
import type { TestSession } from './test-app.js';

export { completeTask, findTask };

/** A 4 × 4 matrix with its four bands, as a unit may set it instead of the 5 × 5 default. */
export const matrix4x4 = {
  likelihoodLevels: 4,
  severityLevels: 4,
  bands: [
    { level: 'low' as const, min: 1, max: 3 },
    { level: 'medium' as const, min: 4, max: 6 },
    { level: 'high' as const, min: 7, max: 9 },
    { level: 'critical' as const, min: 10, max: 16 },
  ],
};

/** Usernames of the heads of the demo agency's departments, by department code. */
export const heads: Record<string, string> = {
  VP: 'head.vp',
  TTRA: 'head.ttra',
  QLKH: 'head.qlkh',
  QLCN: 'head.qlcn',
};

/** Returns the calendar date in Vietnam `days` after today, as `YYYY-MM-DD`. */
export function daysFromToday(days: number): string {
  return agencyDate(new Date(Date.now() + days * 86_400_000));
}

/** Builds the secretary's plan: the scope, the method and the departments taking part. */
export function assessmentPlan(departments: string[], deadline = daysFromToday(30)) {
  return {
    assessmentScope: 'Các quá trình giải quyết thủ tục hành chính và quá trình hỗ trợ của Sở',
    assessmentMethod: 'Phỏng vấn lãnh đạo phòng, phân tích số liệu hồ sơ trễ hạn năm trước',
    assessmentResources: 'Thư ký ISO và lãnh đạo các phòng',
    assessmentDepartments: departments,
    identificationDeadline: deadline,
  };
}

/** Builds one risk as a department head identifies it; the rating selects submit text values. */
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

/** Builds one opportunity as a department head identifies it. */
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

/** Maps the rows of a prefilled list to what the form submits: the editable fields only. */
export function editable<T extends Record<string, unknown>>(
  rows: unknown,
  changes: (row: T, index: number) => Record<string, unknown>,
): Record<string, unknown>[] {
  return (rows as T[]).map((row, index) => changes(row, index));
}

/** The sessions of one test app, by username, logged in once each. */
export type Sessions = (username: string) => Promise<TestSession>;

/** Returns a function that logs each user in once and reuses the session. */
export function sessionsOf(login: (username: string) => Promise<TestSession>): Sessions {
  const sessions = new Map<string, Promise<TestSession>>();
  return (username) => {
    let session = sessions.get(username);
    if (!session) {
      session = login(username);
      sessions.set(username, session);
    }
    return session;
  };
}

/** Risks and opportunities that each department head identifies, by department code. */
export interface Identifications {
  risks: Record<string, ReturnType<typeof identifiedRisk>[]>;
  opportunities?: Record<string, ReturnType<typeof identifiedOpportunity>[]>;
}

/** Plans an assessment of the departments of `identifications` and lets each head identify. */
export async function planAndIdentify(
  as: Sessions,
  identifications: Identifications,
): Promise<void> {
  const departments = Object.keys(identifications.risks);
  await completeTask(await as('secretary'), 'Task_PlanAssessment', assessmentPlan(departments));
  for (const department of departments) {
    await completeTask(await as(heads[department]!), 'Task_IdentifyRisks', {
      identifiedRisks: identifications.risks[department],
      identifiedOpportunities: identifications.opportunities?.[department] ?? [],
    });
  }
}

/**
 * Completes the secretary's scoring with the ratings the heads proposed, except those that
 * `ratings` changes by risk code.
 */
export async function scoreRisks(
  secretary: TestSession,
  ratings: Record<string, [number, number]> = {},
): Promise<void> {
  const variables = await taskVariables(secretary, 'Task_EvaluateRisks');
  type Row = { code: string; likelihood: string; severity: string };
  await completeTask(secretary, 'Task_EvaluateRisks', {
    riskScores: editable<Row>(variables.riskScores, (row) => ({
      likelihood: ratings[row.code] ? String(ratings[row.code]![0]) : row.likelihood,
      severity: ratings[row.code] ? String(ratings[row.code]![1]) : row.severity,
      priority: 'planned',
    })),
    opportunityScores: editable<{ benefit: string; feasibility: string }>(
      variables.opportunityScores,
      (row) => ({ benefit: row.benefit, feasibility: row.feasibility }),
    ),
  });
}

/** Completes the treatment plan: every risk reduced with `actions`, every opportunity pursued. */
export async function planTreatment(
  secretary: TestSession,
  actions = 'Chuyển hồ sơ qua phần mềm một cửa điện tử, có phiếu kiểm soát quá trình',
): Promise<void> {
  const variables = await taskVariables(secretary, 'Task_PlanTreatment');
  await completeTask(secretary, 'Task_PlanTreatment', {
    treatmentPlans: editable(variables.treatmentPlans, () => ({
      treatmentOption: 'reduce',
      treatmentActions: actions,
      treatmentDue: '2027-02-28',
    })),
    opportunityPlans: editable(variables.opportunityPlans, () => ({
      pursue: 'pursue',
      action: 'Tái cấu trúc quy trình trên Cổng dịch vụ công',
      actionDue: '2027-06-30',
    })),
  });
}

/** Lets the head of each department report the treatment carried out. */
export async function carryOutTreatment(as: Sessions, departments: string[]): Promise<void> {
  for (const department of departments) {
    await completeTask(await as(heads[department]!), 'Task_CarryOutTreatment', {
      implementationReport: `Phòng ${department} đã triển khai phần mềm một cửa và phiếu kiểm soát`,
      implementedOn: '2027-02-20',
    });
  }
}

/** Completes the secretary's report with the same residual rating for every risk. */
export async function reportResidualRisk(
  secretary: TestSession,
  residual: [number, number] = [1, 2],
): Promise<void> {
  const variables = await taskVariables(secretary, 'Task_ReportResults');
  await completeTask(secretary, 'Task_ReportResults', {
    residualScores: editable(variables.residualScores, () => ({
      residualLikelihood: String(residual[0]),
      residualSeverity: String(residual[1]),
    })),
    opportunityResults: editable(variables.opportunityResults, () => ({
      result: 'realised',
      resultNote: 'Tỷ lệ hồ sơ trực tuyến tăng',
    })),
    reportSummary: 'Các rủi ro đã được xử lý, mức rủi ro còn lại thấp.',
  });
}

/** Returns the moment a review date wakes its owner (08:00 in Vietnam) plus `minutes`. */
export function wakeUp(reviewDate: string, minutes = 1): Date {
  return new Date(new Date(`${reviewDate}T08:00:00+07:00`).getTime() + minutes * 60_000);
}
