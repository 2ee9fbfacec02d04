import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// The registers of risks and of opportunities (ISO 9001 clause 6.1), kept apart because ISO
// 9001:2026 separates them. The risk-management procedure writes both. Scores are products of
// two ratings, so the table checks that product. The rating ranges come from the unit's risk
// matrix, which can change, so the service checks them instead of the table.
const levels = `('low', 'medium', 'high', 'critical')`;

// Where a record came from and who changed it last, at the end of both tables.
const trailingColumns = `
      assessment_key text,
      source_reference text,
      process_instance_key bigint REFERENCES process_instances(key),
      position integer,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      UNIQUE (unit_id, code)`;

export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE risks (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      code text NOT NULL,
      department_id bigint REFERENCES units(id),
      department_code text,
      process text NOT NULL,
      description text NOT NULL,
      cause text,
      consequence text,
      likelihood integer NOT NULL CHECK (likelihood > 0),
      severity integer NOT NULL CHECK (severity > 0),
      score integer NOT NULL CHECK (score = likelihood * severity),
      level text NOT NULL CHECK (level IN ${levels}),
      priority text CHECK (priority IN ('urgent', 'planned', 'monitor')),
      treatment_option text CHECK (treatment_option IN ('avoid', 'reduce', 'share', 'accept')),
      treatment_actions text,
      treatment_due date,
      owner_username text,
      owner_name text,
      treatment_approved_by text,
      treatment_approved_by_name text,
      treatment_approved_at timestamptz,
      implementation_note text,
      implemented_on date,
      residual_likelihood integer CHECK (residual_likelihood > 0),
      residual_severity integer CHECK (residual_severity > 0),
      residual_score integer CHECK (residual_score = residual_likelihood * residual_severity),
      residual_level text CHECK (residual_level IN ${levels}),
      assessed_on date,
      review_date date,
      last_reviewed_on date,
      review_note text,
      status text NOT NULL CHECK (status IN
        ('identified', 'assessed', 'planned', 'treating', 'treated', 'monitoring', 'closed')),${trailingColumns}
    );
    CREATE INDEX risks_unit_status ON risks (unit_id, status);
    CREATE INDEX risks_instance ON risks (process_instance_key, position);

    CREATE TABLE opportunities (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      code text NOT NULL,
      department_id bigint REFERENCES units(id),
      department_code text,
      process text NOT NULL,
      description text NOT NULL,
      benefit integer NOT NULL CHECK (benefit > 0),
      feasibility integer NOT NULL CHECK (feasibility > 0),
      score integer NOT NULL CHECK (score = benefit * feasibility),
      priority text NOT NULL CHECK (priority IN ${levels}),
      action text,
      action_due date,
      owner_username text,
      owner_name text,
      implementation_note text,
      result_note text,
      assessed_on date,
      status text NOT NULL CHECK (status IN
        ('identified', 'assessed', 'planned', 'deferred', 'in-progress', 'realised',
         'not-realised')),${trailingColumns}
    );
    CREATE INDEX opportunities_unit_status ON opportunities (unit_id, status);
    CREATE INDEX opportunities_instance ON opportunities (process_instance_key, position);
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE opportunities, risks;
  `,
  );
}
