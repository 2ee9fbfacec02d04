import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// Which agency supervises which: the supervising agency's auditors read the supervised units'
// instances and history and change nothing there. A table rather than a column on `units`,
// because a provincial department answers to two supervisors at once: the provincial People's
// Committee and its ministry.
//
// The indexes serve the instance search: containment (`@>`) on the variables, and the
// actors of a unit's instance history by username; the task assignee and completer have theirs.
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE unit_supervisions (
      supervisor_unit_id bigint NOT NULL REFERENCES units(id) ON DELETE CASCADE,
      unit_id bigint NOT NULL REFERENCES units(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (supervisor_unit_id, unit_id),
      CHECK (supervisor_unit_id <> unit_id)
    );
    CREATE INDEX unit_supervisions_unit ON unit_supervisions (unit_id);

    CREATE INDEX process_instances_variables ON process_instances
      USING gin (variables jsonb_path_ops);
    CREATE INDEX history_events_actor ON history_events (unit_id, actor)
      WHERE process_instance_key IS NOT NULL;
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP INDEX history_events_actor;
    DROP INDEX process_instances_variables;
    DROP TABLE unit_supervisions;
  `,
  );
}
