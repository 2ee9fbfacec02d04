import { agencyDayStart, agencyUtcOffsetMs } from '../agency-time.js';
import type { FieldError } from '../errors.js';
import type { Locale } from '../locale.js';
import type { UserTask } from './task-model.js';

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Converts a due or follow-up date from a changeset to an ISO instant. A date without a time
 * means the end of that day in Vietnam for a due date (23:59:59 +07:00), and its start for a
 * follow-up date, so that both fall on the day that the user wrote.
 */
export function taskDateInstant(field: 'dueDate' | 'followUpDate', value: string): string {
  if (!dateOnly.test(value)) return new Date(value).toISOString();
  if (field === 'followUpDate') return agencyDayStart(value).toISOString();
  return new Date(Date.parse(`${value}T23:59:59Z`) - agencyUtcOffsetMs).toISOString();
}

function vietnamTime(instant: string): string {
  const local = new Date(Date.parse(instant) + agencyUtcOffsetMs).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/**
 * Checks the due and follow-up dates that a task will have after a change: a new due date may
 * not precede the task's creation, and the follow-up date may not come after the due date.
 * `columns` contains the changed `due_date` and `follow_up_date`, null where a date is cleared.
 */
export function taskDateProblems(
  task: UserTask,
  columns: Record<string, unknown>,
  locale: Locale,
): FieldError[] {
  const problems: FieldError[] = [];
  const newDue = columns.due_date as string | null | undefined;
  const due = newDue === undefined ? task.dueDate : newDue;
  const newFollowUp = columns.follow_up_date as string | null | undefined;
  const followUp = newFollowUp === undefined ? task.followUpDate : newFollowUp;

  if (newDue && task.createdAt && Date.parse(newDue) < Date.parse(task.createdAt)) {
    const created = vietnamTime(task.createdAt);
    problems.push({
      path: '/changeset/dueDate',
      message:
        locale === 'vi'
          ? `Hạn xử lý (dueDate) ${vietnamTime(newDue)} ở trước lúc tạo công việc (${created}); hãy chọn hạn từ ${created} trở đi.`
          : `dueDate ${vietnamTime(newDue)} is before the task was created (${created}); choose a due date from ${created} on.`,
    });
  }

  const changed = newDue !== undefined || newFollowUp !== undefined;
  if (changed && due && followUp && Date.parse(followUp) > Date.parse(due)) {
    problems.push({
      path: '/changeset/followUpDate',
      message:
        locale === 'vi'
          ? `Ngày nhắc (followUpDate) ${vietnamTime(followUp)} ở sau hạn xử lý ${vietnamTime(due)}; hãy chọn ngày nhắc không muộn hơn hạn xử lý.`
          : `followUpDate ${vietnamTime(followUp)} is after the dueDate ${vietnamTime(due)}; choose a follow-up date on or before the due date.`,
    });
  }
  return problems;
}
