import type { Knex } from 'knex';
import { EisoError } from '../../errors.js';
import type { JobContext } from '../../jobs/job-worker.js';
import type { Variables } from '../../engine/process-engine.js';
import { shortDate } from '../../documents/vietnamese-format.js';
import { isReviewInputKey, reviewInputs } from './review-inputs.js';
import {
  departmentsOf,
  findReviewOfInstance,
  latestApproval,
  requireReviewOfInstance,
  type Department,
  type ReportAssignment,
} from './review-store.js';
import {
  listVariable,
  nonBlankLines,
  optionalText,
  requiredText,
  vietnamDate,
} from './review-values.js';

/** The notice as the drafting form submits it, after the form's own checks. */
interface NoticeDraft {
  periodFrom: string;
  periodTo: string;
  meetingDate: string;
  meetingStart: string;
  venue: string;
  participants: string[];
  noticeBasis: string | null;
  reportDueDate: string;
  assignments: { department: string; inputs: unknown[] }[];
}

function readNotice(variables: Variables): NoticeDraft {
  const assignments = listVariable(variables, 'assignments').map((entry) => {
    const row = (entry ?? {}) as { department?: unknown; inputs?: unknown };
    return {
      department: typeof row.department === 'string' ? row.department : '',
      inputs: Array.isArray(row.inputs) ? row.inputs : [],
    };
  });
  return {
    periodFrom: requiredText(variables, 'periodFrom'),
    periodTo: requiredText(variables, 'periodTo'),
    meetingDate: requiredText(variables, 'meetingDate'),
    meetingStart: requiredText(variables, 'meetingStart'),
    venue: requiredText(variables, 'venue'),
    participants: nonBlankLines(requiredText(variables, 'participants')),
    noticeBasis: optionalText(variables, 'noticeBasis'),
    reportDueDate: requiredText(variables, 'reportDueDate'),
    assignments,
  };
}

/** One broken rule of a drafted notice: the field to correct and a sentence in Vietnamese. */
interface NoticeProblem {
  path: string;
  message: string;
}

// The rules between fields that a form-js form cannot express. Each problem is a sentence in
// Vietnamese for the secretary, shown on the field or on the returned draft.
function noticeProblems(
  notice: NoticeDraft,
  departments: Map<string, Department>,
  today: string,
): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  if (notice.periodTo < notice.periodFrom)
    problems.push({
      path: '/periodTo',
      message: `Kỳ xem xét kết thúc ngày ${shortDate(notice.periodTo)}, trước ngày bắt đầu ${shortDate(notice.periodFrom)}: sửa lại kỳ xem xét.`,
    });
  if (notice.reportDueDate >= notice.meetingDate)
    problems.push({
      path: '/reportDueDate',
      message: `Hạn gửi báo cáo ${shortDate(notice.reportDueDate)} phải trước ngày họp ${shortDate(notice.meetingDate)}, để Thư ký ISO kịp tổng hợp.`,
    });
  if (notice.reportDueDate < today)
    problems.push({
      path: '/reportDueDate',
      message: `Hạn gửi báo cáo ${shortDate(notice.reportDueDate)} đã qua: chọn một ngày từ hôm nay (${shortDate(today)}) trở đi.`,
    });
  const seen = new Set<string>();
  notice.assignments.forEach((assignment, index) => {
    const department = departments.get(assignment.department);
    const path = `/assignments/${index}/department`;
    if (!department) {
      problems.push({
        path,
        message: `Không có phòng, đơn vị mã "${assignment.department}" trong cơ quan: chọn lại đơn vị.`,
      });
    } else if (seen.has(department.code)) {
      problems.push({
        path,
        message: `${department.name} được phân công nhiều lần: gộp các nội dung báo cáo vào một dòng.`,
      });
    }
    seen.add(assignment.department);
  });
  return problems;
}

/**
 * Rejects a drafted notice that breaks a rule between its fields (HTTP 400), naming each field,
 * so that the secretary corrects it on the form instead of finding it returned. Other tasks pass
 * unchecked. The service task after the draft checks the same rules again.
 */
export async function checkNoticeSubmission(
  db: Knex,
  task: { unitId: string; elementId: string },
  variables: Variables,
  now: Date,
): Promise<void> {
  if (task.elementId !== 'Task_DraftNotice') return;
  let notice: NoticeDraft;
  try {
    notice = readNotice(variables);
  } catch {
    // The form check already reported a missing field.
    return;
  }
  const departments = await departmentsOf(db, task.unitId);
  const problems = noticeProblems(notice, departments, vietnamDate(now));
  if (problems.length === 0) return;
  throw new EisoError(
    'EISO_ERR_VALIDATION',
    `The review notice is invalid: ${problems.map((problem) => problem.message).join(' ')}`,
    problems,
  );
}

function assignmentsOf(
  notice: NoticeDraft,
  departments: Map<string, Department>,
): ReportAssignment[] {
  return notice.assignments.map((assignment) => ({
    department: assignment.department,
    departmentName: departments.get(assignment.department)?.name ?? assignment.department,
    // In the order of clause 9.3.2, whatever order the checklist submitted.
    inputs: reviewInputs
      .map((input) => input.key)
      .filter((key) => assignment.inputs.some((value) => value === key && isReviewInputKey(value))),
  }));
}

async function saveNotice(
  job: JobContext,
  notice: NoticeDraft,
  assignments: ReportAssignment[],
): Promise<{ id: string; reference: string }> {
  const reference = job.businessKey ?? `management-review-${job.processInstanceKey}`;
  const values = {
    period_from: notice.periodFrom,
    period_to: notice.periodTo,
    meeting_date: notice.meetingDate,
    meeting_start: notice.meetingStart,
    venue: notice.venue,
    participants: JSON.stringify(notice.participants),
    notice_basis: notice.noticeBasis,
    report_due_date: notice.reportDueDate,
    assignments: JSON.stringify(assignments),
    updated_at: job.now.toISOString(),
  };
  const existing = await findReviewOfInstance(job.trx, job.processInstanceKey);
  if (existing) {
    await job.trx('management_reviews').where({ id: existing.id }).update(values);
    return { id: existing.id, reference: existing.reference };
  }
  const [row] = await job
    .trx('management_reviews')
    .insert({
      ...values,
      unit_id: job.unitId,
      process_instance_key: job.processInstanceKey,
      reference,
      year: Number(job.variables.year),
      status: 'notice',
      created_at: job.now.toISOString(),
    })
    .returning('id');
  return { id: String(row.id), reference };
}

/**
 * Checks the drafted notice against the rules between its fields and, when it passes, writes it
 * to the review record. Returns `noticeProblems` (empty when the notice may go to the leader)
 * and, for the approval form, the review's id, reference and assignment rows.
 */
export async function checkNotice(job: JobContext): Promise<Variables> {
  const notice = readNotice(job.variables);
  const departments = await departmentsOf(job.trx, job.unitId);
  const problems = noticeProblems(notice, departments, vietnamDate(job.now));
  if (problems.length > 0) {
    job.logger.info(
      { processInstanceKey: job.processInstanceKey, count: problems.length },
      'review notice returned to the draft',
    );
    return { noticeProblems: problems.map((problem) => problem.message) };
  }

  const assignments = assignmentsOf(notice, departments);
  const review = await saveNotice(job, notice, assignments);
  const labelOf = new Map(reviewInputs.map((input) => [input.key, input.label.vi]));
  return {
    noticeProblems: [],
    reviewId: review.id,
    reviewReference: review.reference,
    reportDueDateText: shortDate(notice.reportDueDate),
    noticeRows: assignments.map((assignment) => ({
      department: assignment.departmentName,
      inputs: assignment.inputs.map((key) => labelOf.get(key)).join('; '),
    })),
  };
}

/**
 * Records the leader's approval of the notice and opens the reporting: returns
 * `reportRequests`, one per department of the notice, over which the report task runs.
 */
export async function recordNotice(job: JobContext): Promise<Variables> {
  const review = await requireReviewOfInstance(job.trx, job.processInstanceKey);
  const approval = await latestApproval(job.trx, job.processInstanceKey, 'Task_ApproveNotice');

  await job
    .trx('management_reviews')
    .where({ id: review.id })
    .update({
      status: 'reporting',
      notice_approved_at: approval?.decidedAt ?? job.now.toISOString(),
      notice_approved_by: approval?.actor ?? null,
      notice_approved_by_name: approval?.actorName ?? null,
      updated_at: job.now.toISOString(),
    });
  job.logger.info(
    { processInstanceKey: job.processInstanceKey, departments: review.assignments.length },
    'review notice approved',
  );
  return { reportRequests: review.assignments };
}
