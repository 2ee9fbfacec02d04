import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstanceDriver } from './instance-driver.js';

// Every step below is a runtime command: the engine recovers the stored state,
// resumes it, applies the step and stores the new state. Each scenario also
// reopens the app once while a join waits, so that the join's tokens must come
// from the stored state alone.
describe('parallel join', () => {
  let driver: InstanceDriver;
  beforeAll(async () => {
    driver = await InstanceDriver.create([
      'join-parallel.bpmn',
      'join-exclusive-merge.bpmn',
      'join-branch-loop.bpmn',
      'join-return-loop.bpmn',
      'join-escalation.bpmn',
      'join-sub-process.bpmn',
    ]);
  });
  afterAll(async () => {
    await driver.drop();
  });

  it.each([
    ['Task_A', 'Task_B', 'Task_C'],
    ['Task_C', 'Task_B', 'Task_A'],
    ['Task_B', 'Task_C', 'Task_A'],
  ])('waits for %s, %s and %s', async (first, second, third) => {
    const key = await driver.start('join-parallel');
    expect(await driver.openElements(key)).toEqual(['Task_A', 'Task_B', 'Task_C']);

    await driver.complete(key, first);
    await driver.reopen();
    await driver.complete(key, second);

    expect(await driver.openElements(key)).toEqual([third]);

    await driver.complete(key, third);

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(1);

    await driver.complete(key, 'Task_After');

    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it.each([
    ['a', 'Task_A', 'routed branch first'],
    ['a', 'Task_C', 'other branch first'],
    ['b', 'Task_B', 'routed branch first'],
    ['b', 'Task_C', 'other branch first'],
  ])('after exclusive merge, route %s, %s', async (route, first) => {
    const routed = route === 'a' ? 'Task_A' : 'Task_B';
    const key = await driver.start('join-exclusive-merge', { route });
    expect(await driver.openElements(key)).toEqual([routed, 'Task_C'].sort());

    await driver.complete(key, first);
    await driver.reopen();

    expect(await driver.openElements(key)).toEqual([first === 'Task_C' ? routed : 'Task_C']);

    await driver.complete(key, first === 'Task_C' ? routed : 'Task_C');

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(1);

    await driver.complete(key, 'Task_After');

    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it('waits for return loop in branch', async () => {
    const key = await driver.start('join-branch-loop');

    await driver.complete(key, 'Task_A', { check: 'return' });
    await driver.complete(key, 'Task_B');
    await driver.reopen();

    expect(await driver.openElements(key)).toEqual(['Task_A']);

    await driver.complete(key, 'Task_A', { check: 'return' });

    expect(await driver.openElements(key)).toEqual(['Task_A']);

    await driver.complete(key, 'Task_A', { check: 'ok' });

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(1);

    await driver.complete(key, 'Task_After');

    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it('waits for other branch after return loop', async () => {
    const key = await driver.start('join-branch-loop');

    await driver.complete(key, 'Task_A', { check: 'return' });
    await driver.reopen();
    await driver.complete(key, 'Task_A', { check: 'ok' });

    expect(await driver.openElements(key)).toEqual(['Task_B']);

    await driver.complete(key, 'Task_B');

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(1);
  });

  it('joins again after return loop', async () => {
    const key = await driver.start('join-return-loop');
    await driver.complete(key, 'Task_A');
    await driver.complete(key, 'Task_B');

    await driver.complete(key, 'Task_Review', { decision: 'return' });

    expect(await driver.openElements(key)).toEqual(['Task_A', 'Task_B']);

    await driver.complete(key, 'Task_B');
    await driver.reopen();

    expect(await driver.openElements(key)).toEqual(['Task_A']);

    await driver.complete(key, 'Task_A');

    expect(await driver.openElements(key)).toEqual(['Task_Review']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(2);

    await driver.complete(key, 'Task_Review', { decision: 'approve' });

    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it('waits for escalated branch', async () => {
    const key = await driver.start('join-escalation');
    await driver.complete(key, 'Task_B');

    await driver.fireTimer(key, 'Timer_Escalate');
    await driver.reopen();

    expect(await driver.openElements(key)).toEqual(['Task_Escalated']);

    await driver.complete(key, 'Task_Escalated');

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(1);
  });

  it('waits for other branch after escalation', async () => {
    const key = await driver.start('join-escalation');
    await driver.fireTimer(key, 'Timer_Escalate');

    await driver.complete(key, 'Task_Escalated');
    await driver.reopen();

    expect(await driver.openElements(key)).toEqual(['Task_B']);

    await driver.complete(key, 'Task_B');

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(1);
    expect(await driver.openTimers(key)).toEqual([]);
  });

  it('cancels escalation when reported', async () => {
    const key = await driver.start('join-escalation');
    expect(await driver.openTimers(key)).toEqual(['Timer_Escalate']);

    await driver.complete(key, 'Task_A');
    await driver.reopen();

    expect(await driver.openTimers(key)).toEqual([]);
    expect(await driver.openElements(key)).toEqual(['Task_B']);

    await driver.complete(key, 'Task_B');
    await driver.complete(key, 'Task_After');

    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it.each([
    [{ a: true, b: true }, ['Task_A', 'Task_B']],
    [{ a: true, b: false }, ['Task_A']],
  ])('joins inside sub-process, %o', async (variables, inside) => {
    const key = await driver.start('join-sub-process', variables);
    expect(await driver.openElements(key)).toEqual([...inside, 'Task_C']);

    await driver.complete(key, 'Task_A');
    await driver.reopen();

    expect(await driver.openElements(key)).toEqual([...inside.slice(1), 'Task_C']);

    for (const elementId of inside.slice(1)) await driver.complete(key, elementId);

    expect(await driver.openElements(key)).toEqual(['Task_C']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Sub_Join')).toBe(1);

    await driver.complete(key, 'Task_C');

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(1);

    await driver.complete(key, 'Task_After');

    expect(await driver.state(key)).toBe('COMPLETED');
  });
});
