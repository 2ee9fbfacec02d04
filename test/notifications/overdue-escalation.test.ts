import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escalationGroup } from '../../src/notifications/overdue-tasks.js';
import type { TaskRecipients } from '../../src/notifications/task-notifications.js';
import { createTestApp } from '../helpers/test-app.js';
import {
  deployNotificationModel,
  messagesTo,
  setEmails,
  settleDemoNotifications,
  startMailSink,
  startNotificationTasks,
  type MailSink,
} from '../helpers/notifications.js';

describe('overdue escalation', () => {
  let sink: MailSink;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let unitId: string;
  const start = new Date('2027-03-01T02:00:00Z');
  const clock = { now: start };

  beforeEach(async () => {
    clock.now = start;
    sink = await startMailSink();
    app = await createTestApp({
      config: { smtpUrl: sink.url, publicUrl: 'https://eiso.test' },
      now: () => clock.now,
    });
    unitId = await deployNotificationModel(app.db);
    await settleDemoNotifications(app.db);
    await setEmails(app.db, { 'staff.qlkh': 'vi', 'head.qlkh': 'en', director: 'vi' });
  });

  afterEach(async () => {
    await app.drop();
    await sink.close();
  });

  async function notificationsOf(instanceKey: string, kinds: string[]) {
    return app
      .db('notifications')
      .where({ process_instance_key: instanceKey })
      .whereIn('kind', kinds)
      .orderBy('id')
      .select('kind', 'recipient_user', 'recipient_group', 'title', 'title_en');
  }

  it('reports and escalates an overdue task once', async () => {
    const instanceKey = await startNotificationTasks(
      app.app.services.runtime,
      unitId,
      'director',
      '2027-03-03T10:00:00Z',
    );
    await app.app.services.scheduler.tick();
    const beforeDue = await notificationsOf(instanceKey, ['overdue', 'escalation']);
    const mailsBeforeDue = sink.messages.length;

    clock.now = new Date('2027-03-03T10:00:01Z');
    await app.app.services.scheduler.tick();
    await app.app.services.scheduler.tick();

    const reported = await notificationsOf(instanceKey, ['overdue', 'escalation']);
    const task = await app
      .db('user_tasks')
      .where({ process_instance_key: instanceKey, element_id: 'Task_Group' })
      .first('overdue_notified_at', 'escalated_at');
    const [staffMail] = messagesTo(sink, 'staff.qlkh@skhcn.test').slice(-1);
    const [headMail] = messagesTo(sink, 'head.qlkh@skhcn.test').slice(-1);
    expect(beforeDue).toEqual([]);
    expect(reported).toEqual([
      {
        kind: 'overdue',
        recipient_user: null,
        recipient_group: 'staff-QLKH',
        title: 'Công việc quá hạn: Rà soát hồ sơ đề tài (hạn 03/03/2027)',
        title_en: 'Overdue task: Rà soát hồ sơ đề tài (due 2027-03-03)',
      },
      {
        kind: 'escalation',
        recipient_user: null,
        recipient_group: 'head-QLKH',
        title: 'Công việc quá hạn cần chỉ đạo: Rà soát hồ sơ đề tài (hạn 03/03/2027, staff-QLKH)',
        title_en: 'Overdue task to follow up: Rà soát hồ sơ đề tài (due 2027-03-03, staff-QLKH)',
      },
    ]);
    expect(new Date(task.overdue_notified_at).toISOString()).toBe('2027-03-03T10:00:01.000Z');
    expect(new Date(task.escalated_at).toISOString()).toBe('2027-03-03T10:00:01.000Z');
    expect(sink.messages.length - mailsBeforeDue).toBe(2);
    expect(staffMail.subject).toBe(
      '[eiso] Công việc quá hạn: Rà soát hồ sơ đề tài (hạn 03/03/2027)',
    );
    expect(staffMail.text).toContain('Kính gửi Đặng Văn Khoa,');
    expect(headMail.subject).toBe(
      '[eiso] Overdue task to follow up: Rà soát hồ sơ đề tài (due 2027-03-03, staff-QLKH)',
    );
    expect(headMail.text).toContain('Dear Bùi Thị Ngọc Anh,');
  });

  it('skips completed tasks and tasks without due date', async () => {
    const instanceKey = await startNotificationTasks(
      app.app.services.runtime,
      unitId,
      'director',
      '2027-03-02T00:00:00Z',
    );
    await app
      .db('user_tasks')
      .where({ process_instance_key: instanceKey, element_id: 'Task_Group' })
      .update({ state: 'CANCELED' });

    clock.now = new Date('2027-06-01T00:00:00Z');
    await app.app.services.scheduler.tick();

    expect(await notificationsOf(instanceKey, ['overdue', 'escalation'])).toEqual([]);
  });

  it('finds the head group of a task', async () => {
    const base: TaskRecipients = {
      unitId,
      userTaskKey: '1',
      processInstanceKey: '1',
      name: 'Việc',
      assignee: null,
      candidateUsers: [],
      candidateGroups: [],
    };
    const cases: [Partial<TaskRecipients>, string][] = [
      [{ candidateGroups: ['staff-TTRA'] }, 'head-TTRA'],
      [{ candidateGroups: ['head-VP'] }, 'head-VP'],
      [{ candidateGroups: ['staff-UNKNOWN'] }, 'board'],
      [{ assignee: 'staff.qlcn' }, 'head-QLCN'],
      [{ candidateUsers: ['head.ttra'] }, 'head-TTRA'],
      [{ assignee: 'director' }, 'board'],
      [{ candidateGroups: ['iso-secretary'] }, 'board'],
    ];

    for (const [task, expected] of cases) {
      expect(await escalationGroup(app.db, { ...base, ...task }), JSON.stringify(task)).toBe(
        expected,
      );
    }
  });
});
