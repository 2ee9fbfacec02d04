import type { JobContext, WorkerRegistry } from '../../jobs/job-worker.js';
import { departmentsByCode } from './document-store.js';
import { issueDocument } from './issue-worker.js';
import { checkProposal, prepareProposal } from './proposal-workers.js';
import { recordDraft, returnDraft, submitForApproval } from './review-workers.js';

/** Job types of the document-control procedure. */
export const documentJobTypes = {
  prepare: 'eiso.documents.prepare',
  checkProposal: 'eiso.documents.check-proposal',
  recordDraft: 'eiso.documents.record-draft',
  submitForApproval: 'eiso.documents.submit-for-approval',
  returnDraft: 'eiso.documents.return',
  issue: 'eiso.documents.issue',
  acknowledge: 'eiso.documents.acknowledge',
} as const;

/** Subject of the acknowledgements that this procedure records. */
export const acknowledgementSubject = 'document-control';

/** Registers the workers that move a document change through the register. */
export function registerDocumentWorkers(registry: WorkerRegistry): void {
  registry.register(documentJobTypes.prepare, prepareProposal);
  registry.register(documentJobTypes.checkProposal, checkProposal);
  registry.register(documentJobTypes.recordDraft, recordDraft);
  registry.register(documentJobTypes.submitForApproval, submitForApproval);
  registry.register(documentJobTypes.returnDraft, returnDraft);
  registry.register(documentJobTypes.issue, issueDocument);
  registry.register(documentJobTypes.acknowledge, recordAcknowledgements);
}

// Each completed acknowledgement task carries its department as the loop element and the head
// who completed it, so the record names who acknowledged for which department and when.
async function recordAcknowledgements(job: JobContext): Promise<void> {
  const departments = await departmentsByCode(job.trx, job.unitId);
  const tasks = await job
    .trx('user_tasks')
    .where({
      process_instance_key: job.processInstanceKey,
      element_id: 'Task_Acknowledge',
      state: 'COMPLETED',
    })
    .select('local_variables', 'completion_variables', 'completed_by', 'completed_at');
  const rows = tasks.flatMap((task) => {
    const department = departments.get(String(task.local_variables?.department));
    if (!department) return [];
    return [
      {
        unit_id: job.unitId,
        process_instance_key: job.processInstanceKey,
        subject: acknowledgementSubject,
        department_id: department.id,
        actor: task.completed_by,
        note: task.completion_variables?.acknowledgeNote || null,
        acknowledged_at: task.completed_at,
      },
    ];
  });
  if (rows.length === 0) return;
  await job
    .trx('acknowledgements')
    .insert(rows)
    .onConflict(['process_instance_key', 'subject', 'department_id'])
    .ignore();
  job.logger.info(
    { processInstanceKey: job.processInstanceKey, count: rows.length },
    'document acknowledgements recorded',
  );
}
