import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertNotifications } from '../../src/notifications/notification-store.js';
import { createTestApp, demoPassword } from '../helpers/test-app.js';
import {
  deployNotificationModel,
  settleDemoNotifications,
  startNotificationTasks,
} from '../helpers/notifications.js';

interface StreamEvent {
  event: string;
  data: unknown;
}

/** Reads server-sent events from a fetch response body. */
class EventReader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  comments = 0;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** Closes the stream from the client side. */
  cancel(): Promise<void> {
    return this.reader.cancel();
  }

  /** Returns the next event, or null when the server closed the stream. */
  async next(): Promise<StreamEvent | null> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const lines = block.split('\n');
        const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
        const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
        if (block.startsWith(':')) this.comments++;
        if (event && data) return { event, data: JSON.parse(data) as unknown };
        continue;
      }
      const { done, value } = await this.reader.read();
      if (done) return null;
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }
}

async function loginCookie(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

describe('notification stream', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let server: FastifyInstance;
  let baseUrl: string;
  let unitId: string;

  beforeEach(async () => {
    app = await createTestApp({ config: { notificationPollMs: 50 } });
    server = app.app;
    unitId = await deployNotificationModel(app.db);
    await settleDemoNotifications(app.db);
    baseUrl = await server.listen({ host: '127.0.0.1', port: 0 });
  });

  afterEach(async () => {
    await app.drop();
  });

  it('sends count and new notifications', async () => {
    const cookie = await loginCookie(baseUrl, 'staff.qlkh');
    const unreadBefore = (
      (await fetch(`${baseUrl}/api/notifications/unread-count`, { headers: { cookie } }).then(
        (response) => response.json(),
      )) as { unreadCount: number }
    ).unreadCount;
    const response = await fetch(`${baseUrl}/api/notifications/stream`, { headers: { cookie } });
    const events = new EventReader(response.body!);

    const first = await events.next();
    await startNotificationTasks(app.app.services.runtime, unitId, 'head.qlkh');
    const notification = await events.next();
    const count = await events.next();
    // A row written straight to the table, as another service node would write it.
    await insertNotifications(
      app.db,
      [{ unitId, kind: 'mention', recipientUser: 'staff.qlkh', title: 'Bạn được nhắc đến' }],
      new Date(),
    );
    const direct = await events.next();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(first).toEqual({ event: 'unread', data: { count: unreadBefore } });
    expect(notification?.event).toBe('notification');
    expect(notification?.data).toMatchObject({
      kind: 'task-new',
      title: 'Công việc mới: Rà soát hồ sơ đề tài',
      titleEn: 'New task: Rà soát hồ sơ đề tài',
      read: false,
    });
    expect(count).toEqual({
      event: 'unread',
      data: { count: unreadBefore + 1 },
    });
    expect(direct?.data).toMatchObject({ kind: 'mention', title: 'Bạn được nhắc đến' });
    await events.cancel();
  });

  it('skips notifications of other users', async () => {
    const cookie = await loginCookie(baseUrl, 'staff.vp');
    const response = await fetch(`${baseUrl}/api/notifications/stream`, { headers: { cookie } });
    const events = new EventReader(response.body!);
    await events.next();

    await startNotificationTasks(app.app.services.runtime, unitId, 'head.qlkh');
    await insertNotifications(
      app.db,
      [{ unitId, kind: 'info', recipientGroup: 'staff-VP', title: 'Thông báo cho Văn phòng' }],
      new Date(),
    );
    const next = await events.next();

    expect(next?.data).toMatchObject({ title: 'Thông báo cho Văn phòng' });
    await events.cancel();
  });

  it('pushes read changes to every stream of the user', async () => {
    const streams = [];
    for (const username of ['staff.qlkh', 'staff.qlkh', 'staff.vp']) {
      const cookie = await loginCookie(baseUrl, username);
      const response = await fetch(`${baseUrl}/api/notifications/stream`, { headers: { cookie } });
      const events = new EventReader(response.body!);
      await events.next();
      streams.push(events);
    }
    const [first, second, other] = streams;
    await insertNotifications(
      app.db,
      ['Thông báo một', 'Thông báo hai'].map((title) => ({
        unitId,
        kind: 'info' as const,
        recipientUser: 'staff.qlkh',
        title,
      })),
      new Date(),
    );
    for (const events of [first, second]) {
      for (let index = 0; index < 4; index++) await events.next();
    }
    // A third session of the user, as another browser tab would hold it.
    const reader = await app.login('staff.qlkh');
    const listed = await reader.request('GET', '/api/notifications');
    const [newest] = (listed.json() as { items: { id: string }[] }).items;

    await reader.request('POST', `/api/notifications/${newest.id}/read`);
    const afterOne = [
      [await first.next(), await first.next()],
      [await second.next(), await second.next()],
    ];
    await reader.request('POST', '/api/notifications/read-all');
    const afterAll = [await first.next(), await first.next()];
    await insertNotifications(
      app.db,
      [{ unitId, kind: 'info', recipientUser: 'staff.vp', title: 'Cho Văn phòng' }],
      new Date(),
    );
    const otherNext = await other.next();

    for (const events of afterOne) {
      expect(events).toEqual([
        { event: 'read', data: {} },
        { event: 'unread', data: { count: 1 } },
      ]);
    }
    expect(afterAll).toEqual([
      { event: 'read', data: {} },
      { event: 'unread', data: { count: 0 } },
    ]);
    expect(otherNext?.event).toBe('notification');
    for (const events of streams) await events.cancel();
  });

  it('rejects a request without session', async () => {
    const response = await fetch(`${baseUrl}/api/notifications/stream`);

    expect(response.status).toBe(401);
  });

  it('ends open streams when the server closes', async () => {
    const cookie = await loginCookie(baseUrl, 'staff.qlkh');
    const response = await fetch(`${baseUrl}/api/notifications/stream`, { headers: { cookie } });
    const events = new EventReader(response.body!);
    await events.next();

    await server.close();
    const after = await events.next();

    expect(after).toBeNull();
  });
});
