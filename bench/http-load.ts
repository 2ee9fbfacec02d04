import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { SessionClient } from './http-client.js';
import { benchPassword } from './http-setup.js';
import { runBounded, secondsSince } from './measure.js';
import { TaskFeed } from './task-feed.js';
import { bpmnProcessId, completionVariables, taskUsers, userTasksPerInstance } from './workload.js';

// The load generator of the end-to-end measurement. It runs in a worker
// thread, so that the clients' own work (fetch, JSON) does not take turns of
// the server's event loop.

/** Settings of one end-to-end measurement. */
export interface LoadOptions {
  baseUrl: string;
  concurrency: number;
  /**
   * Intended length of the measured phase, which sizes the number of
   * instances. The phase stops at twice this length if tasks are left.
   */
  seconds: number;
  /** Instances completed before the measured phase and not counted. */
  warmUpInstances: number;
  /** Bounds of the number of instances started for the measured phase. */
  minInstances: number;
  maxInstances: number;
}

/** Figures of the load generator. */
export interface LoadFigures {
  instancesStarted: number;
  startSeconds: number;
  userTasks: number;
  /** Completions, their repetitions after 409 and inbox reads. */
  requests: number;
  /** Inbox reads (`GET /api/tasks`) that found the tasks, part of `requests`. */
  inboxReads: number;
  /** Completions that got 409 because another completion changed the instance first, then were sent again. */
  conflicts: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  /** Set when the phase stopped at its time bound with tasks left, so its step mix differs from whole instances. */
  cutAtTimeBound: boolean;
}

/** The messages that the load worker posts: the start of the measured phase, then its figures. */
export type LoadMessage = { type: 'measuring' } | { type: 'figures'; figures: LoadFigures };

/** Prefix of the business keys of the instances of the measured phase. */
export const measuredBusinessKeyPrefix = `${bpmnProcessId}-run-`;

interface Tally {
  userTasks: number;
  requests: number;
  conflicts: number;
  errors: number;
  firstError: string | null;
}

// A completion that keeps losing the race for its instance is given up
// after this many tries and counted as an error.
const maxCompletionAttempts = 10;

// Starting instances is setup, not the measured phase, but it is bounded too.
const maxStartSeconds = 120;

/**
 * Logs in the task users, warms up, starts instances, then lets
 * `concurrency` clients complete every task they find, as the user of the
 * inbox that lists it, without claiming.
 */
export async function generateLoad(
  options: LoadOptions,
  onMeasuring: () => void = () => undefined,
): Promise<LoadFigures> {
  const sessions = await Promise.all(
    taskUsers.map((username) => SessionClient.login(options.baseUrl, username, benchPassword)),
  );
  const secretary = sessions[0];
  const warmUpRate = await warmUp(secretary, sessions, options);

  const startsBegan = performance.now();
  const planned = plannedInstances(warmUpRate, options);
  const instancesStarted = await startInstances(
    secretary,
    planned,
    options.concurrency,
    measuredBusinessKeyPrefix,
  );
  const startSeconds = secondsSince(startsBegan);

  const tally = emptyTally();
  const feed = new TaskFeed(sessions);
  onMeasuring();
  const seconds = await completeTasks(feed, tally, options.concurrency, 2 * options.seconds);
  return {
    instancesStarted,
    startSeconds,
    ...tally,
    requests: tally.requests + feed.inboxReads,
    inboxReads: feed.inboxReads,
    seconds,
    cutAtTimeBound: !feed.drained,
  };
}

// Runs a few instances to the end, so that compiled code, caches and pools
// are warm. The task rate it returns sizes the measured phase.
async function warmUp(
  secretary: SessionClient,
  sessions: SessionClient[],
  options: LoadOptions,
): Promise<number> {
  await startInstances(
    secretary,
    options.warmUpInstances,
    options.concurrency,
    `${bpmnProcessId}-warm-up-`,
  );
  const tally = emptyTally();
  const feed = new TaskFeed(sessions);
  const seconds = await completeTasks(feed, tally, options.concurrency, 2 * options.seconds);
  if (tally.errors > 0) throw new Error(`warm-up failed: ${tally.firstError}`);
  // Tasks left over would run in the measured phase and change its step mix.
  if (!feed.drained) {
    throw new Error(
      `warm-up did not finish its ${options.warmUpInstances} instances within ${2 * options.seconds} s: raise BENCH_SECONDS`,
    );
  }
  return tally.userTasks / seconds;
}

// The measured phase runs every instance to its end, so that its step mix is
// the mix of whole instances, as in the engine-only run. The warm-up rate
// sizes it to last about `seconds`.
function plannedInstances(warmUpRate: number, options: LoadOptions): number {
  const needed = Math.ceil((warmUpRate * options.seconds) / userTasksPerInstance);
  return Math.min(options.maxInstances, Math.max(options.minInstances, needed));
}

async function startInstances(
  secretary: SessionClient,
  count: number,
  concurrency: number,
  businessKeyPrefix: string,
): Promise<number> {
  let next = 0;
  const bounds = { seconds: maxStartSeconds, maxIterations: count };
  const outcome = await runBounded(concurrency, bounds, async () => {
    const businessKey = `${businessKeyPrefix}${next++}`;
    const response = await secretary.post(`/api/procedures/${bpmnProcessId}/instances`, {
      year: 2026,
      businessKey,
    });
    if (response.status !== 201) {
      throw new Error(
        `start of instance ${businessKey} failed with ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    return true;
  });
  return outcome.iterations;
}

/** Lets the clients complete tasks until none is left or `seconds` have passed, and returns the seconds taken. */
async function completeTasks(
  feed: TaskFeed,
  tally: Tally,
  concurrency: number,
  seconds: number,
): Promise<number> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await runBounded(concurrency, { seconds, maxIterations: Number.MAX_SAFE_INTEGER }, async () => {
    const task = await feed.take(deadline);
    if (!task) return false;
    try {
      await completeTask(task.session, task.key, task.elementId, tally);
    } finally {
      feed.release(task);
    }
    return true;
  });
  return secondsSince(started);
}

async function completeTask(
  session: SessionClient,
  key: string,
  elementId: string,
  tally: Tally,
): Promise<void> {
  const body = { variables: completionVariables(elementId) };
  for (let attempt = 1; attempt <= maxCompletionAttempts; attempt++) {
    const response = await session.post(`/api/tasks/${key}/complete`, body);
    tally.requests++;
    if (response.status === 204) {
      tally.userTasks++;
      return;
    }
    const code = (response.body as { code?: string } | null)?.code;
    if (code !== 'EISO_ERR_INSTANCE_CHANGED' || attempt === maxCompletionAttempts) {
      tally.errors++;
      tally.firstError ??= `${elementId} ${key}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
      return;
    }
    tally.conflicts++;
  }
}

function emptyTally(): Tally {
  return { userTasks: 0, requests: 0, conflicts: 0, errors: 0, firstError: null };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const post = (message: LoadMessage) => port.postMessage(message);
  const figures = await generateLoad(workerData as LoadOptions, () => post({ type: 'measuring' }));
  post({ type: 'figures', figures });
}
