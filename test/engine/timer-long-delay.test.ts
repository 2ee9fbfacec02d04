import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstanceDriver } from './instance-driver.js';

// The driver's clock starts on 2 March 2026, months away from the wall clock, as a test clock
// may be. The date lies ahead of both clocks, so bpmn-elements arms the timer.
describe('timer on a far date', () => {
  let driver: InstanceDriver;
  beforeAll(async () => {
    driver = await InstanceDriver.create(['timer-date-far.bpmn']);
  });
  afterAll(async () => {
    await driver.drop();
  });

  it('waits until its date, even months ahead', async () => {
    const key = await driver.start('timer-date-far', { wakeUpAt: '2030-06-03T08:00:00+07:00' });
    const timer = await driver.db('timers').where({ process_instance_key: key }).first('due_at');
    await driver.reopen();

    await driver.fireTimer(key, 'Timer_Wait');

    expect(new Date(timer.due_at).toISOString()).toBe('2030-06-03T01:00:00.000Z');
    expect(await driver.openElements(key)).toEqual(['Task_Review']);
    expect(await driver.openTimers(key)).toEqual([]);
  });
});
