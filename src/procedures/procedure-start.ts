import type { Knex } from 'knex';
import type { Variables } from '../engine/process-engine.js';
import { loadUnitSettings } from '../settings/unit-settings.js';
import { procedureModule } from './index.js';

/**
 * Returns the variables that every instance of a unit starts with: the unit's settings, its
 * departments as codes and as form options, the year and who started it.
 */
export async function startVariables(
  db: Knex | Knex.Transaction,
  unitId: string,
  options: { year: number; initiator: string | null },
): Promise<Variables> {
  const departments = await db('units')
    .where({ agency_id: unitId, kind: 'department' })
    .orderBy('sort_order')
    .select('code', 'name');
  return {
    settings: await loadUnitSettings(db, unitId),
    departments: departments.map((row) => row.code as string),
    departmentOptions: departments.map((row) => ({
      value: row.code as string,
      label: row.name as string,
    })),
    year: options.year,
    initiator: options.initiator,
  };
}

/**
 * Returns the business key of a new instance under its procedure's policy: `<id>-2027` for one
 * a year, `<prefix>-2027-004` for a numbered sequence, `<id>-2027-03` or `<id>-2027-Q1` for the
 * period that ended before `at.date` (a measurement started on 1 February 2027 measures January,
 * `<id>-2027-01`). A procedure without a module gets `<id>-<year>`.
 *
 * The sequence number is one more than the highest of the year, so two starts at the same moment
 * can compute the same key; the loser fails the business key check and may retry.
 */
export async function nextBusinessKey(
  db: Knex | Knex.Transaction,
  unitId: string,
  bpmnProcessId: string,
  at: { year: number; date: Date },
): Promise<string> {
  const policy = procedureModule(bpmnProcessId)?.businessKey ?? { kind: 'year' };
  switch (policy.kind) {
    case 'year':
      return `${bpmnProcessId}-${at.year}`;
    case 'period': {
      const period =
        typeof policy.period === 'function'
          ? policy.period(await loadUnitSettings(db, unitId))
          : policy.period;
      return `${bpmnProcessId}-${previousPeriod(period, at.date)}`;
    }
    case 'sequence': {
      const prefix = `${policy.prefix}-${at.year}-`;
      const keys = await db('process_instances')
        .where({ unit_id: unitId, bpmn_process_id: bpmnProcessId })
        .andWhere('business_key', 'like', `${prefix}%`)
        .pluck('business_key');
      if (policy.recordCodes) {
        const { table, column } = policy.recordCodes;
        const codes = await db(table)
          .where({ unit_id: unitId })
          .andWhere(column, 'like', `${prefix}%`)
          .pluck(column);
        keys.push(...codes);
      }
      const highest = keys
        .map((key: string) => Number(key.slice(prefix.length)))
        .filter((number) => Number.isInteger(number))
        .reduce((max, number) => Math.max(max, number), 0);
      return `${prefix}${String(highest + 1).padStart(3, '0')}`;
    }
  }
}

/**
 * Labels the month (`2027-01`) or quarter (`2027-Q1`) that ended before `date`, in the time zone
 * of Vietnam (UTC+7, no daylight saving time), where the agencies are.
 */
export function previousPeriod(period: 'month' | 'quarter', date: Date): string {
  const local = new Date(date.getTime() + 7 * 3_600_000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  if (period === 'month') {
    const previous = new Date(Date.UTC(year, month - 1, 1));
    return `${previous.getUTCFullYear()}-${String(previous.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  const quarter = Math.floor(month / 3);
  const previous = quarter === 0 ? { year: year - 1, quarter: 4 } : { year, quarter };
  return `${previous.year}-Q${previous.quarter}`;
}

/** Returns the calendar year in Vietnam (UTC+7) at `date`. */
export function vietnamYear(date: Date): number {
  return new Date(date.getTime() + 7 * 3_600_000).getUTCFullYear();
}
