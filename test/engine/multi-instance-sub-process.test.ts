import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstanceDriver } from './instance-driver.js';

const audits = [{ code: 'VP' }, { code: 'TTRA' }];

interface RecordedJob {
  audit: unknown;
  plan: unknown;
}

// Sub_Audit runs once per audit: a draft, a job, an approval that may return the draft, then the
// findings. Each iteration keeps its own variables, so a return or a draft in one iteration never
// shows in another, and every step recovers the stored state.
describe('multi-instance sub-process', () => {
  let driver: InstanceDriver;
  const recorded: RecordedJob[] = [];

  beforeAll(async () => {
    driver = await InstanceDriver.create(['multi-instance-sub-process.bpmn']);
    driver.registerWorker('test.record', async (job) => {
      recorded.push({ audit: job.variables.audit, plan: job.variables.plan });
    });
  });
  afterAll(async () => {
    await driver.drop();
  });

  async function localVariablesOf(key: string, elementId: string) {
    const rows = await driver
      .db('user_tasks')
      .where({ process_instance_key: key, element_id: elementId, state: 'CREATED' })
      .orderBy('key')
      .select('local_variables', 'candidate_groups');
    return rows.map((row) => ({
      local: row.local_variables as Record<string, unknown>,
      groups: row.candidate_groups as string[],
    }));
  }

  async function completeFor(
    key: string,
    elementId: string,
    code: string,
    variables: Record<string, unknown>,
  ) {
    const rows = await driver
      .db('user_tasks')
      .where({ process_instance_key: key, element_id: elementId, state: 'CREATED' })
      .select('key', 'local_variables');
    const row = rows.find((entry) => entry.local_variables.audit?.code === code);
    if (!row) throw new Error(`no open ${elementId} for ${code}`);
    await driver.completeTask(String(row.key), variables);
  }

  it('gives each iteration its element', async () => {
    const key = await driver.start('multi-instance-sub-process', { audits });

    const drafts = await localVariablesOf(key, 'Task_Draft');

    expect(await driver.incidents(key)).toEqual([]);
    expect(drafts.map((draft) => draft.local.audit)).toEqual(audits);
    expect(drafts.map((draft) => draft.groups)).toEqual([['head-VP'], ['head-TTRA']]);
  });

  it('keeps drafts and returns per iteration', async () => {
    const key = await driver.start('multi-instance-sub-process', { audits });
    recorded.length = 0;

    await completeFor(key, 'Task_Draft', 'VP', { plan: 'plan VP' });
    await driver.reopen();
    await completeFor(key, 'Task_Draft', 'TTRA', { plan: 'plan TTRA' });
    const approvals = await localVariablesOf(key, 'Task_Approve');

    expect(approvals.map((approval) => approval.local.plan)).toEqual(['plan VP', 'plan TTRA']);
    expect(recorded).toEqual([
      { audit: { code: 'VP' }, plan: 'plan VP' },
      { audit: { code: 'TTRA' }, plan: 'plan TTRA' },
    ]);

    await completeFor(key, 'Task_Approve', 'VP', { planDecision: 'return' });
    await driver.reopen();
    const returned = await localVariablesOf(key, 'Task_Draft');

    expect(returned).toHaveLength(1);
    expect(returned[0].local.audit).toEqual({ code: 'VP' });
    expect(returned[0].local.plan).toBe('plan VP');
    expect(returned[0].local).not.toHaveProperty('loopCounter');

    await completeFor(key, 'Task_Approve', 'TTRA', { planDecision: 'approve' });
    await completeFor(key, 'Task_Draft', 'VP', { plan: 'plan VP, revised' });
    await completeFor(key, 'Task_Approve', 'VP', { planDecision: 'approve' });

    expect(await driver.openElements(key)).toEqual(['Task_Findings', 'Task_Findings']);
    expect((await driver.variables(key)).plan).toBeUndefined();

    await completeFor(key, 'Task_Findings', 'VP', {});
    await driver.reopen();
    await completeFor(key, 'Task_Findings', 'TTRA', {});

    expect(await driver.openElements(key)).toEqual(['Task_Conclude']);
  });
});
