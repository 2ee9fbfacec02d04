import { afterEach, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/jobs/job-worker.js';
import { startCorrectiveAction } from '../../src/procedures/corrective-action/start-contract.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import {
  agencyId,
  completeTask,
  deployFixtures,
  deployFollowUpStandIns,
  findTask,
  instanceState,
  minorTriage,
  officeImplementation,
  officePlan,
  openTaskCount,
  raiseByHand,
  readCorrectiveAction,
  testClock,
  type TestClock,
} from '../helpers/corrective-action.js';

type CurrentApp = TestApp & { drop: () => Promise<void> };

/** A finding of an internal audit, as the audit procedure's worker passes it. */
const auditFinding = {
  source: 'audit' as const,
  sourceReference: 'DG-2027-001 / PH-03',
  title: 'Hồ sơ lưu trữ thiếu phiếu kiểm soát quá trình',
  description: 'Kiểm tra 20 hồ sơ, 4 hồ sơ không có phiếu kiểm soát quá trình giải quyết.',
  departmentCode: 'TTRA' as string | null,
};

describe('corrective action started by another procedure', () => {
  let current: CurrentApp | undefined;
  let clock: TestClock | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
    clock = undefined;
  });

  // Deploys the finding-source fixture, whose one service task runs `worker`, and starts it.
  async function raiseFromProcedure(
    worker: (job: JobContext) => Promise<Record<string, unknown>>,
  ): Promise<string> {
    clock ??= testClock('2027-03-01T02:00:00Z');
    current ??= await createTestApp({ now: clock.now });
    current.app.services.workers.register('test.raise-corrective-action', worker);
    await deployFixtures(current.app, ['finding-source']);
    const instance = await current.app.services.runtime.startInstance({
      unitId: await agencyId(current.db),
      bpmnProcessId: 'test-finding-source',
      variables: { departments: ['VP', 'TTRA', 'QLKH', 'QLCN'], year: 2027 },
      actor: 'secretary',
    });
    return instance.key;
  }

  const raiseAuditFinding = async (job: JobContext) => {
    const started = await startCorrectiveAction(job, auditFinding);
    return { correctiveActionKey: started.businessKey };
  };

  async function correctiveActionInstances() {
    return current!
      .db('process_instances')
      .where({ bpmn_process_id: 'corrective-action' })
      .select('key', 'business_key', 'variables');
  }

  it('skips the raise form and waits for triage', async () => {
    const sourceKey = await raiseFromProcedure(raiseAuditFinding);
    const secretary = await current!.login('secretary');

    const [instance] = await correctiveActionInstances();
    const source = await current!.db('process_instances').where({ key: sourceKey }).first();
    const record = await readCorrectiveAction(secretary, 'KPH-2027-001');
    const triage = await findTask(secretary, 'Task_Triage');

    expect(source.state).toBe('COMPLETED');
    expect(source.variables.correctiveActionKey).toBe('KPH-2027-001');
    expect(instance.business_key).toBe('KPH-2027-001');
    expect(
      await current!
        .db('user_tasks')
        .where({ process_instance_key: instance.key, element_id: 'Task_Raise' }),
    ).toEqual([]);
    expect(await openTaskCount(current!.db, String(instance.key), 'Task_Triage')).toBe(1);
    expect(triage.elementId).toBe('Task_Triage');
    expect(record).toMatchObject({
      status: 'raised',
      source: 'audit',
      sourceReference: 'DG-2027-001 / PH-03',
      title: auditFinding.title,
      description: auditFinding.description,
      evidence: null,
      departmentCode: 'TTRA',
    });

    await completeTask(secretary, 'Task_Triage', {
      classification: 'major',
      departmentCode: 'TTRA',
      triageNote: 'Không tuân thủ yêu cầu kiểm soát hồ sơ (điều 7.5.3).',
    });
    const plan = await findTask(await current!.login('head.ttra'), 'Task_Plan');
    expect(plan.elementId).toBe('Task_Plan');
  });

  it('lets triage assign the department of a finding without one', async () => {
    await raiseFromProcedure(async (job) => {
      const started = await startCorrectiveAction(job, { ...auditFinding, departmentCode: null });
      return { correctiveActionKey: started.businessKey };
    });
    const secretary = await current!.login('secretary');
    const raised = await readCorrectiveAction(secretary, 'KPH-2027-001');

    await completeTask(secretary, 'Task_Triage', { ...minorTriage, departmentCode: 'QLKH' });

    expect(raised.departmentCode).toBeNull();
    expect((await readCorrectiveAction(secretary, 'KPH-2027-001')).departmentCode).toBe('QLKH');
    await findTask(await current!.login('head.qlkh'), 'Task_Plan');
  });

  it('shares the year sequence with actions raised by hand', async () => {
    clock = testClock('2027-03-01T02:00:00Z');
    current = await createTestApp({ now: clock.now });
    const byHand = await raiseByHand(await current.login('staff.vp'));

    await raiseFromProcedure(raiseAuditFinding);

    const keys = (await correctiveActionInstances()).map((row) => row.business_key).sort();
    expect(byHand.code).toBe('KPH-2027-001');
    expect(keys).toEqual(['KPH-2027-001', 'KPH-2027-002']);
  });

  it('fails the calling job on a wrong start variable', async () => {
    const sourceKey = await raiseFromProcedure(async (job) => {
      await startCorrectiveAction(job, { ...auditFinding, departmentCode: 'KHTC' });
      return {};
    });

    const incidents = await current!
      .db('incidents')
      .where({ process_instance_key: sourceKey })
      .select('error_message');

    expect(incidents.map((row) => row.error_message)).toEqual([
      expect.stringContaining("variable 'departmentCode'"),
    ]);
    expect(await correctiveActionInstances()).toEqual([]);
  });

  it('stops at an incident when a caller skips the checks', async () => {
    await raiseFromProcedure(async (job) => {
      await job.startProcess({
        bpmnProcessId: 'corrective-action',
        variables: { ...auditFinding, source: 'hearsay' },
      });
      return {};
    });
    // The origin check fails its three tries, each after the retry backoff.
    for (let round = 0; round < 3; round++) {
      clock!.set(new Date(clock!.now().getTime() + 10_000).toISOString());
      await current!.app.services.scheduler.tick();
    }

    const [instance] = await correctiveActionInstances();
    const incidents = await current!
      .db('incidents')
      .where({ process_instance_key: instance.key })
      .select('element_id', 'error_message');

    expect(incidents).toEqual([
      {
        element_id: 'Task_CheckOrigin',
        error_message: expect.stringContaining("variable 'source' must be one of audit"),
      },
    ]);
    expect(
      await current!.db('corrective_actions').where({ process_instance_key: instance.key }).first(),
    ).toBeUndefined();
  });
});

describe('corrective action follow-ups on closing', () => {
  let current: CurrentApp | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  async function runToCloseOut(): Promise<{ key: string; code: string }> {
    const clock = testClock('2027-03-01T02:00:00Z');
    current = await createTestApp({ now: clock.now });
    await deployFollowUpStandIns(current.app);
    const head = await current.login('head.vp');
    const secretary = await current.login('secretary');
    const { processInstanceKey: key, code } = await raiseByHand(await current.login('staff.vp'));
    await completeTask(secretary, 'Task_Triage', minorTriage);
    await completeTask(head, 'Task_Plan', officePlan);
    await completeTask(await current.login('director'), 'Task_ApprovePlan', {
      decision: 'approve',
    });
    await completeTask(head, 'Task_Implement', officeImplementation);
    clock.advanceDays(91);
    await current.app.services.scheduler.tick();
    await completeTask(secretary, 'Task_CheckEffectiveness', {
      effective: 'effective',
      effectivenessNote: 'Không còn hồ sơ trễ hạn thiếu phiếu xin lỗi.',
    });
    return { key, code };
  }

  async function startedInstance(bpmnProcessId: string) {
    const rows = await current!
      .db('process_instances')
      .where({ bpmn_process_id: bpmnProcessId })
      .select('key', 'business_key', 'variables', 'state');
    expect(rows, `instances of ${bpmnProcessId}`).toHaveLength(1);
    return rows[0];
  }

  it('starts a risk assessment when the risk must change', async () => {
    const { key, code } = await runToCloseOut();
    const head = await current!.login('head.vp');

    await completeTask(head, 'Task_CloseOut', {
      riskChangeRequired: 'yes',
      riskChangeNote: 'Chấm điểm lại rủi ro hồ sơ trễ hạn khi cán bộ nghỉ phép.',
      documentChangeRequired: 'no',
    });

    const risk = await startedInstance('risk-management');
    const record = await readCorrectiveAction(await current!.login('secretary'), code);
    expect(risk.state).toBe('ACTIVE');
    expect(risk.variables).toMatchObject({
      trigger: 'Chấm điểm lại rủi ro hồ sơ trễ hạn khi cán bộ nghỉ phép.',
      sourceReference: code,
    });
    expect(record.riskFollowUpKey).toBe(risk.business_key ?? String(risk.key));
    expect(record.documentFollowUpKey).toBeNull();
    expect(record.status).toBe('closed');
    expect(
      await current!.db('process_instances').where({ bpmn_process_id: 'document-control' }),
    ).toEqual([]);
    expect(await instanceState(head, key)).toBe('COMPLETED');
  });

  it('starts a document change when a document must change', async () => {
    const { code } = await runToCloseOut();

    await completeTask(await current!.login('head.vp'), 'Task_CloseOut', {
      riskChangeRequired: 'no',
      documentChangeRequired: 'yes',
      documentCode: 'QT-HT-04',
      documentChangeNote: 'Bổ sung bước lập phiếu xin lỗi vào quy trình tiếp nhận hồ sơ.',
    });

    const document = await startedInstance('document-control');
    const record = await readCorrectiveAction(await current!.login('secretary'), code);
    expect(document.variables).toMatchObject({
      changeReason: 'Bổ sung bước lập phiếu xin lỗi vào quy trình tiếp nhận hồ sơ.',
      documentCode: 'QT-HT-04',
      sourceReference: code,
    });
    expect(record.documentFollowUpKey).toBe(document.business_key ?? String(document.key));
    expect(record.riskFollowUpKey).toBeNull();
  });

  it('starts both with default texts', async () => {
    const { code } = await runToCloseOut();

    await completeTask(await current!.login('head.vp'), 'Task_CloseOut', {
      riskChangeRequired: 'yes',
      documentChangeRequired: 'yes',
    });

    const risk = await startedInstance('risk-management');
    const document = await startedInstance('document-control');
    const record = await readCorrectiveAction(await current!.login('secretary'), code);
    expect(risk.variables.trigger).toBe(
      `Hành động khắc phục ${code}: Trả kết quả hồ sơ trễ hạn không có phiếu xin lỗi`,
    );
    expect(document.variables.changeReason).toBe(
      `Hành động khắc phục ${code}: ${officePlan.rootCause}`,
    );
    expect(document.variables.documentCode).toBeNull();
    expect(record.riskFollowUpKey).not.toBeNull();
    expect(record.documentFollowUpKey).not.toBeNull();
  });
});
