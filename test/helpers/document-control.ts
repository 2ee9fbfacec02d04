import type { Knex } from 'knex';
import { expect } from 'vitest';
import type { TestSession } from './test-app.js';

/** A started document change: its instance key and its business key, such as `TL-2026-001`. */
export interface StartedChange {
  key: string;
  businessKey: string;
}

interface TaskSummary {
  key: string;
  elementId: string;
  processInstanceKey: string;
}

/** The draft of a new procedure, QT-08, as the head of the technology division writes it. */
export const newProcedureDraft = {
  title: 'Quy trình cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ',
  documentType: 'procedure',
  retentionPeriod: 'P5Y',
  documentContent:
    'Tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công, thẩm định điều kiện, trình Giám đốc Sở ký giấy chứng nhận, trả kết quả trong 07 ngày làm việc.',
  link: 'https://iso.skhcn.example/tai-lieu/QT-08.pdf',
  departmentsConcerned: ['VP', 'QLCN'],
  changeSummary: 'Ban hành lần đầu.',
};

/** Starts a document change as `session` and returns its keys. */
export async function startChange(session: TestSession): Promise<StartedChange> {
  const response = await session.request('POST', '/api/procedures/document-control/instances', {});
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json() as { processInstanceKey: string; businessKey: string };
  return { key: body.processInstanceKey, businessKey: body.businessKey };
}

/** Returns the one open task of `elementId` in instance `key` that is visible to `session`. */
export async function findOpenTask(
  session: TestSession,
  key: string,
  elementId: string,
): Promise<TaskSummary> {
  const response = await session.request('GET', '/api/tasks?list=all&pageSize=200');
  expect(response.statusCode, response.body).toBe(200);
  const items = (response.json() as { items: TaskSummary[] }).items.filter(
    (task) => task.elementId === elementId && task.processInstanceKey === key,
  );
  expect(items, `open ${elementId} tasks of ${session.username} in ${key}`).toHaveLength(1);
  return items[0];
}

/** Completes the open task of `elementId` in instance `key` and returns the response. */
export async function submitTask(
  session: TestSession,
  key: string,
  elementId: string,
  variables: Record<string, unknown>,
) {
  const task = await findOpenTask(session, key, elementId);
  return session.request('POST', `/api/tasks/${task.key}/complete`, { variables });
}

/** Completes the open task of `elementId` in instance `key` and expects 204. */
export async function completeStep(
  session: TestSession,
  key: string,
  elementId: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const response = await submitTask(session, key, elementId, variables);
  expect(response.statusCode, response.body).toBe(204);
}

/** Reads the form data of the open task of `elementId` in instance `key`. */
export async function taskVariables(
  session: TestSession,
  key: string,
  elementId: string,
): Promise<Record<string, unknown>> {
  const task = await findOpenTask(session, key, elementId);
  const response = await session.request('GET', `/api/tasks/${task.key}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { variables: Record<string, unknown> }).variables;
}

/** Proposes a new document with `code`, drafted by `department`. */
export function proposeNew(
  session: TestSession,
  key: string,
  code: string,
  department: string,
): Promise<void> {
  return completeStep(session, key, 'Task_Propose', {
    changeType: 'new',
    newDocumentCode: code,
    draftingDepartment: department,
    changeReason: 'Thủ tục mới được đưa vào phạm vi hệ thống quản lý chất lượng.',
  });
}

/** Proposes to revise or withdraw the issued document `code`, drafted by `department`. */
export function proposeChange(
  session: TestSession,
  key: string,
  changeType: 'revision' | 'withdrawal',
  code: string,
  department: string,
  changeReason = 'Nghị định mới thay đổi thành phần hồ sơ.',
): Promise<void> {
  return completeStep(session, key, 'Task_Propose', {
    changeType,
    documentCode: code,
    draftingDepartment: department,
    changeReason,
  });
}

/** Reads the state of a process instance. */
export async function instanceState(session: TestSession, key: string): Promise<string> {
  const response = await session.request('GET', `/api/process-instances/${key}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { state: string }).state;
}

/** A version of a document as the versions route presents it. */
export interface PresentedVersion {
  id: string;
  code: string;
  title: string;
  issueNumber: number;
  issueDate: string | null;
  status: string;
  content: string;
  departments: { code: string; name: string }[];
  draftedByName: string | null;
  reviewedByName: string | null;
  approvedByName: string | null;
  changeKey: string | null;
}

/** Reads every version of `code` through the versions route. */
export async function readVersions(
  session: TestSession,
  code: string,
): Promise<{ currentIssueNumber: number | null; items: PresentedVersion[] }> {
  const response = await session.request('GET', `/api/documents/${code}/versions`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Returns the id of the version of `code` with `issueNumber`, read from the database. */
export async function versionId(db: Knex, code: string, issueNumber: number): Promise<string> {
  const row = await db('controlled_documents')
    .where({ code, issue_number: issueNumber })
    .whereNot('status', 'cancelled')
    .first('id');
  expect(row, `version ${code} issue ${issueNumber}`).toBeDefined();
  return String(row.id);
}
