import { expect } from 'vitest';
import type { Knex } from 'knex';
import type { FastifyInstance } from 'fastify';
import { correctiveActionProcedure } from '../../src/procedures/corrective-action/module.js';
import { deployResources } from '../../src/runtime/deployer.js';
import type { TestSession } from './test-app.js';

/** Returns the programme as the ISO secretary drafts it, with one audit per department given. */
export function draftedProgramme(departments: string[]) {
  return {
    objectives: 'Xác định sự phù hợp của hệ thống quản lý chất lượng với TCVN ISO 9001:2015',
    scope: 'Các quá trình giải quyết thủ tục hành chính của Sở',
    criteria: 'TCVN ISO 9001:2015\nCác quy trình nội bộ',
    methods: 'Phỏng vấn, quan sát và xem xét hồ sơ',
    audits: departments.map((department, index) => ({
      department,
      plannedMonth: String(5 + index),
      processes: `Tiếp nhận và trả kết quả tại ${department}`,
      clauses: '7.5, 8.2, 8.5',
    })),
  };
}

/** Returns the plan of one audit with its lead auditor and other auditors. */
export function draftedPlan(leadAuditor: string, auditors: string[] = []) {
  return {
    auditees: 'Lãnh đạo phòng và 02 chuyên viên',
    leadAuditor,
    auditors,
    criteria: 'TCVN ISO 9001:2015',
    method: 'Phỏng vấn và xem xét hồ sơ',
    auditFrom: '2027-05-10',
    auditTo: '2027-05-11',
    sessions: [
      { date: '2027-05-10', start: '08:00', end: '08:30', activity: 'Họp khai mạc' },
      { date: '2027-05-10', start: '08:30', end: '11:30', activity: 'Đánh giá quá trình 8.2' },
    ],
  };
}

/** Findings of one audit: two nonconformities, one observation and one opportunity. */
export const recordedFindings = [
  {
    findingType: 'major',
    clause: '8.7',
    requirement: 'Hồ sơ trễ hạn phải có văn bản xin lỗi và hẹn lại.',
    evidence: '02 hồ sơ quá hạn không có phiếu xin lỗi.',
    statement: 'Không thực hiện xin lỗi đối với hồ sơ trễ hạn.',
  },
  {
    findingType: 'observation',
    clause: '6.1',
    requirement: 'Xác định rủi ro cần giải quyết.',
    evidence: 'Sổ rủi ro chưa có rủi ro vắng mặt cán bộ.',
    statement: 'Nên bổ sung rủi ro vào sổ.',
  },
  {
    findingType: 'minor',
    clause: '7.5.3',
    requirement: 'Thông tin dạng văn bản phải được kiểm soát.',
    evidence: 'Sổ theo dõi văn bản đến thiếu 03 văn bản.',
    statement: 'Việc cập nhật sổ theo dõi văn bản đến chưa đầy đủ.',
  },
  {
    findingType: 'opportunity',
    clause: '9.1.2',
    requirement: 'Theo dõi cảm nhận của người dân.',
    evidence: 'Chỉ khảo sát tại bộ phận một cửa.',
    statement: 'Nên khảo sát trực tuyến.',
  },
];

// Until the corrective-action procedure lands, its module numbers instances by year and has no
// model; the tests deploy this stand-in that waits in one task, and number its instances as the
// start contract requires (KPH-<year>-<nnn>).
const correctiveActionStandIn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_CorrectiveActionStandIn" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="corrective-action" name="Hành động khắc phục" isExecutable="true">
    <bpmn:startEvent id="StartEvent_Raised"><bpmn:outgoing>Flow_ToTriage</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Task_Triage" name="Phân loại">
      <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="iso-secretary" /></bpmn:extensionElements>
      <bpmn:incoming>Flow_ToTriage</bpmn:incoming><bpmn:outgoing>Flow_ToEnd</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="EndEvent_Closed"><bpmn:incoming>Flow_ToEnd</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_ToTriage" sourceRef="StartEvent_Raised" targetRef="Task_Triage" />
    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_Triage" targetRef="EndEvent_Closed" />
  </bpmn:process>
</bpmn:definitions>`;

/** Deploys the stand-in corrective-action model when the unit has no model of that id. */
export async function ensureCorrectiveAction(db: Knex, app: FastifyInstance): Promise<void> {
  if (correctiveActionProcedure.title.vi === 'corrective-action')
    correctiveActionProcedure.businessKey = { kind: 'sequence', prefix: 'KPH' };
  const unit = await db('units').where({ kind: 'agency' }).first('id');
  const deployed = await db('process_definitions')
    .where({ unit_id: unit.id, bpmn_process_id: 'corrective-action' })
    .first('key');
  if (deployed) return;
  await deployResources(
    db,
    app.services.logger,
    String(unit.id),
    [{ name: 'corrective-action.bpmn', content: correctiveActionStandIn }],
    'test',
  );
}

interface TaskSummary {
  key: string;
  elementId: string;
}

/** Starts the year's internal audit by hand as `session` and returns the instance key. */
export async function startInternalAudit(session: TestSession, year = 2027): Promise<string> {
  const response = await session.request('POST', '/api/procedures/internal-audit/instances', {
    year,
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { processInstanceKey: string }).processInstanceKey;
}

/** Lists the open tasks of `elementId` that `session` may work on, with their variables. */
export async function openTasks(session: TestSession, elementId: string) {
  const response = await session.request('GET', '/api/tasks?list=all&pageSize=200');
  expect(response.statusCode, response.body).toBe(200);
  const items = (response.json() as { items: TaskSummary[] }).items.filter(
    (task) => task.elementId === elementId,
  );
  const tasks = [];
  for (const item of items) {
    const detail = await session.request('GET', `/api/tasks/${item.key}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const variables = (detail.json() as { variables: Record<string, unknown> }).variables;
    tasks.push({ key: item.key, variables, audit: variables.audit as AuditVariable | undefined });
  }
  return tasks;
}

/** The audit that an iteration of the multi-instance sub-process works on. */
export interface AuditVariable {
  planId: string;
  reference: string;
  department: string;
  departmentName: string;
}

/** Completes the open task of `elementId` for the audit of `department` and returns the reply. */
export async function submitFor(
  session: TestSession,
  elementId: string,
  department: string | null,
  variables: Record<string, unknown>,
) {
  const tasks = await openTasks(session, elementId);
  const task = tasks.find((entry) => department === null || entry.audit?.department === department);
  expect(task, `open ${elementId} of ${department ?? 'the programme'}`).toBeDefined();
  return session.request('POST', `/api/tasks/${task?.key}/complete`, { variables });
}

/** Completes the open task of `elementId` for `department` and expects 204. */
export async function completeFor(
  session: TestSession,
  elementId: string,
  department: string | null,
  variables: Record<string, unknown>,
): Promise<void> {
  const response = await submitFor(session, elementId, department, variables);
  expect(response.statusCode, response.body).toBe(204);
}
