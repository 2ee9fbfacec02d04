import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  changeSettings,
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
  testClock,
  type TestClock,
} from '../helpers/corrective-action.js';

type CurrentApp = TestApp & { drop: () => Promise<void> };

describe('corrective-action timers', () => {
  let current: CurrentApp | undefined;
  let clock: TestClock;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  // Date timers fall due at their instant. The effectiveness check is a duration, which
  // bpmn-elements 17 measures on the wall clock, so it falls due a few milliseconds after its
  // instant and the tests tick a minute later.
  async function tickAt(iso: string): Promise<void> {
    clock.set(iso);
    await current!.app.services.scheduler.tick();
  }

  // Raises, triages, plans (due 2027-03-20) and approves; the implementation task is then open.
  async function runToImplementation(): Promise<{ key: string; code: string }> {
    const staff = await current!.login('staff.vp');
    const head = await current!.login('head.vp');
    const { processInstanceKey: key, code } = await raiseByHand(staff);
    await completeTask(await current!.login('secretary'), 'Task_Triage', minorTriage);
    await completeTask(head, 'Task_Plan', officePlan);
    await completeTask(await current!.login('director'), 'Task_ApprovePlan', {
      decision: 'approve',
    });
    return { key, code };
  }

  it('reminds before the deadline and escalates after it', async () => {
    clock = testClock('2027-03-01T02:00:00Z');
    current = await createTestApp({ now: clock.now });
    const { key, code } = await runToImplementation();
    const kinds = async () => (await notificationsOf(current!.db, key)).map((n) => n.kind);

    await tickAt('2027-03-18T00:59:00Z');
    const beforeReminder = await kinds();
    await tickAt('2027-03-18T01:00:00Z');
    const afterReminder = await notificationsOf(current!.db, key);
    await tickAt('2027-03-21T00:59:00Z');
    const beforeEscalation = await kinds();
    await tickAt('2027-03-21T01:00:00Z');
    const afterEscalation = await notificationsOf(current!.db, key);

    expect(beforeReminder).toEqual(['info']);
    expect(afterReminder.slice(1)).toEqual([
      expect.objectContaining({ kind: 'reminder', recipientGroup: 'head-VP' }),
    ]);
    expect(afterReminder[1].title).toContain(`${code} sắp đến hạn hoàn thành ngày 2027-03-20`);
    expect(beforeEscalation).toEqual(['info', 'reminder']);
    const escalations = afterEscalation.filter((entry) => entry.kind === 'escalation');
    expect(escalations.map((entry) => entry.recipientGroup).sort()).toEqual(['board', 'head-VP']);
    expect(escalations[0].title).toContain(`${code} đã quá hạn`);
    expect(await openTaskCount(current!.db, key, 'Task_Implement')).toBe(1);

    await completeTask(await current!.login('head.vp'), 'Task_Implement', officeImplementation);
    await tickAt('2027-04-30T01:00:00Z');

    expect((await readCorrectiveAction(await current!.login('secretary'), code)).status).toBe(
      'checking',
    );
    expect(await kinds()).toEqual(['info', 'reminder', 'escalation', 'escalation']);
  });

  it('waits the days set in the unit settings', async () => {
    clock = testClock('2027-03-01T02:00:00Z');
    current = await createTestApp({ now: clock.now });
    const before = await runToImplementation();
    await changeSettings(await current.login('secretary'), {
      effectivenessCheckDays: 30,
      reminderDaysBefore: 5,
    });
    const after = await runToImplementation();
    const head = await current.login('head.vp');
    const secretary = await current.login('secretary');

    await tickAt('2027-03-15T00:59:00Z');
    const remindersBefore = await notificationsOf(current.db, after.key);
    await tickAt('2027-03-15T01:00:00Z');
    const remindersAfter = await notificationsOf(current.db, after.key);
    const implement = async (code: string) => {
      const tasks = (await head.request('GET', '/api/tasks?list=all&pageSize=200')).json() as {
        items: { key: string; elementId: string; businessKey: string | null }[];
      };
      const task = tasks.items.find(
        (item) => item.elementId === 'Task_Implement' && item.businessKey === code,
      );
      expect(task, `implementation task of ${code}`).toBeDefined();
      const response = await head.request('POST', `/api/tasks/${task!.key}/complete`, {
        variables: officeImplementation,
      });
      expect(response.statusCode, response.body).toBe(204);
    };
    await implement(before.code);
    await implement(after.code);

    expect(remindersBefore.map((entry) => entry.kind)).toEqual(['info']);
    expect(remindersAfter.map((entry) => entry.kind)).toEqual(['info', 'reminder']);
    expect((await notificationsOf(current.db, before.key)).map((entry) => entry.kind)).toEqual([
      'info',
    ]);
    expect((await readCorrectiveAction(secretary, after.code)).checkDueOn).toBe('2027-04-14');
    expect((await readCorrectiveAction(secretary, before.code)).checkDueOn).toBe('2027-06-13');

    await tickAt('2027-04-14T00:59:00Z');
    const checksBeforeDue = await openTaskCount(current.db, after.key, 'Task_CheckEffectiveness');
    await tickAt('2027-04-14T01:01:00Z');

    expect(checksBeforeDue).toBe(0);
    expect(await openTaskCount(current.db, after.key, 'Task_CheckEffectiveness')).toBe(1);
    // The instance that started before the change keeps the 90 days it started with.
    expect(await openTaskCount(current.db, before.key, 'Task_CheckEffectiveness')).toBe(0);
    await tickAt('2027-06-13T01:01:00Z');
    expect(await openTaskCount(current.db, before.key, 'Task_CheckEffectiveness')).toBe(1);
  });

  it('goes on in a new app after every step', async () => {
    clock = testClock('2027-03-01T02:00:00Z');
    current = await createTestApp({ now: clock.now });
    const { db } = current;
    const reopen = async (): Promise<void> => {
      await current!.close();
      current = { ...(await createTestApp({ db, now: clock.now })), drop: current!.drop };
    };
    const step = async (username: string, run: (session: TestSession) => Promise<void>) => {
      await reopen();
      await run(await login(current!.app, username));
    };

    let key = '';
    let code = '';
    await step('staff.vp', async (s) => {
      ({ processInstanceKey: key, code } = await raiseByHand(s));
    });
    await step('secretary', (s) => completeTask(s, 'Task_Triage', minorTriage));
    await step('head.vp', (s) => completeTask(s, 'Task_Plan', officePlan));
    await step('director', (s) => completeTask(s, 'Task_ApprovePlan', { decision: 'approve' }));
    await reopen();
    await tickAt('2027-03-18T01:00:00Z');
    await step('head.vp', (s) => completeTask(s, 'Task_Implement', officeImplementation));
    await reopen();
    await tickAt('2027-06-16T01:01:00Z');
    await step('secretary', (s) =>
      completeTask(s, 'Task_CheckEffectiveness', {
        effective: 'effective',
        effectivenessNote: 'Không còn hồ sơ trễ hạn thiếu phiếu xin lỗi.',
      }),
    );
    await step('head.vp', (s) => completeTask(s, 'Task_CloseOut', noFollowUp));

    await reopen();
    const secretary = await login(current!.app, 'secretary');
    expect(await instanceState(secretary, key)).toBe('COMPLETED');
    expect(await readCorrectiveAction(secretary, code)).toMatchObject({
      status: 'closed',
      checkDueOn: '2027-06-16',
    });
    expect((await notificationsOf(db, key)).map((entry) => entry.kind)).toEqual([
      'info',
      'reminder',
    ]);
  });

  it('fires the effectiveness timer that fell due while the app was down', async () => {
    clock = testClock('2027-03-01T02:00:00Z');
    current = await createTestApp({ now: clock.now });
    const { key } = await runToImplementation();
    await completeTask(await current.login('head.vp'), 'Task_Implement', officeImplementation);
    const { db } = current;

    await current.close();
    clock.advanceDays(120);
    current = { ...(await createTestApp({ db, now: clock.now })), drop: current.drop };
    await current.app.services.scheduler.tick();

    const check = await findTask(await current.login('secretary'), 'Task_CheckEffectiveness');
    expect(check.elementId).toBe('Task_CheckEffectiveness');
    expect(await openTaskCount(db, key, 'Task_CheckEffectiveness')).toBe(1);
  });
});
