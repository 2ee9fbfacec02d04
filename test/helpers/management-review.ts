import { expect } from 'vitest';
import type { Knex } from 'knex';
import type { ReviewInputKey } from '../../src/documents/index.js';
import {
  inputFieldName,
  reviewInputKeys,
} from '../../src/procedures/management-review/review-inputs.js';
import { deployResources } from '../../src/runtime/deployer.js';
import { createLogger } from '../../src/logger.js';
import { completeTask, findTask } from './quality-objectives.js';
import type { TestSession } from './test-app.js';

/** The clock of the review tests: 1 March 2027, 08:00 in Vietnam. */
export const reviewStart = new Date('2027-03-01T01:00:00Z');

/** Which inputs of clause 9.3.2 each department of the demo agency reports on. */
export const allAssignments: Record<string, ReviewInputKey[]> = {
  VP: ['previousActions', 'objectives', 'processPerformance', 'resources'],
  TTRA: ['nonconformities', 'auditResults'],
  QLKH: ['customerSatisfaction', 'monitoring', 'externalProviders'],
  QLCN: ['contextChanges', 'risksAndOpportunities', 'improvement'],
};

/** Head of each department of the demo agency. */
export const headOf: Record<string, string> = {
  VP: 'head.vp',
  TTRA: 'head.ttra',
  QLKH: 'head.qlkh',
  QLCN: 'head.qlcn',
};

/** Element ids of the management-review procedure's user tasks. */
export const reviewTasks = {
  draftNotice: 'Task_DraftNotice',
  approveNotice: 'Task_ApproveNotice',
  report: 'Task_Report',
  consolidate: 'Task_Consolidate',
  recordMeeting: 'Task_RecordMeeting',
  approveReport: 'Task_ApproveReport',
} as const;

/** Returns a valid notice whose reports are due on 10 March 2027, before the meeting on 20 March. */
export function noticeVariables(
  departments: string[] = Object.keys(allAssignments),
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    periodFrom: '2026-09-01',
    periodTo: '2027-02-28',
    meetingDate: '2027-03-20',
    meetingStart: '08:00',
    venue: 'Phòng họp số 1, trụ sở Sở Khoa học và Công nghệ',
    participants: 'Ban Giám đốc Sở\nLãnh đạo các phòng, đơn vị thuộc Sở\nThư ký ISO Nguyễn Thu Hà',
    noticeBasis: 'Thực hiện Kế hoạch duy trì hệ thống quản lý chất lượng năm 2027 của Sở.',
    reportDueDate: '2027-03-10',
    assignments: departments.map((department) => ({
      department,
      inputs: allAssignments[department],
    })),
    ...overrides,
  };
}

/** Returns what a department writes on one input: a sentence with Vietnamese diacritics. */
export function reportText(department: string, input: ReviewInputKey): string {
  return `Phòng ${department} báo cáo về ${input}: số liệu đầy đủ, đạt yêu cầu.`;
}

/** Returns the report form of one department, on its assigned inputs. */
export function departmentReport(department: string): Record<string, unknown> {
  return {
    report: Object.fromEntries(
      allAssignments[department].map((input) => [input, reportText(department, input)]),
    ),
  };
}

/** Returns the twelve input fields of the consolidation form, each with content. */
export function consolidatedInputs(): Record<string, string> {
  return Object.fromEntries(
    reviewInputKeys.map((key) => [
      inputFieldName(key),
      `Tổng hợp ${key}: kết quả thực hiện trong kỳ xem xét.`,
    ]),
  );
}

/** Returns the meeting as the secretary records it, with an improvement that opens a corrective action. */
export function meetingVariables(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    heldOn: '2027-03-20',
    heldStart: '08:00',
    heldVenue: 'Phòng họp số 1, trụ sở Sở Khoa học và Công nghệ',
    heldParticipants: 'Ban Giám đốc Sở\nLãnh đạo các phòng, đơn vị thuộc Sở',
    minutes: 'Thư ký ISO trình bày báo cáo tổng hợp; các phòng thảo luận và thống nhất.',
    conclusion:
      'Hệ thống quản lý chất lượng phù hợp, thỏa đáng và có hiệu lực; cần nâng tỷ lệ hồ sơ trực tuyến.',
    outputs: [
      {
        outputType: 'improvement',
        description: 'Số hóa toàn bộ hồ sơ lưu trữ của Bộ phận Một cửa',
        ownerDepartment: 'VP',
        ownerName: 'Phạm Quốc Huy',
        deadline: '2027-06-30',
        openCorrectiveAction: true,
      },
      {
        outputType: 'qms-change',
        description: 'Cập nhật quy trình tiếp nhận hồ sơ theo nghị định mới',
        ownerDepartment: 'QLKH',
        ownerName: 'Bùi Thị Ngọc Anh',
        deadline: '2027-05-31',
      },
      {
        outputType: 'resources',
        description: 'Bổ sung 01 chuyên viên thẩm định an toàn bức xạ',
        ownerDepartment: 'QLCN',
        ownerName: 'Ngô Thanh Sơn',
        deadline: '2027-09-30',
      },
    ],
    ...overrides,
  };
}

/** Starts a management review as `session` and returns its instance key and business key. */
export async function startReview(
  session: TestSession,
): Promise<{ key: string; businessKey: string }> {
  const response = await session.request('POST', '/api/procedures/management-review/instances', {});
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json() as { processInstanceKey: string; businessKey: string };
  return { key: body.processInstanceKey, businessKey: body.businessKey };
}

/** Reads the variables and state of an instance, as its page shows them. */
export async function readInstance(session: TestSession, key: string) {
  const response = await session.request('GET', `/api/process-instances/${key}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    state: string;
    businessKey: string | null;
    variables: Record<string, unknown>;
    incidents: { errorMessage: string }[];
    tasks: { elementId: string; state: string; candidateGroups: string[] }[];
  };
}

/** Reads the form data of the open task of `elementId` that `session` may work on. */
export async function openTaskVariables(
  session: TestSession,
  elementId: string,
): Promise<{ key: string; variables: Record<string, unknown> }> {
  const task = await findTask(session, elementId);
  const response = await session.request('GET', `/api/tasks/${task.key}`);
  expect(response.statusCode, response.body).toBe(200);
  return {
    key: task.key,
    variables: (response.json() as { variables: Record<string, unknown> }).variables,
  };
}

/** Sessions of the people a review needs. */
export interface ReviewSessions {
  secretary: TestSession;
  director: TestSession;
  heads: Record<string, TestSession>;
}

/** Drafts the notice for `departments` and has the director approve it. */
export async function approveNotice(
  sessions: ReviewSessions,
  departments: string[] = Object.keys(allAssignments),
): Promise<void> {
  await completeTask(sessions.secretary, reviewTasks.draftNotice, noticeVariables(departments));
  await completeTask(sessions.director, reviewTasks.approveNotice, { decision: 'approve' });
}

/** Has each department of `departments` report through its head. */
export async function reportAll(sessions: ReviewSessions, departments: string[]): Promise<void> {
  for (const department of departments)
    await completeTask(
      sessions.heads[department],
      reviewTasks.report,
      departmentReport(department),
    );
}

// A minimal corrective-action model for a database whose procedures lack the real one. The
// review only needs an instance to start with the corrective-action start contract.
const correctiveActionStub = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_CorrectiveActionStub" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="corrective-action" name="Hành động khắc phục" isExecutable="true">
    <bpmn:startEvent id="StartEvent_Raised" />
    <bpmn:sequenceFlow id="Flow_ToTriage" sourceRef="StartEvent_Raised" targetRef="Task_Triage" />
    <bpmn:userTask id="Task_Triage" name="Phân loại">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="iso-secretary" />
      </bpmn:extensionElements>
    </bpmn:userTask>
  </bpmn:process>
</bpmn:definitions>
`;

/** Deploys a stand-in corrective-action process for the unit unless one is deployed. */
export async function ensureCorrectiveActionProcess(db: Knex, unitId: string): Promise<void> {
  const deployed = await db('process_definitions')
    .where({ unit_id: unitId, bpmn_process_id: 'corrective-action' })
    .first('key');
  if (deployed) return;
  await deployResources(
    db,
    createLogger('warn'),
    unitId,
    [{ name: 'corrective-action-stub.bpmn', content: correctiveActionStub }],
    'test',
  );
}
