import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// The registers of ISO 9001 clauses 8.2.1 and 9.1.2: complaints that citizens and businesses
// file (phản ánh, kiến nghị), which the complaint-handling procedure writes, and satisfaction
// ratings, an editable register with the lifecycle columns of the register framework.
const channels = `'in-person', 'phone', 'email', 'portal', 'hotline'`;
const answerChannels = `'in-person', 'phone', 'email', 'portal', 'post'`;

export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE complaints (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      code text NOT NULL,
      process_instance_key bigint REFERENCES process_instances(key),
      received_date date NOT NULL,
      complainant_name text NOT NULL,
      complainant_contact text,
      channel text NOT NULL CHECK (channel IN (${channels})),
      service text NOT NULL,
      department_id bigint NOT NULL REFERENCES units(id),
      department_code text NOT NULL,
      content text NOT NULL,
      handler text,
      handler_name text,
      assigned_at timestamptz,
      due_date date NOT NULL,
      escalated_at timestamptz,
      answer text,
      answered_date date,
      answer_channel text CHECK (answer_channel IN (${answerChannels})),
      on_time boolean,
      approved_by text,
      approved_by_name text,
      status text NOT NULL DEFAULT 'received'
        CHECK (status IN ('received', 'in-progress', 'overdue', 'answered')),
      corrective_action_key text,
      corrective_action_instance_key bigint REFERENCES process_instances(key),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (unit_id, code),
      CHECK (due_date >= received_date),
      CHECK (status <> 'answered' OR (answered_date IS NOT NULL AND on_time IS NOT NULL))
    );
    CREATE UNIQUE INDEX complaints_instance ON complaints (process_instance_key);
    CREATE INDEX complaints_unit_status ON complaints (unit_id, status);
    CREATE INDEX complaints_unit_received ON complaints (unit_id, received_date);

    CREATE TABLE satisfaction_ratings (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      rating_date date NOT NULL,
      service text NOT NULL,
      department_code text NOT NULL,
      channel text NOT NULL CHECK (channel IN (${channels})),
      score_access smallint NOT NULL CHECK (score_access BETWEEN 1 AND 5),
      score_procedure smallint NOT NULL CHECK (score_procedure BETWEEN 1 AND 5),
      score_staff smallint NOT NULL CHECK (score_staff BETWEEN 1 AND 5),
      score_result smallint NOT NULL CHECK (score_result BETWEEN 1 AND 5),
      score_feedback smallint NOT NULL CHECK (score_feedback BETWEEN 1 AND 5),
      comment text,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'archived')),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      approved_at timestamptz,
      approved_by text,
      approved_by_name text
    );
    CREATE INDEX satisfaction_ratings_unit_date ON satisfaction_ratings (unit_id, rating_date);
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE satisfaction_ratings, complaints;
  `,
  );
}
