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
