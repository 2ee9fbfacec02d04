import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// The registers of ISO 9001 clauses 4.1, 4.2, 4.3 and 5.2. Each row belongs to an agency through
// `unit_id`; the status, approval and audit columns at the end of each table are the ones that
// the register framework writes (src/registers/framework).
const lifecycleColumns = `
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'archived')),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      approved_at timestamptz,
      approved_by text,
      approved_by_name text`;

export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE context_issues (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      issue_type text NOT NULL CHECK (issue_type IN ('internal', 'external')),
      category text NOT NULL,
      description text NOT NULL,
      impact text NOT NULL,
      climate_related boolean NOT NULL DEFAULT false,
      review_date date,${lifecycleColumns}
    );
    CREATE INDEX context_issues_unit_status ON context_issues (unit_id, status);

    CREATE TABLE interested_parties (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      name text NOT NULL,
      party_type text NOT NULL CHECK (party_type IN ('internal', 'external')),
      requirements text NOT NULL,
      how_met text,
      monitoring text,
      review_date date,${lifecycleColumns}
    );
    CREATE INDEX interested_parties_unit_status ON interested_parties (unit_id, status);

    CREATE TABLE qms_scopes (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      scope_statement text NOT NULL,
      sites jsonb NOT NULL DEFAULT '[]',
      procedures jsonb NOT NULL DEFAULT '[]',
      exclusions jsonb NOT NULL DEFAULT '[]',
      effective_date date,${lifecycleColumns}
    );
    CREATE UNIQUE INDEX qms_scopes_one_in_force ON qms_scopes (unit_id) WHERE status = 'approved';

    CREATE TABLE quality_policies (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      version integer NOT NULL CHECK (version > 0),
      content text NOT NULL,
      decision_number text,
      issue_date date,${lifecycleColumns},
      UNIQUE (unit_id, version)
    );
    CREATE UNIQUE INDEX quality_policies_one_current ON quality_policies (unit_id)
      WHERE status = 'approved';
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE quality_policies, qms_scopes, interested_parties, context_issues;
  `,
  );
}
