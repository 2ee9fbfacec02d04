import { afterEach, describe, expect, it } from 'vitest';
import { checkPlanSubmission } from '../../src/procedures/internal-audit/plan-submission.js';
import { wrongClause } from '../../src/procedures/internal-audit/date-rules.js';
import { EisoError } from '../../src/errors.js';
import { createTestApp, createTestDatabase, type TestApp } from '../helpers/test-app.js';
import {
  completeFor,
  draftedPlan,
  draftedProgramme,
  ensureCorrectiveAction,
  openTasks,
  recordedFindings,
  startInternalAudit,
  submitFor,
} from '../helpers/internal-audit.js';

type CurrentApp = TestApp & { drop: () => Promise<void> };

interface RegisterPage {
  items: ({ id: string } & Record<string, unknown>)[];
  total: number;
}

const conclusion = {
  outcome: 'improvement',
  conclusion: 'Hệ thống được duy trì phù hợp; cần khắc phục các điểm không phù hợp.',
  recommendations: 'Văn phòng hoàn thành khắc phục trước ngày 30/6.',
};

async function register(app: CurrentApp, name: string, query = ''): Promise<RegisterPage> {
  const session = await app.login('secretary');
  const response = await session.request('GET', `/api/registers/${name}?pageSize=200${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as RegisterPage;
}

async function approveProgramme(app: CurrentApp, departments: string[]): Promise<void> {
  const secretary = await app.login('secretary');
  const director = await app.login('director');
  await completeFor(secretary, 'Task_DraftProgramme', null, draftedProgramme(departments));
  await completeFor(director, 'Task_ApproveProgramme', null, { decision: 'approve' });
}

async function instanceState(app: CurrentApp, key: string): Promise<string> {
  const row = await app.db('process_instances').where({ key }).first('state');
  return String(row.state);
}

async function correctiveActions(app: CurrentApp) {
  const rows = await app
    .db('process_instances')
    .where({ bpmn_process_id: 'corrective-action' })
    .orderBy('key')
    .select('key', 'business_key', 'variables');
  return rows.map((row) => ({
    key: String(row.key),
    businessKey: row.business_key as string,
    variables: row.variables as Record<string, unknown>,
  }));
}

describe('internal-audit procedure', () => {
  let current: CurrentApp | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  async function open(options: Parameters<typeof createTestApp>[0] = {}) {
    current = await createTestApp(options);
    await ensureCorrectiveAction(current.db, current.app);
    return current;
  }

  it('runs two audits to the conclusion', async () => {
    const app = await open();
    const secretary = await app.login('secretary');
    const director = await app.login('director');
    const key = await startInternalAudit(secretary);
    await approveProgramme(app, ['VP', 'TTRA']);

    const drafts = await openTasks(secretary, 'Task_DraftPlan');
    expect(drafts.map((task) => task.audit?.reference).sort()).toEqual([
      'DG-2027-001',
      'DG-2027-002',
    ]);
    expect(drafts[0].variables.auditorOptions).toContainEqual({
      value: 'head.ttra',
      label: 'Vũ Đức Thắng (Thanh tra Sở)',
    });

    await completeFor(secretary, 'Task_DraftPlan', 'VP', draftedPlan('head.ttra', ['staff.qlkh']));
    await completeFor(secretary, 'Task_DraftPlan', 'TTRA', draftedPlan('head.vp'));
    const approvals = await openTasks(director, 'Task_ApprovePlan');
    expect(approvals.map((task) => task.variables.leadAuditor).sort()).toEqual([
      'head.ttra',
      'head.vp',
    ]);
    await completeFor(director, 'Task_ApprovePlan', 'VP', { decision: 'approve' });
    await completeFor(director, 'Task_ApprovePlan', 'TTRA', { decision: 'approve' });

    const memberOfTeam = await app.login('staff.qlkh');
    await completeFor(memberOfTeam, 'Task_RecordFindings', 'VP', {
      auditSummary: 'Đoàn đã xem xét 40 hồ sơ.',
      findings: recordedFindings,
    });
    await completeFor(await app.login('head.vp'), 'Task_RecordFindings', 'TTRA', {
      auditSummary: 'Không có phát hiện.',
      findings: [],
    });
    await completeFor(director, 'Task_Conclude', null, conclusion);

    expect(await instanceState(app, key)).toBe('COMPLETED');
    const programmes = await register(app, 'audit-programmes', '&year=2027');
    expect(programmes.items).toHaveLength(1);
    expect(programmes.items[0]).toMatchObject({
      reference: 'DG-2027',
      status: 'completed',
      auditCount: 2,
      approvedByName: 'Trần Văn Minh',
      outcome: 'improvement',
    });
    const plans = await register(app, 'audit-plans', '&q=DG-2027-');
    expect(plans.items.map((item) => item.status)).toEqual(['completed', 'completed']);
    expect(plans.items.map((item) => item.leadAuditorName).sort()).toEqual([
      'Phạm Quốc Huy',
      'Vũ Đức Thắng',
    ]);
  });

  it('starts a corrective action per nonconformity', async () => {
    const app = await open();
    const secretary = await app.login('secretary');
    const director = await app.login('director');
    await startInternalAudit(secretary);
    await approveProgramme(app, ['VP']);
    await completeFor(secretary, 'Task_DraftPlan', 'VP', draftedPlan('head.ttra'));
    await completeFor(director, 'Task_ApprovePlan', 'VP', { decision: 'approve' });

    await completeFor(await app.login('head.ttra'), 'Task_RecordFindings', 'VP', {
      auditSummary: 'Đoàn đã xem xét 40 hồ sơ.',
      findings: recordedFindings,
    });

    const actions = await correctiveActions(app);
    expect(actions).toHaveLength(2);
    expect(actions.map((action) => action.variables.sourceReference)).toEqual([
      'DG-2027-001 / PH-01',
      'DG-2027-001 / PH-03',
    ]);
    for (const action of actions) {
      expect(action.businessKey).toMatch(/^KPH-\d{4}-\d{3}$/);
      expect(action.variables.source).toBe('audit');
      expect(action.variables.departmentCode).toBe('VP');
      expect(String(action.variables.title)).toContain('Văn phòng Sở');
    }
    const byReference = new Map(
      (await register(app, 'audit-findings', '&sort=reference&order=asc')).items
        .filter((item) => item.auditReference === 'DG-2027-001')
        .map((item) => [item.reference, item]),
    );
    expect(byReference.get('PH-01')).toMatchObject({
      findingType: 'major',
      clause: '8.7',
      department: 'Văn phòng Sở',
      status: 'open',
      correctiveAction: actions[0].businessKey,
    });
    expect(byReference.get('PH-02')).toMatchObject({
      findingType: 'observation',
      status: 'noted',
      correctiveAction: null,
    });
    expect(byReference.get('PH-03')?.correctiveAction).toBe(actions[1].businessKey);
    expect(byReference.get('PH-04')?.correctiveAction).toBeNull();
  });

  it('returns the programme and a plan', async () => {
    const app = await open();
    const secretary = await app.login('secretary');
    const director = await app.login('director');
    await startInternalAudit(secretary);
    await completeFor(secretary, 'Task_DraftProgramme', null, draftedProgramme(['QLKH']));

    await completeFor(director, 'Task_ApproveProgramme', null, {
      decision: 'return',
      comment: 'Bổ sung phương pháp lấy mẫu hồ sơ',
    });
    const [redraft] = await openTasks(secretary, 'Task_DraftProgramme');
    expect(redraft.variables.comment).toBe('Bổ sung phương pháp lấy mẫu hồ sơ');
    expect(redraft.variables.scope).toBe('Các quá trình giải quyết thủ tục hành chính của Sở');
    expect(await register(app, 'audit-programmes', '&year=2027')).toMatchObject({ total: 0 });
    await approveProgramme(app, ['QLKH']);

    await completeFor(secretary, 'Task_DraftPlan', 'QLKH', draftedPlan('head.vp'));
    await completeFor(director, 'Task_ApprovePlan', 'QLKH', {
      decision: 'return',
      comment: 'Thêm họp kết thúc vào lịch làm việc',
    });
    const [replan] = await openTasks(secretary, 'Task_DraftPlan');
    expect(replan.variables.comment).toBe('Thêm họp kết thúc vào lịch làm việc');
    expect(replan.variables.leadAuditor).toBe('head.vp');
    expect(await openTasks(director, 'Task_ApprovePlan')).toHaveLength(0);
    const revised = draftedPlan('head.vp');
    revised.sessions.push({
      date: '2027-05-11',
      start: '16:00',
      end: '16:30',
      activity: 'Họp kết thúc',
    });
    await completeFor(secretary, 'Task_DraftPlan', 'QLKH', revised);
    const [approval] = await openTasks(director, 'Task_ApprovePlan');
    expect(approval.variables.decision).toBeUndefined();
    await completeFor(director, 'Task_ApprovePlan', 'QLKH', { decision: 'approve' });

    expect(await openTasks(await app.login('head.vp'), 'Task_RecordFindings')).toHaveLength(1);
    const decisions = await app
      .db('approvals')
      .orderBy('id')
      .pluck('decision')
      .where('subject', 'like', 'internal-audit:%');
    expect(decisions).toEqual(['return', 'approve', 'return', 'approve']);
  });

  it('rejects a plan whose auditor is audited', async () => {
    const app = await open();
    const secretary = await app.login('secretary');
    await startInternalAudit(secretary);
    await approveProgramme(app, ['VP']);

    const response = await submitFor(
      secretary,
      'Task_DraftPlan',
      'VP',
      draftedPlan('head.ttra', ['staff.vp']),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('Đỗ Thị Lan (staff.vp)');
    expect(response.json().message).toContain('Văn phòng Sở');
    expect(await openTasks(secretary, 'Task_DraftPlan')).toHaveLength(1);
    expect(await openTasks(await app.login('director'), 'Task_ApprovePlan')).toHaveLength(0);

    await completeFor(secretary, 'Task_DraftPlan', 'VP', draftedPlan('head.ttra', ['staff.qlkh']));
    expect(await openTasks(await app.login('director'), 'Task_ApprovePlan')).toHaveLength(1);
    const plan = await app.db('audit_plans').where({ reference: 'DG-2027-001' }).first('id');
    const document = await secretary.request('GET', `/api/audits/plans/${plan.id}/document`);
    const report = await secretary.request('GET', `/api/audits/plans/${plan.id}/report`);
    expect(document.statusCode).toBe(404);
    expect(document.json().message).toContain('status submitted');
    expect(report.statusCode).toBe(404);
  });

  it('rejects the submission of a self-audit', async () => {
    const app = await open();
    const secretary = await app.login('secretary');
    await startInternalAudit(secretary);
    await approveProgramme(app, ['TTRA']);
    const [draft] = await openTasks(secretary, 'Task_DraftPlan');
    const task = await app.app.services.runtime.loadTask(
      String((await app.db('units').where({ kind: 'agency' }).first('id')).id),
      draft.key,
    );

    const rejection = await checkPlanSubmission(app.db, task, draftedPlan('head.ttra'), 'vi').catch(
      (error: unknown) => error,
    );

    expect(rejection).toBeInstanceOf(EisoError);
    const error = rejection as EisoError;
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain('Vũ Đức Thắng (head.ttra)');
    expect(error.message).toContain('Thanh tra Sở');
    expect(error.details).toEqual([
      {
        path: '/leadAuditor',
        message: expect.stringContaining('thuộc Thanh tra Sở, là phòng được đánh giá'),
      },
    ]);
    await expect(
      checkPlanSubmission(app.db, task, draftedPlan('head.vp'), 'vi'),
    ).resolves.toBeUndefined();
  });

  it('accepts clause lists and names a wrong entry', () => {
    const cases: [string, string | null][] = [
      ['7.5, 8.2, 8.5', null],
      ['4 - 10', null],
      ['8 – 9; 7.1.5', null],
      ['ISO 9001', 'ISO 9001'],
      ['3.1, 8.2', '3.1'],
      ['8.2, 11', '11'],
      [',', ','],
    ];
    for (const [list, wrong] of cases) expect(wrongClause(list), list).toBe(wrong);
  });

  it('rejects audit dates out of order', async () => {
    const app = await open();
    const secretary = await app.login('secretary');
    await startInternalAudit(secretary);
    const programme = draftedProgramme(['TTRA']);
    programme.audits[0] = {
      ...programme.audits[0],
      ...{ plannedFrom: '2027-05-20', plannedTo: '2027-05-10' },
    };

    const badProgramme = await submitFor(secretary, 'Task_DraftProgramme', null, programme);
    const wrongClauses = draftedProgramme(['TTRA', 'VP']);
    wrongClauses.audits[1] = { ...wrongClauses.audits[1], clauses: '8.2, điều 11' };
    const badClauses = await submitFor(secretary, 'Task_DraftProgramme', null, wrongClauses);
    await approveProgramme(app, ['TTRA']);
    const plan = {
      ...draftedPlan('head.vp'),
      sessions: [
        { date: '2027-06-01', start: '08:00', end: '08:30', activity: 'Họp khai mạc' },
        { date: '2027-05-10', start: '11:00', end: '08:00', activity: 'Đánh giá quá trình 8.2' },
      ],
    };
    const badPlan = await submitFor(secretary, 'Task_DraftPlan', 'TTRA', plan);
    const reversed = await submitFor(secretary, 'Task_DraftPlan', 'TTRA', {
      ...draftedPlan('head.vp'),
      auditFrom: '2027-05-11',
      auditTo: '2027-05-10',
    });

    expect(badProgramme.statusCode).toBe(400);
    expect(badProgramme.json().details).toEqual([
      {
        path: '/audits/0/plannedTo',
        message: expect.stringContaining('is before the planned start'),
      },
    ]);
    expect(badClauses.statusCode).toBe(400);
    expect(badClauses.json().details).toEqual([
      { path: '/audits/1/clauses', message: expect.stringContaining('“điều 11” is not') },
    ]);
    expect(badPlan.statusCode).toBe(400);
    expect(badPlan.json().details.map((detail: { path: string }) => detail.path)).toEqual([
      '/sessions/0/date',
      '/sessions/1/end',
    ]);
    expect(reversed.json().details.map((detail: { path: string }) => detail.path)).toEqual([
      '/auditTo',
    ]);
    await completeFor(secretary, 'Task_DraftPlan', 'TTRA', draftedPlan('head.vp'));
  });

  it('starts once from the yearly timer', async () => {
    const clock = { now: new Date('2027-01-15T00:30:00Z') };
    const database = await createTestDatabase();
    let app = await createTestApp({ db: database.db, now: () => clock.now });
    current = { ...app, drop: async () => undefined };
    try {
      expect((await app.app.services.scheduler.tick()).startsByProcess['internal-audit']).toBe(0);

      clock.now = new Date('2027-01-15T01:30:00Z');
      expect((await app.app.services.scheduler.tick()).startsByProcess['internal-audit']).toBe(1);
      expect((await app.app.services.scheduler.tick()).startsByProcess['internal-audit']).toBe(0);

      const started = await database
        .db('process_instances')
        .where({ bpmn_process_id: 'internal-audit' })
        .select('key', 'business_key', 'started_by');
      expect(started).toHaveLength(1);
      expect(started[0].business_key).toBe('internal-audit-2027');
      expect(started[0].started_by).toBeNull();
      const [draft] = await openTasks(await app.login('secretary'), 'Task_DraftProgramme');
      expect(draft.variables.year).toBe(2027);
      expect(draft.variables.auditorOptions).toHaveLength(12);

      await app.close();
      clock.now = new Date('2028-01-16T01:30:00Z');
      app = await createTestApp({ db: database.db, now: () => clock.now });
      current = { ...app, drop: async () => undefined };

      expect((await app.app.services.scheduler.tick()).startsByProcess['internal-audit']).toBe(1);
      expect((await app.app.services.scheduler.tick()).startsByProcess['internal-audit']).toBe(0);
      const keys = await database
        .db('process_instances')
        .where({ bpmn_process_id: 'internal-audit' })
        .orderBy('key')
        .pluck('business_key');
      expect(keys).toEqual(['internal-audit-2027', 'internal-audit-2028']);
    } finally {
      await app.close();
      await database.drop();
      current = undefined;
    }
  });

  it('goes on in a new app mid-audit', async () => {
    const database = await createTestDatabase();
    let app = await createTestApp({ db: database.db });
    await ensureCorrectiveAction(app.db, app.app);
    try {
      const secretary = await app.login('secretary');
      const key = await startInternalAudit(secretary);
      await approveProgramme({ ...app, drop: async () => undefined }, ['QLCN', 'QLKH']);
      await completeFor(secretary, 'Task_DraftPlan', 'QLCN', draftedPlan('head.qlkh'));

      await app.close();
      app = await createTestApp({ db: database.db });
      const reopened = { ...app, drop: async () => undefined };
      const director = await app.login('director');
      await completeFor(
        await app.login('secretary'),
        'Task_DraftPlan',
        'QLKH',
        draftedPlan('head.qlcn'),
      );
      await completeFor(director, 'Task_ApprovePlan', 'QLCN', { decision: 'approve' });
      await completeFor(director, 'Task_ApprovePlan', 'QLKH', { decision: 'approve' });

      await app.close();
      app = await createTestApp({ db: database.db });
      await completeFor(await app.login('head.qlkh'), 'Task_RecordFindings', 'QLCN', {
        auditSummary: 'Đã xem xét 25 hồ sơ.',
        findings: recordedFindings.slice(0, 1),
      });
      await completeFor(await app.login('head.qlcn'), 'Task_RecordFindings', 'QLKH', {
        auditSummary: 'Không có phát hiện.',
        findings: [],
      });
      await completeFor(await app.login('director'), 'Task_Conclude', null, conclusion);

      expect(await instanceState(reopened, key)).toBe('COMPLETED');
      expect(await correctiveActions(reopened)).toHaveLength(1);
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
