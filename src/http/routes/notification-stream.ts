import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../identity/principal.js';
import { countUnread, toNotificationView } from '../../notifications/notification-inbox.js';
import { requirePrincipal } from '../plugins/auth.js';

/** Interval of the comment line that keeps proxies from closing an idle stream. */
export const heartbeatMs = 20_000;

/**
 * GET /notifications/stream: server-sent events for the logged-in user. The stream starts with
 * an `unread` event carrying the unread count, then sends a `notification` event and a fresh
 * `unread` event for every new notification addressed to the user or the user's groups. When the
 * user marks notifications read, in this session or another one, it sends a `read` event (whose
 * data is an empty object) and a fresh `unread` event.
 */
export async function notificationStreamRoute(app: FastifyInstance): Promise<void> {
  const open = new Set<ServerResponse>();
  // Open streams would keep the server's close waiting, so they end before it closes.
  app.addHook('preClose', async () => {
    for (const response of open) response.end();
    open.clear();
  });

  app.get('/notifications/stream', async (request, reply) => {
    const principal = requirePrincipal(request);
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    response.write('retry: 5000\n\n');
    open.add(response);
    await streamTo(app, principal, response, () => open.delete(response));
  });
}

async function streamTo(
  app: FastifyInstance,
  principal: Principal,
  response: ServerResponse,
  onEnd: () => void,
): Promise<void> {
  const { db, notificationFeed, logger } = app.services;
  let closed = false;
  // Events go out in order: each send waits for the previous one's count query.
  let queue = Promise.resolve();
  const send = (event: string, data: unknown) => {
    if (!closed) response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const sendCount = async () => send('unread', { count: await countUnread(db, principal) });
  const enqueue = (step: () => Promise<void>) => {
    queue = queue.then(step).catch((error: unknown) => {
      logger.warn({ err: error, userId: principal.userId }, 'notification stream send failed');
    });
  };

  const unsubscribe = await notificationFeed.subscribe({
    reader: principal,
    onNotification: (row) =>
      enqueue(async () => {
        send('notification', toNotificationView({ ...row, read_at: null }));
        await sendCount();
      }),
    onReadStateChange: () =>
      enqueue(async () => {
        send('read', {});
        await sendCount();
      }),
  });
  const heartbeat = setInterval(() => {
    if (!closed) response.write(': heartbeat\n\n');
  }, heartbeatMs);
  heartbeat.unref();

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    onEnd();
  };
  response.on('close', close);
  if (response.destroyed) close();
  enqueue(sendCount);
}
