import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// The records of the internal audit procedure (ISO 9001 clause 9.2): the programme of a year,
// one plan per audit of the programme and the findings of each audit. The procedure writes them,
// so they have no draft lifecycle of the register framework: a programme is stored once the board
// approves it, and each plan row exists from then on with the status of its planning.
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE audit_programmes (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      reference text NOT NULL,
      objectives text NOT NULL,
      scope text NOT NULL,
      criteria text NOT NULL,
      methods text NOT NULL,
      audit_count integer NOT NULL DEFAULT 0,
      status text NOT NULL CHECK (status IN ('approved', 'completed')),
      process_instance_key bigint REFERENCES process_instances(key),
      approved_at timestamptz,
      approved_by text,
      approved_by_name text,
      outcome text CHECK (outcome IN ('confirmed', 'improvement', 'follow-up')),
      conclusion text,
      recommendations text,
      concluded_at timestamptz,
      concluded_by text,
      concluded_by_name text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (unit_id, reference)
    );
    CREATE UNIQUE INDEX audit_programmes_instance ON audit_programmes (process_instance_key);
    CREATE INDEX audit_programmes_unit_year ON audit_programmes (unit_id, year);

    CREATE TABLE audit_plans (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      programme_id bigint NOT NULL REFERENCES audit_programmes(id) ON DELETE CASCADE,
      position integer NOT NULL CHECK (position > 0),
      reference text NOT NULL,
      department_id bigint NOT NULL REFERENCES units(id),
      planned_month integer NOT NULL CHECK (planned_month BETWEEN 1 AND 12),
      planned_from date,
      planned_to date,
      processes text NOT NULL,
      clauses text NOT NULL,
      auditees text,
      lead_auditor text,
      lead_auditor_name text,
      auditors jsonb NOT NULL DEFAULT '[]',
      criteria text,
      method text,
      audit_from date,
      audit_to date,
      sessions jsonb NOT NULL DEFAULT '[]',
      status text NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'submitted', 'approved', 'completed')),
      submitted_at timestamptz,
      approved_at timestamptz,
      approved_by text,
      approved_by_name text,
      summary text,
      completed_at timestamptz,
      completed_by text,
      UNIQUE (programme_id, position),
      UNIQUE (unit_id, reference)
    );
    CREATE INDEX audit_plans_unit_status ON audit_plans (unit_id, status);

    CREATE TABLE audit_findings (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      plan_id bigint NOT NULL REFERENCES audit_plans(id) ON DELETE CASCADE,
      position integer NOT NULL CHECK (position > 0),
      reference text NOT NULL,
      finding_type text NOT NULL CHECK (finding_type IN ('major', 'minor', 'observation', 'opportunity')),
      clause text NOT NULL,
      requirement text NOT NULL,
      evidence text NOT NULL,
      statement text NOT NULL,
      department_id bigint NOT NULL REFERENCES units(id),
      status text NOT NULL CHECK (status IN ('open', 'noted', 'closed')),
      corrective_action_key text,
      corrective_action_instance_key bigint REFERENCES process_instances(key),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      recorded_by text NOT NULL,
      UNIQUE (plan_id, position),
      CHECK (finding_type IN ('observation', 'opportunity') OR corrective_action_key IS NOT NULL)
    );
    CREATE INDEX audit_findings_unit_status ON audit_findings (unit_id, status);
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, `DROP TABLE audit_findings, audit_plans, audit_programmes;`);
}
