import type { Knex } from 'knex';
import { expect } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { modelNotifications } from './notifications.js';
import { deployChangedResources } from '../../src/runtime/deployer.js';
import { completeTask, findTask } from './quality-objectives.js';
import type { TestSession } from './test-app.js';

export { completeTask, findTask };

/** Returns a complaint as the receive form submits it, about the science management division. */
export function complaintFiling(receivedDate: string, overrides: Record<string, unknown> = {}) {
  return {
    complainantName: 'Công ty Cổ phần Công nghệ Sông Hồng',
    complainantContact: 'lienhe@songhong-tech.vn',
    channel: 'email',
    receivedDate,
    service: 'Cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ',
    department: 'QLKH',
    complaintContent:
      'Hồ sơ nộp trực tuyến đã quá hạn hẹn trả kết quả 5 ngày nhưng chưa nhận được thông báo bổ sung.',
    ...overrides,
  };
}

/** The row of the complaints register of one instance, in its API form. */
export interface ComplaintRecord {
  id: string;
  code: string;
  receivedDate: string;
  complainantName: string;
  channel: string;
  department: string | null;
  departmentCode: string;
  handler: string | null;
  dueDate: string;
  answeredDate: string | null;
  onTime: boolean | null;
  answer: string | null;
  answerChannel: string | null;
  approvedBy: string | null;
  status: string;
  correctiveAction: string | null;
}

/** Starts the procedure as `session` through the generic start route. */
export async function startComplaint(
  session: TestSession,
): Promise<{ processInstanceKey: string; businessKey: string }> {
  const response = await session.request(
    'POST',
    '/api/procedures/complaint-handling/instances',
    {},
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { processInstanceKey: string; businessKey: string };
}

/** Reads the register row whose code is `code`. */
export async function readComplaint(session: TestSession, code: string): Promise<ComplaintRecord> {
  const response = await session.request(
    'GET',
    `/api/registers/complaints?q=${encodeURIComponent(code)}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  const items = (response.json() as { items: ComplaintRecord[] }).items.filter(
    (item) => item.code === code,
  );
  expect(items, `complaints with code ${code}`).toHaveLength(1);
  return items[0];
}

/** Reads the state of a process instance. */
export async function instanceState(session: TestSession, key: string): Promise<string> {
  const response = await session.request('GET', `/api/process-instances/${key}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { state: string }).state;
}

/** Reads the notifications of one instance, oldest first. */
export async function notificationsOf(db: Knex, processInstanceKey: string) {
  return modelNotifications(db('notifications'))
    .where({ process_instance_key: processInstanceKey })
    .orderBy('id')
    .select('kind', 'recipient_user', 'recipient_group', 'title', 'title_en');
}

/** Returns a satisfaction rating as the register API takes it. */
export function rating(overrides: Record<string, unknown> = {}) {
  return {
    ratingDate: '2019-03-12',
    service: 'Cấp giấy phép bưu chính (phạm vi nội tỉnh)',
    departmentCode: 'VP',
    channel: 'in-person',
    scoreAccess: 5,
    scoreProcedure: 4,
    scoreStaff: 5,
    scoreResult: 4,
    scoreFeedback: 4,
    comment: 'Cán bộ hướng dẫn tận tình.',
    ...overrides,
  };
}

/**
 * A minimal corrective-action model: one task for the ISO secretary that keeps the instance
 * open, so a test can read the variables the complaint started it with.
 */
export const correctiveActionStandIn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_CorrectiveActionStandIn" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="corrective-action" name="Hành động khắc phục (mô hình thay thế khi kiểm thử)" isExecutable="true">
    <bpmn:startEvent id="StartEvent_Raised" />
    <bpmn:sequenceFlow id="Flow_ToTriage" sourceRef="StartEvent_Raised" targetRef="Task_Triage" />
    <bpmn:userTask id="Task_Triage" name="Xem xét sự không phù hợp">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="iso-secretary" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_Triage" targetRef="EndEvent_Done" />
    <bpmn:endEvent id="EndEvent_Done" />
  </bpmn:process>
</bpmn:definitions>
`;

/**
 * Deploys the stand-in corrective-action model for the demo agency unless the real procedure is
 * deployed, and returns whether it did.
 */
export async function ensureCorrectiveActionModel(db: Knex): Promise<boolean> {
  const agency = await db('units').where({ code: 'SKHCN', kind: 'agency' }).first('id');
  const deployed = await db('process_definitions')
    .where({ unit_id: agency.id, bpmn_process_id: 'corrective-action' })
    .first('key');
  if (deployed) return false;
  await deployChangedResources(
    db,
    createLogger('warn'),
    String(agency.id),
    [{ name: 'corrective-action.bpmn', content: correctiveActionStandIn }],
    'test',
  );
  return true;
}
