import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { expect } from 'vitest';
import { deployResources } from '../../src/runtime/deployer.js';
import { modelNotifications } from './notifications.js';
import { completeTask, findTask } from './quality-objectives.js';
import type { TestSession } from './test-app.js';

export { completeTask, findTask };

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const fixtureDir = path.join(repositoryRoot, 'test/fixtures/corrective-action');

/** A nonconformity as a member of staff reports it with the raise form. */
export const reportedNonconformity = {
  title: 'Trả kết quả hồ sơ trễ hạn không có phiếu xin lỗi',
  source: 'complaint',
  sourceReference: 'PA-2027-014',
  departmentCode: 'VP',
  description:
    'Hồ sơ cấp phép trễ hạn 3 ngày nhưng bộ phận một cửa không gửi phiếu xin lỗi và hẹn lại ngày trả kết quả.',
  evidence: 'Phản ánh của công dân trên cổng thông tin, sổ theo dõi hồ sơ tháng 2.',
};

/** The ISO secretary's triage: a minor nonconformity owned by the office. */
export const minorTriage = {
  classification: 'minor',
  departmentCode: 'VP',
  triageNote: 'Vi phạm yêu cầu 100% hồ sơ trễ hạn có phiếu xin lỗi.',
};

/** The office head's correction, root cause and action plan, due on 2027-03-20. */
export const officePlan = {
  correction: 'Đã gửi phiếu xin lỗi cho công dân và hẹn lại ngày trả kết quả.',
  rootCauseMethod: 'five-whys',
  whys: [
    { why: 'Tại sao không có phiếu xin lỗi? Vì cán bộ một cửa không biết phải lập.' },
    { why: 'Tại sao không biết? Vì cán bộ mới chưa được hướng dẫn.' },
  ],
  causeCategory: 'people',
  rootCause: 'Cán bộ một cửa mới chưa được hướng dẫn quy định lập phiếu xin lỗi.',
  actions: [
    {
      action: 'Tập huấn quy định về phiếu xin lỗi',
      owner: 'Phạm Quốc Huy',
      deadline: '2027-03-10',
    },
    { action: 'Bổ sung bước kiểm tra phiếu xin lỗi', owner: 'Đỗ Thị Lan', deadline: '2027-03-20' },
  ],
};

/** The office head's report that every action is done. */
export const officeImplementation = {
  implementationReport: 'Đã tập huấn ngày 08/3 và bổ sung bước kiểm tra vào sổ theo dõi.',
  implementedOn: '2027-03-19',
};

/** The form values of a close-out that starts no follow-up. */
export const noFollowUp = { riskChangeRequired: 'no', documentChangeRequired: 'no' };

/** A clock that tests move by hand; the app reads it through `now`. */
export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advanceDays(days: number): void;
}

/** Returns a clock that starts at `iso`. */
export function testClock(iso: string): TestClock {
  let current = new Date(iso);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = new Date(next);
    },
    advanceDays: (days) => {
      current = new Date(current.getTime() + days * 24 * 60 * 60 * 1000);
    },
  };
}

/** One corrective action as the register's API returns it. */
export interface CorrectiveActionRecord {
  id: string;
  code: string;
  source: string;
  sourceReference: string | null;
  title: string;
  description: string;
  evidence: string | null;
  departmentCode: string | null;
  department: string | null;
  classification: string | null;
  triageNote: string | null;
  correction: string | null;
  rootCauseMethod: string | null;
  whys: { why: string }[];
  causeCategory: string | null;
  rootCause: string | null;
  actions: { action: string; owner: string; deadline: string }[];
  deadline: string | null;
  implementationReport: string | null;
  implementedOn: string | null;
  checkDueOn: string | null;
  status: string;
  reopenedCount: number;
  effectivenessResult: string | null;
  effectivenessNote: string | null;
  riskFollowUpKey: string | null;
  documentFollowUpKey: string | null;
  closedOn: string | null;
  raisedOn: string;
  raisedBy: string | null;
  triagedBy: string | null;
  approvedByName: string | null;
  checkedBy: string | null;
}

/** Starts a corrective action by hand as `session` and returns its instance and business key. */
export async function startByHand(
  session: TestSession,
): Promise<{ processInstanceKey: string; businessKey: string }> {
  const response = await session.request('POST', '/api/procedures/corrective-action/instances', {});
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { processInstanceKey: string; businessKey: string };
}

/** Starts a corrective action by hand and submits the raise form; returns its key and code. */
export async function raiseByHand(
  session: TestSession,
  nonconformity: Record<string, unknown> = reportedNonconformity,
): Promise<{ processInstanceKey: string; code: string }> {
  const started = await startByHand(session);
  await completeTask(session, 'Task_Raise', nonconformity);
  return { processInstanceKey: started.processInstanceKey, code: started.businessKey };
}

/** Reads the corrective action with `code` through the register API. */
export async function readCorrectiveAction(
  session: TestSession,
  code: string,
): Promise<CorrectiveActionRecord> {
  const response = await session.request(
    'GET',
    `/api/registers/corrective-actions?q=${encodeURIComponent(code)}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  const items = (response.json() as { items: CorrectiveActionRecord[] }).items.filter(
    (item) => item.code === code,
  );
  expect(items, `corrective actions with code ${code}`).toHaveLength(1);
  return items[0];
}

/** Reads the state of a process instance through the API. */
export async function instanceState(session: TestSession, key: string): Promise<string> {
  const response = await session.request('GET', `/api/process-instances/${key}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { state: string }).state;
}

/** Returns the id of the demo agency, whose procedures the tests run. */
export async function agencyId(db: Knex): Promise<string> {
  const agency = await db('units').where({ kind: 'agency', code: 'SKHCN' }).first('id');
  return String(agency.id);
}

/** Deploys models of test/fixtures/corrective-action, such as `finding-source`, to the agency. */
export async function deployFixtures(app: FastifyInstance, names: string[]): Promise<void> {
  const { db, logger } = app.services;
  const resources = names.map((name) => ({
    name: `${name}.bpmn`,
    content: fs.readFileSync(path.join(fixtureDir, `${name}.bpmn`), 'utf8'),
  }));
  await deployResources(db, logger, await agencyId(db), resources, 'test');
}

/**
 * Deploys stand-ins for the procedures that a closed corrective action may start, and returns
 * their ids. A procedure bundled in processes/ runs for real. Until it is, a stand-in from the
 * fixtures that waits at one task takes its place.
 */
export async function deployFollowUpStandIns(app: FastifyInstance): Promise<string[]> {
  const missing = ['risk-management', 'document-control'].filter(
    (id) => !fs.existsSync(path.join(repositoryRoot, 'processes', `${id}.bpmn`)),
  );
  if (missing.length > 0) await deployFixtures(app, missing);
  return missing;
}

/** Changes unit settings through the settings API as `session` and expects 200. */
export async function changeSettings(
  session: TestSession,
  settings: Record<string, unknown>,
): Promise<void> {
  const response = await session.request('PATCH', '/api/settings', settings);
  expect(response.statusCode, response.body).toBe(200);
}

/** One notification that an `eiso.notify` task wrote. */
export interface StoredNotification {
  kind: string;
  recipientGroup: string | null;
  recipientUser: string | null;
  title: string;
}

/** Reads the notifications of a process instance, oldest first. */
export async function notificationsOf(
  db: Knex,
  processInstanceKey: string,
): Promise<StoredNotification[]> {
  const rows = await modelNotifications(db('notifications'))
    .where({ process_instance_key: processInstanceKey })
    .orderBy('id');
  return rows.map((row) => ({
    kind: row.kind as string,
    recipientGroup: (row.recipient_group as string | null) ?? null,
    recipientUser: (row.recipient_user as string | null) ?? null,
    title: row.title as string,
  }));
}

/** Counts the open tasks of `elementId` in an instance. */
export async function openTaskCount(
  db: Knex,
  processInstanceKey: string,
  elementId: string,
): Promise<number> {
  const [{ count }] = await db('user_tasks')
    .where({ process_instance_key: processInstanceKey, element_id: elementId, state: 'CREATED' })
    .count({ count: '*' });
  return Number(count);
}
