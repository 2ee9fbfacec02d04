import { shortDate } from '../../documents/vietnamese-format.js';
import { EisoError, type FieldError } from '../../errors.js';
import type { Locale } from '../../locale.js';
import { deadlinesOf } from '../deadline-checks.js';
import type { TaskCompletionContext } from '../procedure-module.js';

/**
 * Calendar years after the objectives' year in which a deadline may still fall: an objective
 * may span a few years, but a deadline decades later is a typing error.
 */
const maxYearsAfter = 2;

/** Returns the first and last accepted deadline for the objectives of `year`, as `YYYY-MM-DD`. */
export function deadlineRange(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year + maxYearsAfter}-12-31` };
}

function outOfRangeMessage(deadline: string, item: number, year: number, locale: Locale): string {
  const { from, to } = deadlineRange(year);
  if (locale === 'vi') {
    return (
      `Thời hạn hoàn thành ${shortDate(deadline)} (mục ${item} của Danh sách mục tiêu chất lượng) ` +
      `nằm ngoài khoảng cho mục tiêu năm ${year}; chọn một ngày từ ${shortDate(from)} đến ${shortDate(to)}.`
    );
  }
  return (
    `Deadline ${deadline} in item ${item} of Quality objectives is outside the range for the ` +
    `${year} objectives; choose a date from ${from} to ${to}.`
  );
}

/**
 * Rejects a draft of the year's objectives whose deadlines fall before that year or more than
 * `maxYearsAfter` years after it, with a 400 that names each deadline field.
 */
export async function checkObjectiveDeadlines({
  db,
  task,
  variables,
  locale,
}: TaskCompletionContext): Promise<void> {
  if (task.elementId !== 'Task_DraftObjectives') return;
  const row = await db('process_instances')
    .where({ key: task.processInstanceKey })
    .first('variables');
  const year = Number((row?.variables as Record<string, unknown> | undefined)?.year);
  if (!Number.isInteger(year)) return;

  const { from, to } = deadlineRange(year);
  const details: FieldError[] = [];
  deadlinesOf(variables.objectives, 'objectives', 'deadline').forEach((deadline, index) => {
    const value = deadline.value;
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    if (value >= from && value <= to) return;
    details.push({
      path: deadline.path,
      message: outOfRangeMessage(value, index + 1, year, locale),
    });
  });
  if (details.length === 0) return;

  throw new EisoError(
    'EISO_ERR_VALIDATION',
    details.map((detail) => detail.message).join(' '),
    details,
  );
}
