import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// Delivery of notifications: read state per user, each user's e-mail preference, the e-mail
// outbox with one row per notification and recipient, the daily digests sent, and the marks that
// keep an overdue task from being reported or escalated twice.
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE notification_reads (
      notification_id bigint NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      read_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, notification_id)
    );

    CREATE TABLE notification_preferences (
      user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      email_delivery text NOT NULL CHECK (email_delivery IN ('immediate', 'digest', 'none')),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Set once the outbox rows of a notification were written. Rows that exist before this
    -- migration count as planned, so turning e-mail on never mails old notifications.
    ALTER TABLE notifications ADD COLUMN mail_planned_at timestamptz;
    UPDATE notifications SET mail_planned_at = created_at;
    CREATE INDEX notifications_mail_unplanned ON notifications (id) WHERE mail_planned_at IS NULL;

    CREATE TABLE notification_digests (
      id bigserial PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      -- Vietnam calendar date of the digest: at most one per user and day.
      digest_date date NOT NULL,
      state text NOT NULL CHECK (state IN ('SENDING', 'SENT', 'FAILED')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      lease_until timestamptz,
      last_error text,
      sent_at timestamptz,
      UNIQUE (user_id, digest_date)
    );

    CREATE TABLE notification_deliveries (
      id bigserial PRIMARY KEY,
      notification_id bigint NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      email text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('immediate', 'digest')),
      state text NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      lease_until timestamptz,
      last_error text,
      sent_at timestamptz,
      digest_id bigint REFERENCES notification_digests(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (notification_id, user_id)
    );
    CREATE INDEX notification_deliveries_due ON notification_deliveries (state, mode, next_attempt_at);

    ALTER TABLE user_tasks ADD COLUMN overdue_notified_at timestamptz;
    ALTER TABLE user_tasks ADD COLUMN escalated_at timestamptz;
    CREATE INDEX user_tasks_overdue ON user_tasks (due_date)
      WHERE state = 'CREATED' AND (overdue_notified_at IS NULL OR escalated_at IS NULL);
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP INDEX user_tasks_overdue;
    ALTER TABLE user_tasks DROP COLUMN escalated_at;
    ALTER TABLE user_tasks DROP COLUMN overdue_notified_at;
    DROP TABLE notification_deliveries, notification_digests, notification_preferences,
      notification_reads;
    DROP INDEX notifications_mail_unplanned;
    ALTER TABLE notifications DROP COLUMN mail_planned_at;
  `,
  );
}
