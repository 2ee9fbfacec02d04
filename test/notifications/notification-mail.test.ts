import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertNotifications } from '../../src/notifications/notification-store.js';
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

const staffAddress = 'staff.qlkh@skhcn.test';
const headAddress = 'head.qlkh@skhcn.test';

describe('notification e-mail', () => {
  let sink: MailSink;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let unitId: string;
  // 03:00 on 11 January 2027 in Vietnam, before the digest hour.
  const clock = { now: new Date('2027-01-10T20:00:00Z') };
  const config = () => ({ smtpUrl: sink.url, publicUrl: 'https://eiso.test', digestHour: 7 });

  beforeEach(async () => {
    clock.now = new Date('2027-01-10T20:00:00Z');
    sink = await startMailSink();
    app = await createTestApp({ config: config(), now: () => clock.now });
    unitId = await deployNotificationModel(app.db);
    await settleDemoNotifications(app.db);
    await setEmails(app.db, { 'staff.qlkh': 'vi', 'head.qlkh': 'en' });
  });

  afterEach(async () => {
    await app.drop();
    await sink.close();
  });

  async function taskKey(instanceKey: string, elementId: string): Promise<string> {
    const row = await app
      .db('user_tasks')
      .where({ process_instance_key: instanceKey, element_id: elementId })
      .first('key');
    return String(row.key);
  }

  async function chooseDelivery(username: string, emailDelivery: string): Promise<void> {
    const session = await app.login(username);
    const response = await session.request('PUT', '/api/me/notification-preferences', {
      emailDelivery,
    });
    expect(response.statusCode, response.body).toBe(200);
  }

  it('sends immediate mail in each locale', async () => {
    const instanceKey = await startNotificationTasks(app.app.services.runtime, unitId, 'head.qlkh');

    await app.app.services.scheduler.tick();

    const [vietnamese] = messagesTo(sink, staffAddress);
    const [english] = messagesTo(sink, headAddress);
    const groupLink = `https://eiso.test/#/tasks/${await taskKey(instanceKey, 'Task_Group')}`;
    const assignedLink = `https://eiso.test/#/tasks/${await taskKey(instanceKey, 'Task_Assigned')}`;
    expect(sink.messages).toHaveLength(2);
    expect(vietnamese.subject).toBe('[eiso] Công việc mới: Rà soát hồ sơ đề tài');
    expect(vietnamese.text).toContain('Kính gửi Đặng Văn Khoa,');
    expect(vietnamese.text).toContain(`Mở trong eiso: ${groupLink}`);
    expect(vietnamese.text).toContain('Thông báo lúc 03:00 11/01/2027');
    expect(vietnamese.html).toContain(`<a href="${groupLink}">Mở trong eiso</a>`);
    expect(english.subject).toBe('[eiso] New task: Ký duyệt kết quả');
    expect(english.text).toContain('Dear Bùi Thị Ngọc Anh,');
    expect(english.text).toContain(`Open in eiso: ${assignedLink}`);
    expect(english.html).toContain(`<a href="${assignedLink}">Open in eiso</a>`);
  });

  it('sends each mail once across ticks and nodes', async () => {
    const other = await createTestApp({ db: app.db, config: config(), now: () => clock.now });
    try {
      await startNotificationTasks(app.app.services.runtime, unitId, 'head.qlkh');

      await Promise.all([app.app.services.scheduler.tick(), other.app.services.scheduler.tick()]);
      await app.app.services.scheduler.tick();
      await other.app.services.scheduler.tick();
    } finally {
      await other.close();
    }

    const states = await app.db('notification_deliveries').pluck('state');
    expect(messagesTo(sink, staffAddress)).toHaveLength(1);
    expect(messagesTo(sink, headAddress)).toHaveLength(1);
    expect(sink.messages).toHaveLength(2);
    expect(states).toEqual(['SENT', 'SENT']);
  });

  it('retries a rejected mail later', async () => {
    await chooseDelivery('head.qlkh', 'none');
    await startNotificationTasks(app.app.services.runtime, unitId, 'head.qlkh');
    sink.rejectNext(1);

    await app.app.services.scheduler.tick();
    const failed = await app.db('notification_deliveries').first();
    await app.app.services.scheduler.tick();
    const messagesBeforeDelay = sink.messages.length;
    clock.now = new Date(clock.now.getTime() + 61_000);
    await app.app.services.scheduler.tick();

    expect(failed.state).toBe('PENDING');
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toContain('Try again later');
    expect(messagesBeforeDelay).toBe(0);
    expect(messagesTo(sink, staffAddress)).toHaveLength(1);
    expect(messagesTo(sink, headAddress)).toHaveLength(0);
  });

  it('sends one daily digest per locale', async () => {
    await chooseDelivery('staff.qlkh', 'digest');
    await chooseDelivery('head.qlkh', 'digest');
    await startNotificationTasks(app.app.services.runtime, unitId, 'head.qlkh');

    await app.app.services.scheduler.tick();
    const beforeDigestHour = sink.messages.length;
    clock.now = new Date('2027-01-11T00:00:00Z');
    await app.app.services.scheduler.tick();
    await app.app.services.scheduler.tick();

    const [vietnamese] = messagesTo(sink, staffAddress);
    const [english] = messagesTo(sink, headAddress);
    expect(beforeDigestHour).toBe(0);
    expect(sink.messages).toHaveLength(2);
    expect(vietnamese.subject).toBe('[eiso] Tổng hợp thông báo ngày 11/01/2027: 1 thông báo');
    expect(vietnamese.text).toContain('- Công việc mới: Rà soát hồ sơ đề tài (03:00 11/01/2027)');
    expect(vietnamese.html).toContain('Rà soát hồ sơ đề tài</a>');
    expect(english.subject).toBe('[eiso] Notification digest for 2027-01-11: 1 notifications');
    expect(english.text).toContain('- New task: Ký duyệt kết quả (2027-01-11 03:00)');
  });

  it('puts later notifications in the next digest', async () => {
    await chooseDelivery('staff.qlkh', 'digest');
    const notify = (title: string) =>
      insertNotifications(
        app.db,
        [{ unitId, kind: 'info', recipientUser: 'staff.qlkh', title, link: '#/inbox' }],
        clock.now,
      );
    clock.now = new Date('2027-01-11T00:00:00Z');
    await notify('Thông báo thứ nhất');
    await app.app.services.scheduler.tick();

    clock.now = new Date('2027-01-11T05:00:00Z');
    await notify('Thông báo thứ hai');
    await notify('Thông báo thứ ba');
    await app.app.services.scheduler.tick();
    const sameDay = messagesTo(sink, staffAddress).length;
    clock.now = new Date('2027-01-12T00:30:00Z');
    await app.app.services.scheduler.tick();

    const digests = messagesTo(sink, staffAddress);
    expect(sameDay).toBe(1);
    expect(digests).toHaveLength(2);
    expect(digests[0].text).toContain('Thông báo thứ nhất');
    expect(digests[1].subject).toBe('[eiso] Tổng hợp thông báo ngày 12/01/2027: 2 thông báo');
    expect(digests[1].text).not.toContain('Thông báo thứ nhất');
    expect(digests[1].text).toContain('Thông báo thứ hai');
    expect(digests[1].text).toContain('Thông báo thứ ba');
  });

  it('sends nothing without an SMTP server', async () => {
    const quiet = await createTestApp({ db: app.db, now: () => clock.now });
    try {
      await startNotificationTasks(quiet.app.services.runtime, unitId, 'head.qlkh');
      const round = await quiet.app.services.notificationDelivery.run(clock.now);

      expect(round).toEqual({
        overdueTasks: 0,
        plannedNotifications: 2,
        immediateMails: 0,
        digests: 0,
      });
    } finally {
      await quiet.close();
    }
    const deliveries = await app.db('notification_deliveries').count({ count: '*' }).first();
    expect(Number(deliveries?.count)).toBe(0);
    await app.app.services.scheduler.tick();
    expect(sink.messages).toHaveLength(0);
  });
});
