import type { FastifyInstance } from 'fastify';
import { notFound } from '../../errors.js';
import {
  emailDeliveries,
  readEmailDelivery,
  writeEmailDelivery,
  type EmailDelivery,
} from '../../notifications/mail/mail-outbox.js';
import {
  countUnread,
  listNotifications,
  markAllRead,
  markRead,
} from '../../notifications/notification-inbox.js';
import { readUserLocale, userLocales, writeUserLocale } from '../../identity/users.js';
import type { Locale } from '../../locale.js';
import { requirePrincipal } from '../plugins/auth.js';
import { notificationStreamRoute } from './notification-stream.js';

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    unread: { type: 'boolean', default: false },
  },
} as const;

const idParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,17}$' } },
} as const;

const preferencesBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    emailDelivery: { type: 'string', enum: emailDeliveries },
    locale: { type: 'string', enum: userLocales },
  },
} as const;

/**
 * The in-app notifications of the user and of the user's groups, their read state (per user, also
 * for a group notification), the live stream, and the user's choice of e-mail delivery and of the
 * language of their e-mail.
 */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.services;

  app.get<{ Querystring: { limit: number; unread: boolean } }>(
    '/notifications',
    { schema: { querystring: listQuery } },
    async (request) => {
      const principal = requirePrincipal(request);
      const items = await listNotifications(db, principal, {
        limit: request.query.limit,
        unreadOnly: request.query.unread,
      });
      return { items, unreadCount: await countUnread(db, principal) };
    },
  );

  app.get('/notifications/unread-count', async (request) => {
    const principal = requirePrincipal(request);
    return { unreadCount: await countUnread(db, principal) };
  });

  app.post<{ Params: { id: string } }>(
    '/notifications/:id/read',
    { schema: { params: idParams }, config: { ownAccountOnly: true } },
    async (request) => {
      const principal = requirePrincipal(request);
      const found = await markRead(db, principal, request.params.id, app.services.now());
      if (!found) throw notFound('Notification', request.params.id);
      return { unreadCount: await countUnread(db, principal) };
    },
  );

  app.post('/notifications/read-all', { config: { ownAccountOnly: true } }, async (request) => {
    const principal = requirePrincipal(request);
    const marked = await markAllRead(db, principal, app.services.now());
    return { marked, unreadCount: await countUnread(db, principal) };
  });

  await app.register(notificationStreamRoute);

  app.get('/me/notification-preferences', async (request) => {
    const principal = requirePrincipal(request);
    return preferences(app, principal.userId);
  });

  app.put<{ Body: { emailDelivery?: EmailDelivery; locale?: Locale } }>(
    '/me/notification-preferences',
    { schema: { body: preferencesBody }, config: { ownAccountOnly: true } },
    async (request) => {
      const principal = requirePrincipal(request);
      const { emailDelivery, locale } = request.body;
      if (emailDelivery) {
        await writeEmailDelivery(db, principal.userId, emailDelivery, app.services.now());
      }
      if (locale) await writeUserLocale(db, principal.userId, locale);
      return preferences(app, principal.userId);
    },
  );
}

async function preferences(app: FastifyInstance, userId: string) {
  const { db } = app.services;
  const user = await db('users').where({ id: userId }).first('email');
  return {
    emailDelivery: await readEmailDelivery(db, userId),
    /** The language of the user's e-mail: `vi` or `en`. */
    locale: await readUserLocale(db, userId),
    /** The address that notification e-mail goes to; null when the user has none. */
    email: (user?.email as string | null) || null,
    mailEnabled: app.services.config.smtpUrl !== undefined,
  };
}
