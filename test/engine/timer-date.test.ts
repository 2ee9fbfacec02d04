import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstanceDriver } from './instance-driver.js';

// The driver's clock is at 2 March 2026 08:00 UTC, before the real clock, as in tests that
// move the clock instead of sleeping. bpmn-elements measures timers on the real clock, so each of
// these dates has passed for it when the instance starts.
describe('timer at a date', () => {
  let driver: InstanceDriver;

  beforeAll(async () => {
    driver = await InstanceDriver.create(['timer-date-boundary.bpmn']);
  });

  afterAll(async () => {
    await driver.drop();
  });

  async function dueDates(key: string): Promise<Record<string, string>> {
    const rows = await driver
      .db('timers')
      .where({ process_instance_key: key })
      .select('element_id', 'due_at');
    return Object.fromEntries(
      rows.map((row) => [String(row.element_id), new Date(row.due_at).toISOString()]),
    );
  }

  it('falls due at its date', async () => {
    const key = await driver.start('timer-date-boundary', { dueDate: '2026-03-10' });

    const due = await dueDates(key);

    expect(due.Timer_AtDate).toBe('2026-03-10T01:00:00.000Z');
  });

  it('keeps a duration relative to the clock', async () => {
    const key = await driver.start('timer-date-boundary', { dueDate: '2026-03-10' });

    const due = await dueDates(key);

    expect(due.Timer_AfterDuration).toBe('2026-03-04T08:00:00.000Z');
  });

  it('waits through a restart', async () => {
    const key = await driver.start('timer-date-boundary', { dueDate: '2026-04-01' });
    await driver.reopen();

    await driver.fireTimer(key, 'Timer_AfterDuration');

    expect(await driver.openTimers(key)).toEqual(['Timer_AtDate']);
    expect((await dueDates(key)).Timer_AtDate).toBe('2026-04-01T01:00:00.000Z');
    expect(await driver.incidents(key)).toEqual([]);
  });

  it('fires after a restart', async () => {
    const key = await driver.start('timer-date-boundary', { dueDate: '2026-03-03' });
    await driver.reopen();

    await driver.fireTimer(key, 'Timer_AtDate');

    expect(await driver.openTimers(key)).toEqual(['Timer_AfterDuration']);
    expect(await driver.countEvents(key, 'ELEMENT_COMPLETED', 'End_AtDate')).toBe(1);
    expect(await driver.openElements(key)).toEqual(['Task_Report']);
  });
});
