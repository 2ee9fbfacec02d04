import type { Variables } from '../../engine/process-engine.js';
import { shortDate } from '../../documents/vietnamese-format.js';
import type { JobContext } from '../../jobs/job-worker.js';
import {
  actionReference,
  isOutputType,
  outputTypeOptions,
  type RecordedOutput,
} from './review-outputs.js';
import {
  departmentsOf,
  requireReviewOfInstance,
  latestApproval,
  type Department,
  type ManagementReview,
} from './review-store.js';
import { listVariable, nonBlankLines, requiredText } from './review-values.js';

/** Maximum length of the title of a corrective action opened from a review, in characters. */
const maxCorrectiveActionTitle = 200;

function readOutput(
  entry: unknown,
  index: number,
  departments: Map<string, Department>,
): RecordedOutput {
  const row = (entry ?? {}) as Record<string, unknown>;
  const text = (name: string) => {
    const value = row[name];
    if (typeof value !== 'string' || value.trim() === '')
      throw new Error(`output ${index + 1} has no ${name}`);
    return value.trim();
  };
  if (!isOutputType(row.outputType))
    throw new Error(`output ${index + 1} has the unknown type ${JSON.stringify(row.outputType)}`);
  const ownerDepartment = text('ownerDepartment');
  if (!departments.has(ownerDepartment))
    throw new Error(`output ${index + 1} names the unknown department ${ownerDepartment}`);
  return {
    outputType: row.outputType,
    description: text('description'),
    ownerDepartment,
    ownerName: text('ownerName'),
    deadline: text('deadline'),
    openCorrectiveAction: row.outputType === 'improvement' && row.openCorrectiveAction === true,
  };
}

/**
 * Stores the meeting as the secretary recorded it (date, participants, minutes, the leader's
 * conclusion and the decided outputs) as the draft report, and returns the outputs as rows for
 * the leader's approval form.
 */
export async function recordMeeting(job: JobContext): Promise<Variables> {
  const review = await requireReviewOfInstance(job.trx, job.processInstanceKey);
  const departments = await departmentsOf(job.trx, job.unitId);
  const outputs = (
    job.variables.outputs === null || job.variables.outputs === undefined
      ? []
      : listVariable(job.variables, 'outputs')
  ).map((entry, index) => readOutput(entry, index, departments));

  await job
    .trx('management_reviews')
    .where({ id: review.id })
    .update({
      status: 'report-review',
      held_on: requiredText(job.variables, 'heldOn'),
      held_start: requiredText(job.variables, 'heldStart'),
      held_venue: requiredText(job.variables, 'heldVenue'),
      held_participants: JSON.stringify(
        nonBlankLines(requiredText(job.variables, 'heldParticipants')),
      ),
      minutes: requiredText(job.variables, 'minutes'),
      conclusion: requiredText(job.variables, 'conclusion'),
      outputs: JSON.stringify(outputs),
      updated_at: job.now.toISOString(),
    });
  return {
    outputRows: outputs.map((output) => ({
      outputType: outputTypeOptions.find((option) => option.value === output.outputType)?.label.vi,
      description: output.description,
      owner: `${departments.get(output.ownerDepartment)?.name}: ${output.ownerName}`,
      deadline: shortDate(output.deadline),
      correctiveAction: output.openCorrectiveAction ? 'Có' : 'Không',
    })),
  };
}

function correctiveActionTitle(description: string): string {
  const firstLine = nonBlankLines(description)[0] ?? description;
  if (firstLine.length <= maxCorrectiveActionTitle) return firstLine;
  return `${firstLine.slice(0, maxCorrectiveActionTitle - 1)}…`;
}

// An improvement decided by the review can need a corrective action (clause 10.2), which the
// corrective-action procedure tracks with its own business key.
async function openCorrectiveAction(
  job: JobContext,
  review: ManagementReview,
  output: RecordedOutput,
  position: number,
  department: Department,
) {
  const sourceReference = actionReference(review.reference, position);
  const description =
    `${output.description}\n` +
    `Quyết định tại cuộc xem xét của lãnh đạo ${review.reference}, họp ngày ${shortDate(review.heldOn ?? review.meetingDate)}; ` +
    `đơn vị chủ trì: ${department.name}, người chịu trách nhiệm: ${output.ownerName}, thời hạn ${shortDate(output.deadline)}.`;
  return job.startProcess({
    bpmnProcessId: 'corrective-action',
    variables: {
      source: 'review',
      sourceReference,
      title: correctiveActionTitle(output.description),
      description,
      departmentCode: department.code,
    },
  });
}

/**
 * Records the leader's approval of the report and turns each output into a tracked action of
 * the register. An improvement marked for it opens a corrective action in the same transaction,
 * and its action keeps the corrective action's business key.
 */
export async function recordOutcome(job: JobContext): Promise<Variables> {
  const review = await requireReviewOfInstance(job.trx, job.processInstanceKey);
  const departments = await departmentsOf(job.trx, job.unitId);
  const approval = await latestApproval(job.trx, job.processInstanceKey, 'Task_ApproveReport');
  const correctiveActions: string[] = [];

  for (const [index, output] of review.outputs.entries()) {
    const position = index + 1;
    const department = departments.get(output.ownerDepartment);
    if (!department) throw new Error(`output ${position} names an unknown department`);
    const started = output.openCorrectiveAction
      ? await openCorrectiveAction(job, review, output, position, department)
      : null;
    if (started?.businessKey) correctiveActions.push(started.businessKey);
    await job.trx('review_actions').insert({
      unit_id: job.unitId,
      management_review_id: review.id,
      position,
      year: review.year,
      output_type: output.outputType,
      description: output.description,
      owner_department_id: department.id,
      owner_department_code: department.code,
      owner_name: output.ownerName,
      deadline: output.deadline,
      status: 'open',
      corrective_action_key: started?.businessKey ?? null,
      corrective_action_instance_key: started?.processInstanceKey ?? null,
      created_at: job.now.toISOString(),
      updated_at: job.now.toISOString(),
    });
  }

  await job
    .trx('management_reviews')
    .where({ id: review.id })
    .update({
      status: 'approved',
      report_approved_at: approval?.decidedAt ?? job.now.toISOString(),
      report_approved_by: approval?.actor ?? null,
      report_approved_by_name: approval?.actorName ?? null,
      updated_at: job.now.toISOString(),
    });
  job.logger.info(
    {
      processInstanceKey: job.processInstanceKey,
      actions: review.outputs.length,
      correctiveActions: correctiveActions.length,
    },
    'management review report approved',
  );
  return { correctiveActions };
}
