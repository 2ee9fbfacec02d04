import type { Knex } from 'knex';
import { appendUnitHistory } from '../history/unit-history.js';
import { contextIssuesRegister } from '../registers/context/context-issues.js';
import { interestedPartiesRegister } from '../registers/context/interested-parties.js';
import { qmsScopeRegister } from '../registers/context/qms-scope.js';
import { qualityPolicyRegister } from '../registers/context/quality-policy.js';
import { toRow } from '../registers/framework/record-store.js';
import type { RegisterDefinition } from '../registers/framework/register-definition.js';

type Status = 'draft' | 'approved' | 'archived';

/** A context issue (clause 4.1) to seed. */
export interface ContextIssueSeed {
  issueType: 'internal' | 'external';
  category: string;
  description: string;
  impact: string;
  climateRelated: boolean;
  reviewDate: string | null;
  status: Status;
}

/** An interested party (clause 4.2) to seed. */
export interface InterestedPartySeed {
  name: string;
  partyType: 'internal' | 'external';
  requirements: string;
  howMet: string;
  monitoring: string;
  reviewDate: string | null;
  status: Status;
}

/** A version of the QMS scope (clause 4.3) to seed. */
export interface QmsScopeSeed {
  scopeStatement: string;
  sites: string[];
  procedures: string[];
  exclusions: { clause: string; justification: string }[];
  effectiveDate: string;
  status: Status;
}

/** A version of the quality policy (clause 5.2) to seed. */
export interface QualityPolicySeed {
  version: number;
  content: string;
  decisionNumber: string;
  issueDate: string;
  status: Status;
}

/** The records of an agency's context registers. */
export interface ContextRegisterContent {
  contextIssues: ContextIssueSeed[];
  interestedParties: InterestedPartySeed[];
  scopes: QmsScopeSeed[];
  policies: QualityPolicySeed[];
}

/** The author of the seeded records and the approver of the approved ones. */
export interface SeedAuthors {
  author: string;
  approver: { username: string; displayName: string };
}

// An approved record needs its approval data. The seed dates the approval at the record's review,
// effective or issue date, or at 1 July 2025 when the record has none.
function approvalOf(values: { status: Status }, date: string | null, authors: SeedAuthors) {
  if (values.status === 'draft') return {};
  return {
    approved_at: `${date ?? '2025-07-01'}T09:00:00+07:00`,
    approved_by: authors.approver.username,
    approved_by_name: authors.approver.displayName,
  };
}

async function insertRecords<T extends { status: Status }>(
  trx: Knex.Transaction,
  unitId: string,
  definition: RegisterDefinition,
  records: T[],
  authors: SeedAuthors,
  dateOf: (record: T) => string | null,
): Promise<string[]> {
  if (records.length === 0) return [];
  const rows = records.map((record) => ({
    ...toRow(definition, record),
    unit_id: unitId,
    created_by: authors.author,
    updated_by: authors.author,
    ...approvalOf(record, dateOf(record), authors),
  }));
  const inserted = await trx(definition.table).insert(rows).returning('id');
  return inserted.map((row) => String(row.id));
}

/**
 * Inserts the records of the four context registers of a unit, and one history event that lists
 * them, so that the unit's history accounts for records that no user created.
 */
export async function seedContextRegisters(
  trx: Knex.Transaction,
  unitId: string,
  content: ContextRegisterContent,
  authors: SeedAuthors,
): Promise<void> {
  const ids = {
    [contextIssuesRegister.name]: await insertRecords(
      trx,
      unitId,
      contextIssuesRegister,
      content.contextIssues,
      authors,
      (record) => record.reviewDate,
    ),
    [interestedPartiesRegister.name]: await insertRecords(
      trx,
      unitId,
      interestedPartiesRegister,
      content.interestedParties,
      authors,
      (record) => record.reviewDate,
    ),
    [qmsScopeRegister.name]: await insertRecords(
      trx,
      unitId,
      qmsScopeRegister,
      content.scopes,
      authors,
      (record) => record.effectiveDate,
    ),
    [qualityPolicyRegister.name]: await insertRecords(
      trx,
      unitId,
      qualityPolicyRegister,
      content.policies,
      authors,
      (record) => record.issueDate,
    ),
  };
  await appendUnitHistory(trx, unitId, {
    type: 'REGISTER_RECORDS_SEEDED',
    actor: 'system',
    data: { recordIds: ids },
  });
}
