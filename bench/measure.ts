import fs from 'node:fs';

/** When a measured loop stops: after `seconds` or after `maxIterations`, whichever comes first. */
export interface LoopBounds {
  seconds: number;
  maxIterations: number;
}

/** How many iterations a loop ran and for how long. */
export interface LoopOutcome {
  iterations: number;
  seconds: number;
}

/**
 * Runs `iteration` from `concurrency` workers until the bounds are reached or
 * every worker reports that no work is left by returning false. An iteration
 * that is running when time is up finishes and counts.
 */
export async function runBounded(
  concurrency: number,
  bounds: LoopBounds,
  iteration: (worker: number) => Promise<boolean>,
): Promise<LoopOutcome> {
  const started = performance.now();
  const deadline = started + bounds.seconds * 1000;
  let iterations = 0;

  const worker = async (index: number) => {
    while (iterations < bounds.maxIterations && performance.now() < deadline) {
      iterations++;
      if (!(await iteration(index))) {
        iterations--;
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  return { iterations, seconds: (performance.now() - started) / 1000 };
}

/** Formats a rate with three significant digits for the table. */
export function formatRate(count: number, seconds: number): string {
  if (seconds <= 0) return 'n/a';
  const rate = count / seconds;
  return rate >= 100 ? rate.toFixed(0) : rate.toPrecision(3);
}

/** Returns the time since `started`, a `performance.now()` value, in seconds. */
export function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}

// Linux reports a thread's CPU time in /proc in clock ticks of USER_HZ,
// which is 100 on the architectures Node runs on.
const clockTicksPerSecond = 100;

/**
 * Returns the user and system CPU time of the main thread in seconds, or null
 * where Linux's /proc is missing. Other load on the machine barely changes
 * it, unlike wall time, and it leaves out worker threads and GC helpers.
 */
export function mainThreadCpuSeconds(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // The fields follow the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return null;
  }
}
