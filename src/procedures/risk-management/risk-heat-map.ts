import type { Knex } from 'knex';
import { loadUnitSettings } from '../../settings/unit-settings.js';
import type { RiskMatrix } from './risk-matrix.js';

/** The number of risks rated with one likelihood and one severity. */
export interface HeatMapCell {
  likelihood: number;
  severity: number;
  count: number;
}

/** The risks of a unit that are not closed, counted per cell before and after treatment. */
export interface HeatMap {
  matrix: RiskMatrix;
  department: string | null;
  before: HeatMapCell[];
  after: HeatMapCell[];
  /** Risks counted in `before`. */
  total: number;
  /** Risks with a residual rating, counted in `after`. */
  rescored: number;
}

async function countCells(
  db: Knex,
  unitId: string,
  departmentCode: string | null,
  likelihoodColumn: string,
  severityColumn: string,
): Promise<HeatMapCell[]> {
  const rows: Record<string, unknown>[] = await db('risks')
    .where({ unit_id: unitId })
    .whereNot('status', 'closed')
    .whereNotNull(likelihoodColumn)
    .whereNotNull(severityColumn)
    .modify((query) => {
      if (departmentCode) query.where('department_code', departmentCode);
    })
    .groupBy(likelihoodColumn, severityColumn)
    .select({ likelihood: likelihoodColumn, severity: severityColumn })
    .count({ count: '*' });
  return rows.map((row) => ({
    likelihood: Number(row.likelihood),
    severity: Number(row.severity),
    count: Number(row.count),
  }));
}

/** Reads the heat map of a unit's open risks on the unit's current matrix. */
export async function readHeatMap(
  db: Knex,
  unitId: string,
  departmentCode: string | null,
): Promise<HeatMap> {
  const settings = await loadUnitSettings(db, unitId);
  const before = await countCells(db, unitId, departmentCode, 'likelihood', 'severity');
  const after = await countCells(
    db,
    unitId,
    departmentCode,
    'residual_likelihood',
    'residual_severity',
  );
  const sum = (cells: HeatMapCell[]) => cells.reduce((total, cell) => total + cell.count, 0);
  return {
    matrix: settings.riskMatrix,
    department: departmentCode,
    before,
    after,
    total: sum(before),
    rescored: sum(after),
  };
}
