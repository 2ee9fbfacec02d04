import type { JobContext } from '../../jobs/job-worker.js';
import { loadUnitSettings, type UnitSettings } from '../../settings/unit-settings.js';

/**
 * Returns the unit settings that the instance started with. An instance started before the
 * settings variable existed reads the unit's current settings instead.
 */
export async function settingsOf(job: JobContext): Promise<UnitSettings> {
  const settings = job.variables.settings as UnitSettings | undefined;
  if (settings?.riskMatrix && Number.isInteger(settings.riskReviewMonths)) return settings;
  return loadUnitSettings(job.trx, job.unitId);
}

/** Returns the objects of a list variable; anything else counts as an empty list. */
export function listOf(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is Record<string, unknown> =>
      typeof item === 'object' && item !== null && !Array.isArray(item),
  );
}

/** Returns a trimmed text, or null for a missing or blank one (form-js sends "" for empty). */
export function textOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Returns a rating as a whole number, or null when the value is not one. */
export function ratingOrNull(value: unknown): number | null {
  const rating = typeof value === 'string' ? Number(value) : value;
  return Number.isInteger(rating) && (rating as number) > 0 ? (rating as number) : null;
}

/** Returns a `YYYY-MM-DD` day, or null. */
export function dayOrNull(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

/**
 * Returns who completed the latest task of `elementId` in the job's instance, for the audit
 * columns of the records the job writes. A job with no such task writes as `system`.
 */
export async function completerOf(job: JobContext, elementId: string): Promise<string> {
  const row = await job
    .trx('user_tasks')
    .where({
      process_instance_key: job.processInstanceKey,
      element_id: elementId,
      state: 'COMPLETED',
    })
    .orderBy('completed_at', 'desc')
    .first('completed_by');
  return (row?.completed_by as string | undefined) ?? 'system';
}

/** Returns the display names of users by username. */
export async function displayNames(
  job: JobContext,
  usernames: string[],
): Promise<Map<string, string>> {
  const rows = await job
    .trx('users')
    .whereIn('username', usernames)
    .select('username', 'display_name');
  return new Map(rows.map((row) => [String(row.username), String(row.display_name)]));
}

/** One completed iteration of a multi-instance user task. */
export interface CompletedIteration {
  localVariables: Record<string, unknown>;
  submitted: Record<string, unknown>;
  completedBy: string;
}

/**
 * Returns the completed tasks of a multi-instance user task of the job's instance, oldest first,
 * with the variables each one submitted. Workers read these instead of the output collection,
 * because the embedded engine evaluates an iteration's output element against the process
 * variables too, where a field that one head left out would show another head's value.
 */
export async function completedIterations(
  job: JobContext,
  elementId: string,
): Promise<CompletedIteration[]> {
  const tasks = await job
    .trx('user_tasks')
    .where({
      process_instance_key: job.processInstanceKey,
      element_id: elementId,
      state: 'COMPLETED',
    })
    .orderBy([{ column: 'completed_at' }, { column: 'key' }])
    .select('local_variables', 'completion_variables', 'completed_by');
  return tasks.map((task) => ({
    localVariables: (task.local_variables ?? {}) as Record<string, unknown>,
    submitted: (task.completion_variables ?? {}) as Record<string, unknown>,
    completedBy: String(task.completed_by),
  }));
}
