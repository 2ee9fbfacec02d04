import {
  addDays,
  agencyDate,
  vietnameseDate,
  type MeasurementPeriod,
} from './measurement-period.js';

/** Days from the start of a measurement, or from the end of its period if later, to the deadline. */
// NOTE: a fixed number until the unit settings have one for the measurement report.
export const reportDays = 7;

/** The shortest wait of a boundary timer, so one whose moment has passed fires at the next tick. */
const minimumWaitSeconds = 60;

/** Deadline of the departments' report, with the moments of its reminder and escalation. */
export interface ReportDeadline {
  /** Last day to report, `YYYY-MM-DD`. The task is due at 17:00 that day in Vietnam. */
  reportDueDate: string;
  reportDueDateText: string;
  /** 08:00 in Vietnam, `reminderDaysBefore` days before the last day. */
  reminderAt: string;
  /** 08:00 in Vietnam on the day after the last day. */
  escalationAt: string;
  /** ISO 8601 durations from `now` to the reminder and to the escalation, for the boundary timers. */
  reminderAfter: string;
  escalationAfter: string;
}

function waitUntil(moment: Date, now: Date): string {
  const seconds = Math.round((moment.getTime() - now.getTime()) / 1000);
  return `PT${Math.max(minimumWaitSeconds, seconds)}S`;
}

/**
 * Computes the deadline of a measurement started at `startedAt` and, counted from `now`, the waits
 * of its reminder and escalation timers.
 *
 * The timers wait for a duration from the moment the departments' task opens, because the
 * embedded engine computes a timeDate against the wall clock instead of the service's clock.
 */
export function reportDeadline(
  period: MeasurementPeriod,
  startedAt: Date,
  reminderDaysBefore: number,
  now: Date,
): ReportDeadline {
  const startedOn = agencyDate(startedAt);
  const dueFrom = startedOn > period.end ? startedOn : period.end;
  const reportDueDate = addDays(dueFrom, reportDays);
  const morningOfDueDate = new Date(`${reportDueDate}T08:00:00+07:00`);
  const reminderAt = new Date(morningOfDueDate.getTime() - reminderDaysBefore * 86_400_000);
  const escalationAt = new Date(morningOfDueDate.getTime() + 86_400_000);
  return {
    reportDueDate,
    reportDueDateText: vietnameseDate(reportDueDate),
    reminderAt: reminderAt.toISOString(),
    escalationAt: escalationAt.toISOString(),
    reminderAfter: waitUntil(reminderAt, now),
    escalationAfter: waitUntil(escalationAt, now),
  };
}
