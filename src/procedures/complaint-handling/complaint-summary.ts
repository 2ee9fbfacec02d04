import type { Knex } from 'knex';
import type { Label } from '../../registers/framework/register-definition.js';
import { complaintStatuses, ratingCriteria, satisfiedThreshold } from './complaint-options.js';

/** Average scores of a group of ratings; the averages are null when the group has no rating. */
export interface RatingFigures {
  count: number;
  /** Mean of every criterion score of the group, from 1 to 5. */
  average: number | null;
  /** Share of ratings whose own mean score is at least 4 (satisfied), from 0 to 1. */
  satisfiedRate: number | null;
}

/** The satisfaction and complaint figures of one unit for one calendar year. */
export interface ComplaintSummary {
  year: number;
  /** Years that have ratings or complaints, newest first, with `year` among them. */
  years: number[];
  ratings: RatingFigures & {
    criteria: { key: string; label: Label; average: number | null }[];
    byDepartment: ({ code: string; name: string | null } & RatingFigures)[];
    /** Twelve entries, January first. */
    byMonth: ({ month: number } & RatingFigures)[];
  };
  complaints: {
    total: number;
    byStatus: { status: string; label: Label; count: number }[];
    answered: number;
    answeredOnTime: number;
    /** Share of answered complaints that were answered by their due date, or null. */
    onTimeRate: number | null;
  };
}

type Database = Knex | Knex.Transaction;

const meanScore = `(${ratingCriteria.map((criterion) => criterion.column).join(' + ')})::numeric / ${ratingCriteria.length}`;

function rounded(value: unknown, digits = 2): number | null {
  if (value === null || value === undefined) return null;
  const factor = 10 ** digits;
  return Math.round(Number(value) * factor) / factor;
}

function figures(row: Record<string, unknown> | undefined): RatingFigures {
  const count = Number(row?.count ?? 0);
  return {
    count,
    average: count > 0 ? rounded(row?.average) : null,
    satisfiedRate: count > 0 ? rounded(Number(row?.satisfied) / count, 4) : null,
  };
}

// Excluded (archived) ratings stay in the register as records but leave the figures.
function ratingsOfYear(db: Database, unitId: string, year: number) {
  return db('satisfaction_ratings')
    .where('satisfaction_ratings.unit_id', unitId)
    .whereNot('satisfaction_ratings.status', 'archived')
    .whereRaw('extract(year from satisfaction_ratings.rating_date) = ?', [year]);
}

const figureColumns = (db: Database) => [
  db.raw('count(*) as count'),
  db.raw(`avg(${meanScore}) as average`),
  db.raw(`count(*) filter (where ${meanScore} >= ?) as satisfied`, [satisfiedThreshold]),
];

async function ratingSummary(db: Database, unitId: string, year: number) {
  const overall = await ratingsOfYear(db, unitId, year).first([
    ...figureColumns(db),
    ...ratingCriteria.map((criterion) =>
      db.raw(`avg(??) as ??`, [criterion.column, criterion.key]),
    ),
  ]);
  const departments = await ratingsOfYear(db, unitId, year)
    .leftJoin('units', function joinDepartment() {
      this.on('units.agency_id', '=', 'satisfaction_ratings.unit_id').andOn(
        'units.code',
        '=',
        'satisfaction_ratings.department_code',
      );
    })
    .groupBy('satisfaction_ratings.department_code', 'units.name', 'units.sort_order')
    .orderBy([{ column: 'units.sort_order', order: 'asc', nulls: 'last' }, 'department_code'])
    .select('satisfaction_ratings.department_code', 'units.name', ...figureColumns(db));
  const months = await ratingsOfYear(db, unitId, year)
    .groupByRaw('extract(month from rating_date)')
    .select(db.raw('extract(month from rating_date)::integer as month'), ...figureColumns(db));
  const byMonth = new Map(months.map((row) => [Number(row.month), row]));

  return {
    ...figures(overall),
    criteria: ratingCriteria.map((criterion) => ({
      key: criterion.key,
      label: criterion.label,
      average: rounded(overall?.[criterion.key]),
    })),
    byDepartment: departments.map((row) => ({
      code: row.department_code as string,
      name: (row.name as string | null) ?? null,
      ...figures(row),
    })),
    byMonth: Array.from({ length: 12 }, (_, index) => ({
      month: index + 1,
      ...figures(byMonth.get(index + 1)),
    })),
  };
}

async function complaintFigures(db: Database, unitId: string, year: number) {
  const rows = await db('complaints')
    .where({ unit_id: unitId })
    .whereRaw('extract(year from received_date) = ?', [year])
    .groupBy('status')
    .select(
      'status',
      db.raw('count(*) as count'),
      db.raw('count(*) filter (where on_time) as on_time'),
    );
  const byStatus = new Map(rows.map((row) => [row.status as string, row]));
  const answered = Number(byStatus.get('answered')?.count ?? 0);
  const answeredOnTime = Number(byStatus.get('answered')?.on_time ?? 0);
  return {
    total: rows.reduce((sum, row) => sum + Number(row.count), 0),
    byStatus: complaintStatuses.map((option) => ({
      status: option.value,
      label: option.label,
      count: Number(byStatus.get(option.value)?.count ?? 0),
    })),
    answered,
    answeredOnTime,
    onTimeRate: answered > 0 ? rounded(answeredOnTime / answered, 4) : null,
  };
}

async function yearsWithData(db: Database, unitId: string): Promise<number[]> {
  const result = await db.raw(
    `select extract(year from rating_date)::integer as year from satisfaction_ratings where unit_id = ?
     union select extract(year from received_date)::integer from complaints where unit_id = ?`,
    [unitId, unitId],
  );
  const rows = (result.rows ?? result) as { year: number }[];
  return rows.map((row) => Number(row.year));
}

/** Reads the satisfaction averages and the complaint counts of a unit for `year`. */
export async function readComplaintSummary(
  db: Database,
  unitId: string,
  year: number,
): Promise<ComplaintSummary> {
  const years = new Set(await yearsWithData(db, unitId));
  years.add(year);
  return {
    year,
    years: [...years].sort((a, b) => b - a),
    ratings: await ratingSummary(db, unitId, year),
    complaints: await complaintFigures(db, unitId, year),
  };
}
