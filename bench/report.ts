import os from 'node:os';
import type { EngineFigures } from './engine-bench.js';
import type { HttpFigures } from './http-bench.js';
import type { InboxFigures } from './inbox-bench.js';
import type { InboxRenderFigures } from './inbox-render-bench.js';
import type { MachineInfo } from './machine.js';
import type { ModelFigures } from './model-bench.js';
import type { HistoryFigures } from './history-bench.js';
import type { ModelerBenchFigures, ModelerFigures } from './modeler-bench.js';
import { formatRate } from './measure.js';

/** One row of the results table. */
export interface Row {
  measurement: string;
  instancesPerSecond: string;
  commandsPerSecond: string;
  userTasksPerSecond: string;
  notes: string;
}

const headers: Row = {
  measurement: 'measurement',
  instancesPerSecond: 'instances/s',
  commandsPerSecond: 'commands/s',
  userTasksPerSecond: 'user tasks/s',
  notes: 'notes',
};

/** Formats CPU seconds per unit in milliseconds, or n/a without a CPU figure. */
function perUnit(cpuSeconds: number | null, units: number): string {
  return cpuSeconds === null ? 'n/a' : ((1000 * cpuSeconds) / Math.max(1, units)).toFixed(1);
}

/** Formats the row of the engine-only measurement (a). */
export function engineRow(figures: EngineFigures): Row {
  return {
    measurement: '(a) engine only, 1 process',
    instancesPerSecond: formatRate(figures.instances, figures.seconds),
    commandsPerSecond: formatRate(figures.commands, figures.seconds),
    userTasksPerSecond: formatRate(figures.userTasks, figures.seconds),
    notes: [
      `${figures.instances} instances, ${figures.commands} commands in ${figures.seconds.toFixed(1)} s`,
      `main thread CPU ${perUnit(figures.cpuSeconds, figures.commands)} ms/command`,
      `${perUnit(figures.cpuSeconds, figures.userTasks)} ms/task`,
    ].join(', '),
  };
}

/** Formats one row per inbox list of the render benchmark (d). */
export function inboxRenderRows(figures: InboxRenderFigures): Row[] {
  return figures.lists.map((list) => ({
    measurement: `(d) inbox page in Chromium, ${list.route}, ${list.cache}, ${figures.database}`,
    instancesPerSecond: '',
    commandsPerSecond: '',
    userTasksPerSecond: '',
    notes: [
      `navigation to rows and counts: p50 ${list.renderP50Ms.toFixed(0)} ms, p95 ${list.renderP95Ms.toFixed(0)} ms, max ${list.renderMaxMs.toFixed(0)} ms over ${list.runs} page loads`,
      `its GET /api/tasks starts at p50 ${list.pageApiStartP50Ms.toFixed(0)} ms and takes p50 ${list.pageApiP50Ms.toFixed(1)} ms`,
      `GET /api/task-filters ends at p50 ${list.filtersEndP50Ms.toFixed(0)} ms`,
      `same request from Node p50 ${list.apiP50Ms.toFixed(1)} ms, p95 ${list.apiP95Ms.toFixed(1)} ms`,
      `render/API ratio ${(list.renderP50Ms / list.apiP50Ms).toFixed(1)}`,
      `${list.rowsShown} rows, counts ${list.countsShown.join(' / ')}`,
      `${figures.openTasks} open tasks filled in ${figures.fillSeconds.toFixed(1)} s`,
    ].join(', '),
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Formats the rows of the model benchmark (e): the large model, with its ratio to the small one. */
export function modelRows(small: ModelFigures, large: ModelFigures): Row[] {
  const row = (name: string, pick: (figures: ModelFigures) => number[]): Row => {
    const smallMs = median(pick(small));
    const largeMs = median(pick(large));
    return {
      measurement: `(e) ${name}, ${large.elements} elements`,
      instancesPerSecond: '',
      commandsPerSecond: '',
      userTasksPerSecond: '',
      notes: [
        `p50 ${largeMs.toFixed(0)} ms, max ${Math.max(...pick(large)).toFixed(0)} ms over ${pick(large).length} runs`,
        `${(large.bytes / 1024).toFixed(0)} KiB of XML`,
        `${small.elements} elements: p50 ${smallMs.toFixed(1)} ms, ratio ${(largeMs / Math.max(smallMs, 0.1)).toFixed(0)}`,
      ].join(', '),
    };
  };
  return [row('model lint', (figures) => figures.lintMs), row('version diff', (f) => f.diffMs)];
}

function percentileOf(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

/** Formats one row per step of the modeler benchmark (g), with the ratio to the bundled model. */
export function modelerRows(figures: ModelerBenchFigures): Row[] {
  const steps: [string, (model: ModelerFigures) => number[]][] = [
    ['diagram drawn', (model) => model.drawnMs],
    ['drawn and a click shows the properties', (model) => model.interactiveMs],
    ['lint panel shows the result', (model) => model.lintMs],
    ['select an element', (model) => model.selectMs],
    ['move it', (model) => model.moveMs],
    ['undo the move', (model) => model.undoMs],
  ];
  const { baseline, large } = figures;
  return steps.map(([name, pick]) => {
    const largeMs = pick(large);
    const baselineMs = pick(baseline);
    const ratio = percentileOf(largeMs, 0.5) / Math.max(percentileOf(baselineMs, 0.5), 0.1);
    return {
      measurement: `(g) modeler, ${name}, ${large.elements} elements`,
      instancesPerSecond: '',
      commandsPerSecond: '',
      userTasksPerSecond: '',
      notes: [
        `p50 ${percentileOf(largeMs, 0.5).toFixed(0)} ms, p95 ${percentileOf(largeMs, 0.95).toFixed(0)} ms over ${largeMs.length} runs`,
        `${baseline.label} (${baseline.elements} elements): p50 ${percentileOf(baselineMs, 0.5).toFixed(0)} ms, p95 ${percentileOf(baselineMs, 0.95).toFixed(0)} ms`,
        `ratio ${ratio.toFixed(1)}`,
        name.startsWith('lint') ? `lint summary "${large.lintSummary}"` : '',
      ]
        .filter(Boolean)
        .join(', '),
    };
  });
}

/** Formats the row of the history benchmark (f). */
export function historyRows(figures: HistoryFigures): Row[] {
  return [
    {
      measurement: `(f) load and verify one instance's history, ${figures.database}`,
      instancesPerSecond: '',
      commandsPerSecond: '',
      userTasksPerSecond: '',
      notes: [
        `p50 ${figures.totalP50Ms.toFixed(0)} ms, p95 ${figures.totalP95Ms.toFixed(0)} ms over ${figures.runs} runs`,
        `read p50 ${figures.readP50Ms.toFixed(0)} ms, verify p50 ${figures.verifyP50Ms.toFixed(0)} ms`,
        `CPU time of eiso's process p50 ${figures.cpuP50Ms.toFixed(0)} ms`,
        `${figures.events} events written in ${figures.fillSeconds.toFixed(1)} s`,
      ].join(', '),
    },
  ];
}

/** Formats one row per measured user of the inbox benchmark (c), then the page statements. */
export function inboxRows(figures: InboxFigures): Row[] {
  const statements = figures.pageStatements.map((page) => ({
    measurement: `(c) inbox, PostgreSQL, page statement of the ${page.label}`,
    instancesPerSecond: '',
    commandsPerSecond: '',
    userTasksPerSecond: '',
    notes: [
      `audience table p50 ${page.audienceP50Ms.toFixed(2)} ms, p95 ${page.audienceP95Ms.toFixed(2)} ms`,
      `baseline general query p50 ${page.generalP50Ms.toFixed(2)} ms, p95 ${page.generalP95Ms.toFixed(2)} ms`,
      `ratio of p50 ${(page.generalP50Ms / page.audienceP50Ms).toFixed(1)}`,
      `${page.runs} runs each, alternating`,
    ].join(', '),
  }));
  return [...latencyRows(figures), ...statements];
}

function latencyRows(figures: InboxFigures): Row[] {
  return figures.latencies.map((latency) => ({
    measurement: `(c) inbox, PostgreSQL, GET /api/tasks?list=${latency.list}, ${latency.label}`,
    instancesPerSecond: '',
    commandsPerSecond: '',
    userTasksPerSecond: '',
    notes: [
      `p50 ${latency.p50Ms.toFixed(1)} ms, p95 ${latency.p95Ms.toFixed(1)} ms, max ${latency.maxMs.toFixed(1)} ms`,
      `${latency.requests} requests one at a time`,
      `${latency.listTotal} tasks in the list, ${latency.visibleOpenTasks} open tasks visible`,
      `${figures.totalTasks} user tasks (${figures.openTasks} open) filled in ${figures.fillSeconds.toFixed(1)} s`,
    ].join(', '),
  }));
}

/** Formats the row of one end-to-end measurement (b). */
export function httpRow(name: string, figures: HttpFigures, concurrency: number): Row {
  const starts = formatRate(figures.instancesStarted, figures.startSeconds);
  const notes = [
    `${figures.userTasks} tasks in ${figures.seconds.toFixed(1)} s`,
    `${formatRate(figures.requests, figures.seconds)} req/s (${figures.inboxReads} inbox reads)`,
    `${figures.statementsPerTask.toFixed(1)} SQL statements/task`,
    `server event loop ${(100 * figures.serverLoopBusy).toFixed(0)}% busy`,
    `server thread CPU ${perUnit(figures.serverCpuSeconds, figures.userTasks)} ms/task`,
    `${figures.conflicts} 409 retries`,
    `${figures.errors} errors`,
    `starts ${starts}/s`,
    `${figures.instancesCompleted}/${figures.instancesStarted} instances ended`,
  ];
  if (figures.cutAtTimeBound) notes.push('stopped at the time bound before every instance ended');
  if (figures.failedJobs > 0 || figures.incidents > 0) {
    notes.push(`${figures.failedJobs} failed jobs, ${figures.incidents} incidents`);
  }
  return {
    measurement: `(b) HTTP, ${name}, c=${concurrency}`,
    // Instances overlap the window only in part; the notes give how many ended.
    instancesPerSecond: '',
    commandsPerSecond: '',
    userTasksPerSecond: formatRate(figures.userTasks, figures.seconds),
    notes: notes.join(', '),
  };
}

/** Formats the row of the ratio b / a in user tasks per second. */
export function ratioRow(name: string, http: HttpFigures, engine: EngineFigures): Row {
  const ratio = http.userTasks / http.seconds / (engine.userTasks / engine.seconds);
  const notes = ['user tasks/s over HTTP / user tasks/s in the engine alone'];
  if (engine.cpuSeconds !== null && http.serverCpuSeconds !== null && http.userTasks > 0) {
    // The same ratio from CPU time per task, which other load on the machine barely changes.
    const engineCpuPerTask = engine.cpuSeconds / engine.userTasks;
    const serverCpuPerTask = http.serverCpuSeconds / http.userTasks;
    notes.push(
      `by main-thread CPU time per task ${(engineCpuPerTask / serverCpuPerTask).toFixed(2)}`,
    );
  }
  return {
    measurement: `ratio b / a, ${name}`,
    instancesPerSecond: '',
    commandsPerSecond: '',
    userTasksPerSecond: ratio.toFixed(2),
    notes: notes.join(', '),
  };
}

/** Formats the row of a measurement that did not run. */
export function skippedRow(measurement: string, reason: string): Row {
  return {
    measurement,
    instancesPerSecond: '-',
    commandsPerSecond: '-',
    userTasksPerSecond: '-',
    notes: `skipped: ${reason}`,
  };
}

function loadAverage(): number {
  return os.loadavg()[0];
}

/** Prints the machine, the command and the table. */
export function printReport(machine: MachineInfo, rows: Row[]): void {
  console.log('');
  console.log(
    `machine  ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.nodeVersion}`,
  );
  console.log(
    `load     ${machine.loadAverage.toFixed(2)} (1-minute average at start), ${loadAverage().toFixed(2)} at the end`,
  );
  console.log(`command  ${machine.command}`);
  console.log(`date     ${machine.date}`);
  console.log('');
  const columns = Object.keys(headers) as (keyof Row)[];
  const widths = columns.map((column) =>
    Math.max(...[headers, ...rows].map((row) => row[column].length)),
  );
  const line = (row: Row) =>
    columns
      .map((column, index) =>
        column === 'notes' ? row[column] : row[column].padEnd(widths[index]),
      )
      .join(' | ');
  console.log(line(headers));
  console.log(
    widths.map((width, index) => '-'.repeat(columns[index] === 'notes' ? 5 : width)).join('-|-'),
  );
  for (const row of rows) console.log(line(row));
}
