import { afterEach, describe, expect, it } from 'vitest';
import { InstanceDriver } from './instance-driver.js';

describe('variables inside an embedded sub-process', () => {
  let driver: InstanceDriver | undefined;
  afterEach(async () => {
    await driver?.drop();
    driver = undefined;
  });

  it('share one scope with the process', async () => {
    driver = await InstanceDriver.create(['sub-process-variables.bpmn']);
    driver.registerWorker('test.check-owner', async (job) => ({
      accepted: job.variables.owner === 'secretary',
    }));
    const key = await driver.start('sub-process-variables');

    await driver.complete(key, 'Task_Choose', { owner: 'secretary' });
    const inside = await driver.openTasks(key);
    const variablesInside = await driver.variables(key);
    await driver.reopen();
    await driver.complete(key, 'Task_Confirm', { confirmed: true });
    const after = await driver.openTasks(key);
    const variablesAfter = await driver.variables(key);

    expect(await driver.incidents(key)).toEqual([]);
    expect(inside.map((task) => [task.elementId, task.assignee])).toEqual([
      ['Task_Confirm', 'secretary'],
    ]);
    expect(variablesInside).toMatchObject({ owner: 'secretary', accepted: true });
    expect(after.map((task) => [task.elementId, task.assignee])).toEqual([
      ['Task_After', 'secretary'],
    ]);
    expect(variablesAfter).toMatchObject({ owner: 'secretary', accepted: true, confirmed: true });
  });
});
