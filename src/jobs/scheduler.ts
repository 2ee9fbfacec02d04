import type { Knex } from 'knex';
import type { Logger } from '../logger.js';
import type { Runtime } from '../runtime/runtime.js';
import type { JobRunner } from './job-runner.js';

/**
 * Fires due timers and runs due jobs. Timers live in the database and are
 * claimed with `FOR UPDATE SKIP LOCKED`, so any number of service nodes can
 * share one PostgreSQL without firing a timer twice, and a timer that fell due
 * while the service was down fires at the next tick.
 */
export class Scheduler {
  private handle: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

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

  async stop(): Promise<void> {
    clearInterval(this.handle);
    await this.running;
  }

  /** Fires every due timer and runs every due job once; tests call it after moving the clock. */
  async tick(): Promise<{ timers: number; jobs: number }> {
    let timers = 0;
    while (await this.fireOneTimer()) timers++;
    const jobs = await this.jobs.runDueJobs();
    return { timers, jobs };
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
