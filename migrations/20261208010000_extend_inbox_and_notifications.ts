import type { Knex } from 'knex';

// The all and overdue lists of a leader cover every open task of the unit, newest first:
// PostgreSQL walks user_tasks_open_created in order and stops after one page.
//
// Counting those lists by reading every open task of the unit grows with the unit, so
// user_task_open_counts keeps the number of open tasks per unit and UTC day of the due date
// ('infinity' for none). Statement triggers with transition tables keep it in step with
// user_tasks. Each backend adds to its own slot (pg_backend_pid() % 8), so that concurrent
// transactions rarely wait for the same row, and statements that change neither the state nor
// the due date, such as a claim, write nothing.
//
// A notification that a user's own action caused is not addressed to that user: a group
// notification names the member it leaves out in excluded_user, and jobs.caused_by carries the
// user behind the command that opened a job to the tasks that the job's completion opens.
//
// notification_read_versions counts the changes of each user's read state, so that every service
// node can tell the user's open event streams to refresh their unread count.

const openDay = (task: string) =>
  `coalesce((${task}.due_date AT TIME ZONE 'UTC')::date, 'infinity'::date)`;

// Adds the open tasks of `added` and subtracts those of `removed` (transition tables or NULL).
const countChanges = (added: string | null, removed: string | null) => {
  const parts = [];
  if (added) {
    parts.push(`SELECT unit_id, ${openDay(added)} AS due_day, 1 AS delta
      FROM ${added} WHERE state = 'CREATED'`);
  }
  if (removed) {
    parts.push(`SELECT unit_id, ${openDay(removed)} AS due_day, -1 AS delta
      FROM ${removed} WHERE state = 'CREATED'`);
  }
  return `
    INSERT INTO user_task_open_counts (unit_id, due_day, slot, open_count)
    SELECT unit_id, due_day, pg_backend_pid() % 8, sum(delta)
    FROM (${parts.join(' UNION ALL ')}) AS changes
    GROUP BY unit_id, due_day
    HAVING sum(delta) <> 0
    ORDER BY unit_id, due_day
    ON CONFLICT (unit_id, due_day, slot)
      DO UPDATE SET open_count = user_task_open_counts.open_count + excluded.open_count`;
};

const countStatements = [
  `CREATE TABLE user_task_open_counts (
     unit_id bigint NOT NULL,
     due_day date NOT NULL,
     slot smallint NOT NULL,
     open_count bigint NOT NULL,
     PRIMARY KEY (unit_id, due_day, slot)
   )`,
  `INSERT INTO user_task_open_counts (unit_id, due_day, slot, open_count)
   SELECT unit_id, ${openDay('user_tasks')}, 0, count(*)
   FROM user_tasks WHERE state = 'CREATED'
   GROUP BY 1, 2`,
  `CREATE FUNCTION eiso_task_open_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $body$
   BEGIN
     ${countChanges('inserted', null)};
     RETURN NULL;
   END $body$`,
  `CREATE FUNCTION eiso_task_open_counts_update() RETURNS trigger LANGUAGE plpgsql AS $body$
   BEGIN
     ${countChanges('updated', 'previous')};
     RETURN NULL;
   END $body$`,
  `CREATE FUNCTION eiso_task_open_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $body$
   BEGIN
     ${countChanges(null, 'previous')};
     RETURN NULL;
   END $body$`,
  `CREATE TRIGGER user_tasks_open_counts_insert AFTER INSERT ON user_tasks
     REFERENCING NEW TABLE AS inserted
     FOR EACH STATEMENT EXECUTE FUNCTION eiso_task_open_counts_insert()`,
  `CREATE TRIGGER user_tasks_open_counts_update AFTER UPDATE ON user_tasks
     REFERENCING OLD TABLE AS previous NEW TABLE AS updated
     FOR EACH STATEMENT EXECUTE FUNCTION eiso_task_open_counts_update()`,
  `CREATE TRIGGER user_tasks_open_counts_delete AFTER DELETE ON user_tasks
     REFERENCING OLD TABLE AS previous
     FOR EACH STATEMENT EXECUTE FUNCTION eiso_task_open_counts_delete()`,
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX user_tasks_open_created ON user_tasks
    (unit_id, created_at DESC, key DESC) WHERE state = 'CREATED'`);
  for (const statement of countStatements) await knex.raw(statement);

  await knex.raw('ALTER TABLE notifications ADD COLUMN excluded_user text');
  await knex.raw('ALTER TABLE jobs ADD COLUMN caused_by text');
  await knex.raw(`CREATE TABLE notification_read_versions (
    user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    version bigint NOT NULL
  )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE notification_read_versions');
  await knex.raw('ALTER TABLE jobs DROP COLUMN caused_by');
  await knex.raw('ALTER TABLE notifications DROP COLUMN excluded_user');

  await knex.raw('DROP TRIGGER user_tasks_open_counts_delete ON user_tasks');
  await knex.raw('DROP TRIGGER user_tasks_open_counts_update ON user_tasks');
  await knex.raw('DROP TRIGGER user_tasks_open_counts_insert ON user_tasks');
  await knex.raw('DROP FUNCTION eiso_task_open_counts_delete()');
  await knex.raw('DROP FUNCTION eiso_task_open_counts_update()');
  await knex.raw('DROP FUNCTION eiso_task_open_counts_insert()');
  await knex.raw('DROP TABLE user_task_open_counts');
  await knex.raw('DROP INDEX user_tasks_open_created');
}
