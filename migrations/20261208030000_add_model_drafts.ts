import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// Changes to a unit's procedures: a changed model or form is kept as a draft
// until the leader approves it, and each deployment says where it came from,
// so that the bundled procedures never overwrite a version the unit approved.
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    ALTER TABLE deployments ADD COLUMN comment text;
    ALTER TABLE deployments ADD COLUMN source text NOT NULL DEFAULT 'api'
      CHECK (source IN ('bundled', 'api', 'draft'));
    UPDATE deployments SET source = 'bundled' WHERE deployed_by = 'system';

    CREATE TABLE model_drafts (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      kind text NOT NULL CHECK (kind IN ('process', 'form')),
      resource_id text NOT NULL,
      name text,
      base_version integer,
      content text NOT NULL,
      checksum text NOT NULL,
      status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'submitted', 'returned', 'deployed', 'withdrawn')),
      reason text,
      decision_comment text,
      process_instance_key bigint,
      deployed_version integer,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      submitted_by text,
      submitted_at timestamptz,
      decided_by text,
      decided_at timestamptz
    );
    -- One open change per procedure or form: a second officer continues the first one's draft.
    CREATE UNIQUE INDEX model_drafts_open ON model_drafts (unit_id, kind, resource_id)
      WHERE status IN ('draft', 'submitted', 'returned');
    CREATE INDEX model_drafts_unit ON model_drafts (unit_id, updated_at DESC);
    `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE model_drafts;
    ALTER TABLE deployments DROP COLUMN source;
    ALTER TABLE deployments DROP COLUMN comment;
    `,
  );
}
