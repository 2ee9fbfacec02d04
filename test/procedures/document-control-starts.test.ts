import { modelNotifications } from '../helpers/notifications.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/jobs/job-worker.js';
import { deployResources } from '../../src/runtime/deployer.js';
import { createTestApp, login, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  completeStep,
  findOpenTask,
  instanceState,
  newProcedureDraft,
  proposeChange,
  proposeNew,
  startChange,
  taskVariables,
} from '../helpers/document-control.js';

// A stand-in for a corrective action: its one service task starts document-control with the
// variables of the start contract, as the corrective-action procedure does on closing.
const correctiveActionStandIn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_ActionStandIn" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="action-stand-in" name="Corrective action stand-in" isExecutable="true">
    <bpmn:startEvent id="StartEvent_Started" />
    <bpmn:sequenceFlow id="Flow_ToStart" sourceRef="StartEvent_Started" targetRef="Task_StartChange" />
    <bpmn:serviceTask id="Task_StartChange" name="Start a document change">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="test.start-document-change" retries="1" />
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_StartChange" targetRef="EndEvent_Done" />
    <bpmn:endEvent id="EndEvent_Done" />
  </bpmn:process>
</bpmn:definitions>`;

// These tests share one app: each starts its own change, and only the first claims QT-01.
describe('document-control starts', () => {
  let current: TestApp & { drop: () => Promise<void> };
  beforeAll(async () => {
    current = await createTestApp({ config: { loginRateLimit: 1000 } });
  });
  afterAll(async () => {
    await current?.drop();
  });

  async function startFromCorrectiveAction(documentCode: string | null): Promise<string> {
    const app = current;
    const unit = await app.db('units').where({ kind: 'agency', code: 'SKHCN' }).first('id');
    await deployResources(
      app.db,
      app.app.services.logger,
      String(unit.id),
      [{ name: 'action-stand-in.bpmn', content: correctiveActionStandIn }],
      'test',
    );
    app.app.services.workers.register('test.start-document-change', async (job: JobContext) => {
      const started = await job.startProcess({
        bpmnProcessId: 'document-control',
        variables: {
          changeReason: 'Khắc phục phát hiện PH-03: quy trình chưa cập nhật nghị định mới.',
          ...(documentCode ? { documentCode } : {}),
          sourceReference: 'KPH-2026-004 / PH-03',
        },
      });
      return { documentChangeKey: started.processInstanceKey };
    });
    const action = await app.app.services.runtime.startInstance({
      unitId: String(unit.id),
      bpmnProcessId: 'action-stand-in',
      variables: {},
      actor: 'secretary',
    });
    const row = await app.db('process_instances').where({ key: action.key }).first('variables');
    return String(row.variables.documentChangeKey);
  }

  it('starts from the corrective-action contract', async () => {
    const key = await startFromCorrectiveAction('qt-01');
    const secretary = await current.login('secretary');
    const proposal = await taskVariables(secretary, key, 'Task_Propose');
    const instance = await current
      .db('process_instances')
      .where({ key })
      .first('business_key', 'started_by');
    const task = await current
      .db('user_tasks')
      .where({ process_instance_key: key, element_id: 'Task_Propose' })
      .first('candidate_groups', 'candidate_users');

    await proposeChange(secretary, key, 'revision', 'QT-01', 'QLKH', String(proposal.changeReason));
    const draft = await taskVariables(secretary, key, 'Task_Draft');
    await completeStep(secretary, key, 'Task_Draft', {
      title: draft.title,
      documentType: draft.documentType,
      retentionPeriod: draft.retentionPeriod,
      documentContent: `${String(draft.documentContent)} Áp dụng nghị định mới.`,
      departmentsConcerned: draft.departmentsConcerned,
      changeSummary: 'Cập nhật căn cứ pháp lý theo nghị định mới.',
    });
    await completeStep(await current.login('head.qlkh'), key, 'Task_Review', {
      decision: 'approve',
    });
    await completeStep(await current.login('director'), key, 'Task_Approve', {
      decision: 'approve',
    });

    expect(instance.business_key).toMatch(/^TL-\d{4}-\d{3}$/);
    expect(instance.started_by).toBeNull();
    expect(task).toEqual({ candidate_groups: ['iso-secretary'], candidate_users: [] });
    expect(proposal).toMatchObject({
      changeType: 'revision',
      documentCode: 'QT-01',
      requestedDocumentCode: null,
      sourceReference: 'KPH-2026-004 / PH-03',
      changeReason: 'Khắc phục phát hiện PH-03: quy trình chưa cập nhật nghị định mới.',
    });
    const revision = await current
      .db('document_revisions')
      .where({ process_instance_key: key })
      .first('code', 'issue_number', 'source_reference', 'change_reason');
    expect(revision).toEqual({
      code: 'QT-01',
      issue_number: 3,
      source_reference: 'KPH-2026-004 / PH-03',
      change_reason: 'Khắc phục phát hiện PH-03: quy trình chưa cập nhật nghị định mới.',
    });
  });

  it('shows a requested code that is not issued', async () => {
    const key = await startFromCorrectiveAction('QT-05');
    const secretary = await current.login('secretary');

    const proposal = await taskVariables(secretary, key, 'Task_Propose');

    expect(proposal.requestedDocumentCode).toBe('QT-05');
    expect(proposal.documentCode).toBeNull();
    expect(proposal.changeType).toBeUndefined();
    expect(proposal.sourceReference).toBe('KPH-2026-004 / PH-03');
  });

  it('starts without a document code', async () => {
    const key = await startFromCorrectiveAction(null);
    const secretary = await current.login('secretary');

    const proposal = await taskVariables(secretary, key, 'Task_Propose');

    expect(proposal.requestedDocumentCode).toBeNull();
    expect(proposal.documentCode).toBeNull();
    expect(proposal.changeReason).toContain('PH-03');
  });

  it('notifies the departments concerned on issue', async () => {
    const staff = await current.login('staff.qlcn');
    const change = await startChange(staff);
    await proposeNew(staff, change.key, 'QT-08', 'QLCN');
    await completeStep(staff, change.key, 'Task_Draft', newProcedureDraft);
    await completeStep(await current.login('head.qlcn'), change.key, 'Task_Review', {
      decision: 'approve',
    });

    await completeStep(await current.login('director'), change.key, 'Task_Approve', {
      decision: 'approve',
    });

    const rows = await modelNotifications(current.db('notifications'))
      .where({ process_instance_key: change.key })
      .orderBy('id')
      .select('recipient_group', 'kind', 'title');
    expect(rows.map((row) => row.recipient_group)).toEqual([
      'head-VP',
      'staff-VP',
      'head-QLCN',
      'staff-QLCN',
    ]);
    expect(rows[0]).toMatchObject({
      kind: 'info',
      title: `Đã ban hành tài liệu QT-08 lần 1: ${newProcedureDraft.title}`,
    });
    const staffOfOffice = await current.login('staff.vp');
    const listed = await staffOfOffice.request('GET', '/api/notifications');
    expect(listed.json().items.map((item: { title: string }) => item.title)).toContain(
      `Đã ban hành tài liệu QT-08 lần 1: ${newProcedureDraft.title}`,
    );
    const inspector = await current.login('staff.ttra');
    const notListed = await inspector.request('GET', '/api/notifications');
    expect(
      notListed
        .json()
        .items.filter(
          (item: { processInstanceKey: string }) => item.processInstanceKey === change.key,
        ),
    ).toEqual([]);
  });
});

describe('document-control restarts and timers', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  it('goes on in a new app after every step', async () => {
    current = await createTestApp();
    const { db } = current;
    const reopen = async (username: string): Promise<TestSession> => {
      await current!.close();
      current = { ...(await createTestApp({ db })), drop: current!.drop };
      return login(current.app, username);
    };

    const change = await startChange(await reopen('staff.qlcn'));
    await proposeNew(await reopen('staff.qlcn'), change.key, 'QT-08', 'QLCN');
    await completeStep(await reopen('staff.qlcn'), change.key, 'Task_Draft', newProcedureDraft);
    await completeStep(await reopen('head.qlcn'), change.key, 'Task_Review', {
      decision: 'return',
      comment: 'Bổ sung đường dẫn biểu mẫu.',
    });
    await completeStep(await reopen('staff.qlcn'), change.key, 'Task_Draft', newProcedureDraft);
    await completeStep(await reopen('head.qlcn'), change.key, 'Task_Review', {
      decision: 'approve',
    });
    await completeStep(await reopen('director'), change.key, 'Task_Approve', {
      decision: 'approve',
    });
    await completeStep(await reopen('head.vp'), change.key, 'Task_Acknowledge', {
      acknowledged: true,
    });
    await completeStep(await reopen('head.qlcn'), change.key, 'Task_Acknowledge', {
      acknowledged: true,
    });

    const staff = await reopen('staff.qlcn');
    expect(await instanceState(staff, change.key)).toBe('COMPLETED');
    const document = await staff.request('GET', '/api/documents/current/QT-08');
    expect(document.json()).toMatchObject({ issueNumber: 1, status: 'issued' });
    expect(document.json().acknowledgements).toHaveLength(2);
  });

  it('reminds the board of an overdue approval', async () => {
    const clock = { now: new Date('2026-03-02T02:00:00Z') };
    current = await createTestApp({ now: () => clock.now });
    const staff = await current.login('staff.qlcn');
    const change = await startChange(staff);
    await proposeNew(staff, change.key, 'QT-08', 'QLCN');
    await completeStep(staff, change.key, 'Task_Draft', newProcedureDraft);
    await completeStep(await current.login('head.qlcn'), change.key, 'Task_Review', {
      decision: 'approve',
    });
    const escalations = () =>
      modelNotifications(current!.db('notifications'))
        .where({ process_instance_key: change.key, kind: 'escalation' })
        .select('recipient_group', 'title');

    clock.now = new Date('2026-03-06T02:00:00Z');
    await current.app.services.scheduler.tick();
    const beforeDue = await escalations();
    clock.now = new Date('2026-03-07T03:00:00Z');
    await current.app.services.scheduler.tick();
    const afterDue = await escalations();
    await current.app.services.scheduler.tick();
    const director = await current.login('director');
    await findOpenTask(director, change.key, 'Task_Approve');
    await completeStep(director, change.key, 'Task_Approve', { decision: 'approve' });

    expect(beforeDue).toEqual([]);
    expect(afterDue).toEqual([
      {
        recipient_group: 'board',
        title: `Quá hạn phê duyệt thay đổi tài liệu QT-08: ${newProcedureDraft.title}`,
      },
    ]);
    expect(await escalations()).toHaveLength(1);
    const document = await staff.request('GET', '/api/documents/current/QT-08');
    expect(document.json()).toMatchObject({ issueNumber: 1, issueDate: '2026-03-07' });
  });
});
