import type { Knex } from 'knex';

/**
 * Subject of a notification. Models send `reminder`, `escalation` and `info` through the
 * `eiso.notify` worker; the inbox sends the task kinds itself.
 */
export type NotificationKind =
  'reminder' | 'escalation' | 'info' | 'task-new' | 'task-assigned' | 'mention' | 'overdue';

/** One notification to write, for one user or for every member of one group. */
export interface NotificationInput {
  unitId: string;
  kind: NotificationKind;
  recipientUser?: string | null;
  recipientGroup?: string | null;
  /** A member of the recipient group whom this group notification leaves out. */
  excludedUser?: string | null;
  /** Vietnamese title, shown when the reader's language is Vietnamese. */
  title: string;
  titleEn?: string | null;
  /** A hash route of the web app, such as `#/tasks/42`. */
  link?: string | null;
  processInstanceKey?: string | null;
}

/**
 * Writes notifications inside the caller's transaction, so that a notification exists exactly
 * when the change it reports was committed.
 */
export async function insertNotifications(
  trx: Knex | Knex.Transaction,
  notifications: NotificationInput[],
  now: Date,
): Promise<void> {
  if (notifications.length === 0) return;
  for (const notification of notifications) {
    if (!notification.recipientUser && !notification.recipientGroup) {
      throw new Error(`notification '${notification.title}' has no recipient user or group`);
    }
  }
  await trx('notifications').insert(
    notifications.map((notification) => ({
      unit_id: notification.unitId,
      recipient_user: notification.recipientUser ?? null,
      recipient_group: notification.recipientGroup ?? null,
      excluded_user: notification.recipientGroup ? (notification.excludedUser ?? null) : null,
      kind: notification.kind,
      title: notification.title,
      title_en: notification.titleEn ?? null,
      link: notification.link ?? null,
      process_instance_key: notification.processInstanceKey ?? null,
      created_at: now.toISOString(),
    })),
  );
}
