import type { Variables } from '../../engine/process-engine.js';
import { EisoError, type FieldError } from '../../errors.js';
import type { Locale } from '../../locale.js';

const messages = {
  vi: {
    plannedOrder: (from: string, to: string) =>
      `Ngày kết thúc ${to} trước ngày bắt đầu ${from}: sửa lại thời gian dự kiến.`,
    auditOrder: (from: string, to: string) =>
      `Đánh giá kết thúc ngày ${to}, trước ngày bắt đầu ${from}: sửa lại thời gian đánh giá.`,
    sessionDate: (date: string, from: string, to: string) =>
      `Ngày ${date} nằm ngoài thời gian đánh giá từ ${from} đến ${to}: chọn một ngày trong khoảng đó.`,
    sessionTime: (start: string, end: string) =>
      `Giờ kết thúc ${end} phải sau giờ bắt đầu ${start}.`,
    clauses: (wrong: string) =>
      `“${wrong}” không phải là điều khoản ISO 9001: ghi số điều khoản từ 4 đến 10, cách nhau bằng dấu phẩy, ví dụ 7.5, 8.2 hoặc 4 - 10.`,
  },
  en: {
    plannedOrder: (from: string, to: string) =>
      `The planned end ${to} is before the planned start ${from}; correct the planned dates.`,
    auditOrder: (from: string, to: string) =>
      `The audit ends on ${to}, before it starts on ${from}; correct the audit dates.`,
    sessionDate: (date: string, from: string, to: string) =>
      `The date ${date} is outside the audit, from ${from} to ${to}; choose a date in that range.`,
    sessionTime: (start: string, end: string) =>
      `The end time ${end} must be after the start time ${start}.`,
    clauses: (wrong: string) =>
      `“${wrong}” is not an ISO 9001 clause: list clause numbers from 4 to 10 separated by commas, such as 7.5, 8.2 or 4 - 10.`,
  },
};

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function items(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter(
        (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
      )
    : [];
}

// A clause of ISO 9001:2015's requirements (4 to 10), such as 8 or 7.1.5.
const clause = String.raw`(?:[4-9]|10)(?:\.\d{1,2}){0,3}`;
const clauseEntry = new RegExp(String.raw`^${clause}(?:\s*[-–]\s*${clause})?$`);

/** Returns the first entry of a clause list such as `7.5, 8.2, 4 - 10` that is not a clause. */
export function wrongClause(list: string): string | null {
  const entries = list
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (entries.length === 0) return list;
  return entries.find((entry) => !clauseEntry.test(entry)) ?? null;
}

/**
 * Lists the problems of a drafted audit programme: a planned end before its start, and a clause
 * list that names something other than ISO 9001 clauses.
 */
function programmeProblems(variables: Variables, locale: Locale): FieldError[] {
  const problems: FieldError[] = [];
  items(variables.audits).forEach((audit, index) => {
    const clauses = text(audit.clauses);
    const wrong = clauses === null ? null : wrongClause(clauses);
    if (wrong !== null)
      problems.push({
        path: `/audits/${index}/clauses`,
        message: messages[locale].clauses(wrong),
      });
    const from = text(audit.plannedFrom);
    const to = text(audit.plannedTo);
    if (from && to && to < from)
      problems.push({
        path: `/audits/${index}/plannedTo`,
        message: messages[locale].plannedOrder(from, to),
      });
  });
  return problems;
}

/** Lists the date problems of a drafted audit plan: dates out of order or outside the audit. */
function planProblems(variables: Variables, locale: Locale): FieldError[] {
  const problems: FieldError[] = [];
  const from = text(variables.auditFrom);
  const to = text(variables.auditTo);
  const ordered = from !== null && to !== null && from <= to;
  if (from && to && !ordered)
    problems.push({ path: '/auditTo', message: messages[locale].auditOrder(from, to) });
  items(variables.sessions).forEach((session, index) => {
    const date = text(session.date);
    if (ordered && date && (date < from || date > to))
      problems.push({
        path: `/sessions/${index}/date`,
        message: messages[locale].sessionDate(date, from, to),
      });
    const start = text(session.start);
    const end = text(session.end);
    if (start && end && end <= start)
      problems.push({
        path: `/sessions/${index}/end`,
        message: messages[locale].sessionTime(start, end),
      });
  });
  return problems;
}

/**
 * Rejects a drafted audit programme or plan whose dates are out of order (HTTP 400), naming each
 * field. Dates are `YYYY-MM-DD` and times `HH:MM`, as the forms submit them, so they compare as
 * text. Other tasks pass unchecked.
 */
export function checkAuditDates(elementId: string, variables: Variables, locale: Locale): void {
  const problems =
    elementId === 'Task_DraftProgramme'
      ? programmeProblems(variables, locale)
      : elementId === 'Task_DraftPlan'
        ? planProblems(variables, locale)
        : [];
  if (problems.length === 0) return;
  throw new EisoError(
    'EISO_ERR_VALIDATION',
    `The audit dates are invalid: ${problems.map((problem) => problem.message).join(' ')}`,
    problems,
  );
}
