import type { JobContext } from '../../jobs/job-worker.js';
import type { Variables } from '../../engine/process-engine.js';
import { agencyDate } from './agency-calendar.js';
import { completedBy, updateCorrectiveAction } from './corrective-action-store.js';
import {
  departmentCode,
  departmentCodes,
  oneOf,
  optionalText,
  requiredText,
} from './job-variables.js';
import { parseCorrectiveActionStart } from './start-contract.js';

/**
 * Tells the gateway after the start event whether another procedure started the instance with
 * the start contract's variables. Those are checked here, so a wrong value stops the instance
 * with an incident that names it before anything is recorded.
 */
export async function checkOrigin(job: JobContext): Promise<Variables> {
  const source = job.variables.source;
  const raisedByProcedure = source !== undefined && source !== null;
  if (raisedByProcedure) parseCorrectiveActionStart(job.variables, departmentCodes(job));
  return { raisedByProcedure };
}

/**
 * Records the nonconformity in the register with the instance's business key as its code, from
 * the raise form or the start contract. Returns the variables normalized, so later forms and
 * FEEL expressions see null instead of a missing or blank value.
 */
export async function recordRaised(job: JobContext): Promise<Variables> {
  const code = job.businessKey;
  if (!code) {
    throw new Error(
      'the instance has no business key: start it through the procedure API, which gives it a KPH-<year>-<nnn> key',
    );
  }
  const raised = parseCorrectiveActionStart(job.variables, departmentCodes(job));
  const evidence = optionalText(job, 'evidence');

  await job.trx('corrective_actions').insert({
    unit_id: job.unitId,
    process_instance_key: job.processInstanceKey,
    code,
    source: raised.source,
    source_reference: raised.sourceReference,
    title: raised.title,
    description: raised.description,
    evidence,
    department_code: raised.departmentCode,
    status: 'raised',
    raised_on: agencyDate(job.now),
    raised_by: optionalText(job, 'initiator'),
    created_at: job.now.toISOString(),
    updated_at: job.now.toISOString(),
  });
  job.logger.info(
    { processInstanceKey: job.processInstanceKey, code, source: raised.source },
    'nonconformity recorded',
  );
  return { correctiveActionCode: code, ...raised, evidence, reopenedCount: 0 };
}

/** Records the classification as a nonconformity and the owner department. */
export async function recordTriage(job: JobContext): Promise<void> {
  await updateCorrectiveAction(job, {
    classification: oneOf(job, 'classification', ['major', 'minor']),
    department_code: departmentCode(job),
    triage_note: requiredText(job, 'triageNote'),
    triaged_by: await completedBy(job, 'Task_Triage'),
    status: 'triaged',
  });
}

/** Closes the record as rejected: the ISO secretary found no nonconformity, for the noted reason. */
export async function recordRejection(job: JobContext): Promise<void> {
  await updateCorrectiveAction(job, {
    classification: 'not-nonconformity',
    department_code: departmentCode(job),
    triage_note: requiredText(job, 'triageNote'),
    triaged_by: await completedBy(job, 'Task_Triage'),
    status: 'rejected',
    closed_on: agencyDate(job.now),
  });
  job.logger.info({ processInstanceKey: job.processInstanceKey }, 'nonconformity rejected');
}
