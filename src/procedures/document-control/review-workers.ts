import type { Variables } from '../../engine/process-engine.js';
import type { JobContext } from '../../jobs/job-worker.js';
import { documentTypeOptions, optionLabel, retentionPeriodOptions } from './document-options.js';
import {
  departmentsByCode,
  findDraftOfInstance,
  lastCompletion,
  type Department,
} from './document-store.js';

function requiredText(job: JobContext, name: string): string {
  const value = job.variables[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new Error(`variable '${name}' must be a non-empty text, got ${JSON.stringify(value)}`);
  return value;
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function concernedCodes(job: JobContext, departments: Map<string, Department>): string[] {
  const value = job.variables.departmentsConcerned;
  const codes = Array.isArray(value) ? value.map(String) : [];
  const known = codes.filter((code) => departments.has(code));
  if (known.length === 0)
    throw new Error(
      `variable 'departmentsConcerned' must name at least one department of the unit, got ${JSON.stringify(value)}`,
    );
  return known;
}

/**
 * Writes the submitted draft as the instance's version of the document, in review. A draft that
 * returns after a return is updated in place, so one change keeps one version row.
 */
export async function recordDraft(job: JobContext): Promise<Variables> {
  const departments = await departmentsByCode(job.trx, job.unitId);
  const concerned = concernedCodes(job, departments);
  const drafter = await lastCompletion(job.trx, job.processInstanceKey, ['Task_Draft']);
  const draftingCode = String(job.variables.draftingDepartment ?? '');
  const values = {
    code: requiredText(job, 'targetCode'),
    title: requiredText(job, 'title').trim(),
    document_type: requiredText(job, 'documentType'),
    issue_number: Number(job.variables.nextIssueNumber),
    status: 'in-review',
    change_type: requiredText(job, 'changeType'),
    change_summary: requiredText(job, 'changeSummary'),
    change_reason: requiredText(job, 'changeReason'),
    // The embedded engine drops a variable named `content`, a key of bpmn-elements' messages.
    content: requiredText(job, 'documentContent'),
    link: optionalText(job.variables.link),
    retention_period: requiredText(job, 'retentionPeriod'),
    drafting_department_id: departments.get(draftingCode)?.id ?? null,
    departments: JSON.stringify(concerned),
    drafted_by: drafter?.username ?? null,
    drafted_by_name: drafter?.displayName ?? null,
    source_reference: optionalText(job.variables.sourceReference),
    change_key: job.businessKey,
    updated_at: job.now,
    updated_by: drafter?.username ?? 'system',
  };

  const existing = await findDraftOfInstance(job.trx, job.processInstanceKey, { forUpdate: true });
  if (existing) {
    await job.trx('controlled_documents').where({ id: existing.id }).update(values);
  } else {
    await job.trx('controlled_documents').insert({
      ...values,
      unit_id: job.unitId,
      process_instance_key: job.processInstanceKey,
      created_at: job.now,
      created_by: values.updated_by,
    });
  }
  job.logger.info(
    { processInstanceKey: job.processInstanceKey, code: values.code, issue: values.issue_number },
    'document draft recorded',
  );
  return {
    departmentsConcerned: concerned,
    departmentNames: concerned.map((code) => departments.get(code)?.name ?? code).join(', '),
    documentTypeLabel: optionLabel(documentTypeOptions, values.document_type, 'vi'),
    retentionPeriodLabel: optionLabel(retentionPeriodOptions, values.retention_period, 'vi'),
    draftedBy: values.drafted_by,
    draftedByName: values.drafted_by_name,
  };
}

/** Records who reviewed the change and puts its version before the board. */
export async function submitForApproval(job: JobContext): Promise<Variables> {
  const review = await lastCompletion(job.trx, job.processInstanceKey, ['Task_Review']);
  if (!review) throw new Error('the review task of this instance has no completion to submit');

  const draft = await findDraftOfInstance(job.trx, job.processInstanceKey, { forUpdate: true });
  if (draft) {
    await job.trx('controlled_documents').where({ id: draft.id }).update({
      status: 'pending-approval',
      reviewed_by: review.username,
      reviewed_by_name: review.displayName,
      reviewed_at: review.completedAt,
      updated_at: job.now,
      updated_by: review.username,
    });
  }
  return {
    reviewedBy: review.username,
    reviewedByName: review.displayName,
    reviewComment: optionalText(review.variables.comment),
  };
}

/**
 * Sends the change back to its drafter with the comment of the reviewer or board member who
 * returned it, and puts its version back to draft.
 */
export async function returnDraft(job: JobContext): Promise<Variables> {
  const decision = await lastCompletion(job.trx, job.processInstanceKey, [
    'Task_Review',
    'Task_Approve',
  ]);
  if (!decision) throw new Error('no review or approval of this instance returned the change');
  const fromApproval = decision.elementId === 'Task_Approve';

  const draft = await findDraftOfInstance(job.trx, job.processInstanceKey, { forUpdate: true });
  if (draft) {
    await job
      .trx('controlled_documents')
      .where({ id: draft.id })
      .update({ status: 'draft', updated_at: job.now, updated_by: decision.username });
  }
  job.logger.info(
    { processInstanceKey: job.processInstanceKey, from: decision.elementId },
    'document change returned to the drafter',
  );
  return {
    returnedFrom: fromApproval ? 'approval' : 'review',
    returnedBy: decision.username,
    returnedByName: `${decision.displayName} (${fromApproval ? 'Ban giám đốc' : 'người xem xét'})`,
    returnComment: optionalText(decision.variables.comment) ?? '',
  };
}
