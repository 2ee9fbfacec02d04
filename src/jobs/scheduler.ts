import type { Knex } from 'knex';
import type { Logger } from '../logger.js';
import type { Runtime } from '../runtime/runtime.js';
import { nextBusinessKey, startVariables, vietnamYear } from '../procedures/procedure-start.js';
import type { JobRunner } from './job-runner.js';
import { nextDueAt, type StartTimerRow } from './start-timers.js';

/** Delay before a timer start event that failed to start its instance tries again. */
const startRetryMs = 3_600_000;

/**
 * Fires due timers and runs due jobs. Timers live in the database and are
 * claimed with `FOR UPDATE SKIP LOCKED`, so any number of service nodes can
 * share one PostgreSQL without firing a timer twice, and a timer that fell due
 * while the service was down fires at the next tick.
 */
export class Scheduler {
  private handle: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly tickTasks: ((now: Date) => Promise<unknown>)[] = [];

  constructor(
    private readonly db: Knex,
    private readonly runtime: Runtime,
    private readonly jobs: JobRunner,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Ticks every `intervalMs` until stopped. */
  start(intervalMs: number): void {
    this.handle = setInterval(() => {
      this.running ??= this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'scheduler tick failed'))
        .finally(() => (this.running = undefined));
    }, intervalMs);
    this.handle.unref();
  }

  /** Adds work that runs at the end of every tick with the scheduler's time. */
  addTickTask(task: (now: Date) => Promise<unknown>): void {
    this.tickTasks.push(task);
  }

  async stop(): Promise<void> {
    clearInterval(this.handle);
    await this.running;
  }

  /**
   * Starts the processes whose timer start event is due, fires every due timer and runs every due
   * job once. Tests call it after moving the clock.
   */
  async tick(): Promise<{
    starts: number;
    /** Starts per process, with 0 for every process that has a timer start event. */
    startsByProcess: Record<string, number>;
    timers: number;
    jobs: number;
  }> {
    const startsByProcess: Record<string, number> = {};
    for (const id of await this.db('start_timers').distinct().pluck('bpmn_process_id'))
      startsByProcess[id as string] = 0;
    let starts = 0;
    for (let started = await this.fireOneStartTimer(); started;) {
      starts++;
      startsByProcess[started] = (startsByProcess[started] ?? 0) + 1;
      started = await this.fireOneStartTimer();
    }
    let timers = 0;
    while (await this.fireOneTimer()) timers++;
    const jobs = await this.jobs.runDueJobs();
    for (const task of this.tickTasks) await task(this.now());
    return { starts, startsByProcess, timers, jobs };
  }

  // Claims one due timer start event, starts its instance and schedules the next
  // occurrence in one transaction, so each occurrence starts exactly one
  // instance however many nodes tick. An occurrence whose business key already
  // runs (started by hand) is skipped.
  private async fireOneStartTimer(): Promise<string | false> {
    const now = this.now();
    let afterCommit: (() => Promise<void>) | undefined;
    let claimed: StartTimerRow | undefined;
    let failure: Error | undefined;
    await this.db.transaction(async (trx) => {
      claimed = await trx('start_timers')
        .where({ state: 'ACTIVE' })
        .andWhere('due_at', '<=', now.toISOString())
        .orderBy('due_at')
        .forUpdate()
        .skipLocked()
        .first();
      if (!claimed) return;
      const timer = claimed;
      try {
        afterCommit = await trx.transaction((inner) => this.startFromTimer(inner, timer, now));
      } catch (error) {
        failure = error as Error;
      }
      const firedCount = Number(timer.fired_count) + (failure ? 0 : 1);
      const next = failure
        ? new Date(now.getTime() + startRetryMs)
        : await nextDueAt(trx, timer.unit_id, { ...timer, firedCount }, now).catch(() => null);
      await trx('start_timers')
        .where({ id: timer.id })
        .update({
          fired_count: firedCount,
          last_fired_at: failure ? undefined : now.toISOString(),
          last_error: failure ? failure.message : null,
          due_at: next?.toISOString() ?? null,
          state: next ? 'ACTIVE' : 'DONE',
        });
    });
    if (failure) {
      this.logger.error(
        { err: failure, bpmnProcessId: claimed?.bpmn_process_id, unitId: claimed?.unit_id },
        'timer start event failed; retrying later',
      );
    }
    await afterCommit?.();
    return claimed === undefined ? false : String(claimed.bpmn_process_id);
  }

  private async startFromTimer(
    trx: Knex.Transaction,
    timer: StartTimerRow,
    now: Date,
  ): Promise<(() => Promise<void>) | undefined> {
    const unitId = String(timer.unit_id);
    const year = vietnamYear(now);
    const businessKey = await nextBusinessKey(trx, unitId, timer.bpmn_process_id, {
      year,
      date: now,
    });
    const running = await trx('process_instances')
      .where({ unit_id: unitId, bpmn_process_id: timer.bpmn_process_id, business_key: businessKey })
      .whereNot('state', 'TERMINATED')
      .first('key');
    if (running) {
      this.logger.info(
        { bpmnProcessId: timer.bpmn_process_id, businessKey, processInstanceKey: running.key },
        'timer start event skipped: the instance already exists',
      );
      return undefined;
    }
    const started = await this.runtime.startInstanceInTransaction(trx, {
      unitId,
      bpmnProcessId: timer.bpmn_process_id,
      variables: await startVariables(trx, unitId, { year, initiator: null }),
      businessKey,
      actor: null,
    });
    this.logger.info(
      {
        bpmnProcessId: timer.bpmn_process_id,
        processInstanceKey: started.instance.key,
        elementId: timer.element_id,
      },
      'process started by its timer start event',
    );
    return started.afterCommit;
  }

  private async fireOneTimer(): Promise<boolean> {
    let instanceKey: string | undefined;
    await this.db.transaction(async (trx) => {
      const timer = await trx('timers')
        .where({ state: 'CREATED' })
        .andWhere('due_at', '<=', this.now().toISOString())
        // A timer of an instance with an open incident waits for its resolution.
        .whereIn(
          'process_instance_key',
          trx('process_instances')
            .select('key')
            .where({ state: 'ACTIVE' })
            .whereNull('pending_command'),
        )
        .orderBy('due_at')
        .forUpdate()
        .skipLocked()
        .first();
      if (!timer) return;
      instanceKey = String(timer.process_instance_key);
      await this.runtime.triggerTimer(trx, {
        key: String(timer.key),
        processInstanceKey: instanceKey,
        elementId: timer.element_id,
        elementInstanceKey: timer.element_instance_key,
      });
      this.logger.info(
        { timerKey: String(timer.key), processInstanceKey: instanceKey },
        'timer fired',
      );
    });
    if (instanceKey) await this.jobs.runInstanceJobs(instanceKey);
    return instanceKey !== undefined;
  }
}
