import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// The records of ISO 9001 clause 9.3: one row per management review with its notice, its twelve
// inputs (9.3.2), the meeting, the outputs of its report and the report approval, and one row per
// approved output (9.3.3), tracked as an action until it is done. The management-review
// procedure writes both tables; a review recorded outside eiso, such as the demo agency's earlier
// one, has no instance.
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE management_reviews (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      process_instance_key bigint UNIQUE REFERENCES process_instances(key),
      reference text NOT NULL,
      year integer NOT NULL,
      status text NOT NULL CHECK (status IN
        ('notice', 'reporting', 'consolidating', 'meeting', 'report-review', 'approved')),
      period_from date NOT NULL,
      period_to date NOT NULL CHECK (period_to >= period_from),
      meeting_date date NOT NULL,
      meeting_start text NOT NULL,
      venue text NOT NULL,
      participants jsonb NOT NULL DEFAULT '[]',
      notice_basis text,
      report_due_date date NOT NULL,
      assignments jsonb NOT NULL DEFAULT '[]',
      notice_approved_at timestamptz,
      notice_approved_by text,
      notice_approved_by_name text,
      department_reports jsonb NOT NULL DEFAULT '[]',
      input_previous_actions text,
      input_context_changes text,
      input_customer_satisfaction text,
      input_objectives text,
      input_process_performance text,
      input_nonconformities text,
      input_monitoring text,
      input_audit_results text,
      input_external_providers text,
      input_resources text,
      input_risks_and_opportunities text,
      input_improvement text,
      held_on date,
      held_start text,
      held_venue text,
      held_participants jsonb NOT NULL DEFAULT '[]',
      minutes text,
      conclusion text,
      outputs jsonb NOT NULL DEFAULT '[]',
      report_approved_at timestamptz,
      report_approved_by text,
      report_approved_by_name text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (unit_id, reference)
    );
    CREATE INDEX management_reviews_unit_year ON management_reviews (unit_id, year);

    CREATE TABLE review_actions (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      management_review_id bigint NOT NULL REFERENCES management_reviews(id),
      position integer NOT NULL CHECK (position > 0),
      year integer NOT NULL,
      output_type text NOT NULL CHECK (output_type IN ('improvement', 'qms-change', 'resources')),
      description text NOT NULL,
      owner_department_id bigint REFERENCES units(id),
      owner_department_code text,
      owner_name text NOT NULL,
      deadline date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
      completed_on date,
      completed_by text,
      completion_note text,
      corrective_action_key text,
      corrective_action_instance_key bigint REFERENCES process_instances(key),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (management_review_id, position),
      CHECK (status = 'open' OR completed_on IS NOT NULL)
    );
    CREATE INDEX review_actions_unit_status ON review_actions (unit_id, status, deadline);
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE review_actions, management_reviews;
  `,
  );
}
