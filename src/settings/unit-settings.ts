import type { Knex } from 'knex';

/** A band of the risk matrix: scores from `min` to `max` (likelihood × severity) get `level`. */
export interface RiskBand {
  level: 'low' | 'medium' | 'high' | 'critical';
  min: number;
  max: number;
}

/**
 * Settings of one unit that procedures read. Every instance starts with a copy of them in its
 * `settings` variable, so the history shows which value was in force. Timer start events
 * evaluate their FEEL expressions against them.
 */
export interface UnitSettings {
  /** Likelihood and severity scales of the risk matrix and its bands. */
  riskMatrix: { likelihoodLevels: number; severityLevels: number; bands: RiskBand[] };
  /** Days after an approved corrective action is implemented until its effectiveness is checked. */
  effectivenessCheckDays: number;
  /** Days from receipt within which a complaint must get its reply. */
  complaintResponseDays: number;
  /** Days before a due date that a reminder goes out. */
  reminderDaysBefore: number;
  /** Months from a risk's assessment to its next review. */
  riskReviewMonths: number;
  /** ISO 8601 repeating interval of the yearly internal audit programme, such as `R/2027-01-15T08:00:00+07:00/P1Y`. */
  auditProgrammeCycle: string;
  /**
   * ISO 8601 repeating interval of the measurement of quality objectives, `P1M` monthly or `P3M`
   * quarterly. Each occurrence measures the period that ended before it, so it starts on the first
   * day of a month.
   */
  measurementCycle: string;
}

/** The settings of a unit that never changed them. */
export const defaultUnitSettings: UnitSettings = {
  riskMatrix: {
    likelihoodLevels: 5,
    severityLevels: 5,
    bands: [
      { level: 'low', min: 1, max: 4 },
      { level: 'medium', min: 5, max: 9 },
      { level: 'high', min: 10, max: 16 },
      { level: 'critical', min: 17, max: 25 },
    ],
  },
  effectivenessCheckDays: 90,
  complaintResponseDays: 15,
  reminderDaysBefore: 2,
  riskReviewMonths: 12,
  auditProgrammeCycle: 'R/2027-01-15T08:00:00+07:00/P1Y',
  measurementCycle: 'R/2027-01-01T08:00:00+07:00/P1M',
};

/** Reads a unit's settings: its stored values over the defaults. */
export async function loadUnitSettings(
  db: Knex | Knex.Transaction,
  unitId: string,
): Promise<UnitSettings> {
  const rows = await db('unit_settings').where({ unit_id: unitId }).select('name', 'value');
  const stored = Object.fromEntries(rows.map((row) => [row.name as string, row.value as unknown]));
  return { ...defaultUnitSettings, ...stored } as UnitSettings;
}

/** Returns the risk level of a score on the unit's matrix, or null when no band contains it. */
export function riskLevelOf(settings: UnitSettings, score: number): RiskBand['level'] | null {
  return (
    settings.riskMatrix.bands.find((band) => score >= band.min && score <= band.max)?.level ?? null
  );
}
