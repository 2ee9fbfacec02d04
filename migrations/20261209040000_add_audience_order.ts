import type { Knex } from 'knex';

// The first page of a user's group list, newest first, read from
// user_task_audience: one short index walk per audience entry of the user
// (their name and each of their groups) instead of walking every unassigned
// open task of the unit until a page of theirs is found. The walk needs each
// entry's creation time in the index, so the audience rows carry it.
const audienceRows = (source: string, withCreatedAt: boolean) => `
  INSERT INTO user_task_audience (unit_id, audience, task_key, assignee, due_date${withCreatedAt ? ', created_at' : ''})
  SELECT DISTINCT task.unit_id, member.audience, task.key, task.assignee, task.due_date${withCreatedAt ? ', task.created_at' : ''}
  FROM ${source} AS task
  CROSS JOIN LATERAL (
    SELECT 'a:' || task.assignee WHERE task.assignee IS NOT NULL
    UNION ALL SELECT 'a:' || task.owner WHERE task.owner IS NOT NULL
    UNION ALL SELECT 'u:' || name FROM unnest(task.candidate_users) AS name
    UNION ALL SELECT 'g:' || code FROM unnest(task.candidate_groups) AS code
  ) AS member(audience)
  WHERE task.state = 'CREATED'`;

// The trigger functions that keep user_task_audience in step with user_tasks.
async function replaceTriggerFunctions(knex: Knex, withCreatedAt: boolean): Promise<void> {
  await knex.raw(`CREATE OR REPLACE FUNCTION eiso_task_audience_insert() RETURNS trigger
    LANGUAGE plpgsql AS $body$
    BEGIN
      ${audienceRows('inserted', withCreatedAt)};
      RETURN NULL;
    END $body$`);
  await knex.raw(`CREATE OR REPLACE FUNCTION eiso_task_audience_update() RETURNS trigger
    LANGUAGE plpgsql AS $body$
    BEGIN
      DELETE FROM user_task_audience WHERE task_key IN (SELECT key FROM previous);
      ${audienceRows('updated', withCreatedAt)};
      RETURN NULL;
    END $body$`);
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE user_task_audience ADD COLUMN created_at timestamptz');
  await knex.raw(`UPDATE user_task_audience AS audience SET created_at = task.created_at
    FROM user_tasks AS task WHERE task.key = audience.task_key`);
  await knex.raw('ALTER TABLE user_task_audience ALTER COLUMN created_at SET NOT NULL');
  await replaceTriggerFunctions(knex, true);
  await knex.raw(`CREATE INDEX user_task_audience_newest
    ON user_task_audience (unit_id, audience, created_at DESC, task_key DESC) INCLUDE (assignee)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX user_task_audience_newest');
  await replaceTriggerFunctions(knex, false);
  await knex.raw('ALTER TABLE user_task_audience DROP COLUMN created_at');
}
