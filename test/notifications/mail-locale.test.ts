import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertNotifications } from '../../src/notifications/notification-store.js';
import { createTestApp } from '../helpers/test-app.js';
import {
  deployNotificationModel,
  messagesTo,
  setEmails,
  settleDemoNotifications,
  startMailSink,
  type MailSink,
} from '../helpers/notifications.js';

const staffAddress = 'staff.qlkh@skhcn.test';

describe('language of e-mail', () => {
  let sink: MailSink;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let unitId: string;
  const clock = { now: new Date('2027-01-11T02:00:00Z') };

  beforeEach(async () => {
    sink = await startMailSink();
    app = await createTestApp({
      config: { smtpUrl: sink.url, publicUrl: 'https://eiso.test' },
      now: () => clock.now,
    });
    unitId = await deployNotificationModel(app.db);
    await settleDemoNotifications(app.db);
    await setEmails(app.db, { 'staff.qlkh': 'vi' });
  });

  afterEach(async () => {
    await app.drop();
    await sink.close();
  });

  async function notify(title: string, titleEn: string): Promise<void> {
    await insertNotifications(
      app.db,
      [{ unitId, kind: 'info', recipientUser: 'staff.qlkh', title, titleEn, link: '#/inbox' }],
      clock.now,
    );
    await app.app.services.scheduler.tick();
  }

  it('follows the language the user chose', async () => {
    const staff = await app.login('staff.qlkh');
    const before = await staff.request('GET', '/api/me/notification-preferences');
    await notify('Họp giao ban', 'Weekly briefing');

    const chosen = await staff.request('PUT', '/api/me/notification-preferences', {
      locale: 'en',
    });
    await notify('Nộp báo cáo quý', 'Quarterly report due');

    expect(before.json().locale).toBe('vi');
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({ locale: 'en', emailDelivery: 'immediate' });
    const stored = await app.db('users').where({ username: 'staff.qlkh' }).first('locale');
    expect(stored.locale).toBe('en');
    const [vietnamese, english] = messagesTo(sink, staffAddress);
    expect(messagesTo(sink, staffAddress)).toHaveLength(2);
    expect(vietnamese.text).toContain('Kính gửi Đặng Văn Khoa,');
    expect(vietnamese.text).toContain('Họp giao ban');
    expect(english.text).toContain('Dear Đặng Văn Khoa,');
    expect(english.text).toContain('Quarterly report due');
    expect(english.text).toContain('Open in eiso: https://eiso.test/#/inbox');
  });

  it('keeps the delivery when only the language changes', async () => {
    const staff = await app.login('staff.qlkh');
    await staff.request('PUT', '/api/me/notification-preferences', { emailDelivery: 'digest' });

    const response = await staff.request('PUT', '/api/me/notification-preferences', {
      locale: 'en',
    });
    const back = await staff.request('PUT', '/api/me/notification-preferences', {
      locale: 'vi',
      emailDelivery: 'immediate',
    });

    expect(response.json()).toMatchObject({ locale: 'en', emailDelivery: 'digest' });
    expect(back.json()).toMatchObject({ locale: 'vi', emailDelivery: 'immediate' });
  });

  it('rejects another language', async () => {
    const staff = await app.login('staff.qlkh');

    const french = await staff.request('PUT', '/api/me/notification-preferences', {
      locale: 'fr',
    });
    const empty = await staff.request('PUT', '/api/me/notification-preferences', {});
    const anonymous = await app.app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      payload: { locale: 'en' },
    });

    expect(french.statusCode).toBe(400);
    expect(french.json().details).toEqual([
      { path: '/locale', message: '/locale must be one of: vi, en.' },
    ]);
    expect(empty.statusCode).toBe(400);
    expect(anonymous.statusCode).toBe(401);
    const stored = await app.db('users').where({ username: 'staff.qlkh' }).first('locale');
    expect(stored.locale).toBe('vi');
  });
});
