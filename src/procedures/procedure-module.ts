import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { Variables } from '../engine/process-engine.js';
import type { WorkerRegistry } from '../jobs/job-worker.js';
import type { Locale } from '../locale.js';
import type { UnitSettings } from '../settings/unit-settings.js';
import type { UserTask } from '../tasks/task-model.js';
import type { Label, RegisterDefinition } from '../registers/framework/register-definition.js';

/**
 * Naming rule of a procedure's business keys. `year` gives `<procedure>-2027` (one per year),
 * `sequence` gives `<prefix>-2027-003` (any number per year), `period` gives
 * `<procedure>-2027-03` for a month or `<procedure>-2027-Q1` for a quarter: the period that ended
 * before the start, which is the one a periodic measurement measures.
 */
export type BusinessKeyPolicy =
  | { kind: 'year' }
  | {
      kind: 'sequence';
      prefix: string;
      /**
       * A register column whose records take numbers of the sequence too, such as demo or
       * imported records that no instance started. New keys continue after its highest number.
       */
      recordCodes?: { table: string; column: string };
    }
  | {
      kind: 'period';
      /** A fixed period, or one that the unit's settings choose, such as the measurement cycle. */
      period: 'month' | 'quarter' | ((settings: UnitSettings) => 'month' | 'quarter');
    };

/** The demo agency's ids and people, which a procedure's demo records refer to. */
export interface DemoAgencyContext {
  unitId: string;
  /** Department ids by code (VP, TTRA, QLKH, QLCN). */
  departmentIds: Record<string, string>;
  /** Username of the ISO secretary. */
  secretary: string;
  /** The director, who approves. */
  director: { username: string; displayName: string };
  /** Heads of department by department code. */
  heads: Record<string, { username: string; displayName: string }>;
  now: Date;
}

/** A user task submission that a procedure checks before the task completes. */
export interface TaskCompletionContext {
  db: Knex;
  task: UserTask;
  variables: Variables;
  locale: Locale;
  /** Username of the person who completes the task. */
  username: string;
  /** The service's clock at the submission. */
  now: Date;
}

/**
 * One ISO procedure: its BPMN process id (the file `processes/<id>.bpmn`), who may start it, how
 * its instances are named, the workers of its service tasks, its registers, its routes under
 * `/api` and its demo records.
 */
export interface ProcedureModule {
  id: string;
  title: Label;
  /** Groups whose members may start it by hand; `everyone` lets any user of the unit start it. */
  starterGroups: string[] | 'everyone';
  businessKey: BusinessKeyPolicy;
  registerWorkers?(registry: WorkerRegistry): void;
  registers?: RegisterDefinition[];
  /** Routes mounted under `/api`; each checks the principal itself. */
  routes?(app: FastifyInstance): Promise<void>;
  /**
   * Checks a submitted user task of this procedure beyond its form, such as an audit team against
   * the audited department, and throws an `EisoError` (HTTP 400) that names the field and the fix.
   */
  validateTaskCompletion?(context: TaskCompletionContext): Promise<void>;
  /** Writes the demo agency's sample records, inside the seed's transaction. */
  seedDemo?(trx: Knex.Transaction, agency: DemoAgencyContext): Promise<void>;
}
