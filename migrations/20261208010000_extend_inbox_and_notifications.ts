import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// The all and overdue lists of a leader cover every open task of the unit, newest first:
// PostgreSQL walks user_tasks_open_created in order and stops after one page.
//
// A notification that a user's own action caused is not addressed to that user: a group
// notification names the member it leaves out in excluded_user, and jobs.caused_by carries the
// user behind the command that opened a job to the tasks that the job's completion opens.
//
// notification_read_versions counts the changes of each user's read state, so that every service
// node can tell the user's open event streams to refresh their unread count.
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE INDEX user_tasks_open_created ON user_tasks (unit_id, created_at DESC, key DESC)
      WHERE state = 'CREATED';

    ALTER TABLE notifications ADD COLUMN excluded_user text;
    ALTER TABLE jobs ADD COLUMN caused_by text;

    CREATE TABLE notification_read_versions (
      user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      version bigint NOT NULL
    );
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE notification_read_versions;
    ALTER TABLE jobs DROP COLUMN caused_by;
    ALTER TABLE notifications DROP COLUMN excluded_user;
    DROP INDEX user_tasks_open_created;
  `,
  );
}
