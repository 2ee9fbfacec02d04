/** The parts of an ISO 8601 duration such as `P1Y2M10DT2H30M` or `P2W`. */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** An ISO 8601 repeating interval: `R[n]/<start>/<period>` or `R[n]/<period>`. */
export interface RepeatingInterval {
  /** How many times it fires; null repeats for ever. */
  repetitions: number | null;
  /** The first point in time; null counts from when the timer is registered. */
  start: Date | null;
  period: IsoDuration;
}

/** A timer expression that is not a valid ISO 8601 date, duration or repeating interval. */
export class TimerExpressionError extends Error {
  constructor(value: string, expected: string) {
    super(`'${value}' is not ${expected}`);
    this.name = 'TimerExpressionError';
  }
}

const durationPattern =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses an ISO 8601 duration; months and years follow the calendar when added. */
export function parseDuration(value: string): IsoDuration {
  const match = durationPattern.exec(value.trim());
  if (!match || value.trim() === 'P' || value.trim().endsWith('T')) {
    throw new TimerExpressionError(value, 'an ISO 8601 duration such as P1M or PT12H');
  }
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  const duration = { years, months, weeks, days, hours, minutes, seconds };
  if (Object.values(duration).every((part) => part === 0)) {
    throw new TimerExpressionError(value, 'a duration longer than zero');
  }
  return duration;
}

/**
 * Adds a duration to a point in time, in UTC calendar arithmetic. Adding months keeps the day of
 * the month where the target month has it, and takes the month's last day where it does not
 * (31 January plus one month is 28 or 29 February).
 */
export function addDuration(date: Date, duration: IsoDuration): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCFullYear(result.getUTCFullYear() + duration.years);
  result.setUTCMonth(result.getUTCMonth() + duration.months);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  result.setUTCDate(result.getUTCDate() + duration.weeks * 7 + duration.days);
  const milliseconds = ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return new Date(result.getTime() + milliseconds);
}

/** Parses a date and time with a zone offset or `Z`, as Zeebe's timeDate takes it. */
export function parseDateTime(value: string): Date {
  const trimmed = value.trim();
  const date = new Date(trimmed);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(trimmed) || Number.isNaN(date.getTime())) {
    throw new TimerExpressionError(
      value,
      'an ISO 8601 date and time with an offset, such as 2027-01-15T08:00:00+07:00',
    );
  }
  return date;
}

/** Parses `R/2027-01-15T08:00:00+07:00/P1Y`, `R3/PT1H` and the like. */
export function parseRepeatingInterval(value: string): RepeatingInterval {
  const parts = value.trim().split('/');
  const repeat = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!repeat || parts.length < 2 || parts.length > 3) {
    throw new TimerExpressionError(
      value,
      'an ISO 8601 repeating interval such as R/2027-01-15T08:00:00+07:00/P1Y or R/P1M',
    );
  }
  const repetitions = repeat[1] === '' ? null : Number(repeat[1]);
  const start = parts.length === 3 ? parseDateTime(parts[1]) : null;
  const period = parseDuration(parts[parts.length - 1]);
  return { repetitions, start, period };
}

// A cycle with a short period and a start long ago would take many steps to
// catch up; no sensible timer start event needs more.
const maxSteps = 100_000;

/**
 * Returns the first occurrence of `interval` after `after` (or at it, with `inclusive`), or
 * null when its repetitions are used up. `fired` counts the occurrences already fired.
 */
export function nextOccurrence(
  interval: RepeatingInterval,
  after: Date,
  fired: number,
  options: { inclusive?: boolean; registeredAt?: Date } = {},
): Date | null {
  const origin = interval.start ?? addDuration(options.registeredAt ?? after, interval.period);
  let occurrence = origin;
  let index = 0;
  const isPast = (date: Date) =>
    options.inclusive ? date.getTime() < after.getTime() : date.getTime() <= after.getTime();
  while (isPast(occurrence)) {
    if (++index > maxSteps) return null;
    occurrence = addDuration(origin, scale(interval.period, index));
  }
  // Occurrences missed while the service was down are not fired one by one: the
  // next tick fires once and the count moves on to the next future occurrence.
  if (interval.repetitions !== null && fired >= interval.repetitions) return null;
  return occurrence;
}

function scale(duration: IsoDuration, factor: number): IsoDuration {
  return {
    years: duration.years * factor,
    months: duration.months * factor,
    weeks: duration.weeks * factor,
    days: duration.days * factor,
    hours: duration.hours * factor,
    minutes: duration.minutes * factor,
    seconds: duration.seconds * factor,
  };
}
