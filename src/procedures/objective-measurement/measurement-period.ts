import { parseRepeatingInterval } from '../../jobs/timer-schedule.js';
import { agencyDate } from '../../agency-time.js';

export { agencyDate };

/** How often the objectives are measured: every month or every quarter. */
export type PeriodKind = 'month' | 'quarter';

/** One measurement period, such as `2027-01` (a month) or `2027-Q1` (a quarter). */
export interface MeasurementPeriod {
  kind: PeriodKind;
  /** Label used as the register's period and in the business key: `2027-01` or `2027-Q1`. */
  label: string;
  year: number;
  /** First and last day of the period, `YYYY-MM-DD`. */
  start: string;
  end: string;
}

const romanQuarters = ['I', 'II', 'III', 'IV'];

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads the period kind from the unit's measurement cycle, an ISO 8601 repeating interval such as
 * `R/2027-01-01T08:00:00+07:00/P1M` (monthly) or `.../P3M` (quarterly). Throws for any other
 * period, because the register has only months and quarters.
 */
export function periodKindOfCycle(cycle: string): PeriodKind {
  const { period } = parseRepeatingInterval(cycle);
  const months = period.years * 12 + period.months;
  const other = period.weeks + period.days + period.hours + period.minutes + period.seconds;
  if (months === 1 && other === 0) return 'month';
  if (months === 3 && other === 0) return 'quarter';
  throw new Error(
    `measurement cycle ${JSON.stringify(cycle)} must repeat every P1M (monthly) or P3M (quarterly)`,
  );
}

/** Builds the month or quarter of `kind` that contains `date` (`YYYY-MM-DD`). */
export function periodContaining(kind: PeriodKind, date: string): MeasurementPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (kind === 'month') {
    return {
      kind,
      label: `${year}-${pad(month)}`,
      year,
      start: isoDate(year, month, 1),
      end: isoDate(year, month, lastDayOfMonth(year, month)),
    };
  }
  const quarter = Math.ceil(month / 3);
  const lastMonth = quarter * 3;
  return {
    kind,
    label: `${year}-Q${quarter}`,
    year,
    start: isoDate(year, lastMonth - 2, 1),
    end: isoDate(year, lastMonth, lastDayOfMonth(year, lastMonth)),
  };
}

/** Builds the period that comes before `period`. */
export function periodBefore(period: MeasurementPeriod): MeasurementPeriod {
  const [year, month, day] = period.start.split('-').map(Number);
  const dayBefore = new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
  return periodContaining(period.kind, dayBefore);
}

/**
 * Returns the period that a measurement started at `startedAt` reports on: the month or quarter
 * that ended before the start in the agency's time zone, as the business key names it. A start
 * on 1 February 2027 measures January, one on 1 April 2027 measures the first quarter.
 */
export function periodEndedBefore(kind: PeriodKind, startedAt: Date): MeasurementPeriod {
  return periodBefore(periodContaining(kind, agencyDate(startedAt)));
}

/** Parses a period label (`2027-01` or `2027-Q1`), or returns null for any other text. */
export function parsePeriodLabel(label: string): MeasurementPeriod | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label);
  if (month) return periodContaining('month', `${month[1]}-${month[2]}-01`);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) {
    const firstMonth = (Number(quarter[2]) - 1) * 3 + 1;
    return periodContaining('quarter', `${quarter[1]}-${pad(firstMonth)}-01`);
  }
  return null;
}

/** Names a period in Vietnamese, as forms and notifications show it: `tháng 01/2027`, `quý I/2027`. */
export function periodName(period: MeasurementPeriod): string {
  if (period.kind === 'month') return `tháng ${period.label.slice(5)}/${period.year}`;
  const quarter = Number(period.label.slice(6));
  return `quý ${romanQuarters[quarter - 1]}/${period.year}`;
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Formats a `YYYY-MM-DD` date the Vietnamese way, `dd/MM/yyyy`. */
export function vietnameseDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}
