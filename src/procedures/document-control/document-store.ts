import type { Knex } from 'knex';

type Database = Knex | Knex.Transaction;

/** The statuses of a version whose change is still running. */
export const inProgressStatuses = ['draft', 'in-review', 'pending-approval'] as const;

/** A row of `controlled_documents`, with the columns the procedure reads. */
export interface VersionRow {
  id: string;
  code: string;
  title: string;
  document_type: string;
  issue_number: number;
  issue_date: string | null;
  status: string;
  change_type: string;
  change_summary: string;
  change_reason: string;
  content: string;
  link: string | null;
  retention_period: string;
  drafting_department_id: string | null;
  departments: string[];
  drafted_by: string | null;
  drafted_by_name: string | null;
  reviewed_by: string | null;
  reviewed_by_name: string | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: string | null;
  withdrawn_at: string | null;
  change_key: string | null;
  process_instance_key: string | null;
}

// Dates are read as text: pg turns a `date` into a Date at local midnight and PGlite at UTC
// midnight, and either would shift the day in some time zone.
function versionColumns(db: Database): (string | Knex.Raw)[] {
  return ['controlled_documents.*', db.raw('controlled_documents.issue_date::text as issue_date')];
}

function toVersionRow(row: Record<string, unknown>): VersionRow {
  const departments = row.departments;
  return {
    ...(row as unknown as VersionRow),
    id: String(row.id),
    issue_number: Number(row.issue_number),
    departments: (typeof departments === 'string' ? JSON.parse(departments) : departments) ?? [],
    process_instance_key: row.process_instance_key ? String(row.process_instance_key) : null,
    drafting_department_id: row.drafting_department_id ? String(row.drafting_department_id) : null,
  };
}

/** Reads the issued version of a document, locked for the rest of the transaction when asked. */
export async function findIssuedVersion(
  db: Database,
  unitId: string,
  code: string,
  options: { forUpdate?: boolean } = {},
): Promise<VersionRow | null> {
  const query = db('controlled_documents')
    .where({ unit_id: unitId, code, status: 'issued' })
    .first(versionColumns(db));
  const row = await (options.forUpdate ? query.forUpdate() : query);
  return row ? toVersionRow(row) : null;
}

/** Reads every version of a document, the latest issue first. */
export async function listVersions(
  db: Database,
  unitId: string,
  code: string,
): Promise<VersionRow[]> {
  const rows = await db('controlled_documents')
    .where({ unit_id: unitId, code })
    .orderBy([
      { column: 'controlled_documents.issue_number', order: 'desc' },
      { column: 'controlled_documents.id', order: 'desc' },
    ])
    .select(versionColumns(db));
  return rows.map(toVersionRow);
}

/** Reads the version that a process instance drafts, if it wrote one. */
export async function findDraftOfInstance(
  db: Database,
  processInstanceKey: string,
  options: { forUpdate?: boolean } = {},
): Promise<VersionRow | null> {
  const query = db('controlled_documents')
    .where({ process_instance_key: processInstanceKey })
    .whereNot('status', 'cancelled')
    .orderBy('controlled_documents.id', 'desc')
    .first(versionColumns(db));
  const row = await (options.forUpdate ? query.forUpdate() : query);
  return row ? toVersionRow(row) : null;
}

/** Reads the issued versions of a unit, ordered by code. */
export async function listIssuedVersions(db: Database, unitId: string): Promise<VersionRow[]> {
  const rows = await db('controlled_documents')
    .where({ unit_id: unitId, status: 'issued' })
    .orderBy('controlled_documents.code')
    .select(versionColumns(db));
  return rows.map(toVersionRow);
}

/** A department of the agency. */
export interface Department {
  id: string;
  code: string;
  name: string;
}

/** Reads the agency's departments by code, in their display order. */
export async function departmentsByCode(
  db: Database,
  unitId: string,
): Promise<Map<string, Department>> {
  const rows = await db('units')
    .where({ agency_id: unitId, kind: 'department' })
    .orderBy('sort_order')
    .select('id', 'code', 'name');
  return new Map(
    rows.map((row) => [
      row.code as string,
      { id: String(row.id), code: row.code as string, name: row.name as string },
    ]),
  );
}

/** Returns the display name of a user of the unit, or the username when there is none. */
export async function displayNameOf(db: Database, username: string | null): Promise<string | null> {
  if (!username) return null;
  const row = await db('users').where({ username }).first('display_name');
  return (row?.display_name as string | undefined) ?? username;
}

/** The last completion of a user task of an instance: who, when and with which variables. */
export interface Completion {
  elementId: string;
  username: string;
  displayName: string;
  completedAt: string;
  variables: Record<string, unknown>;
}

/** Reads the latest completion among the user tasks `elementIds` of an instance. */
export async function lastCompletion(
  db: Database,
  processInstanceKey: string,
  elementIds: string[],
): Promise<Completion | null> {
  const row = await db('user_tasks')
    .where({ process_instance_key: processInstanceKey, state: 'COMPLETED' })
    .whereIn('element_id', elementIds)
    .orderBy([
      { column: 'completed_at', order: 'desc' },
      { column: 'key', order: 'desc' },
    ])
    .first('element_id', 'completed_by', 'completed_at', 'completion_variables');
  if (!row) return null;
  const username = row.completed_by as string;
  return {
    elementId: row.element_id as string,
    username,
    displayName: (await displayNameOf(db, username)) ?? username,
    completedAt: new Date(row.completed_at as string).toISOString(),
    variables: (row.completion_variables as Record<string, unknown> | null) ?? {},
  };
}

/**
 * Takes the unit's row lock for the rest of the transaction, so that two changes of the same
 * document code are checked and claimed one after the other.
 */
export async function lockUnit(trx: Knex.Transaction, unitId: string): Promise<void> {
  await trx('units').where({ id: unitId }).forUpdate().first('id');
}

export { agencyDate as vietnamDate } from '../../agency-time.js';

/** Formats a `YYYY-MM-DD` date as Vietnamese forms write it, `dd/mm/yyyy`. */
export function displayDate(value: string | null): string | null {
  if (!value) return null;
  const [year, month, day] = value.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}
