// NOTE: an agency in another time zone would need this offset as a unit setting.
/** Offset of Vietnam's time zone (UTC+7, no daylight saving time), where the agencies work. */
export const agencyUtcOffsetMs = 7 * 3_600_000;

/** Returns the calendar date (`YYYY-MM-DD`) in Vietnam at an instant. */
export function agencyDate(at: Date | string): string {
  return new Date(new Date(at).getTime() + agencyUtcOffsetMs).toISOString().slice(0, 10);
}

/** Returns the instant at which a calendar date (`YYYY-MM-DD`) begins in Vietnam. */
export function agencyDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - agencyUtcOffsetMs);
}

/**
 * Tells whether text is a real date or ISO 8601 date-time. `Date.parse` accepts 2026-02-30 and
 * rolls it over to 2 March, so the calendar part is checked on its own as well.
 */
export function isRealDate(text: string): boolean {
  if (Number.isNaN(Date.parse(text))) return false;
  const parts = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!parts) return true;
  const [year, month, day] = parts.slice(1).map(Number);
  // Date.UTC reads the years 0 to 99 as 1900 to 1999, and setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * Calendar dates that the instance search and the history verification accept, both ends
 * included. Earlier dates precede every instance that eiso records, and `YYYY-MM-DD` has no
 * later year.
 */
export const acceptedDateRange = { from: '1900-01-01', to: '9999-12-31' } as const;

/**
 * Checks a `YYYY-MM-DD` date: `notReal` for a day that no calendar has, such as 2026-02-30,
 * `outOfRange` for a real day outside `acceptedDateRange`, or null for an accepted date.
 */
export function calendarDateProblem(date: string): 'notReal' | 'outOfRange' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isRealDate(date)) return 'notReal';
  if (date < acceptedDateRange.from || date > acceptedDateRange.to) return 'outOfRange';
  return null;
}
