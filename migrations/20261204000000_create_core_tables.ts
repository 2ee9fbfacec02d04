import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// Every row that belongs to an agency carries `unit_id`, the organisation unit
// of that agency, so that one deployment serves many agencies in isolation.
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE units (
      id bigserial PRIMARY KEY,
      parent_id bigint REFERENCES units(id),
      agency_id bigint REFERENCES units(id),
      code text NOT NULL,
      name text NOT NULL,
      name_en text,
      -- Letterhead of an agency's documents: its superior agency, the name
      -- printed in the letterhead and the place written before the date.
      superior_name text,
      letterhead_name text,
      place text,
      kind text NOT NULL CHECK (kind IN ('agency', 'department', 'board')),
      sort_order integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX units_agency_code ON units (coalesce(agency_id, id), code);

    CREATE TABLE users (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      department_id bigint REFERENCES units(id),
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      title text,
      email text,
      password_hash text NOT NULL,
      locale text NOT NULL DEFAULT 'vi',
      is_demo boolean NOT NULL DEFAULT false,
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE groups (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      department_id bigint REFERENCES units(id),
      code text NOT NULL,
      name text NOT NULL,
      name_en text,
      UNIQUE (unit_id, code)
    );

    CREATE TABLE memberships (
      group_id bigint NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      PRIMARY KEY (group_id, user_id)
    );
    CREATE INDEX memberships_user ON memberships (user_id);

    CREATE TABLE sessions (
      sid text PRIMARY KEY,
      data jsonb NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_expires ON sessions (expires_at);

    CREATE TABLE settings (
      name text PRIMARY KEY,
      value text NOT NULL
    );

    CREATE TABLE deployments (
      key bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      deployed_by text,
      deployed_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE process_definitions (
      key bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      deployment_key bigint NOT NULL REFERENCES deployments(key),
      bpmn_process_id text NOT NULL,
      version integer NOT NULL,
      name text,
      resource_name text NOT NULL,
      xml text NOT NULL,
      checksum text NOT NULL,
      deployed_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (unit_id, bpmn_process_id, version)
    );

    CREATE TABLE forms (
      key bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      deployment_key bigint NOT NULL REFERENCES deployments(key),
      form_id text NOT NULL,
      version integer NOT NULL,
      resource_name text NOT NULL,
      schema jsonb NOT NULL,
      checksum text NOT NULL,
      deployed_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (unit_id, form_id, version)
    );

    CREATE TABLE process_instances (
      key bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      process_definition_key bigint NOT NULL REFERENCES process_definitions(key),
      bpmn_process_id text NOT NULL,
      version integer NOT NULL,
      business_key text,
      state text NOT NULL CHECK (state IN ('ACTIVE', 'COMPLETED', 'TERMINATED')),
      engine_state jsonb,
      variables jsonb NOT NULL DEFAULT '{}',
      revision integer NOT NULL DEFAULT 0,
      has_incident boolean NOT NULL DEFAULT false,
      pending_command jsonb,
      started_by text,
      started_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz
    );
    CREATE INDEX process_instances_unit_state ON process_instances (unit_id, state, started_at DESC);
    CREATE INDEX process_instances_business_key ON process_instances (unit_id, business_key);

    CREATE TABLE user_tasks (
      key bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      process_instance_key bigint NOT NULL REFERENCES process_instances(key),
      process_definition_key bigint NOT NULL REFERENCES process_definitions(key),
      bpmn_process_id text NOT NULL,
      element_id text NOT NULL,
      element_instance_key text NOT NULL,
      name text,
      state text NOT NULL CHECK (state IN ('CREATED', 'COMPLETED', 'CANCELED')),
      assignee text,
      candidate_groups text[] NOT NULL DEFAULT '{}',
      candidate_users text[] NOT NULL DEFAULT '{}',
      form_id text,
      form_key text,
      due_date timestamptz,
      follow_up_date timestamptz,
      priority integer NOT NULL DEFAULT 50,
      local_variables jsonb NOT NULL DEFAULT '{}',
      completion_variables jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      completed_by text,
      UNIQUE (process_instance_key, element_instance_key)
    );
    CREATE INDEX user_tasks_assignee ON user_tasks (unit_id, assignee, state);
    CREATE INDEX user_tasks_candidate_groups ON user_tasks USING gin (candidate_groups);
    CREATE INDEX user_tasks_instance ON user_tasks (process_instance_key);

    CREATE TABLE jobs (
      key bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      process_instance_key bigint NOT NULL REFERENCES process_instances(key),
      element_id text NOT NULL,
      element_instance_key text NOT NULL,
      type text NOT NULL,
      state text NOT NULL CHECK (state IN ('CREATED', 'COMPLETED', 'FAILED', 'CANCELED')),
      retries integer NOT NULL,
      error_message text,
      due_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (process_instance_key, element_instance_key)
    );
    CREATE INDEX jobs_due ON jobs (state, due_at);

    CREATE TABLE timers (
      key bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      process_instance_key bigint NOT NULL REFERENCES process_instances(key),
      element_id text NOT NULL,
      element_instance_key text NOT NULL,
      due_at timestamptz NOT NULL,
      state text NOT NULL CHECK (state IN ('CREATED', 'TRIGGERED', 'CANCELED')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX timers_instance ON timers (process_instance_key, state);
    CREATE INDEX timers_due ON timers (state, due_at);

    CREATE TABLE incidents (
      key bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      process_instance_key bigint NOT NULL REFERENCES process_instances(key),
      process_definition_key bigint NOT NULL REFERENCES process_definitions(key),
      bpmn_process_id text NOT NULL,
      element_id text,
      element_instance_key text,
      job_key bigint,
      error_type text NOT NULL,
      error_message text NOT NULL,
      state text NOT NULL CHECK (state IN ('ACTIVE', 'RESOLVED')),
      created_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz
    );
    CREATE INDEX incidents_instance ON incidents (process_instance_key);

    CREATE TABLE history_events (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      process_instance_key bigint REFERENCES process_instances(key),
      position integer NOT NULL,
      type text NOT NULL,
      element_id text,
      element_instance_key text,
      actor text,
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      previous_hash text NOT NULL,
      hash text NOT NULL,
      UNIQUE (process_instance_key, position)
    );

    CREATE TABLE objectives (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      year integer NOT NULL,
      position integer NOT NULL,
      title text NOT NULL,
      indicator text NOT NULL,
      formula text,
      target_value numeric NOT NULL,
      target_unit text NOT NULL,
      owner_department_id bigint REFERENCES units(id),
      deadline date,
      resources text,
      evaluation_method text,
      status text NOT NULL CHECK (status IN ('draft', 'approved', 'disseminated')),
      process_instance_key bigint REFERENCES process_instances(key),
      created_at timestamptz NOT NULL DEFAULT now(),
      approved_at timestamptz,
      approved_by text,
      disseminated_at timestamptz
    );
    CREATE INDEX objectives_unit_year ON objectives (unit_id, year);

    CREATE TABLE approvals (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      process_instance_key bigint NOT NULL REFERENCES process_instances(key),
      subject text NOT NULL,
      decision text NOT NULL CHECK (decision IN ('approve', 'return')),
      comment text,
      actor text NOT NULL,
      actor_name text NOT NULL,
      decided_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX approvals_instance ON approvals (process_instance_key);

    CREATE TABLE acknowledgements (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      process_instance_key bigint NOT NULL REFERENCES process_instances(key),
      subject text NOT NULL,
      department_id bigint NOT NULL REFERENCES units(id),
      actor text NOT NULL,
      note text,
      acknowledged_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (process_instance_key, subject, department_id)
    );
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE acknowledgements, approvals, objectives, history_events, incidents, timers, jobs,
      user_tasks, process_instances, forms, process_definitions, deployments, settings, sessions,
      memberships, groups, users, units;
  `,
  );
}
