import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Knex } from 'knex';
import {
  measuredBusinessKeyPrefix,
  type LoadFigures,
  type LoadMessage,
  type LoadOptions,
} from './http-load.js';
import { startApp, type BenchDatabase } from './http-setup.js';
import { mainThreadCpuSeconds } from './measure.js';

/** Settings of one end-to-end measurement, without the base URL, which the app provides. */
export type HttpOptions = Omit<LoadOptions, 'baseUrl'>;

/** Figures of one end-to-end measurement. */
export interface HttpFigures extends LoadFigures {
  database: string;
  /** SQL statements, BEGIN and COMMIT included, that the service sent per completed task in the measured phase. */
  statementsPerTask: number;
  /** Share of the measured phase in which the server's event loop was busy (0 to 1). */
  serverLoopBusy: number;
  /**
   * CPU seconds of the server's thread (the main thread, which also runs
   * PGlite) in the measured phase, or null where Linux's /proc is missing.
   * Unlike wall time, other load on the machine barely changes it.
   */
  serverCpuSeconds: number | null;
  /** Instances of the measured phase that reached their end. */
  instancesCompleted: number;
  /** Jobs that failed at least once, and incidents raised. Both are zero when the service works. */
  failedJobs: number;
  incidents: number;
}

/** Counters of the server side, read when the measured phase starts and ends. */
interface ServerProbe {
  statements: number;
  loop: EventLoopUtilization;
  cpuSeconds: number | null;
}

/**
 * Measures user-task completions per second over HTTP against an app that
 * listens on loopback in this thread, with the clients in a worker thread.
 */
export async function measureHttp(
  database: BenchDatabase,
  options: HttpOptions,
): Promise<HttpFigures> {
  const { app, baseUrl } = await startApp(database);
  let statements = 0;
  const countStatement = () => statements++;
  database.db.on('query', countStatement);
  try {
    const probe: { start: ServerProbe | null } = { start: null };
    const load = await runLoadWorker({ ...options, baseUrl }, () => {
      probe.start = {
        statements,
        loop: performance.eventLoopUtilization(),
        cpuSeconds: mainThreadCpuSeconds(),
      };
    });
    const start = probe.start;
    if (!start)
      throw new Error(
        'the load worker sent its figures but never reported the start of the measured phase',
      );
    return {
      database: database.label,
      ...load,
      statementsPerTask: (statements - start.statements) / Math.max(1, load.userTasks),
      serverLoopBusy: performance.eventLoopUtilization(start.loop).utilization,
      serverCpuSeconds: cpuSince(start.cpuSeconds),
      ...(await outcomeCounts(database.db)),
    };
  } finally {
    database.db.off('query', countStatement);
    await app.close();
  }
}

// tsx does not hook into worker threads by itself, so the worker registers
// it before it imports the load generator.
function runLoadWorker(options: LoadOptions, onMeasuring: () => void): Promise<LoadFigures> {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./http-load.ts', import.meta.url).href;
  const source = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(source, { eval: true, workerData: options });
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: LoadMessage) => {
      if (message.type === 'measuring') return onMeasuring();
      settled = true;
      resolve(message.figures);
      // Keep-alive sockets of the clients would keep the worker running.
      void worker.terminate();
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled)
        reject(new Error(`the load worker exited with code ${code} before it sent its figures`));
    });
  });
}

function cpuSince(startSeconds: number | null): number | null {
  const now = mainThreadCpuSeconds();
  return startSeconds === null || now === null ? null : now - startSeconds;
}

async function outcomeCounts(db: Knex) {
  const count = async (query: Knex.QueryBuilder) => {
    const [row] = await query.count({ count: '*' });
    return Number(row.count);
  };
  return {
    instancesCompleted: await count(
      db('process_instances')
        .where({ state: 'COMPLETED' })
        .andWhere('business_key', 'like', `${measuredBusinessKeyPrefix}%`),
    ),
    failedJobs: await count(db('jobs').whereNotNull('error_message')),
    incidents: await count(db('incidents')),
  };
}
