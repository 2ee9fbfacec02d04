import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstanceDriver } from './instance-driver.js';

const heads = ['head.a', 'head.b', 'head.c'];

// Task_Report runs once per department head, with an interrupting escalation
// timer and a non-interrupting reminder cycle (R2/PT24H) on the whole
// multi-instance activity. Each reminder is a job. Every step is a runtime
// command that recovers, resumes and stores the engine state, and each
// scenario reopens the app once.
describe.each(['timer-multi-instance', 'timer-multi-instance-sequential'])('%s', (processId) => {
  const sequential = processId.endsWith('sequential');
  let driver: InstanceDriver;
  const reminded: string[] = [];
  beforeAll(async () => {
    driver = await InstanceDriver.create([
      'timer-multi-instance.bpmn',
      'timer-multi-instance-sequential.bpmn',
    ]);
    driver.registerWorker('test.remind', async (job) => {
      reminded.push(job.processInstanceKey);
    });
  });
  afterAll(async () => {
    await driver.drop();
  });

  async function reportAll(key: string): Promise<void> {
    for (const head of heads) {
      await driver.complete(key, 'Task_Report', { report: `report of ${head}` }, head);
    }
  }

  it('cancels timers when all report', async () => {
    const key = await driver.start(processId, { heads });
    expect(await driver.openTimers(key)).toEqual(['Timer_Escalate', 'Timer_Remind']);
    expect(await driver.openElements(key)).toHaveLength(sequential ? 1 : 3);

    await driver.reopen();
    await reportAll(key);

    expect(await driver.openElements(key)).toEqual(['Task_Summary']);
    expect(await driver.openTimers(key)).toEqual([]);
    expect((await driver.variables(key)).reports).toEqual(heads.map((head) => `report of ${head}`));
  });

  it('escalates and cancels reports', async () => {
    const key = await driver.start(processId, { heads });
    await driver.complete(key, 'Task_Report', { report: 'first' }, 'head.a');
    await driver.reopen();

    await driver.fireTimer(key, 'Timer_Escalate');

    expect(await driver.openElements(key)).toEqual(['Task_Escalated']);
    expect(await driver.openTimers(key)).toEqual([]);

    await driver.complete(key, 'Task_Escalated');

    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it('reminds while reports stay open', async () => {
    const key = await driver.start(processId, { heads });
    const before = await driver.openTasks(key);

    await driver.fireTimer(key, 'Timer_Remind');
    await driver.reopen();

    expect(reminded.filter((instanceKey) => instanceKey === key)).toHaveLength(1);
    expect(await driver.openTasks(key)).toEqual(before);
    expect(await driver.openTimers(key)).toEqual(['Timer_Escalate', 'Timer_Remind']);

    await reportAll(key);

    expect(await driver.openElements(key)).toEqual(['Task_Summary']);
    expect(await driver.openTimers(key)).toEqual([]);
  });

  it('reminds twice then stops', async () => {
    const key = await driver.start(processId, { heads });
    await driver.fireTimer(key, 'Timer_Remind');
    await driver.reopen();

    await driver.fireTimer(key, 'Timer_Remind');

    expect(reminded.filter((instanceKey) => instanceKey === key)).toHaveLength(2);
    expect(await driver.openTimers(key)).toEqual(['Timer_Escalate']);
    expect(await driver.incidents(key)).toEqual([]);

    await reportAll(key);
    await driver.complete(key, 'Task_Summary');

    expect(await driver.state(key)).toBe('COMPLETED');
  });
});
