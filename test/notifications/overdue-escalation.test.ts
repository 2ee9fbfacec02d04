import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { timerGuardsOf } from '../../src/notifications/model-deadlines.js';
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

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

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

  it('leaves a task with its own timer to the model', async () => {
    const definition = await app
      .db('process_definitions')
      .where({ unit_id: unitId, bpmn_process_id: 'complaint-handling' })
      .orderBy('version', 'desc')
      .first('key');
    const [instance] = await app
      .db('process_instances')
      .insert({
        unit_id: unitId,
        process_definition_key: definition.key,
        bpmn_process_id: 'complaint-handling',
        version: 1,
        state: 'ACTIVE',
      })
      .returning('key');
    await app.db('user_tasks').insert({
      unit_id: unitId,
      process_instance_key: instance.key,
      process_definition_key: definition.key,
      bpmn_process_id: 'complaint-handling',
      element_id: 'Task_DraftAnswer',
      element_instance_key: `Task_DraftAnswer_${instance.key}`,
      name: 'Soạn nội dung trả lời phản ánh',
      state: 'CREATED',
      candidate_groups: ['staff-QLKH'],
      due_date: '2027-03-02T10:00:00Z',
      created_at: '2027-03-01T02:00:00Z',
    });

    clock.now = new Date('2027-03-05T00:00:00Z');
    await app.app.services.scheduler.tick();

    expect(await notificationsOf(String(instance.key), ['overdue', 'escalation'])).toEqual([]);
    const task = await app
      .db('user_tasks')
      .where({ process_instance_key: instance.key })
      .first('overdue_notified_at', 'escalated_at');
    expect(task.overdue_notified_at).not.toBeNull();
    expect(task.escalated_at).not.toBeNull();
  });

  it('finds the timers that watch a task', async () => {
    const complaints = await timerGuardsOf(
      await readFile(path.join(repositoryRoot, 'processes/complaint-handling.bpmn'), 'utf8'),
    );
    const correctiveActions = await timerGuardsOf(
      await readFile(path.join(repositoryRoot, 'processes/corrective-action.bpmn'), 'utf8'),
    );

    expect(complaints('Task_DraftAnswer')).toBe(true);
    expect(complaints('Task_ReceiveComplaint')).toBe(false);
    expect(correctiveActions('Task_Implement')).toBe(true);
    expect(correctiveActions('Task_Plan')).toBe(false);
    expect(correctiveActions('Task_Unknown')).toBe(false);
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
