import type { Knex } from 'knex';
import type { Label } from '../../registers/framework/register-definition.js';
import { agencyDate } from './agency-calendar.js';
import { statusOptions } from './options.js';

/** Ages of open corrective actions, in days since they were raised: upper bounds of the bands. */
export const ageBands = [30, 60, 90] as const;

/** One band of open corrective actions by age. `maxDays` is null for the oldest band. */
export interface AgeBand {
  minDays: number;
  maxDays: number | null;
  count: number;
}

/** An open corrective action past the deadline of its plan. */
export interface OverdueAction {
  id: string;
  code: string;
  title: string;
  department: string | null;
  status: string;
  deadline: string;
  daysOverdue: number;
}

/** Open corrective actions of a unit by status and by age, and those past their deadline. */
export interface CorrectiveActionSummary {
  today: string;
  open: number;
  /** Counts by status in the procedure's order, with the status labels of the register. */
  byStatus: { status: string; label: Label; count: number }[];
  byAge: AgeBand[];
  overdue: OverdueAction[];
}

const closedStatuses = ['closed', 'rejected'];
// Statuses at which the owner department still has to carry out the plan.
const implementationStatuses = ['approved', 'implementing'];
const dayMs = 24 * 60 * 60 * 1000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

function bandsOf(ages: number[]): AgeBand[] {
  const bands: AgeBand[] = [];
  let minDays = 0;
  for (const maxDays of [...ageBands, null]) {
    const count = ages.filter((age) => age >= minDays && (maxDays === null || age <= maxDays));
    bands.push({ minDays, maxDays, count: count.length });
    if (maxDays !== null) minDays = maxDays + 1;
  }
  return bands;
}

/** Reads the summary of a unit's open corrective actions on the agency's day of `now`. */
export async function readCorrectiveActionSummary(
  db: Knex,
  unitId: string,
  now: Date,
): Promise<CorrectiveActionSummary> {
  const today = agencyDate(now);
  const rows: Record<string, unknown>[] = await db('corrective_actions')
    .leftJoin('units', function joinDepartment() {
      this.on('units.agency_id', '=', 'corrective_actions.unit_id').andOn(
        'units.code',
        '=',
        'corrective_actions.department_code',
      );
    })
    .where('corrective_actions.unit_id', unitId)
    .whereNotIn('corrective_actions.status', closedStatuses)
    .orderBy('corrective_actions.raised_on')
    .orderBy('corrective_actions.id')
    .select(
      'corrective_actions.id',
      'corrective_actions.code',
      'corrective_actions.title',
      'corrective_actions.status',
      db.raw('corrective_actions.raised_on::text as raised_on'),
      db.raw('corrective_actions.deadline::text as deadline'),
      'units.name as department',
    );

  const counts = new Map<string, number>();
  for (const row of rows) counts.set(String(row.status), (counts.get(String(row.status)) ?? 0) + 1);
  const overdue = rows
    .filter((row) => implementationStatuses.includes(String(row.status)))
    .filter((row) => typeof row.deadline === 'string' && (row.deadline as string) < today)
    .map((row) => ({
      id: String(row.id),
      code: row.code as string,
      title: row.title as string,
      department: (row.department as string | null) ?? null,
      status: row.status as string,
      deadline: row.deadline as string,
      daysOverdue: daysBetween(row.deadline as string, today),
    }))
    .sort((left, right) => right.daysOverdue - left.daysOverdue);

  return {
    today,
    open: rows.length,
    byStatus: statusOptions
      .filter((option) => counts.has(option.value))
      .map((option) => ({
        status: option.value,
        label: option.label,
        count: counts.get(option.value) as number,
      })),
    byAge: bandsOf(rows.map((row) => daysBetween(row.raised_on as string, today))),
    overdue,
  };
}
