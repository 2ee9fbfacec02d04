import { shortDate } from '../documents/vietnamese-format.js';
import { EisoError, type FieldError } from '../errors.js';
import type { Locale } from '../locale.js';

/** A deadline of a submitted form: its JSON pointer and the `YYYY-MM-DD` value, if any. */
export interface SubmittedDeadline {
  path: string;
  value: unknown;
}

/** Lists the deadlines of a repeated form group, such as every `actions/N/deadline`. */
export function deadlinesOf(rows: unknown, listKey: string, field: string): SubmittedDeadline[] {
  if (!Array.isArray(rows)) return [];
  return rows.map((row, index) => ({
    path: `/${listKey}/${index}/${field}`,
    value: typeof row === 'object' && row !== null ? (row as Record<string, unknown>)[field] : null,
  }));
}

/**
 * Rejects deadlines before `today`, the agency's calendar date, with a 400 that names each field.
 * A plan with a deadline that has already passed would be overdue on the day it is approved.
 */
export function assertNoPastDeadlines(
  deadlines: SubmittedDeadline[],
  today: string,
  locale: Locale,
): void {
  const details: FieldError[] = deadlines
    .filter(
      (deadline): deadline is { path: string; value: string } =>
        typeof deadline.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(deadline.value),
    )
    .filter((deadline) => deadline.value < today)
    .map((deadline) => ({
      path: deadline.path,
      message:
        locale === 'vi'
          ? `Thời hạn ${shortDate(deadline.value)} đã qua; chọn hôm nay (${shortDate(today)}) hoặc một ngày sau.`
          : `The deadline ${deadline.value} has passed; choose today (${today}) or a later date.`,
    }));
  if (details.length === 0) return;
  throw new EisoError(
    'EISO_ERR_VALIDATION',
    `Invalid deadlines: ${details.map((detail) => detail.path).join(', ')} before today, ${today}.`,
    details,
  );
}
