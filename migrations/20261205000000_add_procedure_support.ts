import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// What the procedures beyond the quality objectives need from the core: unit settings that
// instances start with, timer start events, notifications, and the headers and local variables
// of jobs.
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE unit_settings (
      unit_id bigint NOT NULL REFERENCES units(id),
      name text NOT NULL,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      PRIMARY KEY (unit_id, name)
    );

    CREATE TABLE start_timers (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      bpmn_process_id text NOT NULL,
      element_id text NOT NULL,
      expression text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('timeDate', 'timeCycle')),
      due_at timestamptz,
      fired_count integer NOT NULL DEFAULT 0,
      last_fired_at timestamptz,
      last_error text,
      state text NOT NULL CHECK (state IN ('ACTIVE', 'DONE', 'CANCELED')),
      UNIQUE (unit_id, bpmn_process_id, element_id)
    );
    CREATE INDEX start_timers_due ON start_timers (state, due_at);

    CREATE TABLE notifications (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      recipient_user text,
      recipient_group text,
      kind text NOT NULL,
      title text NOT NULL,
      title_en text,
      link text,
      process_instance_key bigint REFERENCES process_instances(key),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (recipient_user IS NOT NULL OR recipient_group IS NOT NULL)
    );
    CREATE INDEX notifications_user ON notifications (unit_id, recipient_user, created_at);
    CREATE INDEX notifications_group ON notifications (unit_id, recipient_group, created_at);

    ALTER TABLE jobs ADD COLUMN custom_headers jsonb NOT NULL DEFAULT '{}';
    ALTER TABLE jobs ADD COLUMN local_variables jsonb NOT NULL DEFAULT '{}';
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    ALTER TABLE jobs DROP COLUMN local_variables;
    ALTER TABLE jobs DROP COLUMN custom_headers;
    DROP TABLE notifications, start_timers, unit_settings;
  `,
  );
}
