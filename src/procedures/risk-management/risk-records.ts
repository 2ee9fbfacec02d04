import type { Knex } from 'knex';
import type { RiskLevel } from './risk-matrix.js';

type Database = Knex | Knex.Transaction;
type Table = 'risks' | 'opportunities';

/** A row of the risk register in the shape the workers and routes use. */
export interface RiskRecord {
  id: string;
  code: string;
  departmentCode: string | null;
  departmentName: string | null;
  process: string;
  description: string;
  cause: string | null;
  consequence: string | null;
  likelihood: number;
  severity: number;
  score: number;
  level: RiskLevel;
  priority: string | null;
  treatmentOption: string | null;
  treatmentActions: string | null;
  treatmentDue: string | null;
  ownerUsername: string | null;
  ownerName: string | null;
  implementationNote: string | null;
  residualLikelihood: number | null;
  residualSeverity: number | null;
  residualScore: number | null;
  residualLevel: RiskLevel | null;
  assessedOn: string | null;
  reviewDate: string | null;
  lastReviewedOn: string | null;
  status: string;
  position: number | null;
}

/** A row of the opportunity register in the shape the workers and routes use. */
export interface OpportunityRecord {
  id: string;
  code: string;
  departmentCode: string | null;
  departmentName: string | null;
  process: string;
  description: string;
  benefit: number;
  feasibility: number;
  score: number;
  priority: RiskLevel;
  action: string | null;
  actionDue: string | null;
  ownerUsername: string | null;
  ownerName: string | null;
  implementationNote: string | null;
  resultNote: string | null;
  status: string;
  position: number | null;
}

// Dates are read as text, because pg turns a `date` into a Date at local midnight and PGlite at
// UTC midnight, and either would shift the day in some time zone.
const columns = {
  risks: {
    plain: [
      'id',
      'code',
      'department_code',
      'process',
      'description',
      'cause',
      'consequence',
      'likelihood',
      'severity',
      'score',
      'level',
      'priority',
      'treatment_option',
      'treatment_actions',
      'owner_username',
      'owner_name',
      'implementation_note',
      'residual_likelihood',
      'residual_severity',
      'residual_score',
      'residual_level',
      'status',
      'position',
    ],
    dates: ['treatment_due', 'assessed_on', 'review_date', 'last_reviewed_on'],
  },
  opportunities: {
    plain: [
      'id',
      'code',
      'department_code',
      'process',
      'description',
      'benefit',
      'feasibility',
      'score',
      'priority',
      'action',
      'owner_username',
      'owner_name',
      'implementation_note',
      'result_note',
      'status',
      'position',
    ],
    dates: ['action_due', 'assessed_on'],
  },
} as const;

function selectRows(db: Database, table: Table) {
  const { plain, dates } = columns[table];
  return db(table)
    .leftJoin('units as department', 'department.id', `${table}.department_id`)
    .select(
      ...plain.map((column) => `${table}.${column}`),
      'department.name as department_name',
      ...dates.map((column) => db.raw('??::text as ??', [`${table}.${column}`, column])),
    );
}

const text = (value: unknown): string | null => (value === null ? null : String(value));
const integer = (value: unknown): number | null => (value === null ? null : Number(value));

function toRisk(row: Record<string, unknown>): RiskRecord {
  return {
    id: String(row.id),
    code: String(row.code),
    departmentCode: text(row.department_code),
    departmentName: text(row.department_name),
    process: String(row.process),
    description: String(row.description),
    cause: text(row.cause),
    consequence: text(row.consequence),
    likelihood: Number(row.likelihood),
    severity: Number(row.severity),
    score: Number(row.score),
    level: row.level as RiskLevel,
    priority: text(row.priority),
    treatmentOption: text(row.treatment_option),
    treatmentActions: text(row.treatment_actions),
    treatmentDue: text(row.treatment_due),
    ownerUsername: text(row.owner_username),
    ownerName: text(row.owner_name),
    implementationNote: text(row.implementation_note),
    residualLikelihood: integer(row.residual_likelihood),
    residualSeverity: integer(row.residual_severity),
    residualScore: integer(row.residual_score),
    residualLevel: row.residual_level as RiskLevel | null,
    assessedOn: text(row.assessed_on),
    reviewDate: text(row.review_date),
    lastReviewedOn: text(row.last_reviewed_on),
    status: String(row.status),
    position: integer(row.position),
  };
}

function toOpportunity(row: Record<string, unknown>): OpportunityRecord {
  return {
    id: String(row.id),
    code: String(row.code),
    departmentCode: text(row.department_code),
    departmentName: text(row.department_name),
    process: String(row.process),
    description: String(row.description),
    benefit: Number(row.benefit),
    feasibility: Number(row.feasibility),
    score: Number(row.score),
    priority: row.priority as RiskLevel,
    action: text(row.action),
    actionDue: text(row.action_due),
    ownerUsername: text(row.owner_username),
    ownerName: text(row.owner_name),
    implementationNote: text(row.implementation_note),
    resultNote: text(row.result_note),
    status: String(row.status),
    position: integer(row.position),
  };
}

function instanceRows(db: Database, table: Table, processInstanceKey: string) {
  return selectRows(db, table)
    .where(`${table}.process_instance_key`, processInstanceKey)
    .orderBy(`${table}.position`);
}

// `FOR UPDATE OF` the register's table only, because the department of the outer join may be
// null, which PostgreSQL cannot lock.
async function findRow(
  db: Database,
  table: Table,
  unitId: string,
  id: string,
  forUpdate: boolean,
): Promise<Record<string, unknown> | undefined> {
  const query = selectRows(db, table)
    .where({ [`${table}.id`]: id, [`${table}.unit_id`]: unitId })
    .first();
  return forUpdate ? query.forUpdate(table) : query;
}

/** Reads the risks that one assessment instance identified, in the order it identified them. */
export async function readInstanceRisks(
  db: Database,
  processInstanceKey: string,
): Promise<RiskRecord[]> {
  return (await instanceRows(db, 'risks', processInstanceKey)).map(toRisk);
}

/** Reads the opportunities that one assessment instance identified, in their order. */
export async function readInstanceOpportunities(
  db: Database,
  processInstanceKey: string,
): Promise<OpportunityRecord[]> {
  return (await instanceRows(db, 'opportunities', processInstanceKey)).map(toOpportunity);
}

/** Reads one risk of a unit, or null; `forUpdate` locks its row for the transaction. */
export async function findRisk(
  db: Database,
  unitId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<RiskRecord | null> {
  const row = await findRow(db, 'risks', unitId, id, options.forUpdate ?? false);
  return row ? toRisk(row) : null;
}

/** Reads one opportunity of a unit, or null; `forUpdate` locks its row for the transaction. */
export async function findOpportunity(
  db: Database,
  unitId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<OpportunityRecord | null> {
  const row = await findRow(db, 'opportunities', unitId, id, options.forUpdate ?? false);
  return row ? toOpportunity(row) : null;
}

/** Reads a unit's risks that are not closed, optionally of one department, by code. */
export async function readOpenRisks(
  db: Database,
  unitId: string,
  departmentCode: string | null,
): Promise<RiskRecord[]> {
  const rows = await selectRows(db, 'risks')
    .where('risks.unit_id', unitId)
    .whereNot('risks.status', 'closed')
    .modify((query) => {
      if (departmentCode) query.where('risks.department_code', departmentCode);
    })
    .orderBy('risks.code');
  return rows.map(toRisk);
}

/** A department of an agency: its id, code and name. */
export interface Department {
  id: string;
  code: string;
  name: string;
}

/** Reads the departments of an agency by code. */
export async function readDepartments(
  db: Database,
  unitId: string,
): Promise<Map<string, Department>> {
  const rows = await db('units')
    .where({ agency_id: unitId, kind: 'department' })
    .orderBy('sort_order')
    .select('id', 'code', 'name');
  return new Map(
    rows.map((row) => [
      String(row.code),
      { id: String(row.id), code: String(row.code), name: String(row.name) },
    ]),
  );
}

/**
 * Returns the next `count` codes of a department in a register, such as `RR-VP-04` after
 * `RR-VP-03`. The caller holds the unit's lock, so two assessments never take the same code.
 */
export async function nextCodes(
  db: Database,
  table: Table,
  unitId: string,
  prefix: string,
  count: number,
): Promise<string[]> {
  const codes: string[] = await db(table)
    .where({ unit_id: unitId })
    .andWhere('code', 'like', `${prefix}-%`)
    .pluck('code');
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  const highest = codes.reduce((max, code) => {
    const match = pattern.exec(code);
    return match ? Math.max(max, Number(match[1])) : max;
  }, 0);
  return Array.from(
    { length: count },
    (_, index) => `${prefix}-${String(highest + index + 1).padStart(2, '0')}`,
  );
}

/**
 * Takes the unit's row lock for the rest of the transaction, so that codes are numbered one
 * assessment after another.
 */
export async function lockUnit(trx: Knex.Transaction, unitId: string): Promise<void> {
  await trx('units').where({ id: unitId }).forUpdate().first('id');
}
