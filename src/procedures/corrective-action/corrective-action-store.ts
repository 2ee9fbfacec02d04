import type { JobContext } from '../../jobs/job-worker.js';

/** The columns of a corrective action that the procedure's workers read back. */
export interface StoredCorrectiveAction {
  code: string;
  title: string;
  rootCause: string | null;
  reopenedCount: number;
}

/** Reads the corrective action of the job's instance, or throws when none is recorded. */
export async function loadCorrectiveAction(job: JobContext): Promise<StoredCorrectiveAction> {
  const row = await job
    .trx('corrective_actions')
    .where({ process_instance_key: job.processInstanceKey })
    .first('code', 'title', 'root_cause', 'reopened_count');
  if (!row) throw missingRecord(job);
  return {
    code: row.code as string,
    title: row.title as string,
    rootCause: (row.root_cause as string | null) ?? null,
    reopenedCount: Number(row.reopened_count),
  };
}

/** Updates the corrective action of the job's instance and stamps `updated_at`. */
export async function updateCorrectiveAction(
  job: JobContext,
  values: Record<string, unknown>,
): Promise<void> {
  const count = await job
    .trx('corrective_actions')
    .where({ process_instance_key: job.processInstanceKey })
    .update({ ...values, updated_at: job.now.toISOString() });
  if (count === 0) throw missingRecord(job);
}

/** Returns who completed the latest task of `elementId` in the job's instance, or null. */
export async function completedBy(job: JobContext, elementId: string): Promise<string | null> {
  const task = await job
    .trx('user_tasks')
    .where({
      process_instance_key: job.processInstanceKey,
      element_id: elementId,
      state: 'COMPLETED',
    })
    .orderBy('completed_at', 'desc')
    .orderBy('key', 'desc')
    .first('completed_by');
  return (task?.completed_by as string | undefined) ?? null;
}

function missingRecord(job: JobContext): Error {
  return new Error(
    `no corrective action is recorded for process instance ${job.processInstanceKey}: the record-raised step must run first`,
  );
}
