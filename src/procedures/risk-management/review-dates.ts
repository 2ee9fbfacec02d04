/**
 * Calendar arithmetic of review dates. Agencies work in Vietnam time (UTC+7, no daylight saving),
 * so a review date is a calendar day there and its owner is woken at 08:00 on that day.
 */

export { agencyDate as vietnamDate } from '../../agency-time.js';

/**
 * Adds whole months to a `YYYY-MM-DD` day. A day that the target month lacks becomes its last
 * day, so 31 January plus one month is 28 or 29 February.
 */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Returns the moment that a review date wakes its owner: 08:00 Vietnam time on that day. */
export function wakeUpTime(day: string): string {
  return `${day}T08:00:00+07:00`;
}

/** Formats a `YYYY-MM-DD` day as `dd/mm/yyyy`, as Vietnamese documents write dates. */
export function formatShortDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}
