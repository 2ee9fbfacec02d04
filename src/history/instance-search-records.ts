import type { Knex } from 'knex';
import { notFound } from '../errors.js';
import { starterName } from './instance-view.js';

/** Registers whose records link to the instances that touched them. */
export const recordRegisters = ['objectives', 'audit-findings', 'risks'] as const;
export type RecordRegister = (typeof recordRegisters)[number];

/** How an instance touched a record. */
export type RecordLink = 'record' | 'businessKey' | 'variable';

/** What identifies the instances of one record. */
interface RecordReferences {
  /** Instances that the record stores: the one that wrote it, or one it started. */
  instanceKeys: string[];
  /** Business keys of instances that the record names. */
  businessKeys: string[];
  /**
   * References that a top-level text variable of an instance equals, or starts with followed by
   * ` / `, such as a corrective action's `sourceReference`.
   */
  texts: string[];
}

/** An instance row with how it touched the record. */
export type RecordInstanceRow = Record<string, unknown> & { links: RecordLink[] };

/**
 * Lists the instances of a unit that touched one register record, newest first: the instance
 * that wrote it, the instances that it started or names by business key, and the instances whose
 * variables name it. Throws 404 when the record is not in the unit.
 */
export async function instancesOfRecord(
  db: Knex,
  unitId: string,
  register: RecordRegister,
  recordId: string,
): Promise<RecordInstanceRow[]> {
  const references = await referencesOf(db, unitId, register, recordId);
  const rows: Record<string, unknown>[] = await db('process_instances as i')
    .join('process_definitions as d', 'd.key', 'i.process_definition_key')
    .where('i.unit_id', unitId)
    .where((touched) => {
      touched
        .whereIn('i.key', references.instanceKeys)
        .orWhereIn('i.business_key', references.businessKeys);
      // NOTE: this reads every variable of the unit's instances; it runs for one record at a
      // time, and no index serves a match on any variable's value.
      for (const text of references.texts) {
        touched.orWhereExists(
          db
            .select(db.raw('1'))
            .fromRaw(db.raw('jsonb_each_text(i.variables) AS v(name, value)'))
            .where((value) =>
              value.where('v.value', text).orWhereRaw('strpos(v.value, ?) = 1', [`${text} / `]),
            ),
        );
      }
    })
    .orderBy([
      { column: 'i.started_at', order: 'desc' },
      { column: 'i.key', order: 'desc' },
    ])
    .select('i.*', 'd.name as process_name', starterName(db));
  return rows.map((row) => ({ ...row, links: linksOf(row, references) }));
}

function linksOf(row: Record<string, unknown>, references: RecordReferences): RecordLink[] {
  const links: RecordLink[] = [];
  if (references.instanceKeys.includes(String(row.key))) links.push('record');
  if (row.business_key && references.businessKeys.includes(String(row.business_key)))
    links.push('businessKey');
  if (links.length === 0) links.push('variable');
  return links;
}

async function referencesOf(
  db: Knex,
  unitId: string,
  register: RecordRegister,
  recordId: string,
): Promise<RecordReferences> {
  if (register === 'objectives') return objectiveReferences(db, unitId, recordId);
  if (register === 'audit-findings') return findingReferences(db, unitId, recordId);
  return riskReferences(db, unitId, recordId);
}

const keysOf = (values: unknown[]): string[] =>
  values.filter((value) => value !== null && value !== undefined).map(String);

async function objectiveReferences(db: Knex, unitId: string, id: string) {
  const objective = await db('objectives')
    .where({ unit_id: unitId, id })
    .first('year', 'position', 'process_instance_key');
  if (!objective) throw notFound('Objective', id);
  const measurements: unknown[] = await db('objective_measurements')
    .where({ objective_id: id })
    .pluck('process_instance_key');
  const position = String(objective.position).padStart(2, '0');
  return {
    instanceKeys: keysOf([objective.process_instance_key, ...measurements]),
    businessKeys: [],
    // A corrective action for a missed objective names it `MTCL-<year> / MT-<position> / <period>`.
    texts: [`MTCL-${objective.year} / MT-${position}`],
  };
}

async function findingReferences(db: Knex, unitId: string, id: string) {
  const finding = await db('audit_findings as f')
    .join('audit_plans as p', 'p.id', 'f.plan_id')
    .join('audit_programmes as g', 'g.id', 'p.programme_id')
    .where({ 'f.unit_id': unitId, 'f.id': id })
    .first(
      'f.reference',
      'f.corrective_action_key',
      'f.corrective_action_instance_key',
      'p.reference as plan_reference',
      'g.process_instance_key',
    );
  if (!finding) throw notFound('Audit finding', id);
  return {
    instanceKeys: keysOf([finding.process_instance_key, finding.corrective_action_instance_key]),
    businessKeys: keysOf([finding.corrective_action_key]),
    texts: [`${finding.plan_reference} / ${finding.reference}`],
  };
}

async function riskReferences(db: Knex, unitId: string, id: string) {
  const risk = await db('risks')
    .where({ unit_id: unitId, id })
    .first('code', 'process_instance_key');
  if (!risk) throw notFound('Risk', id);
  return {
    instanceKeys: keysOf([risk.process_instance_key]),
    businessKeys: [],
    texts: [risk.code as string],
  };
}
