// NOTE: an agency in another time zone would need this offset as a unit setting.
/** Offset of Vietnam's time zone (UTC+7, no daylight saving time), where the agencies work. */
export const agencyUtcOffsetMs = 7 * 3_600_000;

/** Returns the calendar date (`YYYY-MM-DD`) in Vietnam at an instant. */
export function agencyDate(at: Date | string): string {
  return new Date(new Date(at).getTime() + agencyUtcOffsetMs).toISOString().slice(0, 10);
}
