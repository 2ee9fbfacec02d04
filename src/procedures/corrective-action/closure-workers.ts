import type { JobContext } from '../../jobs/job-worker.js';
import type { Variables } from '../../engine/process-engine.js';
import { agencyDate } from './agency-calendar.js';
import {
  completedBy,
  loadCorrectiveAction,
  updateCorrectiveAction,
  type StoredCorrectiveAction,
} from './corrective-action-store.js';
import { optionalText, requiredText } from './job-variables.js';

/** BPMN process ids of the procedures that a closed corrective action may start. */
export const followUpProcessIds = {
  risk: 'risk-management',
  document: 'document-control',
} as const;

/**
 * Reopens the corrective action after an effectiveness check found it not effective, so the
 * owner analyses the root cause again. The check's form values are cleared, so the next check
 * opens empty.
 */
export async function recordReopen(job: JobContext): Promise<Variables> {
  const stored = await loadCorrectiveAction(job);
  const note = requiredText(job, 'effectivenessNote');
  const reopenedCount = stored.reopenedCount + 1;
  await updateCorrectiveAction(job, {
    reopened_count: reopenedCount,
    effectiveness_result: 'not-effective',
    effectiveness_note: note,
    checked_by: await completedBy(job, 'Task_CheckEffectiveness'),
    status: 'triaged',
  });
  job.logger.info(
    { processInstanceKey: job.processInstanceKey, code: stored.code, reopenedCount },
    'corrective action reopened',
  );
  return { reopenedCount, reopenReason: note, effective: null, effectivenessNote: null };
}

/**
 * Starts a follow-up procedure in the job's transaction and stores its business key, or its
 * instance key when it has none, in `column` of the corrective action.
 */
async function startFollowUp(
  job: JobContext,
  stored: StoredCorrectiveAction,
  start: { bpmnProcessId: string; variables: Variables; column: string },
): Promise<string> {
  const started = await job.startProcess({
    bpmnProcessId: start.bpmnProcessId,
    variables: start.variables,
  });
  const key = started.businessKey ?? started.processInstanceKey;
  await updateCorrectiveAction(job, { [start.column]: key });
  job.logger.info(
    {
      processInstanceKey: job.processInstanceKey,
      code: stored.code,
      bpmnProcessId: start.bpmnProcessId,
      followUp: key,
    },
    'follow-up procedure started',
  );
  return key;
}

/** Starts a risk assessment (risk-management) triggered by the corrective action. */
export async function startRiskAssessment(job: JobContext): Promise<Variables> {
  const stored = await loadCorrectiveAction(job);
  const trigger =
    optionalText(job, 'riskChangeNote') ?? `Hành động khắc phục ${stored.code}: ${stored.title}`;
  const key = await startFollowUp(job, stored, {
    bpmnProcessId: followUpProcessIds.risk,
    variables: { trigger, sourceReference: stored.code },
    column: 'risk_follow_up_key',
  });
  return { riskAssessmentKey: key };
}

/** Starts a change of a controlled document (document-control) that the corrective action needs. */
export async function startDocumentChange(job: JobContext): Promise<Variables> {
  const stored = await loadCorrectiveAction(job);
  const changeReason =
    optionalText(job, 'documentChangeNote') ??
    `Hành động khắc phục ${stored.code}: ${stored.rootCause ?? stored.title}`;
  const key = await startFollowUp(job, stored, {
    bpmnProcessId: followUpProcessIds.document,
    variables: {
      changeReason,
      documentCode: optionalText(job, 'documentCode'),
      sourceReference: stored.code,
    },
    column: 'document_follow_up_key',
  });
  return { documentChangeKey: key };
}

/** Closes the corrective action as effective. */
export async function recordClosure(job: JobContext): Promise<void> {
  await updateCorrectiveAction(job, {
    effectiveness_result: 'effective',
    effectiveness_note: requiredText(job, 'effectivenessNote'),
    checked_by: await completedBy(job, 'Task_CheckEffectiveness'),
    status: 'closed',
    closed_on: agencyDate(job.now),
  });
  job.logger.info({ processInstanceKey: job.processInstanceKey }, 'corrective action closed');
}
