import type { Knex } from 'knex';
import type { Logger } from '../logger.js';
import { appendHistory } from '../history/history-log.js';
import type { Variables } from '../engine/process-engine.js';
import { nextBusinessKey, startVariables, vietnamYear } from '../procedures/procedure-start.js';
import type { Runtime } from '../runtime/runtime.js';
import type { WorkerRegistry } from './job-worker.js';

interface JobRow {
  key: string;
  unit_id: string;
  process_instance_key: string;
  element_id: string;
  element_instance_key: string;
  type: string;
  retries: number;
  custom_headers: Record<string, string> | null;
  local_variables: Variables | null;
  caused_by: string | null;
}

/** Delay before the next try of a failed job. */
export const retryBackoffMs = 5_000;

/**
 * Runs due jobs with the registered workers. Each job is claimed with
 * `FOR UPDATE SKIP LOCKED`, so several service nodes on one PostgreSQL never
 * run the same job twice; the worker's writes and the instance's next state
 * commit together.
 */
export class JobRunner {
  constructor(
    private readonly db: Knex,
    private readonly runtime: Runtime,
    private readonly workers: WorkerRegistry,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Runs the due jobs of one instance until none is left (a job may open the next one). */
  async runInstanceJobs(processInstanceKey: string): Promise<void> {
    for (let round = 0; round < 100; round++) {
      const ran = await this.runOne({ process_instance_key: processInstanceKey });
      if (!ran) return;
    }
  }

  /** Runs up to `limit` due jobs of any instance; returns how many ran. */
  async runDueJobs(limit = 50): Promise<number> {
    let count = 0;
    while (count < limit && (await this.runOne({}))) count++;
    return count;
  }

  private async runOne(filter: Record<string, string>): Promise<boolean> {
    let claimed: JobRow | undefined;
    let failure: Error | undefined;
    let onCommitted: (() => Promise<void>) | undefined;
    const now = this.now();

    await this.db.transaction(async (trx) => {
      claimed = await trx('jobs')
        .where({ state: 'CREATED', ...filter })
        .andWhere('due_at', '<=', now.toISOString())
        .orderBy('key')
        .forUpdate()
        .skipLocked()
        .first();
      if (!claimed) return;
      try {
        onCommitted = await trx.transaction((inner) => this.execute(inner, claimed!, now));
      } catch (error) {
        failure = error as Error;
      }
    });

    if (!claimed) return false;
    if (failure) await this.fail(claimed, failure);
    else await onCommitted?.();
    return true;
  }

  private async execute(
    trx: Knex.Transaction,
    job: JobRow,
    now: Date,
  ): Promise<() => Promise<void>> {
    const worker = this.workers.get(job.type);
    if (!worker) throw new Error(`no worker is registered for job type '${job.type}'`);

    const unitId = String(job.unit_id);
    const instance = await trx('process_instances')
      .where({ key: job.process_instance_key })
      .first('variables', 'business_key');
    const started: (() => Promise<void>)[] = [];
    const output = await worker({
      trx,
      jobKey: String(job.key),
      unitId,
      processInstanceKey: String(job.process_instance_key),
      businessKey: instance?.business_key ?? null,
      elementId: job.element_id,
      variables: { ...(instance?.variables ?? {}), ...(job.local_variables ?? {}) },
      headers: job.custom_headers ?? {},
      startProcess: async (options) => {
        const year = vietnamYear(now);
        const businessKey =
          options.businessKey ??
          (await nextBusinessKey(trx, unitId, options.bpmnProcessId, { year, date: now }));
        const base = await startVariables(trx, unitId, { year, initiator: null });
        const result = await this.runtime.startInstanceInTransaction(trx, {
          unitId,
          bpmnProcessId: options.bpmnProcessId,
          variables: { ...base, ...options.variables },
          businessKey,
          actor: null,
        });
        started.push(result.afterCommit);
        return { processInstanceKey: result.instance.key, businessKey };
      },
      logger: this.logger,
      now,
    });
    const completed = await this.runtime.completeJobInTransaction(
      trx,
      {
        key: String(job.key),
        unitId,
        processInstanceKey: String(job.process_instance_key),
        elementId: job.element_id,
        elementInstanceKey: job.element_instance_key,
        type: job.type,
        causedBy: job.caused_by ?? null,
      },
      output ?? {},
    );
    return async () => {
      completed();
      for (const afterCommit of started) await afterCommit();
    };
  }

  private async fail(job: JobRow, error: Error): Promise<void> {
    const retries = Number(job.retries) - 1;
    const now = this.now();
    this.logger.warn({ jobKey: job.key, jobType: job.type, retries, err: error }, 'job failed');

    await this.db.transaction(async (trx) => {
      const dueAt = new Date(now.getTime() + retryBackoffMs);
      await trx('jobs')
        .where({ key: job.key })
        .update({
          retries,
          error_message: error.message,
          state: retries > 0 ? 'CREATED' : 'FAILED',
          due_at: dueAt.toISOString(),
        });
      const events = [
        {
          type: 'JOB_FAILED',
          elementId: job.element_id,
          data: { jobKey: String(job.key), retries, errorMessage: error.message },
        },
      ];
      if (retries <= 0) events.push(await this.raiseIncident(trx, job, error, now));
      await appendHistory(trx, String(job.unit_id), String(job.process_instance_key), events, now);
    });
  }

  private async raiseIncident(trx: Knex.Transaction, job: JobRow, error: Error, now: Date) {
    const instance = await trx('process_instances')
      .where({ key: job.process_instance_key })
      .first('process_definition_key', 'bpmn_process_id');
    const [row] = await trx('incidents')
      .insert({
        unit_id: job.unit_id,
        process_instance_key: job.process_instance_key,
        process_definition_key: instance.process_definition_key,
        bpmn_process_id: instance.bpmn_process_id,
        element_id: job.element_id,
        element_instance_key: job.element_instance_key,
        job_key: job.key,
        error_type: 'JOB_NO_RETRIES',
        error_message: error.message,
        state: 'ACTIVE',
        created_at: now.toISOString(),
      })
      .returning('key');
    await trx('process_instances')
      .where({ key: job.process_instance_key })
      .update({ has_incident: true });
    return {
      type: 'INCIDENT_CREATED',
      elementId: job.element_id,
      data: {
        incidentKey: String(row.key),
        jobKey: String(job.key),
        errorType: 'JOB_NO_RETRIES',
        errorMessage: error.message,
        retries: 0,
      },
    };
  }
}
