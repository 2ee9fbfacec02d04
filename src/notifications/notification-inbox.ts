import type { Knex } from 'knex';
import type { Principal } from '../identity/principal.js';

/** A notification as the API and the live stream present it to one reader. */
export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  titleEn: string | null;
  link: string | null;
  processInstanceKey: string | null;
  createdAt: string;
  read: boolean;
}

/** The reader of notifications: a user with their unit and groups. */
export type NotificationReader = Pick<Principal, 'userId' | 'username' | 'unitId' | 'groups'>;

/**
 * Restricts a `notifications` query to the rows addressed to the reader or to one of the reader's
 * groups, less the group notifications that leave the reader out. A group notification is read or
 * unread for each member separately.
 */
export function visibleTo(query: Knex.QueryBuilder, reader: NotificationReader): Knex.QueryBuilder {
  return query.where('notifications.unit_id', reader.unitId).andWhere((inner) => {
    inner.where('notifications.recipient_user', reader.username);
    if (reader.groups.length > 0) {
      inner.orWhere((group) =>
        group
          .whereIn('notifications.recipient_group', reader.groups)
          .andWhere((excluded) =>
            excluded
              .whereNull('notifications.excluded_user')
              .orWhereNot('notifications.excluded_user', reader.username),
          ),
      );
    }
  });
}

/** Returns whether a `notifications` row is addressed to the reader. */
export function isAddressedTo(row: Record<string, unknown>, reader: NotificationReader): boolean {
  if (String(row.unit_id) !== reader.unitId) return false;
  if (row.recipient_user === reader.username) return true;
  return (
    typeof row.recipient_group === 'string' &&
    reader.groups.includes(row.recipient_group) &&
    row.excluded_user !== reader.username
  );
}

/** Maps a `notifications` row, with `read_at` joined for the reader. */
export function toNotificationView(row: Record<string, unknown>): NotificationView {
  return {
    id: String(row.id),
    kind: row.kind as string,
    title: row.title as string,
    titleEn: (row.title_en as string | null) ?? null,
    link: (row.link as string | null) ?? null,
    processInstanceKey: row.process_instance_key ? String(row.process_instance_key) : null,
    createdAt: new Date(row.created_at as string).toISOString(),
    read: row.read_at !== null && row.read_at !== undefined,
  };
}

function withReadState(db: Knex | Knex.Transaction, reader: NotificationReader): Knex.QueryBuilder {
  return visibleTo(
    db('notifications').leftJoin('notification_reads', (join) =>
      join
        .on('notification_reads.notification_id', 'notifications.id')
        .andOnVal('notification_reads.user_id', reader.userId),
    ),
    reader,
  );
}

/** Lists the reader's notifications, newest first. */
export async function listNotifications(
  db: Knex,
  reader: NotificationReader,
  options: { limit: number; unreadOnly?: boolean },
): Promise<NotificationView[]> {
  const query = withReadState(db, reader);
  if (options.unreadOnly) query.whereNull('notification_reads.read_at');
  const rows = await query
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(options.limit)
    .select('notifications.*', 'notification_reads.read_at');
  return rows.map(toNotificationView);
}

/** Counts the reader's unread notifications. */
export async function countUnread(db: Knex, reader: NotificationReader): Promise<number> {
  const row = await withReadState(db, reader)
    .whereNull('notification_reads.read_at')
    .count({ count: '*' })
    .first();
  return Number(row?.count ?? 0);
}

/**
 * Marks one notification read for the reader; returns false when the reader cannot see it. A
 * notification that was unread bumps the reader's read version (see `bumpReadVersion`).
 */
export async function markRead(
  db: Knex,
  reader: NotificationReader,
  notificationId: string,
  now: Date,
): Promise<boolean> {
  const visible = await visibleTo(db('notifications'), reader)
    .where('notifications.id', notificationId)
    .first('id');
  if (!visible) return false;
  await db.transaction(async (trx) => {
    const inserted = await trx('notification_reads')
      .insert({
        notification_id: notificationId,
        user_id: reader.userId,
        read_at: now.toISOString(),
      })
      .onConflict(['user_id', 'notification_id'])
      .ignore()
      .returning('notification_id');
    if (inserted.length > 0) await bumpReadVersion(trx, reader.userId);
  });
  return true;
}

/** Marks every notification of the reader read and returns how many were unread. */
export async function markAllRead(
  db: Knex,
  reader: NotificationReader,
  now: Date,
): Promise<number> {
  return db.transaction(async (trx) => {
    const unread = withReadState(trx, reader)
      .whereNull('notification_reads.read_at')
      .select(
        'notifications.id',
        trx.raw('?::bigint', [reader.userId]),
        trx.raw('?::timestamptz', [now.toISOString()]),
      );
    // The select lists the columns in the table's order: notification_id, user_id, read_at.
    const inserted = await trx('notification_reads')
      .insert(unread)
      .onConflict(['user_id', 'notification_id'])
      .ignore()
      .returning('notification_id');
    if (inserted.length > 0) await bumpReadVersion(trx, reader.userId);
    return inserted.length;
  });
}

/**
 * Counts a change of the user's read state in `notification_read_versions`, in the transaction
 * of the change. `NotificationFeed` polls the versions, so the user's event streams on every
 * service node learn of the change.
 */
async function bumpReadVersion(trx: Knex.Transaction, userId: string): Promise<void> {
  await trx('notification_read_versions')
    .insert({ user_id: userId, version: 1 })
    .onConflict('user_id')
    .merge({ version: trx.raw('notification_read_versions.version + 1') });
}

/** Reads the read versions of `userIds`; a user whose read state never changed has version 0. */
export async function readVersions(db: Knex, userIds: string[]): Promise<Map<string, string>> {
  const versions = new Map(userIds.map((userId) => [userId, '0']));
  if (userIds.length === 0) return versions;
  const rows = await db('notification_read_versions')
    .whereIn('user_id', userIds)
    .select('user_id', 'version');
  for (const row of rows) versions.set(String(row.user_id), String(row.version));
  return versions;
}
