import type { Knex } from 'knex';

// Saved inbox filters, and partial indexes for the inbox lists. Open tasks are
// a small part of user_tasks once procedures run for years, so the list
// indexes cover only open tasks (state = 'CREATED') or only completed ones.
const indexes = [
  `CREATE INDEX user_tasks_open_assignee ON user_tasks (unit_id, assignee, created_at DESC)
     WHERE state = 'CREATED'`,
  `CREATE INDEX user_tasks_open_candidate_groups ON user_tasks USING gin (candidate_groups)
     WHERE state = 'CREATED'`,
  `CREATE INDEX user_tasks_open_candidate_users ON user_tasks USING gin (candidate_users)
     WHERE state = 'CREATED'`,
  // The group list, newest first: PostgreSQL walks this index in order and
  // stops after one page when the user's groups offer many tasks.
  `CREATE INDEX user_tasks_open_unassigned ON user_tasks (unit_id, created_at DESC, key DESC)
     WHERE state = 'CREATED' AND assignee IS NULL`,
  `CREATE INDEX user_tasks_open_due ON user_tasks (unit_id, due_date) WHERE state = 'CREATED'`,
  `CREATE INDEX user_tasks_completed_by ON user_tasks (unit_id, completed_by, completed_at DESC)
     WHERE state = 'COMPLETED'`,
];

// user_task_audience lists who may see each open task: 'a:<assignee>',
// 'a:<owner>' of a delegated task, 'u:<candidate user>' and 'g:<candidate
// group>', one row each, with the assignee and due date that the list counts
// need. Counting a user's open
// tasks then reads a few narrow index entries per task instead of one wide
// user_tasks heap page per task. Statement triggers with transition tables
// keep it in step with user_tasks, also for bulk inserts.
const audienceRows = (source: string) => `
  INSERT INTO user_task_audience (unit_id, audience, task_key, assignee, due_date)
  SELECT DISTINCT task.unit_id, member.audience, task.key, task.assignee, task.due_date
  FROM ${source} AS task
  CROSS JOIN LATERAL (
    SELECT 'a:' || task.assignee WHERE task.assignee IS NOT NULL
    UNION ALL SELECT 'a:' || task.owner WHERE task.owner IS NOT NULL
    UNION ALL SELECT 'u:' || name FROM unnest(task.candidate_users) AS name
    UNION ALL SELECT 'g:' || code FROM unnest(task.candidate_groups) AS code
  ) AS member(audience)
  WHERE task.state = 'CREATED'`;

const audienceStatements = [
  `CREATE TABLE user_task_audience (
     unit_id bigint NOT NULL,
     audience text NOT NULL,
     task_key bigint NOT NULL,
     assignee text,
     due_date timestamptz,
     PRIMARY KEY (unit_id, audience, task_key) INCLUDE (assignee, due_date)
   )`,
  'CREATE INDEX user_task_audience_task ON user_task_audience (task_key)',
  `CREATE FUNCTION eiso_task_audience_insert() RETURNS trigger LANGUAGE plpgsql AS $body$
   BEGIN
     ${audienceRows('inserted')};
     RETURN NULL;
   END $body$`,
  `CREATE FUNCTION eiso_task_audience_update() RETURNS trigger LANGUAGE plpgsql AS $body$
   BEGIN
     DELETE FROM user_task_audience WHERE task_key IN (SELECT key FROM previous);
     ${audienceRows('updated')};
     RETURN NULL;
   END $body$`,
  `CREATE FUNCTION eiso_task_audience_delete() RETURNS trigger LANGUAGE plpgsql AS $body$
   BEGIN
     DELETE FROM user_task_audience WHERE task_key IN (SELECT key FROM previous);
     RETURN NULL;
   END $body$`,
  `CREATE TRIGGER user_tasks_audience_insert AFTER INSERT ON user_tasks
     REFERENCING NEW TABLE AS inserted
     FOR EACH STATEMENT EXECUTE FUNCTION eiso_task_audience_insert()`,
  `CREATE TRIGGER user_tasks_audience_update AFTER UPDATE ON user_tasks
     REFERENCING OLD TABLE AS previous NEW TABLE AS updated
     FOR EACH STATEMENT EXECUTE FUNCTION eiso_task_audience_update()`,
  `CREATE TRIGGER user_tasks_audience_delete AFTER DELETE ON user_tasks
     REFERENCING OLD TABLE AS previous
     FOR EACH STATEMENT EXECUTE FUNCTION eiso_task_audience_delete()`,
  audienceRows('user_tasks'),
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE task_filters (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      owner text NOT NULL,
      name text NOT NULL,
      -- Code of the group the filter is shared with; NULL keeps it private.
      group_code text,
      sort text,
      sort_order text CHECK (sort_order IN ('asc', 'desc')),
      columns jsonb NOT NULL DEFAULT '[]',
      criteria jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (unit_id, owner, name)
    )`);
  await knex.raw(`CREATE INDEX task_filters_group ON task_filters (unit_id, group_code)
    WHERE group_code IS NOT NULL`);
  for (const statement of indexes) await knex.raw(statement);
  for (const statement of audienceStatements) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER user_tasks_audience_delete ON user_tasks');
  await knex.raw('DROP TRIGGER user_tasks_audience_update ON user_tasks');
  await knex.raw('DROP TRIGGER user_tasks_audience_insert ON user_tasks');
  await knex.raw('DROP FUNCTION eiso_task_audience_delete()');
  await knex.raw('DROP FUNCTION eiso_task_audience_update()');
  await knex.raw('DROP FUNCTION eiso_task_audience_insert()');
  await knex.raw('DROP TABLE user_task_audience');
  for (const name of [
    'user_tasks_completed_by',
    'user_tasks_open_due',
    'user_tasks_open_unassigned',
    'user_tasks_open_candidate_users',
    'user_tasks_open_candidate_groups',
    'user_tasks_open_assignee',
  ]) {
    await knex.raw(`DROP INDEX ${name}`);
  }
  await knex.raw('DROP TABLE task_filters');
}
