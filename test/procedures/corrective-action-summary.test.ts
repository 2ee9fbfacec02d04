import { afterEach, describe, expect, it } from 'vitest';
import type { CorrectiveActionSummary } from '../../src/procedures/corrective-action/summary-query.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import {
  completeTask,
  minorTriage,
  officePlan,
  raiseByHand,
  testClock,
} from '../helpers/corrective-action.js';

describe('open corrective actions summary', () => {
  let current: (TestApp & { drop: () => Promise<void> }) | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });

  // The demo records are dated from the day the test database was built, so each test removes
  // them and counts only the actions that it raises on its own clock.
  async function withoutDemoRecords(): Promise<void> {
    await current!.db('corrective_actions').whereNull('process_instance_key').delete();
  }

  it('lists an action past its plan deadline', async () => {
    const clock = testClock('2027-03-01T02:00:00Z');
    current = await createTestApp({ now: clock.now });
    await withoutDemoRecords();
    const staff = await current.login('staff.vp');
    const head = await current.login('head.vp');
    const { code } = await raiseByHand(staff);
    await completeTask(await current.login('secretary'), 'Task_Triage', minorTriage);
    await completeTask(head, 'Task_Plan', officePlan);
    await completeTask(await current.login('director'), 'Task_ApprovePlan', {
      decision: 'approve',
    });
    clock.set('2027-03-25T02:00:00Z');

    const response = await staff.request('GET', '/api/corrective-actions/summary');

    expect(response.statusCode).toBe(200);
    const summary = response.json() as CorrectiveActionSummary;
    expect(summary.today).toBe('2027-03-25');
    expect(summary.open).toBe(1);
    expect(summary.overdue).toEqual([
      {
        id: expect.any(String),
        code,
        title: 'Trả kết quả hồ sơ trễ hạn không có phiếu xin lỗi',
        department: 'Văn phòng Sở',
        status: 'implementing',
        deadline: '2027-03-20',
        daysOverdue: 5,
      },
    ]);
  });

  it('counts open actions by status and by age', async () => {
    const clock = testClock('2027-03-01T02:00:00Z');
    current = await createTestApp({ now: clock.now });
    await withoutDemoRecords();
    const staff = await current.login('staff.vp');
    await raiseByHand(staff);
    await raiseByHand(staff);
    clock.set('2027-04-15T02:00:00Z');

    const summary = (
      await staff.request('GET', '/api/corrective-actions/summary')
    ).json() as CorrectiveActionSummary;

    expect(summary.open).toBe(2);
    expect(summary.byStatus).toEqual([
      { status: 'raised', label: { vi: 'Chờ phân loại', en: 'Raised' }, count: 2 },
    ]);
    expect(summary.byAge).toEqual([
      { minDays: 0, maxDays: 30, count: 0 },
      { minDays: 31, maxDays: 60, count: 2 },
      { minDays: 61, maxDays: 90, count: 0 },
      { minDays: 91, maxDays: null, count: 0 },
    ]);
    expect(summary.overdue).toEqual([]);
  });

  it('needs a session', async () => {
    current = await createTestApp();

    const response = await current.app.inject({
      method: 'GET',
      url: '/api/corrective-actions/summary',
    });

    expect(response.statusCode).toBe(401);
  });
});
