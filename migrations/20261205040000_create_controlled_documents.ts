import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

// ISO 9001 clause 7.5: the controlled documents of an agency, one row per issue (lần ban hành),
// their revision log, and the external documents (legal texts) that the agency applies. The
// document-control procedure writes the first two; the ISO secretary keeps the third through the
// register framework, whose lifecycle columns it has.

// A version passes draft, in-review and pending-approval while its change runs; approval makes
// it issued, a later issue makes it obsolete, a withdrawal makes it withdrawn. A draft whose
// process instance ended without approval becomes cancelled.
const versionStatuses = `'draft', 'in-review', 'pending-approval', 'issued', 'obsolete', 'withdrawn', 'cancelled'`;

// Once issued, a version is evidence of an approved decision: only the move to obsolete or
// withdrawn, with the columns that record that move, may change it. The trigger enforces this
// for every writer, the procedure's workers included.
const lockFunction = `
CREATE FUNCTION controlled_documents_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IN ('issued', 'obsolete', 'withdrawn') THEN
      RAISE EXCEPTION 'controlled document % issue % is % and cannot be deleted',
        OLD.code, OLD.issue_number, OLD.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status IN ('obsolete', 'withdrawn', 'cancelled') THEN
    RAISE EXCEPTION 'controlled document % issue % is % and cannot change',
      OLD.code, OLD.issue_number, OLD.status USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status = 'issued' AND (
    NEW.status NOT IN ('issued', 'obsolete', 'withdrawn')
    OR (NEW.unit_id, NEW.code, NEW.title, NEW.document_type, NEW.issue_number, NEW.issue_date,
        NEW.content, NEW.link, NEW.retention_period, NEW.drafting_department_id, NEW.departments,
        NEW.change_type, NEW.change_summary, NEW.change_reason, NEW.drafted_by, NEW.reviewed_by,
        NEW.approved_by, NEW.approved_at, NEW.process_instance_key)
      IS DISTINCT FROM
       (OLD.unit_id, OLD.code, OLD.title, OLD.document_type, OLD.issue_number, OLD.issue_date,
        OLD.content, OLD.link, OLD.retention_period, OLD.drafting_department_id, OLD.departments,
        OLD.change_type, OLD.change_summary, OLD.change_reason, OLD.drafted_by, OLD.reviewed_by,
        OLD.approved_by, OLD.approved_at, OLD.process_instance_key)
  ) THEN
    RAISE EXCEPTION 'controlled document % issue % is issued and locked: change it through a new revision',
      OLD.code, OLD.issue_number USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$`;

// The revision log is append-only, like the history of an instance.
const appendOnlyFunction = `
CREATE FUNCTION document_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the document revision log is append-only' USING ERRCODE = 'check_violation';
END
$$`;

// Registers read these views: department names resolved, and the current versions apart from
// the archive of all versions.
const versionsView = `
CREATE VIEW controlled_document_versions AS
SELECT d.*,
  drafting.name AS drafting_department_name,
  (SELECT string_agg(coalesce(concerned.name, concerned_code.code), ', '
            ORDER BY concerned.sort_order, concerned_code.code)
     FROM jsonb_array_elements_text(d.departments) AS concerned_code(code)
     LEFT JOIN units concerned
       ON concerned.agency_id = d.unit_id AND concerned.code = concerned_code.code
  ) AS department_names
FROM controlled_documents d
LEFT JOIN units drafting ON drafting.id = d.drafting_department_id`;

export async function up(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    CREATE TABLE controlled_documents (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      code text NOT NULL CHECK (code ~ '^[A-Z0-9]+([.-][A-Z0-9]+)*$' AND length(code) <= 40),
      title text NOT NULL,
      document_type text NOT NULL
        CHECK (document_type IN ('manual', 'procedure', 'guide', 'form', 'external')),
      issue_number integer NOT NULL CHECK (issue_number > 0),
      issue_date date,
      status text NOT NULL CHECK (status IN (${versionStatuses})),
      change_type text NOT NULL CHECK (change_type IN ('new', 'revision')),
      change_summary text NOT NULL,
      change_reason text NOT NULL,
      content text NOT NULL,
      link text,
      retention_period text NOT NULL,
      drafting_department_id bigint REFERENCES units(id),
      departments jsonb NOT NULL DEFAULT '[]',
      drafted_by text,
      drafted_by_name text,
      reviewed_by text,
      reviewed_by_name text,
      reviewed_at timestamptz,
      approved_by text,
      approved_by_name text,
      approved_at timestamptz,
      obsolete_at timestamptz,
      superseded_by bigint REFERENCES controlled_documents(id),
      withdrawn_at timestamptz,
      withdrawal_reason text,
      source_reference text,
      change_key text,
      process_instance_key bigint REFERENCES process_instances(key),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      CHECK (status NOT IN ('issued', 'obsolete', 'withdrawn') OR issue_date IS NOT NULL)
    );
    CREATE UNIQUE INDEX controlled_documents_one_current ON controlled_documents (unit_id, code)
      WHERE status = 'issued';
    CREATE UNIQUE INDEX controlled_documents_one_change ON controlled_documents (unit_id, code)
      WHERE status IN ('draft', 'in-review', 'pending-approval');
    CREATE UNIQUE INDEX controlled_documents_issue_number
      ON controlled_documents (unit_id, code, issue_number) WHERE status <> 'cancelled';
    CREATE INDEX controlled_documents_instance ON controlled_documents (process_instance_key);

    CREATE TABLE document_revisions (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      document_id bigint NOT NULL REFERENCES controlled_documents(id),
      code text NOT NULL,
      title text NOT NULL,
      issue_number integer NOT NULL CHECK (issue_number > 0),
      change_type text NOT NULL CHECK (change_type IN ('new', 'revision', 'withdrawal')),
      change_date date NOT NULL,
      change_summary text NOT NULL,
      change_reason text,
      drafted_by text,
      drafted_by_name text,
      reviewed_by text,
      reviewed_by_name text,
      approved_by text,
      approved_by_name text,
      change_key text,
      source_reference text,
      process_instance_key bigint UNIQUE REFERENCES process_instances(key),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX document_revisions_code ON document_revisions (unit_id, code, issue_number);

    CREATE TABLE external_documents (
      id bigserial PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      document_number text NOT NULL,
      document_kind text NOT NULL
        CHECK (document_kind IN ('law', 'decree', 'decision', 'circular', 'standard', 'other')),
      title text NOT NULL,
      issuing_body text NOT NULL,
      issue_date date NOT NULL,
      effective_date date,
      link text,
      notes text,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'archived')),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      approved_at timestamptz,
      approved_by text,
      approved_by_name text
    );
    CREATE UNIQUE INDEX external_documents_number ON external_documents (unit_id, document_number)
      WHERE status <> 'archived';
  `,
  );
  // A function body has semicolons at line ends, which runStatements would split on, and each
  // of these is a single statement.
  await knex.raw(lockFunction);
  await knex.raw(appendOnlyFunction);
  await knex.raw(versionsView);
  await runStatements(
    knex,
    `
    CREATE TRIGGER controlled_documents_lock BEFORE UPDATE OR DELETE ON controlled_documents
      FOR EACH ROW EXECUTE FUNCTION controlled_documents_lock();
    CREATE TRIGGER document_revisions_append_only BEFORE UPDATE OR DELETE ON document_revisions
      FOR EACH ROW EXECUTE FUNCTION document_revisions_append_only();
    CREATE VIEW current_controlled_documents AS
      SELECT * FROM controlled_document_versions WHERE status = 'issued';
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(
    knex,
    `
    DROP VIEW current_controlled_documents;
    DROP VIEW controlled_document_versions;
    DROP TABLE external_documents, document_revisions, controlled_documents;
    DROP FUNCTION document_revisions_append_only();
    DROP FUNCTION controlled_documents_lock();
  `,
  );
}
