import type { Knex } from 'knex';
import { directionOf, type TargetDirection } from './target-direction.js';

/** One measured value of an objective in the series. */
export interface SeriesPoint {
  period: string;
  measuredValue: number;
  achieved: boolean;
  measuredAt: string;
}

/** The measured values of one objective of the year against its target, oldest period first. */
export interface ObjectiveSeries {
  objectiveId: string;
  position: number;
  title: string;
  indicator: string;
  targetValue: number;
  targetUnit: string;
  direction: TargetDirection;
  ownerDepartment: { code: string; name: string } | null;
  points: SeriesPoint[];
}

/** The measurement series of a unit's objectives of one year, for the chart. */
export interface MeasurementSeries {
  year: number;
  /** Every period measured in the year, in order, the x axis shared by all objectives. */
  periods: string[];
  objectives: ObjectiveSeries[];
}

/**
 * Reads the approved objectives of a year, each with its measured values per period. An objective
 * with no measurement yet has an empty series; drafts are left out.
 */
export async function readMeasurementSeries(
  db: Knex,
  unitId: string,
  year: number,
): Promise<MeasurementSeries> {
  const objectives = await db('objectives')
    .leftJoin('units', 'units.id', 'objectives.owner_department_id')
    .where({ 'objectives.unit_id': unitId, 'objectives.year': year })
    .whereIn('objectives.status', ['approved', 'disseminated'])
    .orderBy(['objectives.position', 'objectives.id'])
    .select('objectives.*', 'units.code as department_code', 'units.name as department_name');
  const measurements = await db('objective_measurements')
    .where({ unit_id: unitId, year })
    .orderBy(['period', 'id'])
    .select('objective_id', 'period', 'measured_value', 'achieved', 'measured_at');

  const pointsByObjective = new Map<string, SeriesPoint[]>();
  for (const row of measurements) {
    const key = String(row.objective_id);
    const points = pointsByObjective.get(key) ?? [];
    points.push({
      period: row.period,
      measuredValue: Number(row.measured_value),
      achieved: Boolean(row.achieved),
      measuredAt: new Date(row.measured_at).toISOString(),
    });
    pointsByObjective.set(key, points);
  }

  return {
    year,
    periods: [...new Set(measurements.map((row) => String(row.period)))],
    objectives: objectives.map((row) => ({
      objectiveId: String(row.id),
      position: Number(row.position),
      title: row.title,
      indicator: row.indicator,
      targetValue: Number(row.target_value),
      targetUnit: row.target_unit,
      direction: directionOf(row.direction, row.target_unit),
      ownerDepartment: row.department_code
        ? { code: row.department_code, name: row.department_name }
        : null,
      points: pointsByObjective.get(String(row.id)) ?? [],
    })),
  };
}
