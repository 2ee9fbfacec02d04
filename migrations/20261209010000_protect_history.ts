import type { Knex } from 'knex';

// The history is evidence for auditors, so the database itself rejects any change to a written
// event or daily digest: a statement trigger raises on UPDATE, DELETE and TRUNCATE, whoever runs
// them. Only the table's owner (or a superuser) can disable the trigger, so the service should
// run under a role that does not own these tables (see the README).
const appendOnlyFunction = `
  CREATE FUNCTION eiso_reject_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'eiso: % on % is not allowed, the history is append-only', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END
  $$`;

const statements = [
  appendOnlyFunction,
  `CREATE TRIGGER history_events_append_only
     BEFORE UPDATE OR DELETE OR TRUNCATE ON history_events
     FOR EACH STATEMENT EXECUTE FUNCTION eiso_reject_history_change()`,

  // A unit's own chain (events outside instances) gets the same guarantee as an instance's
  // chain: one event per position, so two writers cannot both extend it from the same event.
  `CREATE UNIQUE INDEX history_events_unit_chain ON history_events (unit_id, position)
     WHERE process_instance_key IS NULL`,
  // Daily digests and the verification of a period read a unit's events by time.
  `CREATE INDEX history_events_unit_time ON history_events (unit_id, created_at)`,

  // One row per unit and Vietnam calendar day, chained day after day: the SHA-256 over the
  // previous digest, the day's event count and last event id, and every event hash of the day.
  `CREATE TABLE history_digests (
     id bigserial PRIMARY KEY,
     unit_id bigint NOT NULL REFERENCES units(id),
     day date NOT NULL,
     event_count integer NOT NULL,
     last_event_id bigint,
     previous_hash text NOT NULL,
     digest_hash text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (unit_id, day)
   )`,
  `CREATE TRIGGER history_digests_append_only
     BEFORE UPDATE OR DELETE OR TRUNCATE ON history_digests
     FOR EACH STATEMENT EXECUTE FUNCTION eiso_reject_history_change()`,
];

export async function up(knex: Knex): Promise<void> {
  // One statement per query: PGlite's extended protocol takes no more, and the function body
  // holds semicolons that the migrations' script splitter would cut at.
  for (const statement of statements) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  for (const statement of [
    'DROP TABLE history_digests',
    'DROP TRIGGER history_events_append_only ON history_events',
    'DROP INDEX history_events_unit_time',
    'DROP INDEX history_events_unit_chain',
    'DROP FUNCTION eiso_reject_history_change()',
  ])
    await knex.raw(statement);
}
