/**
 * Dates of a Vietnamese agency. Vietnam keeps UTC+07:00 all year (no daylight saving time), so a
 * fixed offset gives the local calendar day and office hours.
 */
const offset = '+07:00';
const dayMs = 24 * 60 * 60 * 1000;

export { agencyDate } from '../../agency-time.js';

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Returns `time` (`HH:mm:ss`) of the agency's day `date` as an ISO 8601 date and time. */
export function agencyTime(date: string, time: string): string {
  return `${date}T${time}${offset}`;
}
