import { isModelNotification, modelNotifications } from '../helpers/notifications.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestSession } from '../helpers/test-app.js';
import {
  ClockedTestApp,
  insertApprovedObjectives,
  measurementInstances,
  openTasks,
  reportMeasurements,
  twoDepartmentObjectives,
} from '../helpers/objective-measurement.js';

interface Notification {
  kind: string;
  title: string;
  titleEn: string | null;
  link: string;
  processInstanceKey: string | null;
}

// January's measurement starts on 1 February 2027 and is due on 8 February (seven days later),
// at 17:00 in Vietnam. With two reminder days (the default setting) the reminder goes out at
// 08:00 on 6 February, the escalation at 08:00 on 9 February. The engine counts a timer's wait
// from a few milliseconds after the task opens, so the clock moves one second past each moment.
const started = new Date('2027-02-01T01:00:00Z');
const reminderAt = new Date('2027-02-06T01:00:01Z');
const escalationAt = new Date('2027-02-09T01:00:01Z');

describe('objective-measurement deadlines', () => {
  const harness = new ClockedTestApp();

  afterEach(() => harness.drop());

  async function notificationsOf(session: TestSession): Promise<Notification[]> {
    const response = await session.request('GET', '/api/notifications');
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: Notification[] }).items.filter(isModelNotification);
  }

  it('reminds pending departments and escalates', async () => {
    await harness.open();
    await insertApprovedObjectives(harness.db, 2027, twoDepartmentObjectives);
    await harness.tick(started);
    const [instance] = await measurementInstances(harness.db);
    const headVp = await harness.login('head.vp');
    const headQlkh = await harness.login('head.qlkh');
    const director = await harness.login('director');
    const [task] = await openTasks(headQlkh, 'Task_MeasureObjectives');
    const due = (await headQlkh.request('GET', `/api/tasks/${task.key}`)).json().task.dueDate;
    await reportMeasurements(headVp, [{ measuredValue: 99 }, { measuredValue: 1 }]);

    await harness.tick(new Date(reminderAt.getTime() - 61_000));
    const beforeReminder = await notificationsOf(headQlkh);
    await harness.tick(reminderAt);
    const reminded = await notificationsOf(headQlkh);
    const officeAfterReminder = await notificationsOf(headVp);
    await harness.tick(new Date(escalationAt.getTime() - 61_000));
    const beforeEscalation = await notificationsOf(director);
    await harness.tick(escalationAt);
    const escalated = await notificationsOf(director);
    await harness.tick(new Date('2027-02-20T01:00:00Z'));
    const later = await notificationsOf(director);
    await reportMeasurements(headQlkh, [{ measuredValue: 92 }]);

    expect(new Date(due).toISOString()).toBe('2027-02-08T10:00:00.000Z');
    expect(beforeReminder).toEqual([]);
    expect(reminded).toHaveLength(1);
    expect(reminded[0]).toMatchObject({
      kind: 'reminder',
      title:
        'Nhắc việc: báo cáo kết quả đo lường mục tiêu chất lượng tháng 01/2027 trước ngày 08/02/2027',
      titleEn: 'Reminder: report the measured quality objectives for 2027-01 by 2027-02-08',
      processInstanceKey: String(instance.key),
    });
    expect(officeAfterReminder).toEqual([]);
    expect(beforeEscalation).toEqual([]);
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({
      kind: 'escalation',
      title:
        'Quá hạn báo cáo kết quả đo lường mục tiêu chất lượng tháng 01/2027: Phòng Quản lý khoa học chưa báo cáo',
    });
    expect(later).toHaveLength(1);
    const secretary = await harness.login('secretary');
    expect((await notificationsOf(secretary)).map((item) => item.kind)).toEqual(['escalation']);
    const state = await harness.db('process_instances').where({ key: instance.key }).first('state');
    expect(state.state).toBe('COMPLETED');
    const rows = await harness
      .db('objective_measurements')
      .where({ process_instance_key: instance.key });
    expect(rows).toHaveLength(3);
  });

  it('ends quietly when all report in time', async () => {
    await harness.open();
    await insertApprovedObjectives(harness.db, 2027, twoDepartmentObjectives);
    await harness.tick(started);
    await reportMeasurements(await harness.login('head.vp'), [
      { measuredValue: 99 },
      { measuredValue: 1 },
    ]);
    await reportMeasurements(await harness.login('head.qlkh'), [{ measuredValue: 92 }]);

    await harness.tick(escalationAt);

    const timers = await harness.db('timers').where({ state: 'CREATED' });
    expect(timers).toEqual([]);
    expect(await modelNotifications(harness.db('notifications'))).toEqual([]);
  });

  it('tells the secretary when nothing is approved', async () => {
    await harness.open();
    const secretary = await harness.login('secretary');

    await harness.tick(started);

    const [instance] = await measurementInstances(harness.db);
    expect(instance.state).toBe('COMPLETED');
    expect(instance.variables.objectiveCount).toBe(0);
    const items = await notificationsOf(secretary);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'info',
      title: 'Không có mục tiêu chất lượng đã phê duyệt của năm 2027 để đo lường tháng 01/2027',
    });
    expect(await harness.db('user_tasks').where({ process_instance_key: instance.key })).toEqual(
      [],
    );
  });
});
