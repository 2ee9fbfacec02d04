import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app.js';
import { deployNotificationModel, startNotificationTasks } from '../helpers/notifications.js';

interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  titleEn: string | null;
  link: string | null;
  read: boolean;
}

describe('notification inbox', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let unitId: string;

  beforeEach(async () => {
    app = await createTestApp();
    unitId = await deployNotificationModel(app.db);
  });

  afterEach(async () => {
    await app.drop();
  });

  async function list(username: string, query = '') {
    const session = await app.login(username);
    const response = await session.request('GET', `/api/notifications${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: NotificationItem[]; unreadCount: number };
  }

  it('writes task-new for assignee and candidates', async () => {
    const instanceKey = await startNotificationTasks(app.app.services.runtime, unitId, 'head.qlkh');

    const rows = await app
      .db('notifications')
      .where({ process_instance_key: instanceKey })
      .orderBy('id')
      .select('kind', 'recipient_user', 'recipient_group', 'title', 'title_en', 'link');
    const tasks = await app
      .db('user_tasks')
      .where({ process_instance_key: instanceKey })
      .select('key', 'element_id');
    const keyOf = (elementId: string) => tasks.find((task) => task.element_id === elementId)?.key;

    expect(rows).toHaveLength(2);
    expect(rows).toContainEqual({
      kind: 'task-new',
      recipient_user: null,
      recipient_group: 'staff-QLKH',
      title: 'Công việc mới: Rà soát hồ sơ đề tài',
      title_en: 'New task: Rà soát hồ sơ đề tài',
      link: `#/tasks/${keyOf('Task_Group')}`,
    });
    expect(rows).toContainEqual({
      kind: 'task-new',
      recipient_user: 'head.qlkh',
      recipient_group: null,
      title: 'Công việc mới: Ký duyệt kết quả',
      title_en: 'New task: Ký duyệt kết quả',
      link: `#/tasks/${keyOf('Task_Assigned')}`,
    });
  });

  it('shows each user only their notifications', async () => {
    await startNotificationTasks(app.app.services.runtime, unitId, 'head.qlkh');

    const staff = await list('staff.qlkh');
    const head = await list('head.qlkh');
    const other = await list('staff.vp');

    expect(staff.items.map((item) => item.title)).toEqual(['Công việc mới: Rà soát hồ sơ đề tài']);
    expect(head.items.map((item) => item.title)).toEqual(['Công việc mới: Ký duyệt kết quả']);
    expect(other.items).toEqual([]);
    expect(staff.unreadCount).toBe(1);
    expect(other.unreadCount).toBe(0);
  });

  it('keeps read state per group member', async () => {
    await startNotificationTasks(app.app.services.runtime, unitId, 'head.qlkh');
    // A second member of staff-QLKH, so the group notification has two readers. The secretary
    // started the instance, so the notification leaves the secretary out.
    const group = await app.db('groups').where({ unit_id: unitId, code: 'staff-QLKH' }).first('id');
    const colleague = await app.db('users').where({ username: 'staff.ttra' }).first('id');
    await app.db('memberships').insert({ group_id: group.id, user_id: colleague.id });
    const staff = await app.login('staff.qlkh');
    const [notification] = (await list('staff.qlkh')).items;

    const marked = await staff.request('POST', `/api/notifications/${notification.id}/read`);

    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ unreadCount: 0 });
    expect((await list('staff.qlkh')).items[0].read).toBe(true);
    const colleagueView = await list('staff.ttra');
    expect(colleagueView.items.find((item) => item.id === notification.id)?.read).toBe(false);
    expect(colleagueView.unreadCount).toBeGreaterThanOrEqual(1);
    expect((await list('staff.qlkh', '?unread=true')).items).toEqual([]);
  });

  it('marks all read and counts unread', async () => {
    await startNotificationTasks(app.app.services.runtime, unitId, 'staff.qlkh');
    const staff = await app.login('staff.qlkh');

    const before = await staff.request('GET', '/api/notifications/unread-count');
    const marked = await staff.request('POST', '/api/notifications/read-all');
    const again = await staff.request('POST', '/api/notifications/read-all');
    const after = await staff.request('GET', '/api/notifications/unread-count');

    expect(before.json()).toEqual({ unreadCount: 2 });
    expect(marked.json()).toEqual({ marked: 2, unreadCount: 0 });
    expect(again.json()).toEqual({ marked: 0, unreadCount: 0 });
    expect(after.json()).toEqual({ unreadCount: 0 });
  });

  it('rejects reading a notification of someone else', async () => {
    await startNotificationTasks(app.app.services.runtime, unitId, 'head.qlkh');
    const [notification] = (await list('head.qlkh')).items;
    const other = await app.login('staff.vp');

    const response = await other.request('POST', `/api/notifications/${notification.id}/read`);
    const invalid = await other.request('POST', '/api/notifications/abc/read');
    const anonymous = await app.app.inject({ method: 'GET', url: '/api/notifications' });

    expect(response.statusCode).toBe(404);
    expect(invalid.statusCode).toBe(400);
    expect(anonymous.statusCode).toBe(401);
  });

  it('stores the e-mail preference', async () => {
    const staff = await app.login('staff.qlkh');

    const initial = await staff.request('GET', '/api/me/notification-preferences');
    const changed = await staff.request('PUT', '/api/me/notification-preferences', {
      emailDelivery: 'digest',
    });
    const invalid = await staff.request('PUT', '/api/me/notification-preferences', {
      emailDelivery: 'weekly',
    });
    const reread = await staff.request('GET', '/api/me/notification-preferences');

    expect(initial.json()).toMatchObject({ emailDelivery: 'immediate' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().details[0].path).toBe('/emailDelivery');
    expect(reread.json()).toMatchObject({ emailDelivery: 'digest' });
  });
});
