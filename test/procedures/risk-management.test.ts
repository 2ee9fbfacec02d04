import { isModelNotification, modelNotifications } from '../helpers/notifications.js';
import { afterEach, describe, expect, it } from 'vitest';
import { addMonths, vietnamDate } from '../../src/procedures/risk-management/review-dates.js';
import { deployResources } from '../../src/runtime/deployer.js';
import { createTestApp, login, type TestApp } from '../helpers/test-app.js';
import {
  assessmentPlan,
  daysFromToday,
  carryOutTreatment,
  completeTask,
  findTask,
  heads,
  identifiedOpportunity,
  identifiedRisk,
  instanceRisks,
  instanceState,
  matrix4x4,
  openTasks,
  planAndIdentify,
  planTreatment,
  reportResidualRisk,
  scoreRisks,
  sessionsOf,
  startAssessment,
  taskVariables,
  wakeUp,
  type Sessions,
} from '../helpers/risk-management.js';

type CurrentApp = TestApp & { drop: () => Promise<void> };

// The demo register already contains RR-VP-01 to RR-VP-03, RR-QLKH-01 and 02, RR-QLCN-01 and
// CH-VP-01, so an assessment numbers its records after them.

const lostDossier = identifiedRisk('Hồ sơ bị thất lạc khi chuyển giữa các phòng', 2, 5);
const lateDossier = identifiedRisk('Hồ sơ trễ hạn khi cán bộ thụ lý nghỉ phép', 3, 3);
const outdatedProcedure = identifiedRisk('Quy trình không cập nhật sau nghị định mới', 2, 2);
const dataLeak = identifiedRisk('Lộ lọt dữ liệu cá nhân trong hồ sơ', 4, 5);

async function timersOf(current: CurrentApp, key: string) {
  const rows = await current
    .db('timers')
    .where({ process_instance_key: key, state: 'CREATED' })
    .select('element_id', 'due_at');
  return rows.map((row) => ({
    elementId: String(row.element_id),
    dueAt: new Date(row.due_at).toISOString(),
  }));
}

async function approvalsOf(current: CurrentApp, key: string) {
  return current
    .db('approvals')
    .where({ process_instance_key: key })
    .orderBy('id')
    .select('decision', 'comment', 'actor');
}

describe('risk-management procedure', () => {
  let current: CurrentApp | undefined;
  let clock = new Date();
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  // The review timer waits for a date, so the test clock starts at the wall clock's time and
  // moves forward from there.
  async function open(): Promise<{ app: CurrentApp; as: Sessions }> {
    clock = new Date();
    current = await createTestApp({ now: () => clock, config: { loginRateLimit: 100 } });
    return { app: current, as: sessionsOf((username) => current!.login(username)) };
  }

  it('skips the approval of low and medium risks', async () => {
    const { app, as } = await open();
    const secretary = await as('secretary');
    const { processInstanceKey: key, businessKey } = await startAssessment(secretary);
    expect(businessKey).toMatch(/^RR-\d{4}-001$/);

    await planAndIdentify(as, {
      risks: { VP: [outdatedProcedure, lateDossier] },
      opportunities: { VP: [identifiedOpportunity('Dịch vụ công trực tuyến toàn trình', 4, 3)] },
    });
    expect(await openTasks(await as(heads.QLKH!), 'Task_IdentifyRisks')).toEqual([]);
    await scoreRisks(secretary);
    await planTreatment(secretary);

    expect(await openTasks(await as('director'), 'Task_ApproveTreatment')).toEqual([]);
    await carryOutTreatment(as, ['VP']);
    await reportResidualRisk(secretary, [1, 2]);

    const today = vietnamDate(clock);
    const reviewDate = addMonths(today, 12);
    const risks = await instanceRisks(app.db, key);
    expect(risks.map((risk) => [risk.code, risk.score, risk.level])).toEqual([
      ['RR-VP-04', 4, 'low'],
      ['RR-VP-05', 9, 'medium'],
    ]);
    for (const risk of risks) {
      expect(risk.status).toBe('monitoring');
      expect(risk.owner_username).toBe('head.vp');
      expect(risk.treatment_option).toBe('reduce');
      expect(risk.treatment_approved_by).toBeNull();
      expect([risk.residual_score, risk.residual_level]).toEqual([2, 'low']);
      expect(risk.review_date).toBe(reviewDate);
    }
    const opportunity = await app.db('opportunities').where({ process_instance_key: key }).first();
    expect([opportunity.code, opportunity.score, opportunity.priority]).toEqual([
      'CH-VP-02',
      12,
      'high',
    ]);
    expect(opportunity.status).toBe('realised');
    expect(await approvalsOf(app, key)).toEqual([]);
    expect(await instanceState(secretary, key)).toBe('ACTIVE');
    expect(await timersOf(app, key)).toEqual([
      { elementId: 'Timer_ReviewDue', dueAt: new Date(`${reviewDate}T01:00:00Z`).toISOString() },
    ]);
  });

  it('asks the board to approve high risks', async () => {
    const { app, as } = await open();
    const secretary = await as('secretary');
    const { processInstanceKey: key } = await startAssessment(secretary);
    await planAndIdentify(as, {
      risks: { VP: [lostDossier], QLKH: [lateDossier], QLCN: [outdatedProcedure, dataLeak] },
    });

    await scoreRisks(secretary, { 'RR-QLKH-03': [4, 3] });
    await planTreatment(secretary);
    const director = await as('director');
    const review = await taskVariables(director, 'Task_ApproveTreatment');
    await completeTask(director, 'Task_ApproveTreatment', { decision: 'approve' });

    expect((review.highRiskPlans as { code: string }[]).map((plan) => plan.code)).toEqual([
      'RR-VP-04',
      'RR-QLKH-03',
      'RR-QLCN-03',
    ]);
    for (const department of ['VP', 'QLKH', 'QLCN']) {
      expect(await openTasks(await as(heads[department]!), 'Task_CarryOutTreatment')).toHaveLength(
        1,
      );
    }
    expect(await openTasks(await as(heads.TTRA!), 'Task_CarryOutTreatment')).toEqual([]);
    await carryOutTreatment(as, ['QLCN', 'VP', 'QLKH']);
    await reportResidualRisk(secretary);

    const risks = await instanceRisks(app.db, key);
    expect(risks.map((risk) => [risk.code, risk.score, risk.level])).toEqual([
      ['RR-VP-04', 10, 'high'],
      ['RR-QLKH-03', 12, 'high'],
      ['RR-QLCN-02', 4, 'low'],
      ['RR-QLCN-03', 20, 'critical'],
    ]);
    expect(risks.map((risk) => risk.treatment_approved_by)).toEqual([
      'director',
      'director',
      null,
      'director',
    ]);
    expect(risks.map((risk) => risk.owner_username)).toEqual([
      'head.vp',
      'head.qlkh',
      'head.qlcn',
      'head.qlcn',
    ]);
    expect(risks.every((risk) => risk.status === 'monitoring')).toBe(true);
    expect(await approvalsOf(app, key)).toEqual([
      { decision: 'approve', comment: null, actor: 'director' },
    ]);
  });

  it('returns the treatment plan for changes', async () => {
    const { app, as } = await open();
    const secretary = await as('secretary');
    const director = await as('director');
    const { processInstanceKey: key } = await startAssessment(secretary);
    await planAndIdentify(as, { risks: { VP: [lostDossier, lateDossier] } });
    await scoreRisks(secretary);
    await planTreatment(secretary, 'Nhắc cán bộ cẩn thận');
    const approval = await findTask(director, 'Task_ApproveTreatment');

    const withoutComment = await director.request('POST', `/api/tasks/${approval.key}/complete`, {
      variables: { decision: 'return' },
    });
    await completeTask(director, 'Task_ApproveTreatment', {
      decision: 'return',
      comment: 'Biện pháp chưa cụ thể: nêu rõ công cụ kiểm soát hồ sơ',
    });
    const returned = await taskVariables(secretary, 'Task_PlanTreatment');
    await planTreatment(secretary, 'Dùng phiếu kiểm soát quá trình trên phần mềm một cửa');
    await completeTask(director, 'Task_ApproveTreatment', { decision: 'approve' });

    expect(withoutComment.statusCode).toBe(400);
    expect(withoutComment.json().details.map((detail: { path: string }) => detail.path)).toContain(
      '/comment',
    );
    expect(returned.decision).toBe('return');
    expect(returned.comment).toBe('Biện pháp chưa cụ thể: nêu rõ công cụ kiểm soát hồ sơ');
    expect((returned.treatmentPlans as { treatmentActions: string }[])[0]!.treatmentActions).toBe(
      'Nhắc cán bộ cẩn thận',
    );
    const risks = await app
      .db('risks')
      .where({ process_instance_key: key })
      .orderBy('position')
      .select('treatment_actions', 'treatment_approved_by', 'status');
    expect(risks).toEqual([
      {
        treatment_actions: 'Dùng phiếu kiểm soát quá trình trên phần mềm một cửa',
        treatment_approved_by: 'director',
        status: 'treating',
      },
      {
        treatment_actions: 'Dùng phiếu kiểm soát quá trình trên phần mềm một cửa',
        treatment_approved_by: null,
        status: 'treating',
      },
    ]);
    expect((await approvalsOf(app, key)).map((row) => row.decision)).toEqual(['return', 'approve']);
    expect(await openTasks(await as(heads.VP!), 'Task_CarryOutTreatment')).toHaveLength(1);
  });

  it('wakes the owner on the review date', async () => {
    const { app, as } = await open();
    const secretary = await as('secretary');
    const headVp = await as(heads.VP!);
    const { processInstanceKey: key } = await startAssessment(secretary);
    await planAndIdentify(as, { risks: { VP: [outdatedProcedure, lateDossier] } });
    await scoreRisks(secretary);
    await planTreatment(secretary);
    await carryOutTreatment(as, ['VP']);
    await reportResidualRisk(secretary, [1, 2]);
    const reviewDate = addMonths(vietnamDate(clock), 12);

    clock = wakeUp(reviewDate, -2);
    const early = await app.app.services.scheduler.tick();
    const beforeDate = await openTasks(headVp, 'Task_ReviewRisk');
    clock = wakeUp(reviewDate, 1);
    const due = await app.app.services.scheduler.tick();

    expect(early.timers).toBe(0);
    expect(beforeDate).toEqual([]);
    expect(due.timers).toBe(1);
    const reviews = await openTasks(headVp, 'Task_ReviewRisk');
    expect(reviews).toHaveLength(2);
    expect(await openTasks(secretary, 'Task_ReviewRisk')).toEqual([]);
    const notifications = (await headVp.request('GET', '/api/notifications')).json() as {
      items: { kind: string; title: string; processInstanceKey: string; link: string | null }[];
    };
    notifications.items = notifications.items.filter(isModelNotification);
    expect(notifications.items).toEqual([
      expect.objectContaining({ kind: 'reminder', processInstanceKey: key }),
    ]);
    expect(notifications.items[0]!.title).toContain('Đến hạn xem xét lại rủi ro');
    const notifiedGroups = await modelNotifications(app.db('notifications'))
      .where({ process_instance_key: key })
      .pluck('recipient_group');
    expect(notifiedGroups).toEqual(['head-VP']);

    for (const task of reviews) {
      const taskView = (await headVp.request('GET', `/api/tasks/${task.key}`)).json() as {
        variables: { risk: { code: string } };
      };
      const closing = taskView.variables.risk.code === 'RR-VP-05';
      const response = await headVp.request('POST', `/api/tasks/${task.key}/complete`, {
        variables: {
          reviewLikelihood: closing ? '1' : '3',
          reviewSeverity: '2',
          reviewOutcome: closing ? 'close' : 'continue',
          reviewNote: closing ? 'Đã bố trí cán bộ dự phòng' : 'Biện pháp còn hiệu lực',
        },
      });
      expect(response.statusCode, response.body).toBe(204);
    }

    const nextReview = addMonths(reviewDate, 12);
    const [kept, closed] = await instanceRisks(app.db, key);
    expect([kept!.status, kept!.residual_score, kept!.residual_level]).toEqual([
      'monitoring',
      6,
      'medium',
    ]);
    expect(kept!.last_reviewed_on).toBe(reviewDate);
    expect(kept!.review_date).toBe(nextReview);
    expect(closed!.status).toBe('closed');
    expect(await timersOf(app, key)).toEqual([
      { elementId: 'Timer_ReviewDue', dueAt: new Date(`${nextReview}T01:00:00Z`).toISOString() },
    ]);

    clock = wakeUp(nextReview, 5);
    expect((await app.app.services.scheduler.tick()).timers).toBe(1);
    await completeTask(headVp, 'Task_ReviewRisk', {
      reviewLikelihood: '1',
      reviewSeverity: '1',
      reviewOutcome: 'close',
      reviewNote: 'Quy trình đã được cập nhật đầy đủ',
    });

    expect(await instanceState(secretary, key)).toBe('COMPLETED');
    expect((await instanceRisks(app.db, key)).map((risk) => risk.status)).toEqual([
      'closed',
      'closed',
    ]);
    expect(await timersOf(app, key)).toEqual([]);
  });

  it('goes on in a new app after a restart', async () => {
    await open();
    const { db } = current!;
    let as: Sessions = sessionsOf((username) => current!.login(username));
    const restart = async () => {
      await current!.close();
      current = { ...(await createTestApp({ db, now: () => clock })), drop: current!.drop };
      as = sessionsOf((username) => login(current!.app, username));
    };

    const { processInstanceKey: key } = await startAssessment(await as('secretary'));
    await restart();
    await completeTask(await as('secretary'), 'Task_PlanAssessment', {
      assessmentScope: 'Quá trình tiếp nhận và trả kết quả',
      assessmentMethod: 'Phỏng vấn lãnh đạo phòng',
      assessmentDepartments: ['VP', 'QLKH'],
      identificationDeadline: daysFromToday(30),
    });
    await completeTask(await as(heads.VP!), 'Task_IdentifyRisks', {
      identifiedRisks: [lostDossier],
    });
    await restart();
    await completeTask(await as(heads.QLKH!), 'Task_IdentifyRisks', {
      identifiedRisks: [lateDossier],
    });
    await scoreRisks(await as('secretary'));
    await restart();
    await planTreatment(await as('secretary'));
    await completeTask(await as('director'), 'Task_ApproveTreatment', { decision: 'approve' });
    await carryOutTreatment(as, ['VP', 'QLKH']);
    await reportResidualRisk(await as('secretary'));
    const reviewDate = addMonths(vietnamDate(clock), 12);

    await current!.close();
    clock = wakeUp(reviewDate);
    current = { ...(await createTestApp({ db, now: () => clock })), drop: current!.drop };
    as = sessionsOf((username) => login(current!.app, username));
    expect((await current!.app.services.scheduler.tick()).timers).toBe(1);

    expect(await openTasks(await as(heads.VP!), 'Task_ReviewRisk')).toHaveLength(1);
    expect(await openTasks(await as(heads.QLKH!), 'Task_ReviewRisk')).toHaveLength(1);
    const risks = await instanceRisks(db, key);
    expect(risks.map((risk) => [risk.code, risk.level, risk.status])).toEqual([
      ['RR-VP-04', 'high', 'monitoring'],
      ['RR-QLKH-03', 'medium', 'monitoring'],
    ]);
  });

  it('rates on a 4 × 4 matrix from the unit settings', async () => {
    const { app, as } = await open();
    const secretary = await as('secretary');
    const settings = await secretary.request('PATCH', '/api/settings', {
      riskMatrix: matrix4x4,
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const { processInstanceKey: key } = await startAssessment(secretary);
    await completeTask(secretary, 'Task_PlanAssessment', assessmentPlan(['VP']));
    const headVp = await as(heads.VP!);
    const identify = await taskVariables(headVp, 'Task_IdentifyRisks');
    const task = await findTask(headVp, 'Task_IdentifyRisks');

    const outside = await headVp.request('POST', `/api/tasks/${task.key}/complete`, {
      variables: { identifiedRisks: [identifiedRisk('Hồ sơ trễ hạn', 5, 3)] },
    });
    await completeTask(headVp, 'Task_IdentifyRisks', {
      identifiedRisks: [lateDossier, outdatedProcedure],
    });
    await scoreRisks(secretary);
    await planTreatment(secretary);

    expect((identify.likelihoodOptions as { value: string }[]).map((o) => o.value)).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(identify.matrixText).toBe('4 × 4; Thấp 1-3, Trung bình 4-6, Cao 7-9, Rất cao 10-16');
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details).toEqual([
      expect.objectContaining({ path: '/identifiedRisks/0/likelihood' }),
    ]);
    const risks = await instanceRisks(app.db, key);
    expect(risks.map((risk) => [risk.score, risk.level])).toEqual([
      [9, 'high'],
      [4, 'medium'],
    ]);
    expect(await openTasks(await as('director'), 'Task_ApproveTreatment')).toHaveLength(1);
  });

  it('starts from a corrective action with its trigger', async () => {
    const { app, as } = await open();
    const { runtime, workers, logger } = app.app.services;
    const unit = await app.db('units').where({ kind: 'agency' }).first('id');
    await deployResources(app.db, logger, String(unit.id), [raiseRiskModel], 'test');
    workers.register('test.raise-risk', async (job) => {
      const started = await job.startProcess({
        bpmnProcessId: 'risk-management',
        variables: {
          trigger: 'corrective-action',
          sourceReference: 'KPH-2026-003 / Hồ sơ trễ hạn tại bộ phận một cửa',
        },
      });
      return { riskAssessmentKey: started.businessKey };
    });

    const source = await runtime.startInstance({
      unitId: String(unit.id),
      bpmnProcessId: 'raise-risk',
      variables: {},
      actor: 'secretary',
    });

    const secretary = await as('secretary');
    const sourceVariables = (await app.db('process_instances').where({ key: source.key }).first())
      .variables as { riskAssessmentKey: string };
    expect(sourceVariables.riskAssessmentKey).toMatch(/^RR-\d{4}-001$/);
    const plan = await taskVariables(secretary, 'Task_PlanAssessment');
    expect(plan.triggerText).toBe('Hành động khắc phục');
    expect(plan.sourceReference).toBe('KPH-2026-003 / Hồ sơ trễ hạn tại bộ phận một cửa');
    expect(plan.settings).toEqual(expect.objectContaining({ riskReviewMonths: 12 }));

    await planAndIdentify(as, { risks: { VP: [lateDossier] } });
    const risk = await app
      .db('risks')
      .where({ assessment_key: sourceVariables.riskAssessmentKey })
      .first('source_reference', 'code');
    expect(risk).toEqual({
      source_reference: 'KPH-2026-003 / Hồ sơ trễ hạn tại bộ phận một cửa',
      code: 'RR-VP-04',
    });
  });

  it('rejects a past identification deadline', async () => {
    const { as } = await open();
    const secretary = await as('secretary');
    await startAssessment(secretary);
    const task = await findTask(secretary, 'Task_PlanAssessment');

    const response = await secretary.request(
      'POST',
      `/api/tasks/${task.key}/complete`,
      { variables: assessmentPlan(['VP'], daysFromToday(-1)) },
      { 'accept-language': 'vi' },
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().details).toHaveLength(1);
    expect(response.json().details[0].path).toBe('/identificationDeadline');
    expect(response.json().details[0].message).toMatch(/^Thời hạn \d{2}\/\d{2}\/\d{4} đã qua/);
    expect(await openTasks(secretary, 'Task_PlanAssessment')).toHaveLength(1);
  });

  it('rejects an identification without a risk', async () => {
    const { as } = await open();
    const secretary = await as('secretary');
    await startAssessment(secretary);
    await completeTask(secretary, 'Task_PlanAssessment', assessmentPlan(['VP']));
    const headVp = await as(heads.VP!);
    const task = await findTask(headVp, 'Task_IdentifyRisks');

    const response = await headVp.request('POST', `/api/tasks/${task.key}/complete`, {
      variables: { identifiedRisks: [] },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((detail: { path: string }) => detail.path)).toEqual([
      '/identifiedRisks',
    ]);
    expect(await openTasks(headVp, 'Task_IdentifyRisks')).toHaveLength(1);
  });

  it('numbers assessments and lets only the secretary start', async () => {
    const { as } = await open();
    const secretary = await as('secretary');

    const first = await startAssessment(secretary);
    const second = await startAssessment(secretary);
    const byHead = await (
      await as(heads.VP!)
    ).request('POST', '/api/procedures/risk-management/instances', {});

    expect(second.businessKey.slice(0, -3)).toBe(first.businessKey.slice(0, -3));
    expect([first.businessKey.slice(-3), second.businessKey.slice(-3)]).toEqual(['001', '002']);
    expect(byHead.statusCode).toBe(403);
  });
});

// A stand-in for a procedure that raises an assessment, such as a corrective action whose
// closing finds that the risk register must change.
const raiseRiskModel = {
  name: 'raise-risk.bpmn',
  content: `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_RaiseRisk" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="raise-risk" name="Raise a risk assessment" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="Flow_ToRaise" sourceRef="Start" targetRef="Task_Raise" />
    <bpmn:serviceTask id="Task_Raise" name="Start a risk assessment">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="test.raise-risk" retries="1" />
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_Raise" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`,
};
