import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { JobWorker } from '../../src/jobs/job-worker.js';
import { deployResources } from '../../src/runtime/deployer.js';
import { createTestApp, createTestDatabase, type TestApp } from '../helpers/test-app.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'bpmn');

/** A user task row of one instance, reduced to what the join tests compare. */
export interface TaskRow {
  key: string;
  elementId: string;
  state: string;
  assignee: string | null;
}

/**
 * Drives process instances through eiso's runtime on a real database. Every
 * step is one runtime command, so the embedded engine recovers the stored
 * state, resumes it, applies the step and stores the new state each time.
 * `reopen` goes further and builds a new app on the same database, so that
 * nothing of the previous engine, not even its compiled models, stays in
 * memory.
 */
export class InstanceDriver {
  private readonly workers = new Map<string, JobWorker>();

  private constructor(
    private app: TestApp,
    private readonly database: { db: Knex; drop: () => Promise<void> },
    private readonly unitId: string,
    private readonly clock: { now: Date },
  ) {}

  /** Builds an app on a database of its own and deploys the given fixtures. */
  static async create(fixtureNames: string[]): Promise<InstanceDriver> {
    const database = await createTestDatabase();
    const clock = { now: new Date('2026-03-02T08:00:00Z') };
    const app = await createTestApp({ db: database.db, now: () => clock.now });
    const unit = await database.db('units').where({ kind: 'agency' }).first('id');
    const unitId = String(unit.id);
    const resources = fixtureNames.map((name) => ({
      name,
      content: fs.readFileSync(path.join(fixtures, name), 'utf8'),
    }));
    await deployResources(database.db, app.app.services.logger, unitId, resources, 'test');
    return new InstanceDriver(app, database, unitId, clock);
  }

  get db(): Knex {
    return this.database.db;
  }

  /** Closes the app and drops its database. */
  async drop(): Promise<void> {
    await this.app.close();
    await this.database.drop();
  }

  /** Replaces the app by a new one on the same database, with an empty engine cache. */
  async reopen(): Promise<void> {
    await this.app.close();
    this.app = await createTestApp({ db: this.database.db, now: () => this.clock.now });
    for (const [type, worker] of this.workers) this.app.app.services.workers.register(type, worker);
  }

  /** Registers a job worker, in this app and in every app that `reopen` builds. */
  registerWorker(type: string, worker: JobWorker): void {
    this.workers.set(type, worker);
    this.app.app.services.workers.register(type, worker);
  }

  /** Starts an instance and returns its key. */
  async start(bpmnProcessId: string, variables: Record<string, unknown> = {}): Promise<string> {
    const instance = await this.app.app.services.runtime.startInstance({
      unitId: this.unitId,
      bpmnProcessId,
      variables,
      actor: 'secretary',
    });
    return instance.key;
  }

  /**
   * Completes the open user task of `elementId`. When the element has several
   * open tasks (a multi-instance), `assignee` picks one.
   */
  async complete(
    instanceKey: string,
    elementId: string,
    variables: Record<string, unknown> = {},
    assignee?: string,
  ): Promise<void> {
    const candidates = (await this.openTasks(instanceKey)).filter(
      (task) =>
        task.elementId === elementId && (assignee === undefined || task.assignee === assignee),
    );
    if (candidates.length !== 1) {
      const open = (await this.openElements(instanceKey)).join(', ');
      throw new Error(
        `expected one open task of ${elementId}, found ${candidates.length} (open: ${open})`,
      );
    }
    const { runtime } = this.app.app.services;
    const task = await runtime.loadTask(this.unitId, candidates[0].key);
    await runtime.completeUserTask(task, variables, 'secretary');
  }

  /** Completes the user task with this key, as the secretary. */
  async completeTask(taskKey: string, variables: Record<string, unknown> = {}): Promise<void> {
    const { runtime } = this.app.app.services;
    const task = await runtime.loadTask(this.unitId, taskKey);
    await runtime.completeUserTask(task, variables, 'secretary');
  }

  /** Lists the open user tasks of an instance in creation order. */
  async openTasks(instanceKey: string): Promise<TaskRow[]> {
    const rows = await this.db('user_tasks')
      .where({ process_instance_key: instanceKey, state: 'CREATED' })
      .orderBy('key')
      .select('key', 'element_id', 'state', 'assignee');
    return rows.map((row) => ({
      key: String(row.key),
      elementId: String(row.element_id),
      state: String(row.state),
      assignee: (row.assignee as string | null) ?? null,
    }));
  }

  /** Lists the element ids of the open user tasks, sorted. */
  async openElements(instanceKey: string): Promise<string[]> {
    return (await this.openTasks(instanceKey)).map((task) => task.elementId).sort();
  }

  /** Returns the state of the instance: ACTIVE, COMPLETED or TERMINATED. */
  async state(instanceKey: string): Promise<string> {
    const row = await this.db('process_instances').where({ key: instanceKey }).first('state');
    return String(row.state);
  }

  /** Returns the variables of the instance. */
  async variables(instanceKey: string): Promise<Record<string, unknown>> {
    const row = await this.db('process_instances').where({ key: instanceKey }).first('variables');
    return row.variables as Record<string, unknown>;
  }

  /** Counts the history events of one type and element, such as activations of a gateway. */
  async countEvents(instanceKey: string, type: string, elementId: string): Promise<number> {
    const [{ count }] = await this.db('history_events')
      .where({ process_instance_key: instanceKey, type, element_id: elementId })
      .count({ count: '*' });
    return Number(count);
  }

  /** Lists the error messages of the active incidents of an instance. */
  async incidents(instanceKey: string): Promise<string[]> {
    const rows = await this.db('incidents')
      .where({ process_instance_key: instanceKey, state: 'ACTIVE' })
      .select('error_message');
    return rows.map((row) => String(row.error_message));
  }

  /** Lists the element ids of the timers that wait, sorted. */
  async openTimers(instanceKey: string): Promise<string[]> {
    const rows = await this.db('timers')
      .where({ process_instance_key: instanceKey, state: 'CREATED' })
      .select('element_id');
    return rows.map((row) => String(row.element_id)).sort();
  }

  /** Fires the waiting timer of `elementId` and runs the jobs it opened, as the scheduler does. */
  async fireTimer(instanceKey: string, elementId: string): Promise<void> {
    const { runtime, jobs } = this.app.app.services;
    await this.db.transaction(async (trx) => {
      const timer = await trx('timers')
        .where({ process_instance_key: instanceKey, element_id: elementId, state: 'CREATED' })
        .first();
      if (!timer) throw new Error(`no waiting timer ${elementId} on instance ${instanceKey}`);
      await runtime.triggerTimer(trx, {
        key: String(timer.key),
        processInstanceKey: instanceKey,
        elementId,
        elementInstanceKey: String(timer.element_instance_key),
      });
    });
    await jobs.runInstanceJobs(instanceKey);
  }
}
