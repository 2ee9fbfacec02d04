import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// The measured values of the quality objectives (ISO 9001 clauses 6.2 and 9.1.1), one row per
// objective and period, written by the objective-measurement procedure. The target, its unit and
// the direction are copied from the objective when it is measured, so a later change of the
// objective does not rewrite whether a past period achieved it.
//
// `objectives.direction` says whether a target is a minimum (`at_least`, such as 98 % of dossiers
// on time) or a maximum (`at_most`, such as 2 late dossiers a month). It stays null for objectives
// drafted without it, whose direction then follows from the target unit.
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    ALTER TABLE objectives ADD COLUMN direction text
      CHECK (direction IN ('at_least', 'at_most'));

    CREATE TABLE objective_measurements (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      objective_id bigint NOT NULL REFERENCES objectives(id),
      year integer NOT NULL,
      period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
      period_start date NOT NULL,
      period_end date NOT NULL,
      objective_position integer NOT NULL,
      objective_title text NOT NULL,
      measured_value numeric NOT NULL,
      target_value numeric NOT NULL,
      target_unit text NOT NULL,
      direction text NOT NULL CHECK (direction IN ('at_least', 'at_most')),
      achieved boolean NOT NULL,
      department_id bigint REFERENCES units(id),
      department_code text,
      evidence text NOT NULL,
      comment text,
      measured_by text NOT NULL,
      measured_by_name text,
      measured_at timestamptz NOT NULL,
      process_instance_key bigint REFERENCES process_instances(key),
      corrective_action_key text,
      corrective_action_instance_key bigint REFERENCES process_instances(key),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (objective_id, period)
    );
    CREATE INDEX objective_measurements_unit_year ON objective_measurements (unit_id, year, period);
    CREATE INDEX objective_measurements_instance ON objective_measurements (process_instance_key);
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE objective_measurements;
    ALTER TABLE objectives DROP COLUMN direction;
  `,
  );
}
