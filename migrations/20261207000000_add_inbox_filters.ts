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
}

export async function down(knex: Knex): Promise<void> {
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
