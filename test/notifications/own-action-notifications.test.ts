import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planDeliveries } from '../../src/notifications/mail/mail-outbox.js';
import { isAddressedTo } from '../../src/notifications/notification-inbox.js';
import {
  complaintFiling,
  completeTask,
  findTask,
  startComplaint,
} from '../helpers/complaint-handling.js';
import { setEmails, settleDemoNotifications } from '../helpers/notifications.js';
import { createTestApp, type TestApp, type TestSession } from '../helpers/test-app.js';
import {
  deployCollaborationProcess,
  openTaskKey,
  startCollaboration,
} from '../tasks/collaboration-fixtures.js';

// The complaint procedure assigns its first task to the user who starts it, and offers the
// triage that follows the register job to the ISO secretaries and the division's head.
const now = new Date('2027-03-01T02:00:00Z');
let testApp: TestApp & { drop: () => Promise<void> };

beforeEach(async () => {
  testApp = await createTestApp({ now: () => now });
  await settleDemoNotifications(testApp.db);
});

afterEach(async () => {
  await testApp.drop();
});

interface NotificationList {
  items: { id: string; title: string; link: string | null }[];
  unreadCount: number;
}

async function notificationsOf(session: TestSession): Promise<NotificationList> {
  const response = await session.request('GET', '/api/notifications');
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as NotificationList;
}

async function taskNewRecipients(link: string) {
  return testApp
    .db('notifications')
    .where({ kind: 'task-new', link })
    .orderBy('id')
    .select('recipient_user', 'recipient_group', 'excluded_user');
}

async function addToGroup(username: string, code: string): Promise<void> {
  const user = await testApp.db('users').where({ username }).first('id', 'unit_id');
  const group = await testApp.db('groups').where({ code, unit_id: user.unit_id }).first('id');
  await testApp.db('memberships').insert({ group_id: group.id, user_id: user.id });
}

describe('notifications of own actions', () => {
  it('skip the starter assigned the first task', async () => {
    const secretary = await testApp.login('secretary');

    await startComplaint(secretary);

    const task = await findTask(secretary, 'Task_ReceiveComplaint', 'mine');
    expect(await taskNewRecipients(`#/tasks/${task.key}`)).toEqual([]);
    expect((await notificationsOf(secretary)).unreadCount).toBe(0);
  });

  it('leave the actor out of a group task', async () => {
    // A second ISO secretary, who still hears of the triage.
    await addToGroup('staff.vp', 'iso-secretary');
    const secretary = await testApp.login('secretary');
    const colleague = await testApp.login('staff.vp');
    const head = await testApp.login('head.qlkh');
    await startComplaint(secretary);

    await completeTask(secretary, 'Task_ReceiveComplaint', complaintFiling('2027-03-01'));

    const triage = await findTask(head, 'Task_Triage');
    const link = `#/tasks/${triage.key}`;
    expect(await taskNewRecipients(link)).toEqual([
      { recipient_user: null, recipient_group: 'iso-secretary', excluded_user: 'secretary' },
      { recipient_user: null, recipient_group: 'head-QLKH', excluded_user: 'secretary' },
    ]);
    const ownView = await notificationsOf(secretary);
    expect(ownView.items.map((item) => item.link)).not.toContain(link);
    expect(ownView.unreadCount).toBe(0);
    expect((await notificationsOf(colleague)).items.map((item) => item.link)).toContain(link);
    expect((await notificationsOf(head)).items.map((item) => item.link)).toContain(link);
  });

  it('mail only the other group members', async () => {
    await addToGroup('staff.vp', 'iso-secretary');
    await setEmails(testApp.db, { secretary: 'vi', 'staff.vp': 'vi' });
    const secretary = await testApp.login('secretary');
    await startComplaint(secretary);
    await completeTask(secretary, 'Task_ReceiveComplaint', complaintFiling('2027-03-01'));

    await planDeliveries(testApp.db, now, true);

    const recipients = await testApp
      .db('notification_deliveries')
      .join('notifications', 'notifications.id', 'notification_deliveries.notification_id')
      .join('users', 'users.id', 'notification_deliveries.user_id')
      .where('notifications.kind', 'task-new')
      .pluck('users.username');
    expect(recipients).toEqual(['staff.vp']);
  });

  it('skip the next task of the same user', async () => {
    await deployCollaborationProcess(testApp.app);
    const staff = await testApp.login('staff.vp');
    const { taskKey, processInstanceKey } = await startCollaboration(testApp.app, 'staff.vp');
    await staff.request('POST', `/api/tasks/${taskKey}/claim`);

    const completed = await staff.request('POST', `/api/tasks/${taskKey}/complete`, {
      variables: { note: 'x' },
    });

    expect(completed.statusCode, completed.body).toBe(204);
    const signKey = await openTaskKey(testApp.app, processInstanceKey);
    expect(await taskNewRecipients(`#/tasks/${signKey}`)).toEqual([]);
  });

  it('still notify another next assignee', async () => {
    await deployCollaborationProcess(testApp.app);
    const staff = await testApp.login('staff.vp');
    const { taskKey, processInstanceKey } = await startCollaboration(testApp.app, 'head.vp');
    await staff.request('POST', `/api/tasks/${taskKey}/claim`);

    await staff.request('POST', `/api/tasks/${taskKey}/complete`, { variables: { note: 'x' } });

    const signKey = await openTaskKey(testApp.app, processInstanceKey);
    expect(await taskNewRecipients(`#/tasks/${signKey}`)).toEqual([
      { recipient_user: 'head.vp', recipient_group: null, excluded_user: null },
    ]);
  });

  it('live feed skips the left-out member', () => {
    const row = { unit_id: '1', recipient_group: 'iso-secretary', excluded_user: 'secretary' };
    const reader = { userId: '1', unitId: '1', groups: ['iso-secretary'] };

    expect(isAddressedTo(row, { ...reader, username: 'secretary' })).toBe(false);
    expect(isAddressedTo(row, { ...reader, username: 'staff.vp' })).toBe(true);
  });
});
