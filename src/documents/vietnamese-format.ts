/**
 * Formats of dates, times and numbers in Vietnamese administrative text.
 */

interface DateParts {
  day: number;
  month: number;
  year: number;
}

/** Reads the calendar date of `YYYY-MM-DD` or of an ISO timestamp that starts with one. */
function dateParts(value: string): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) throw new Error(`"${value}" is not an ISO date (YYYY-MM-DD)`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * Formats a date as `ngày 04 tháng 12 năm 2026`. Decree 30/2020/NĐ-CP writes a zero before
 * days below 10 and before months 1 and 2 only, so March is `tháng 3`.
 */
export function longDate(value: string): string {
  const { day, month, year } = dateParts(value);
  const monthText = month <= 2 ? twoDigits(month) : String(month);
  return `ngày ${twoDigits(day)} tháng ${monthText} năm ${year}`;
}

/** Formats the place and date line, such as `An Bình, ngày 04 tháng 12 năm 2026`. */
export function placeDate(place: string, value: string): string {
  return `${place}, ${longDate(value)}`;
}

/** Formats a date as `04/12/2026`, the short form used in tables. */
export function shortDate(value: string): string {
  const { day, month, year } = dateParts(value);
  return `${twoDigits(day)}/${twoDigits(month)}/${year}`;
}

/** Formats `HH:MM` as `08 giờ 00`. */
export function clockTime(value: string): string {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) throw new Error(`"${value}" is not a time of day (HH:MM)`);
  return `${match[1]} giờ ${match[2]}`;
}

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** Formats a number with a decimal comma and a dot between thousands, such as `1.234,5`. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** Formats a target such as `98%` or `5 ngày`: a percent sign follows the number directly. */
export function formatTarget(value: number, unit: string | null | undefined): string {
  const number = formatNumber(value);
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/** Room left for the number on a draft, filled in by the clerk who registers the document. */
const DRAFT_NUMBER_SPACE = '\u00a0'.repeat(8);

/**
 * Formats a number and symbol such as `05/QĐ-SKHCN`: the decree writes a zero before numbers
 * below 10. A draft without a number gets blank room for it.
 */
export function numberAndSymbol(
  number: number | null | undefined,
  typeCode: string,
  agencyCode: string,
): string {
  const numberText = number ? twoDigits(number) : DRAFT_NUMBER_SPACE;
  return `${numberText}/${typeCode}-${agencyCode}`;
}

/** Upper-cases Vietnamese text, keeping the diacritics: `Sở` becomes `SỞ`. */
export function upperCase(text: string): string {
  return text.toLocaleUpperCase('vi');
}
