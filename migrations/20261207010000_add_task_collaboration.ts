import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// Collaboration on user tasks: delegation (the owner keeps the task while a delegate works on
// it), the substitute who received a task for an absent user, comments, attachments and the
// absence rules that pick the substitute.
export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    ALTER TABLE user_tasks
      ADD COLUMN owner text,
      ADD COLUMN delegation_state text CHECK (delegation_state IN ('PENDING', 'RESOLVED')),
      ADD COLUMN delegation_proposal jsonb,
      ADD COLUMN substitute_for text;

    CREATE TABLE task_comments (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      user_task_key bigint NOT NULL REFERENCES user_tasks(key),
      process_instance_key bigint NOT NULL REFERENCES process_instances(key),
      author text NOT NULL,
      body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
      mentions text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX task_comments_task ON task_comments (user_task_key, created_at);
    CREATE INDEX task_comments_instance ON task_comments (process_instance_key, created_at);

    CREATE TABLE task_attachments (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      user_task_key bigint NOT NULL REFERENCES user_tasks(key),
      process_instance_key bigint NOT NULL REFERENCES process_instances(key),
      file_name text NOT NULL,
      media_type text NOT NULL,
      size_bytes integer NOT NULL,
      sha256 text NOT NULL,
      -- The file itself, unless ATTACHMENT_DIR keeps files in a folder: then storage_path.
      content bytea,
      storage_path text,
      uploaded_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (content IS NOT NULL OR storage_path IS NOT NULL)
    );
    CREATE INDEX task_attachments_task ON task_attachments (user_task_key, created_at);

    CREATE TABLE substitutes (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      username text NOT NULL,
      substitute text NOT NULL,
      from_date date NOT NULL,
      to_date date NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (from_date <= to_date),
      CHECK (username <> substitute)
    );
    CREATE INDEX substitutes_user ON substitutes (unit_id, username, from_date);
    `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP TABLE substitutes;
    DROP TABLE task_attachments;
    DROP TABLE task_comments;
    ALTER TABLE user_tasks
      DROP COLUMN owner,
      DROP COLUMN delegation_state,
      DROP COLUMN delegation_proposal,
      DROP COLUMN substitute_for;
    `,
  );
}
