import type { Knex } from 'knex';
import { EisoError, notFound } from '../../errors.js';
import { acknowledgementSubject } from './document-workers.js';
import {
  departmentsByCode,
  findIssuedVersion,
  listVersions,
  type Department,
  type VersionRow,
} from './document-store.js';

function isoOrNull(value: unknown): string | null {
  return value ? new Date(value as string).toISOString() : null;
}

function presentVersion(version: VersionRow, departments: Map<string, Department>) {
  const drafting = [...departments.values()].find(
    (department) => department.id === version.drafting_department_id,
  );
  return {
    id: version.id,
    code: version.code,
    title: version.title,
    documentType: version.document_type,
    issueNumber: version.issue_number,
    issueDate: version.issue_date,
    status: version.status,
    changeType: version.change_type,
    changeSummary: version.change_summary,
    changeReason: version.change_reason,
    content: version.content,
    link: version.link,
    retentionPeriod: version.retention_period,
    draftingDepartment: drafting ? { code: drafting.code, name: drafting.name } : null,
    departments: version.departments.map((code) => ({
      code,
      name: departments.get(code)?.name ?? code,
    })),
    draftedByName: version.drafted_by_name,
    reviewedByName: version.reviewed_by_name,
    approvedByName: version.approved_by_name,
    approvedAt: isoOrNull(version.approved_at),
    withdrawnAt: isoOrNull(version.withdrawn_at),
    changeKey: version.change_key,
  };
}

/** Reads the revision log of a document, the latest change first. */
async function readRevisions(db: Knex, unitId: string, code: string) {
  const rows = await db('document_revisions')
    .where({ unit_id: unitId, code })
    .orderBy([
      { column: 'document_revisions.change_date', order: 'desc' },
      { column: 'document_revisions.id', order: 'desc' },
    ])
    .select('*', db.raw('change_date::text as change_day'));
  return rows.map((row) => ({
    issueNumber: Number(row.issue_number),
    changeType: row.change_type as string,
    changeDate: row.change_day as string,
    changeSummary: row.change_summary as string,
    changeReason: row.change_reason as string | null,
    draftedByName: row.drafted_by_name as string | null,
    reviewedByName: row.reviewed_by_name as string | null,
    approvedByName: row.approved_by_name as string | null,
    changeKey: row.change_key as string | null,
  }));
}

async function readAcknowledgements(db: Knex, unitId: string, processInstanceKey: string | null) {
  if (!processInstanceKey) return [];
  const rows = await db('acknowledgements')
    .join('units', 'units.id', 'acknowledgements.department_id')
    .where({
      'acknowledgements.unit_id': unitId,
      'acknowledgements.process_instance_key': processInstanceKey,
      'acknowledgements.subject': acknowledgementSubject,
    })
    .orderBy('units.sort_order')
    .select('acknowledgements.*', 'units.code', 'units.name');
  return rows.map((row) => ({
    department: { code: row.code as string, name: row.name as string },
    actor: row.actor as string,
    note: row.note as string | null,
    acknowledgedAt: isoOrNull(row.acknowledged_at),
  }));
}

// Names why a code has no current version, so that a caller who followed an old link learns
// that the document was withdrawn or replaced instead of a bare "not found".
function noCurrentVersion(code: string, versions: VersionRow[]): EisoError {
  const archive = `Its issues stay readable in the archive at /api/documents/${code}/versions.`;
  const latest = versions.find((version) => version.status !== 'cancelled');
  if (!latest) return notFound('Document', `${code} in the register of controlled documents`);
  if (latest.status === 'withdrawn') {
    const on = latest.withdrawn_at ? ` on ${isoOrNull(latest.withdrawn_at)?.slice(0, 10)}` : '';
    return new EisoError(
      'EISO_ERR_NOT_FOUND',
      `Document ${code} has no current version: issue ${latest.issue_number} was withdrawn${on}. ${archive}`,
    );
  }
  if (latest.status === 'obsolete') {
    return new EisoError(
      'EISO_ERR_NOT_FOUND',
      `Document ${code} has no current version: only obsolete issues exist, the latest being issue ${latest.issue_number}. ${archive}`,
    );
  }
  return new EisoError(
    'EISO_ERR_NOT_FOUND',
    `Document ${code} has no current version yet: issue ${latest.issue_number} is ${latest.status} in change ${latest.change_key ?? 'without a key'}.`,
  );
}

/**
 * Reads the issued version of a document with its revision log and the acknowledgements of the
 * change that issued it. Only an issued version is served: an obsolete one never is.
 */
export async function readCurrentDocument(db: Knex, unitId: string, code: string) {
  const current = await findIssuedVersion(db, unitId, code);
  if (!current) throw noCurrentVersion(code, await listVersions(db, unitId, code));
  const departments = await departmentsByCode(db, unitId);
  return {
    ...presentVersion(current, departments),
    revisions: await readRevisions(db, unitId, code),
    acknowledgements: await readAcknowledgements(db, unitId, current.process_instance_key),
  };
}

/** Reads every version of a document, the latest issue first, with the current issue number. */
export async function readDocumentVersions(db: Knex, unitId: string, code: string) {
  const versions = await listVersions(db, unitId, code);
  if (versions.length === 0)
    throw notFound('Document', `${code} in the register of controlled documents`);
  const departments = await departmentsByCode(db, unitId);
  const current = versions.find((version) => version.status === 'issued');
  return {
    code,
    currentIssueNumber: current?.issue_number ?? null,
    items: versions.map((version) => presentVersion(version, departments)),
  };
}

/**
 * Builds the conflict that a direct edit of a controlled document meets: an issued, obsolete or
 * withdrawn version is locked, and a draft changes only through its procedure's tasks.
 */
export async function lockedVersionError(db: Knex, unitId: string, id: string): Promise<EisoError> {
  const version = await db('controlled_documents')
    .where({ unit_id: unitId, id })
    .first('code', 'issue_number', 'status', 'change_key');
  if (!version) return notFound('Controlled document version', id);
  const name = `Controlled document ${version.code} issue ${version.issue_number}`;
  const restart =
    'Start the document-control procedure (POST /api/procedures/document-control/instances) and propose a revision or withdrawal; the board approves it before it takes effect.';
  if (version.status === 'issued')
    return new EisoError(
      'EISO_ERR_CONFLICT',
      `${name} is issued and locked: ISO 9001 clause 7.5.3.2 requires each change to be approved first. ${restart}`,
    );
  if (version.status === 'obsolete' || version.status === 'withdrawn')
    return new EisoError(
      'EISO_ERR_CONFLICT',
      `${name} is ${version.status} and archived unchanged as a record. ${restart}`,
    );
  return new EisoError(
    'EISO_ERR_CONFLICT',
    `${name} is ${version.status} in change ${version.change_key ?? ''}: edit it through that change's drafting task, not through the register.`,
  );
}
