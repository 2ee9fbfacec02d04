import type { Knex } from 'knex';
import { agencyDate, agencyUtcOffsetMs } from '../../agency-time.js';
import type { Logger } from '../../logger.js';
import type { Mailer } from './mailer.js';
import { mailLocale, renderMail, type MailLocale } from './mail-templates.js';

/** Attempts of one e-mail before it is given up as FAILED. */
export const maxMailAttempts = 5;

/** Time a node may take to send a claimed e-mail before another node may claim it again. */
const leaseMs = 5 * 60_000;
const sendBatchSize = 20;

/** Delay before attempt `attempts + 1`: one minute, doubling per failed attempt. */
function retryDelayMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}

/** Base address of the links in e-mail. */
export interface MailLinks {
  publicUrl: string;
}

function absoluteUrl(links: MailLinks, link: string | null): string {
  if (!link) return `${links.publicUrl}/`;
  return `${links.publicUrl}/${link.startsWith('#') ? link : `#${link}`}`;
}

function formatTime(at: Date | string, locale: MailLocale): string {
  const local = new Date(new Date(at).getTime() + agencyUtcOffsetMs).toISOString();
  const [year, month, day] = local.slice(0, 10).split('-');
  const time = local.slice(11, 16);
  return locale === 'vi' ? `${time} ${day}/${month}/${year}` : `${year}-${month}-${day} ${time}`;
}

function formatDate(date: string, locale: MailLocale): string {
  const [year, month, day] = date.split('-');
  return locale === 'vi' ? `${day}/${month}/${year}` : date;
}

interface NotificationItem {
  title: string;
  title_en: string | null;
  link: string | null;
  created_at: string;
}

function itemContext(row: NotificationItem, locale: MailLocale, links: MailLinks) {
  return {
    title: locale === 'en' && row.title_en ? row.title_en : row.title,
    url: absoluteUrl(links, row.link),
    createdAt: formatTime(row.created_at, locale),
  };
}

/**
 * Sends the due immediate e-mails. Each is claimed with `FOR UPDATE SKIP LOCKED` and a lease
 * before it is sent outside the transaction, so two nodes never send the same row, and it is
 * marked SENT as soon as the SMTP server accepts it.
 *
 * NOTE: a node that stops between the SMTP server's acceptance and the SENT mark sends that
 * e-mail again once its lease runs out.
 */
export async function sendImmediateMail(
  db: Knex,
  mailer: Mailer,
  links: MailLinks,
  logger: Logger,
  now: Date,
): Promise<number> {
  let sent = 0;
  for (;;) {
    const claimed = await claimDeliveries(db, now);
    if (claimed.length === 0) return sent;
    for (const delivery of claimed) {
      if (await sendDelivery(db, mailer, links, logger, delivery, now)) sent++;
    }
  }
}

async function claimDeliveries(db: Knex, now: Date): Promise<Record<string, unknown>[]> {
  return db.transaction(async (trx) => {
    const rows = await trx('notification_deliveries')
      .where({ mode: 'immediate' })
      .andWhere((query) =>
        query
          .where((pending) =>
            pending.where({ state: 'PENDING' }).andWhere('next_attempt_at', '<=', now),
          )
          .orWhere((stale) => stale.where({ state: 'SENDING' }).andWhere('lease_until', '<', now)),
      )
      .orderBy('id')
      .limit(sendBatchSize)
      .forUpdate()
      .skipLocked()
      .select('id', 'notification_id', 'user_id', 'email', 'attempts');
    if (rows.length === 0) return [];
    await trx('notification_deliveries')
      .whereIn(
        'id',
        rows.map((row) => row.id),
      )
      .update({
        state: 'SENDING',
        lease_until: new Date(now.getTime() + leaseMs).toISOString(),
        attempts: trx.raw('attempts + 1'),
      });
    return rows.map((row) => ({ ...row, attempts: Number(row.attempts) + 1 }));
  });
}

async function sendDelivery(
  db: Knex,
  mailer: Mailer,
  links: MailLinks,
  logger: Logger,
  delivery: Record<string, unknown>,
  now: Date,
): Promise<boolean> {
  const notification = (await db('notifications')
    .where({ id: delivery.notification_id as string })
    .first('title', 'title_en', 'link', 'created_at')) as NotificationItem;
  const user = await db('users')
    .where({ id: delivery.user_id as string })
    .first('display_name', 'locale');
  const locale = mailLocale(user?.locale);
  try {
    await mailer.send(
      delivery.email as string,
      renderMail('notification', locale, {
        ...itemContext(notification, locale, links),
        displayName: user?.display_name ?? '',
        preferencesUrl: absoluteUrl(links, '#/settings'),
      }),
    );
  } catch (error) {
    await recordFailure(db, delivery, error as Error, now);
    logger.warn(
      { err: error, deliveryId: delivery.id, attempts: delivery.attempts },
      'notification e-mail failed',
    );
    return false;
  }
  await db('notification_deliveries')
    .where({ id: delivery.id as string })
    .update({ state: 'SENT', sent_at: now.toISOString(), lease_until: null, last_error: null });
  return true;
}

async function recordFailure(
  db: Knex,
  delivery: Record<string, unknown>,
  error: Error,
  now: Date,
): Promise<void> {
  const attempts = Number(delivery.attempts);
  const retry = attempts < maxMailAttempts;
  await db('notification_deliveries')
    .where({ id: delivery.id as string })
    .update({
      state: retry ? 'PENDING' : 'FAILED',
      next_attempt_at: retry ? new Date(now.getTime() + retryDelayMs(attempts)).toISOString() : now,
      lease_until: null,
      last_error: error.message.slice(0, 1000),
    });
}

/** Returns whether `now` is at or after the digest hour of its Vietnam calendar day. */
export function isDigestTime(now: Date, digestHour: number): boolean {
  return new Date(now.getTime() + agencyUtcOffsetMs).getUTCHours() >= digestHour;
}

/**
 * Sends each user with unsent digest notifications one digest per Vietnam calendar day, from
 * `digestHour` on. The (user, day) row of `notification_digests` is the claim, so two nodes never
 * send the same digest. A failed digest is retried later that day, and its notifications stay
 * unsent for the next digest when every attempt fails.
 */
export async function sendDigests(
  db: Knex,
  mailer: Mailer,
  links: MailLinks,
  logger: Logger,
  now: Date,
  digestHour: number,
): Promise<number> {
  if (!isDigestTime(now, digestHour)) return 0;
  const date = agencyDate(now);
  const userIds = await db('notification_deliveries')
    .where({ mode: 'digest', state: 'PENDING' })
    .andWhere('created_at', '<=', now)
    .distinct()
    .pluck('user_id');
  let sent = 0;
  for (const userId of userIds) {
    const digest = await claimDigest(db, String(userId), date, now);
    if (!digest) continue;
    if (await sendDigest(db, mailer, links, logger, { ...digest, date }, now)) sent++;
  }
  return sent;
}

async function claimDigest(
  db: Knex,
  userId: string,
  date: string,
  now: Date,
): Promise<{ id: string; userId: string; attempts: number } | undefined> {
  const lease = new Date(now.getTime() + leaseMs).toISOString();
  const [created] = await db('notification_digests')
    .insert({
      user_id: userId,
      digest_date: date,
      state: 'SENDING',
      attempts: 1,
      lease_until: lease,
    })
    .onConflict(['user_id', 'digest_date'])
    .ignore()
    .returning(['id', 'attempts']);
  const [retried] = created
    ? [created]
    : await db('notification_digests')
        .where({ user_id: userId, digest_date: date })
        .andWhere((query) =>
          query
            .where((failed) =>
              failed.where({ state: 'FAILED' }).andWhere('next_attempt_at', '<=', now),
            )
            .orWhere((stale) =>
              stale.where({ state: 'SENDING' }).andWhere('lease_until', '<', now),
            ),
        )
        .update({ state: 'SENDING', lease_until: lease, attempts: db.raw('attempts + 1') })
        .returning(['id', 'attempts']);
  if (!retried) return undefined;
  return { id: String(retried.id), userId, attempts: Number(retried.attempts) };
}

async function sendDigest(
  db: Knex,
  mailer: Mailer,
  links: MailLinks,
  logger: Logger,
  digest: { id: string; userId: string; attempts: number; date: string },
  now: Date,
): Promise<boolean> {
  const items = await db('notification_deliveries')
    .join('notifications', 'notifications.id', 'notification_deliveries.notification_id')
    .where({
      'notification_deliveries.user_id': digest.userId,
      'notification_deliveries.mode': 'digest',
      'notification_deliveries.state': 'PENDING',
    })
    .andWhere('notification_deliveries.created_at', '<=', now)
    .orderBy('notifications.id')
    .select(
      'notification_deliveries.id as delivery_id',
      'notification_deliveries.email',
      'notifications.title',
      'notifications.title_en',
      'notifications.link',
      'notifications.created_at',
    );
  const user = await db('users')
    .where({ id: digest.userId })
    .first('display_name', 'locale', 'email');
  const locale = mailLocale(user?.locale);
  const finish = (update: Record<string, unknown>) =>
    db('notification_digests').where({ id: digest.id }).update(update);

  if (items.length === 0) {
    await finish({ state: 'SENT', sent_at: now.toISOString(), lease_until: null });
    return false;
  }
  try {
    await mailer.send(
      (user?.email as string | undefined) || (items[0].email as string),
      renderMail('digest', locale, {
        displayName: user?.display_name ?? '',
        date: formatDate(digest.date, locale),
        count: items.length,
        items: items.map((item) => itemContext(item as NotificationItem, locale, links)),
        appUrl: `${links.publicUrl}/`,
        preferencesUrl: absoluteUrl(links, '#/settings'),
      }),
    );
  } catch (error) {
    const retry = digest.attempts < maxMailAttempts;
    await finish({
      state: 'FAILED',
      next_attempt_at: retry
        ? new Date(now.getTime() + retryDelayMs(digest.attempts)).toISOString()
        : null,
      lease_until: null,
      last_error: (error as Error).message.slice(0, 1000),
    });
    logger.warn(
      { err: error, digestId: digest.id, attempts: digest.attempts },
      'notification digest e-mail failed',
    );
    return false;
  }
  await db.transaction(async (trx) => {
    await trx('notification_deliveries')
      .whereIn(
        'id',
        items.map((item) => item.delivery_id),
      )
      .update({ state: 'SENT', sent_at: now.toISOString(), digest_id: digest.id });
    await trx('notification_digests')
      .where({ id: digest.id })
      .update({ state: 'SENT', sent_at: now.toISOString(), lease_until: null, last_error: null });
  });
  return true;
}
