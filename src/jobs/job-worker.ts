import type { Knex } from 'knex';
import type { Logger } from '../logger.js';
import type { Variables } from '../engine/process-engine.js';

/** The input of a worker for one job. */
export interface JobContext {
  trx: Knex.Transaction;
  jobKey: string;
  unitId: string;
  processInstanceKey: string;
  businessKey: string | null;
  elementId: string;
  /** Process variables with the job's local variables on top. */
  variables: Variables;
  /** The static `zeebe:taskHeaders` of the service task. */
  headers: Record<string, string>;
  logger: Logger;
  now: Date;
  /**
   * Starts an instance of another procedure of the same unit in this job's transaction, so the
   * new instance exists exactly when the job's records do. The business key follows the started
   * procedure's policy unless given; the unit's settings and departments are added to `variables`.
   */
  startProcess(options: StartProcessOptions): Promise<StartedProcess>;
}

/** What a worker passes to start another procedure. */
export interface StartProcessOptions {
  bpmnProcessId: string;
  variables: Variables;
  businessKey?: string;
}

/** The instance that `startProcess` started. */
export interface StartedProcess {
  processInstanceKey: string;
  businessKey: string | null;
}

/**
 * A worker for one job type. It writes its records through `trx` and returns
 * the variables to merge into the instance; throwing fails the job, which is
 * retried until its retries run out and then raises an incident.
 */
export type JobWorker = (job: JobContext) => Promise<Variables | void>;

/** Workers by job type (`zeebe:taskDefinition type`). */
export class WorkerRegistry {
  private readonly workers = new Map<string, JobWorker>();

  register(type: string, worker: JobWorker): void {
    this.workers.set(type, worker);
  }

  get(type: string): JobWorker | undefined {
    return this.workers.get(type);
  }

  types(): string[] {
    return [...this.workers.keys()];
  }
}
