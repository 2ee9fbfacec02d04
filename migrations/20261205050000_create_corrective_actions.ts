import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// The register of nonconformities and corrective actions (ISO 9001 clause 10.2). The
// corrective-action procedure writes each row through its service tasks, so the table has no
// draft/approved lifecycle of its own: `status` follows the procedure. `code` is the instance's
// business key (KPH-2027-001). Demo rows have no instance.
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE corrective_actions (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      process_instance_key bigint UNIQUE REFERENCES process_instances(key),
      code text NOT NULL,
      source text NOT NULL
        CHECK (source IN ('audit', 'complaint', 'objective', 'review', 'inspection', 'other')),
      source_reference text,
      title text NOT NULL,
      description text NOT NULL,
      evidence text,
      department_code text,
      classification text CHECK (classification IN ('major', 'minor', 'not-nonconformity')),
      triage_note text,
      correction text,
      root_cause_method text CHECK (root_cause_method IN ('five-whys', 'fishbone')),
      whys jsonb NOT NULL DEFAULT '[]',
      cause_category text,
      root_cause text,
      actions jsonb NOT NULL DEFAULT '[]',
      deadline date,
      implementation_report text,
      implemented_on date,
      check_due_on date,
      effectiveness_result text CHECK (effectiveness_result IN ('effective', 'not-effective')),
      effectiveness_note text,
      reopened_count integer NOT NULL DEFAULT 0 CHECK (reopened_count >= 0),
      status text NOT NULL CHECK (status IN ('raised', 'triaged', 'planned', 'approved',
        'implementing', 'checking', 'closed', 'rejected')),
      risk_follow_up_key text,
      document_follow_up_key text,
      raised_on date NOT NULL,
      raised_by text,
      triaged_by text,
      approved_at timestamptz,
      approved_by text,
      approved_by_name text,
      checked_by text,
      closed_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (unit_id, code)
    );
    CREATE INDEX corrective_actions_unit_status ON corrective_actions (unit_id, status);
    CREATE INDEX corrective_actions_unit_raised ON corrective_actions (unit_id, raised_on);
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, `DROP TABLE corrective_actions;`);
}
