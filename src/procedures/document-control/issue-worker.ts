import type { Variables } from '../../engine/process-engine.js';
import type { JobContext } from '../../jobs/job-worker.js';
import {
  displayDate,
  findDraftOfInstance,
  findIssuedVersion,
  lastCompletion,
  lockUnit,
  vietnamDate,
  type Completion,
  type VersionRow,
} from './document-store.js';

/** The approval that lets the change take effect, and the day it does. */
interface Issue {
  approval: Completion;
  issueDate: string;
}

/**
 * Puts an approved change into effect in one transaction: the new version becomes the issued
 * one with the next issue number and the version it replaces becomes obsolete, or a withdrawn
 * document stops being issued. Either way the change goes into the revision log. The job runner
 * commits these writes with the job's completion, so a failed try leaves nothing behind.
 */
export async function issueDocument(job: JobContext): Promise<Variables> {
  const approval = await lastCompletion(job.trx, job.processInstanceKey, ['Task_Approve']);
  if (!approval || approval.variables.decision !== 'approve')
    throw new Error('the change of this instance has no approval by the board');
  const issue = { approval, issueDate: vietnamDate(job.now) };
  await lockUnit(job.trx, job.unitId);

  const code = String(job.variables.targetCode);
  const issued =
    job.variables.changeType === 'withdrawal'
      ? await withdraw(job, code, issue)
      : await issueDraft(job, code, issue);
  job.logger.info(
    { processInstanceKey: job.processInstanceKey, code, issue: issued.issue_number },
    job.variables.changeType === 'withdrawal' ? 'document withdrawn' : 'document issued',
  );
  return outputVariables(job, issued, issue);
}

async function issueDraft(job: JobContext, code: string, issue: Issue): Promise<VersionRow> {
  const draft = await findDraftOfInstance(job.trx, job.processInstanceKey, { forUpdate: true });
  if (draft?.status !== 'pending-approval')
    throw new Error(`change ${job.businessKey} has no version of ${code} pending approval`);

  // The proposal claimed the code, so the version current now is the one the change revises;
  // the issue number still follows it, whatever the draft planned.
  const current = await findIssuedVersion(job.trx, job.unitId, code, { forUpdate: true });
  if (draft.change_type === 'new' && current)
    throw new Error(`document ${code} was issued by another change while this new one ran`);
  if (draft.change_type === 'revision' && !current)
    throw new Error(`document ${code} has no issued version for this revision to replace`);
  const issueNumber = current ? current.issue_number + 1 : 1;

  // The old version leaves the issued state before the new one enters it, because at most one
  // version of a code may be issued.
  if (current) {
    await job.trx('controlled_documents').where({ id: current.id }).update({
      status: 'obsolete',
      obsolete_at: job.now,
      superseded_by: draft.id,
      updated_at: job.now,
      updated_by: issue.approval.username,
    });
  }
  await job.trx('controlled_documents').where({ id: draft.id }).update({
    status: 'issued',
    issue_number: issueNumber,
    issue_date: issue.issueDate,
    approved_by: issue.approval.username,
    approved_by_name: issue.approval.displayName,
    approved_at: issue.approval.completedAt,
    updated_at: job.now,
    updated_by: issue.approval.username,
  });
  const issued = { ...draft, issue_number: issueNumber, issue_date: issue.issueDate };
  await appendRevision(job, issued, draft.change_type, draft.change_summary, issue);
  return issued;
}

async function withdraw(job: JobContext, code: string, issue: Issue): Promise<VersionRow> {
  const current = await findIssuedVersion(job.trx, job.unitId, code, { forUpdate: true });
  if (!current) throw new Error(`document ${code} has no issued version to withdraw`);

  const reason = String(job.variables.changeReason ?? '');
  await job.trx('controlled_documents').where({ id: current.id }).update({
    status: 'withdrawn',
    withdrawn_at: job.now,
    withdrawal_reason: reason,
    updated_at: job.now,
    updated_by: issue.approval.username,
  });
  const summary = `Hủy bỏ tài liệu, ngừng áp dụng từ ngày ${displayDate(issue.issueDate)}.`;
  await appendRevision(job, current, 'withdrawal', summary, issue);
  return current;
}

async function appendRevision(
  job: JobContext,
  version: VersionRow,
  changeType: string,
  changeSummary: string,
  issue: Issue,
): Promise<void> {
  const drafter = job.variables.draftedBy;
  await job.trx('document_revisions').insert({
    unit_id: job.unitId,
    document_id: version.id,
    code: version.code,
    title: version.title,
    issue_number: version.issue_number,
    change_type: changeType,
    change_date: issue.issueDate,
    change_summary: changeSummary,
    change_reason: String(job.variables.changeReason ?? '') || null,
    drafted_by: typeof drafter === 'string' ? drafter : null,
    drafted_by_name: job.variables.draftedByName ?? null,
    reviewed_by: job.variables.reviewedBy ?? null,
    reviewed_by_name: job.variables.reviewedByName ?? null,
    approved_by: issue.approval.username,
    approved_by_name: issue.approval.displayName,
    change_key: job.businessKey,
    source_reference: job.variables.sourceReference ?? null,
    process_instance_key: job.processInstanceKey,
    created_at: job.now,
  });
}

// The notification goes to the heads and the staff of each department concerned; the heads
// then acknowledge in the multi-instance task.
function outputVariables(job: JobContext, version: VersionRow, issue: Issue): Variables {
  const concerned = Array.isArray(job.variables.departmentsConcerned)
    ? job.variables.departmentsConcerned.map(String)
    : [];
  const withdrawn = job.variables.changeType === 'withdrawal';
  const code = version.code;
  return {
    issueNumber: version.issue_number,
    issueDate: issue.issueDate,
    issueDateText: displayDate(issue.issueDate),
    approvedBy: issue.approval.username,
    approvedByName: issue.approval.displayName,
    noticeRecipients: concerned
      .flatMap((department) => [`group:head-${department}`, `group:staff-${department}`])
      .join(','),
    noticeTitle: withdrawn
      ? `Đã hủy bỏ tài liệu ${code}: ${version.title}`
      : `Đã ban hành tài liệu ${code} lần ${version.issue_number}: ${version.title}`,
    noticeTitleEn: withdrawn
      ? `Document ${code} withdrawn: ${version.title}`
      : `Document ${code} issue ${version.issue_number} in force: ${version.title}`,
  };
}
