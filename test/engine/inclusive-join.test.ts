import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstanceDriver } from './instance-driver.js';

// Zeebe's inclusive join waits for every incoming sequence flow that a token of
// the instance can still reach. Every step is a runtime command that recovers,
// resumes and stores the engine state, and each scenario reopens the app once
// while the join waits.
describe('inclusive join', () => {
  let driver: InstanceDriver;
  beforeAll(async () => {
    driver = await InstanceDriver.create(['join-inclusive.bpmn', 'join-inclusive-skip.bpmn']);
  });
  afterAll(async () => {
    await driver.drop();
  });

  it('continues with one branch', async () => {
    const key = await driver.start('join-inclusive', { a: false, b: true, c: false });
    expect(await driver.openElements(key)).toEqual(['Task_B']);

    await driver.reopen();
    await driver.complete(key, 'Task_B');

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(1);

    await driver.complete(key, 'Task_After', { decision: 'approve' });

    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it.each([
    ['Task_A', 'Task_C'],
    ['Task_C', 'Task_A'],
  ])('waits for two branches, %s first', async (first, second) => {
    const key = await driver.start('join-inclusive', { a: true, b: false, c: true });
    expect(await driver.openElements(key)).toEqual(['Task_A', 'Task_C']);

    await driver.complete(key, first);
    await driver.reopen();

    expect(await driver.openElements(key)).toEqual([second]);

    await driver.complete(key, second);

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(1);

    await driver.complete(key, 'Task_After', { decision: 'approve' });

    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it.each([
    ['Task_A', 'Task_B', 'Task_C'],
    ['Task_C', 'Task_A', 'Task_B'],
    ['Task_B', 'Task_C', 'Task_A'],
  ])('waits for all branches, %s, %s, %s', async (first, second, third) => {
    const key = await driver.start('join-inclusive', { a: true, b: true, c: true });
    expect(await driver.openElements(key)).toEqual(['Task_A', 'Task_B', 'Task_C']);

    await driver.complete(key, first);
    await driver.reopen();
    await driver.complete(key, second);

    expect(await driver.openElements(key)).toEqual([third]);

    await driver.complete(key, third);

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(1);
  });

  it('joins other branches after return loop', async () => {
    const key = await driver.start('join-inclusive', { a: true, b: true, c: false });
    await driver.complete(key, 'Task_B');
    await driver.complete(key, 'Task_A');

    await driver.complete(key, 'Task_After', { decision: 'return', a: false, c: true });

    expect(await driver.openElements(key)).toEqual(['Task_B', 'Task_C']);

    await driver.complete(key, 'Task_C');
    await driver.reopen();

    expect(await driver.openElements(key)).toEqual(['Task_B']);

    await driver.complete(key, 'Task_B');

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(2);

    await driver.complete(key, 'Task_After', { decision: 'approve' });

    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it('waits for branch that may skip', async () => {
    const key = await driver.start('join-inclusive-skip', { a: true, b: true });

    await driver.complete(key, 'Task_A');
    await driver.reopen();

    expect(await driver.openElements(key)).toEqual(['Task_B']);

    await driver.complete(key, 'Task_B', { skip: false });

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(1);
  });

  it('continues when waited branch skips', async () => {
    const key = await driver.start('join-inclusive-skip', { a: true, b: true });
    await driver.complete(key, 'Task_A');
    await driver.reopen();

    await driver.complete(key, 'Task_B', { skip: true });

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(1);

    await driver.complete(key, 'Task_After');

    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it('continues after skipped branch', async () => {
    const key = await driver.start('join-inclusive-skip', { a: true, b: true });
    await driver.complete(key, 'Task_B', { skip: true });
    await driver.reopen();

    expect(await driver.openElements(key)).toEqual(['Task_A']);

    await driver.complete(key, 'Task_A');

    expect(await driver.openElements(key)).toEqual(['Task_After']);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(1);

    await driver.complete(key, 'Task_After');

    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it('completes when only branch skips', async () => {
    const key = await driver.start('join-inclusive-skip', { a: false, b: true });

    await driver.complete(key, 'Task_B', { skip: true });

    expect(await driver.openElements(key)).toEqual([]);
    expect(await driver.countEvents(key, 'ELEMENT_ACTIVATED', 'Gateway_Join')).toBe(0);
    expect(await driver.state(key)).toBe('COMPLETED');
  });
});
