import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  completeTask,
  findTask,
  instanceState,
  minorTriage,
  noFollowUp,
  notificationsOf,
  officeImplementation,
  officePlan,
  openTaskCount,
  raiseByHand,
  readCorrectiveAction,
  reportedNonconformity,
  testClock,
  type TestClock,
} from '../helpers/corrective-action.js';

interface Actors {
  staff: TestSession;
  secretary: TestSession;
  director: TestSession;
  head: TestSession;
}

describe('corrective-action procedure', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  let clock: TestClock;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  async function setUp(): Promise<Actors> {
    clock = testClock('2027-03-01T02:00:00Z');
    current = await createTestApp({ now: clock.now });
    return {
      staff: await current.login('staff.vp'),
      secretary: await current.login('secretary'),
      director: await current.login('director'),
      head: await current.login('head.vp'),
    };
  }

  // Runs the procedure from the raise form to the effectiveness check that the timer opens.
  async function runToCheck(actors: Actors): Promise<{ key: string; code: string }> {
    const { processInstanceKey: key, code } = await raiseByHand(actors.staff);
    await completeTask(actors.secretary, 'Task_Triage', minorTriage);
    await completeTask(actors.head, 'Task_Plan', officePlan);
    await completeTask(actors.director, 'Task_ApprovePlan', { decision: 'approve' });
    await completeTask(actors.head, 'Task_Implement', officeImplementation);
    clock.advanceDays(91);
    await current!.app.services.scheduler.tick();
    return { key, code };
  }

  it('closes an effective action raised by hand', async () => {
    const { staff, secretary, director, head } = await setUp();

    const { processInstanceKey: key, code } = await raiseByHand(staff);
    const raised = await readCorrectiveAction(secretary, code);
    await completeTask(secretary, 'Task_Triage', minorTriage);
    const triaged = await readCorrectiveAction(secretary, code);
    await completeTask(head, 'Task_Plan', officePlan);
    const planned = await readCorrectiveAction(secretary, code);
    await completeTask(director, 'Task_ApprovePlan', { decision: 'approve', comment: 'Đồng ý' });
    const implementing = await readCorrectiveAction(secretary, code);
    await completeTask(head, 'Task_Implement', officeImplementation);
    const checking = await readCorrectiveAction(secretary, code);

    expect(code).toBe('KPH-2027-001');
    expect(raised).toMatchObject({
      status: 'raised',
      source: 'complaint',
      sourceReference: 'PA-2027-014',
      title: reportedNonconformity.title,
      evidence: reportedNonconformity.evidence,
      departmentCode: 'VP',
      department: 'Văn phòng Sở',
      raisedBy: 'staff.vp',
      raisedOn: '2027-03-01',
    });
    expect(triaged).toMatchObject({
      status: 'triaged',
      classification: 'minor',
      triageNote: minorTriage.triageNote,
      triagedBy: 'secretary',
    });
    expect(planned).toMatchObject({
      status: 'planned',
      correction: officePlan.correction,
      rootCauseMethod: 'five-whys',
      whys: officePlan.whys,
      causeCategory: 'people',
      rootCause: officePlan.rootCause,
      actions: officePlan.actions,
      deadline: '2027-03-20',
    });
    expect(implementing).toMatchObject({ status: 'implementing', approvedByName: 'Trần Văn Minh' });
    expect(checking).toMatchObject({
      status: 'checking',
      implementationReport: officeImplementation.implementationReport,
      implementedOn: '2027-03-19',
      checkDueOn: '2027-05-30',
    });
    expect(await notificationsOf(current!.db, key)).toEqual([
      expect.objectContaining({ kind: 'info', recipientGroup: 'head-VP' }),
    ]);
    expect((await notificationsOf(current!.db, key))[0].title).toContain(
      'Kế hoạch khắc phục KPH-2027-001 đã được phê duyệt',
    );

    clock.set('2027-05-30T01:59:00Z');
    await current!.app.services.scheduler.tick();
    const beforeDue = await openTaskCount(current!.db, key, 'Task_CheckEffectiveness');
    // bpmn-elements 17 measures a duration on the wall clock, so the timer falls due a few
    // milliseconds after 02:00. The tick a minute later is past it.
    clock.set('2027-05-30T02:01:00Z');
    await current!.app.services.scheduler.tick();
    const afterDue = await openTaskCount(current!.db, key, 'Task_CheckEffectiveness');

    expect(beforeDue).toBe(0);
    expect(afterDue).toBe(1);

    await completeTask(secretary, 'Task_CheckEffectiveness', {
      effective: 'effective',
      effectivenessNote: 'Ba tháng liền mọi hồ sơ trễ hạn đều có phiếu xin lỗi.',
    });
    await completeTask(head, 'Task_CloseOut', noFollowUp);

    expect(await instanceState(secretary, key)).toBe('COMPLETED');
    expect(await readCorrectiveAction(secretary, code)).toMatchObject({
      status: 'closed',
      effectivenessResult: 'effective',
      effectivenessNote: 'Ba tháng liền mọi hồ sơ trễ hạn đều có phiếu xin lỗi.',
      checkedBy: 'secretary',
      closedOn: '2027-05-30',
      reopenedCount: 0,
      riskFollowUpKey: null,
      documentFollowUpKey: null,
    });
    // The implementation finished before its deadline, so no reminder went out.
    expect((await notificationsOf(current!.db, key)).map((entry) => entry.kind)).toEqual(['info']);
  });

  it('numbers the actions of a year in sequence', async () => {
    const { staff, secretary } = await setUp();

    const first = await raiseByHand(staff);
    const second = await raiseByHand(secretary);

    expect(first.code).toBe('KPH-2027-001');
    expect(second.code).toBe('KPH-2027-002');
  });

  it('rejects a report that is not a nonconformity', async () => {
    const { staff, secretary } = await setUp();
    const { processInstanceKey: key, code } = await raiseByHand(staff);

    await completeTask(secretary, 'Task_Triage', {
      classification: 'not-nonconformity',
      departmentCode: 'VP',
      triageNote: 'Hồ sơ trả đúng hạn theo giấy hẹn; công dân nhầm ngày.',
    });

    expect(await instanceState(secretary, key)).toBe('COMPLETED');
    expect(await openTaskCount(current!.db, key, 'Task_Plan')).toBe(0);
    expect(await readCorrectiveAction(secretary, code)).toMatchObject({
      status: 'rejected',
      classification: 'not-nonconformity',
      triageNote: 'Hồ sơ trả đúng hạn theo giấy hẹn; công dân nhầm ngày.',
      closedOn: '2027-03-01',
    });
  });

  it('returns the plan to the owner with the comment', async () => {
    const { staff, secretary, director, head } = await setUp();
    const { processInstanceKey: key, code } = await raiseByHand(staff);
    await completeTask(secretary, 'Task_Triage', minorTriage);
    await completeTask(head, 'Task_Plan', officePlan);

    await completeTask(director, 'Task_ApprovePlan', {
      decision: 'return',
      comment: 'Bổ sung hành động rà soát toàn bộ hồ sơ trễ hạn tháng 2.',
    });
    const returned = await readCorrectiveAction(secretary, code);
    const replan = await findTask(head, 'Task_Plan');
    const shown = (await head.request('GET', `/api/tasks/${replan.key}`)).json() as {
      variables: Record<string, unknown>;
    };

    expect(returned.status).toBe('triaged');
    expect(shown.variables.decision).toBe('return');
    expect(shown.variables.comment).toBe(
      'Bổ sung hành động rà soát toàn bộ hồ sơ trễ hạn tháng 2.',
    );
    expect(shown.variables.correction).toBe(officePlan.correction);

    await completeTask(head, 'Task_Plan', {
      ...officePlan,
      actions: [
        ...officePlan.actions,
        { action: 'Rà soát hồ sơ trễ hạn tháng 2', owner: 'Đỗ Thị Lan', deadline: '2027-03-25' },
      ],
    });
    const review = await findTask(director, 'Task_ApprovePlan');
    const reviewData = (await director.request('GET', `/api/tasks/${review.key}`)).json() as {
      variables: Record<string, unknown>;
    };
    await completeTask(director, 'Task_ApprovePlan', { decision: 'approve' });

    expect(reviewData.variables.decision).toBeUndefined();
    const approvals = await current!
      .db('approvals')
      .where({ process_instance_key: key })
      .orderBy('id')
      .select('decision', 'actor', 'subject');
    expect(approvals).toEqual([
      { decision: 'return', actor: 'director', subject: 'corrective-action:Task_ApprovePlan' },
      { decision: 'approve', actor: 'director', subject: 'corrective-action:Task_ApprovePlan' },
    ]);
    expect(await readCorrectiveAction(secretary, code)).toMatchObject({
      status: 'implementing',
      deadline: '2027-03-25',
    });
    expect((await readCorrectiveAction(secretary, code)).actions).toHaveLength(3);
  });

  it('reopens an ineffective action and closes it later', async () => {
    const actors = await setUp();
    const { secretary, director, head } = actors;
    const { key, code } = await runToCheck(actors);

    await completeTask(secretary, 'Task_CheckEffectiveness', {
      effective: 'not-effective',
      effectivenessNote: 'Tháng 5 vẫn còn 2 hồ sơ trễ hạn không có phiếu xin lỗi.',
    });
    const reopened = await readCorrectiveAction(secretary, code);
    const replan = await findTask(head, 'Task_Plan');
    const shown = (await head.request('GET', `/api/tasks/${replan.key}`)).json() as {
      variables: Record<string, unknown>;
    };

    expect(reopened).toMatchObject({
      status: 'triaged',
      reopenedCount: 1,
      effectivenessResult: 'not-effective',
      effectivenessNote: 'Tháng 5 vẫn còn 2 hồ sơ trễ hạn không có phiếu xin lỗi.',
    });
    expect(shown.variables.reopenedCount).toBe(1);
    expect(shown.variables.reopenReason).toBe(
      'Tháng 5 vẫn còn 2 hồ sơ trễ hạn không có phiếu xin lỗi.',
    );
    expect(shown.variables.rootCause).toBe(officePlan.rootCause);

    await completeTask(head, 'Task_Plan', {
      ...officePlan,
      causeCategory: 'method',
      rootCause: 'Quy trình một cửa không có bước kiểm tra hồ sơ sắp trễ hạn.',
      actions: [
        { action: 'Thêm cảnh báo hồ sơ sắp trễ hạn', owner: 'Đỗ Thị Lan', deadline: '2027-06-15' },
      ],
    });
    await completeTask(director, 'Task_ApprovePlan', { decision: 'approve' });
    await completeTask(head, 'Task_Implement', {
      implementationReport: 'Đã bật cảnh báo trên hệ thống một cửa.',
      implementedOn: '2027-06-10',
    });
    const checksBeforeDue = await openTaskCount(current!.db, key, 'Task_CheckEffectiveness');
    clock.advanceDays(91);
    await current!.app.services.scheduler.tick();
    const recheck = await findTask(secretary, 'Task_CheckEffectiveness');
    const recheckData = (await secretary.request('GET', `/api/tasks/${recheck.key}`)).json() as {
      variables: Record<string, unknown>;
    };
    await completeTask(secretary, 'Task_CheckEffectiveness', {
      effective: 'effective',
      effectivenessNote: 'Không còn hồ sơ trễ hạn thiếu phiếu xin lỗi.',
    });
    await completeTask(head, 'Task_CloseOut', noFollowUp);

    expect(checksBeforeDue).toBe(0);
    expect(recheckData.variables.effective).toBeNull();
    expect(await instanceState(secretary, key)).toBe('COMPLETED');
    expect(await readCorrectiveAction(secretary, code)).toMatchObject({
      status: 'closed',
      reopenedCount: 1,
      effectivenessResult: 'effective',
      causeCategory: 'method',
      deadline: '2027-06-15',
    });
  });

  it('rejects incomplete forms and names the fields', async () => {
    const { staff, secretary, director, head } = await setUp();
    await raiseByHand(staff, reportedNonconformity);
    const submit = async (session: TestSession, elementId: string, variables: object) => {
      const task = await findTask(session, elementId);
      const response = await session.request('POST', `/api/tasks/${task.key}/complete`, {
        variables,
      });
      const paths = response.statusCode === 400 ? response.json().details.map(pathOf) : [];
      return { status: response.statusCode, paths };
    };

    const triage = await submit(secretary, 'Task_Triage', { classification: 'minor' });
    await completeTask(secretary, 'Task_Triage', minorTriage);
    const plan = await submit(head, 'Task_Plan', { ...officePlan, actions: [] });
    const planAction = await submit(head, 'Task_Plan', {
      ...officePlan,
      actions: [{ action: 'Tập huấn', owner: '', deadline: '2027-03-10' }],
    });
    const pastAction = await submit(head, 'Task_Plan', {
      ...officePlan,
      actions: [officePlan.actions[0], { ...officePlan.actions[1], deadline: '2027-02-28' }],
    });
    await completeTask(head, 'Task_Plan', officePlan);
    const approval = await submit(director, 'Task_ApprovePlan', {
      decision: 'return',
      comment: ' ',
    });

    expect(triage).toEqual({ status: 400, paths: ['/departmentCode', '/triageNote'] });
    expect(plan).toEqual({ status: 400, paths: ['/actions'] });
    expect(planAction).toEqual({ status: 400, paths: ['/actions/0/owner'] });
    expect(pastAction).toEqual({ status: 400, paths: ['/actions/1/deadline'] });
    expect(approval).toEqual({ status: 400, paths: ['/comment'] });
    await findTask(director, 'Task_ApprovePlan');
  });

  it('rejects a raise form without source or evidence', async () => {
    const { staff } = await setUp();
    const response = await staff.request('POST', '/api/procedures/corrective-action/instances', {});
    expect(response.statusCode, response.body).toBe(201);
    const task = await findTask(staff, 'Task_Raise');

    const invalid = await staff.request('POST', `/api/tasks/${task.key}/complete`, {
      variables: { ...reportedNonconformity, source: 'rumour', evidence: '' },
    });

    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().details.map(pathOf)).toEqual(['/source', '/evidence']);
    await findTask(staff, 'Task_Raise');
  });

  it('offers each step only to its people', async () => {
    const { staff, secretary, head } = await setUp();
    const otherStaff = await current!.login('staff.ttra');
    const otherHead = await current!.login('head.ttra');
    await startByHandAs(staff);
    const raise = await findTask(staff, 'Task_Raise');

    const foreignRaise = await otherStaff.request('POST', `/api/tasks/${raise.key}/complete`, {
      variables: reportedNonconformity,
    });
    // Nobody else could see the raise form if its initiator gave it back.
    const unclaimRaise = await staff.request('POST', `/api/tasks/${raise.key}/unclaim`);
    const raiseAfterUnclaim = await findTask(staff, 'Task_Raise');
    await completeTask(staff, 'Task_Raise', reportedNonconformity);
    const triage = await findTask(secretary, 'Task_Triage');
    const staffTriage = await staff.request('POST', `/api/tasks/${triage.key}/complete`, {
      variables: minorTriage,
    });
    await completeTask(secretary, 'Task_Triage', minorTriage);
    const plan = await findTask(head, 'Task_Plan');
    const foreignPlan = await otherHead.request('POST', `/api/tasks/${plan.key}/complete`, {
      variables: officePlan,
    });

    expect(foreignRaise.statusCode).toBe(404);
    expect(unclaimRaise.statusCode).toBe(409);
    expect(raiseAfterUnclaim.assignee).toBe('staff.vp');
    expect(staffTriage.statusCode).toBe(404);
    expect(foreignPlan.statusCode).toBe(404);
    expect(plan.assignee).toBeNull();
  });
});

async function startByHandAs(session: TestSession): Promise<void> {
  const response = await session.request('POST', '/api/procedures/corrective-action/instances', {});
  expect(response.statusCode, response.body).toBe(201);
}

function pathOf(detail: { path: string }): string {
  return detail.path;
}
