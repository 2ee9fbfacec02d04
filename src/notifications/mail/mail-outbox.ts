import type { Knex } from 'knex';

/** A user's choice of notification e-mail: one per notification, one daily digest, or none. */
export type EmailDelivery = 'immediate' | 'digest' | 'none';

export const emailDeliveries: EmailDelivery[] = ['immediate', 'digest', 'none'];

/** Users get one e-mail per notification until they choose otherwise. */
export const defaultEmailDelivery: EmailDelivery = 'immediate';

const planBatchSize = 200;

/**
 * Writes the outbox rows of the notifications that have none yet: one per recipient user with an
 * e-mail address whose preference is not `none`, a group notification once per member except the
 * member it leaves out (`excluded_user`). The notifications are claimed with `FOR UPDATE SKIP
 * LOCKED`, so two nodes never plan the same one, and the unique (notification, user) pair keeps a
 * recipient from getting a row twice. Returns the number of notifications planned.
 */
export async function planDeliveries(db: Knex, now: Date, mailEnabled: boolean): Promise<number> {
  return db.transaction(async (trx) => {
    const notifications = await trx('notifications')
      .whereNull('mail_planned_at')
      .orderBy('id')
      .limit(planBatchSize)
      .forUpdate()
      .skipLocked()
      .select('id', 'unit_id', 'recipient_user', 'recipient_group', 'excluded_user');
    if (notifications.length === 0) return 0;

    // Without an SMTP server the notifications are only marked, so that configuring one later
    // does not mail every old notification.
    if (mailEnabled) {
      for (const notification of notifications) await insertDeliveries(trx, notification, now);
    }
    await trx('notifications')
      .whereIn(
        'id',
        notifications.map((row) => row.id),
      )
      .update({ mail_planned_at: now.toISOString() });
    return notifications.length;
  });
}

async function insertDeliveries(
  trx: Knex.Transaction,
  notification: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const recipients = await trx('users')
    .leftJoin('notification_preferences', 'notification_preferences.user_id', 'users.id')
    .where('users.unit_id', notification.unit_id as string)
    .andWhere('users.disabled', false)
    .whereNotNull('users.email')
    .andWhere('users.email', '<>', '')
    .andWhere((query) => {
      if (notification.recipient_user)
        query.orWhere('users.username', notification.recipient_user as string);
      if (notification.recipient_group) {
        const members = trx('memberships')
          .join('groups', 'groups.id', 'memberships.group_id')
          .join('users as members', 'members.id', 'memberships.user_id')
          .where('groups.unit_id', notification.unit_id as string)
          .andWhere('groups.code', notification.recipient_group as string)
          .select('memberships.user_id');
        if (notification.excluded_user) {
          members.whereNot('members.username', notification.excluded_user as string);
        }
        query.orWhereIn('users.id', members);
      }
    })
    .select(
      'users.id',
      'users.email',
      trx.raw('coalesce(notification_preferences.email_delivery, ?) AS delivery', [
        defaultEmailDelivery,
      ]),
    );
  const rows = recipients
    .filter((recipient) => recipient.delivery !== 'none')
    .map((recipient) => ({
      notification_id: notification.id,
      user_id: recipient.id,
      email: recipient.email,
      mode: recipient.delivery,
      state: 'PENDING',
      next_attempt_at: now.toISOString(),
      created_at: now.toISOString(),
    }));
  if (rows.length === 0) return;
  await trx('notification_deliveries')
    .insert(rows)
    .onConflict(['notification_id', 'user_id'])
    .ignore();
}

/** Reads a user's e-mail preference. */
export async function readEmailDelivery(db: Knex, userId: string): Promise<EmailDelivery> {
  const row = await db('notification_preferences').where({ user_id: userId }).first();
  return (row?.email_delivery as EmailDelivery | undefined) ?? defaultEmailDelivery;
}

/**
 * Stores a user's e-mail preference. Notifications already planned for e-mail keep the mode they
 * were planned with, except that choosing `none` drops the unsent ones.
 */
export async function writeEmailDelivery(
  db: Knex,
  userId: string,
  delivery: EmailDelivery,
  now: Date,
): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('notification_preferences')
      .insert({ user_id: userId, email_delivery: delivery, updated_at: now.toISOString() })
      .onConflict('user_id')
      .merge();
    if (delivery === 'none') {
      await trx('notification_deliveries').where({ user_id: userId, state: 'PENDING' }).del();
    }
  });
}
