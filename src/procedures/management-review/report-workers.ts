import type { Knex } from 'knex';
import type { Variables } from '../../engine/process-engine.js';
import type { ReviewInputKey } from '../../documents/index.js';
import { shortDate } from '../../documents/vietnamese-format.js';
import type { JobContext } from '../../jobs/job-worker.js';
import { outputTypeOptions } from './review-outputs.js';
import {
  inputFieldName,
  isReviewInputKey,
  reviewInputKeys,
  reviewInputs,
} from './review-inputs.js';
import {
  departmentsOf,
  requireReviewOfInstance,
  inputRow,
  type DepartmentReport,
  type ManagementReview,
} from './review-store.js';
import { vietnamDate } from './review-values.js';

/** Element id of the report task that runs once per department of the notice. */
export const reportTaskId = 'Task_Report';

function departmentOf(localVariables: unknown): string | null {
  const assignment = (localVariables as { assignment?: { department?: unknown } } | null)
    ?.assignment;
  return typeof assignment?.department === 'string' ? assignment.department : null;
}

/**
 * Finds the departments whose report is still open, for a reminder or an escalation. Returns
 * `pendingReports` with the notification recipients (`group:head-<code>`, comma-separated) and
 * the departments' names.
 */
export async function findPendingReports(job: JobContext): Promise<Variables> {
  const tasks = await job
    .trx('user_tasks')
    .where({ process_instance_key: job.processInstanceKey, element_id: reportTaskId })
    .where('state', 'CREATED')
    .orderBy('key')
    .select('local_variables');
  const departments = await departmentsOf(job.trx, job.unitId);
  const codes = tasks
    .map((task) => departmentOf(task.local_variables))
    .filter((code): code is string => code !== null);
  return {
    pendingReports: {
      count: codes.length,
      recipients: codes.map((code) => `group:head-${code}`).join(','),
      departmentNames: codes.map((code) => departments.get(code)?.name ?? code).join(', '),
    },
  };
}

async function readDepartmentReports(job: JobContext): Promise<DepartmentReport[]> {
  const departments = await departmentsOf(job.trx, job.unitId);
  const tasks = await job
    .trx('user_tasks')
    .leftJoin('users', 'users.username', 'user_tasks.completed_by')
    .where({
      'user_tasks.process_instance_key': job.processInstanceKey,
      'user_tasks.element_id': reportTaskId,
      'user_tasks.state': 'COMPLETED',
    })
    .orderBy('user_tasks.key')
    .select(
      'user_tasks.local_variables',
      'user_tasks.completion_variables',
      'user_tasks.completed_by',
      'user_tasks.completed_at',
      'users.display_name',
    );
  return tasks.flatMap((task) => {
    const code = departmentOf(task.local_variables);
    if (!code) return [];
    const submitted = (task.completion_variables?.report ?? {}) as Record<string, unknown>;
    const report: Partial<Record<ReviewInputKey, string>> = {};
    for (const [key, value] of Object.entries(submitted))
      if (isReviewInputKey(key) && typeof value === 'string' && value.trim() !== '')
        report[key] = value.trim();
    return [
      {
        department: code,
        departmentName: departments.get(code)?.name ?? code,
        reportedBy: (task.completed_by as string | null) ?? null,
        reportedByName: (task.display_name as string | null) ?? null,
        reportedAt: task.completed_at ? new Date(task.completed_at).toISOString() : null,
        report,
      },
    ];
  });
}

function actionLine(row: Record<string, unknown>, today: string): string {
  const type = outputTypeOptions.find((option) => option.value === row.output_type)?.label.vi;
  const head = `- HĐ-${String(row.position).padStart(2, '0')} (${type}) ${String(row.description)}`;
  if (row.status === 'done') {
    const note = row.completion_note ? ` ${String(row.completion_note)}` : '';
    return `${head}: đã hoàn thành ngày ${shortDate(String(row.completed_on))}.${note}`;
  }
  const deadline = String(row.deadline);
  const overdue = deadline < today ? ' (quá hạn)' : '';
  return `${head}: chưa hoàn thành, thời hạn ${shortDate(deadline)}${overdue}.`;
}

// The status of the actions from earlier reviews is the first input of clause 9.3.2, and the
// action register has it: every action of the latest earlier review, and any action of an
// older review that is still open.
async function previousActionsSummary(
  trx: Knex.Transaction,
  review: ManagementReview,
  today: string,
): Promise<string | null> {
  const previous = await trx('management_reviews')
    .where({ unit_id: review.unitId, status: 'approved' })
    .whereNot({ id: review.id })
    .orderBy('meeting_date', 'desc')
    .first('id', 'reference');
  if (!previous) return null;
  const rows = await trx('review_actions')
    .join('management_reviews', 'management_reviews.id', 'review_actions.management_review_id')
    .where('review_actions.unit_id', review.unitId)
    .whereNot('review_actions.management_review_id', review.id)
    .andWhere((where) =>
      where
        .where('review_actions.management_review_id', previous.id)
        .orWhere('review_actions.status', 'open'),
    )
    .orderBy(['management_reviews.meeting_date', 'review_actions.position'])
    .select(
      'review_actions.position',
      'review_actions.output_type',
      'review_actions.description',
      'review_actions.status',
      'review_actions.completion_note',
      trx.raw('review_actions.deadline::text as deadline'),
      trx.raw('review_actions.completed_on::text as completed_on'),
    );
  if (rows.length === 0) return null;
  const done = rows.filter((row) => row.status === 'done').length;
  return [
    `Các hành động từ lần xem xét trước (${String(previous.reference)}) và các hành động còn mở: ${done}/${rows.length} đã hoàn thành.`,
    ...rows.map((row) => actionLine(row, today)),
  ].join('\n');
}

/**
 * Records the departments' reports on the review and prefills the twelve input variables of the
 * secretary's consolidation: each gets what the departments wrote on it, and the status of
 * earlier actions opens the first one. An input without a department report stays empty.
 */
export async function collectReports(job: JobContext): Promise<Variables> {
  const review = await requireReviewOfInstance(job.trx, job.processInstanceKey);
  const reports = await readDepartmentReports(job);
  const summary = await previousActionsSummary(job.trx, review, vietnamDate(job.now));

  const prefilled = Object.fromEntries(
    reviewInputKeys.map((key) => {
      const parts = reports
        .filter((entry) => entry.report[key])
        .map((entry) => `${entry.departmentName}: ${entry.report[key]}`);
      if (key === 'previousActions' && summary) parts.unshift(summary);
      return [inputFieldName(key), parts.join('\n')];
    }),
  );
  await job
    .trx('management_reviews')
    .where({ id: review.id })
    .update({
      status: 'consolidating',
      department_reports: JSON.stringify(reports),
      updated_at: job.now.toISOString(),
    });

  const labelOf = new Map(reviewInputs.map((input) => [input.key, input.label.vi]));
  return {
    ...prefilled,
    departmentReportRows: reports.map((entry) => ({
      department: entry.departmentName,
      reportedBy: entry.reportedByName ?? entry.reportedBy ?? '',
      inputs: reviewInputKeys
        .filter((key) => entry.report[key])
        .map((key) => labelOf.get(key))
        .join('; '),
    })),
  };
}

/**
 * Stores the twelve consolidated inputs. The consolidation form already rejects an empty input
 * with HTTP 400; this check keeps an edited form from recording an incomplete review. Returns
 * the planned meeting as the defaults of the meeting record.
 */
export async function recordInputs(job: JobContext): Promise<Variables> {
  const review = await requireReviewOfInstance(job.trx, job.processInstanceKey);
  const inputs: Partial<Record<ReviewInputKey, string>> = {};
  for (const key of reviewInputKeys) {
    const value = job.variables[inputFieldName(key)];
    if (typeof value === 'string' && value.trim() !== '') inputs[key] = value.trim();
  }
  const missing = reviewInputKeys.filter((key) => !inputs[key]);
  if (missing.length > 0)
    throw new Error(`the inputs ${missing.join(', ')} of clause 9.3.2 are empty`);

  await job
    .trx('management_reviews')
    .where({ id: review.id })
    .update({ ...inputRow(inputs), status: 'meeting', updated_at: job.now.toISOString() });
  return {
    heldOn: job.variables.heldOn ?? review.meetingDate,
    heldStart: job.variables.heldStart ?? review.meetingStart,
    heldVenue: job.variables.heldVenue ?? review.venue,
    heldParticipants: job.variables.heldParticipants ?? review.participants.join('\n'),
  };
}
