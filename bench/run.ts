import { measureEngine, type EngineFigures } from './engine-bench.js';
import { measureHttp, type HttpOptions } from './http-bench.js';
import { openPglite, openPostgres, type BenchDatabase } from './http-setup.js';
import { describeMachine } from './machine.js';
import { measureInbox } from './inbox-bench.js';
import { measureInboxRender, missingChromium, openRenderDatabase } from './inbox-render-bench.js';
import { measureModel } from './model-bench.js';
import { measureHistory } from './history-bench.js';
import { measureModeler } from './modeler-bench.js';
import {
  engineRow,
  historyRows,
  httpRow,
  inboxRenderRows,
  inboxRows,
  modelRows,
  modelerRows,
  printReport,
  ratioRow,
  skippedRow,
  type Row,
} from './report.js';

// `npm run bench` measures (a) the embedded engine alone, (b) user tasks
// completed over HTTP on PGlite and on PostgreSQL, (c) the inbox's group
// and all lists on a million user tasks in PostgreSQL and (d) the inbox page
// in Chromium for one user with ten thousand open tasks and (e) the model
// lint and diff on a model of 2 003 elements against one of 23, then prints
// one table. (f) loads and verifies one instance's history of 10 000 events
// on PGlite and on PostgreSQL. (g) opens the BPMN modeler page in Chromium on
// a draft of 2 003 elements and on the bundled quality-objectives model.
// Settings: BENCH_SECONDS (intended length of each measured phase, default
// 20), BENCH_CONCURRENCY (default 16), BENCH_TARGETS (default
// engine,pglite,postgres,inbox,inbox-render,models,history,modeler; the targets may also follow
// `--`, as in `npm run bench -- inbox`), BENCH_INBOX_TASKS (user tasks of
// (c), default 1000000), BENCH_EXPLAIN=1 (print the query plans of (c)),
// BENCH_RENDER_TASKS (open tasks of (d), default 10000), BENCH_RENDER_RUNS
// (page loads per list of (d), default 20) and DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/test; (d) runs on PGlite unless it is
// set), BENCH_MODELER_RUNS (page loads per model of (g), default 5).

const knownTargets = [
  'engine',
  'pglite',
  'postgres',
  'inbox',
  'inbox-render',
  'models',
  'history',
  'modeler',
] as const;
type Target = (typeof knownTargets)[number];

const seconds = positiveNumber('BENCH_SECONDS', 20);
const concurrency = Math.round(positiveNumber('BENCH_CONCURRENCY', 16));
const targetArguments = process.argv.slice(2).join(',');
const targets = parseTargets(
  targetArguments || process.env.BENCH_TARGETS || knownTargets.join(','),
);
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

const httpOptions: HttpOptions = {
  concurrency,
  seconds,
  warmUpInstances: 2 * concurrency,
  // With several instances per client, one round of inbox reads finds many
  // tasks, so the reads stay a small part of the requests.
  minInstances: 4 * concurrency,
  // Caps the database that one run fills, whatever the warm-up rate.
  maxInstances: 5_000,
};

function positiveNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

function parseTargets(list: string): Set<Target> {
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(knownTargets as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_TARGETS has unknown targets ${unknown.join(', ')}: use ${knownTargets.join(', ')}`,
    );
  }
  return new Set(names as Target[]);
}

function progress(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function engineMeasurement(rows: Row[]): Promise<EngineFigures | null> {
  if (!targets.has('engine')) return null;
  progress(`(a) engine only: warming up, then measuring for up to ${seconds} s`);
  const figures = await measureEngine(
    { seconds, maxIterations: 1_000_000 },
    { seconds: Math.min(5, seconds), maxIterations: 200 },
  );
  rows.push(engineRow(figures));
  return figures;
}

async function httpMeasurement(
  name: string,
  open: () => Promise<BenchDatabase | string>,
  engine: EngineFigures | null,
  rows: Row[],
): Promise<void> {
  const database = await open();
  if (typeof database === 'string') {
    progress(`(b) ${name}: skipped, ${database}`);
    rows.push(skippedRow(`(b) HTTP, ${name}, c=${concurrency}`, database));
    return;
  }
  try {
    progress(
      `(b) ${name}: warming up, starting about ${seconds} s worth of instances, then completing all their tasks`,
    );
    const figures = await measureHttp(database, httpOptions);
    rows.push(httpRow(name, figures, concurrency));
    if (figures.firstError) progress(`(b) ${name}: first error: ${figures.firstError}`);
    if (engine) rows.push(ratioRow(name, figures, engine));
  } catch (error) {
    // One failed database should not hide the figures of the others.
    process.exitCode = 1;
    progress(`(b) ${name}: failed: ${(error as Error).stack ?? String(error)}`);
    rows.push(
      skippedRow(`(b) HTTP, ${name}, c=${concurrency}`, `failed: ${(error as Error).message}`),
    );
  } finally {
    await database.drop();
  }
}

async function inboxMeasurement(rows: Row[]): Promise<void> {
  if (!targets.has('inbox')) return;
  const database = await openPostgres(databaseUrl, 5_000);
  if (typeof database === 'string') {
    progress(`(c) inbox: skipped, ${database}`);
    rows.push(skippedRow('(c) inbox, PostgreSQL', database));
    return;
  }
  try {
    progress('(c) inbox: filling PostgreSQL, then measuring the group and all lists');
    const figures = await measureInbox(
      database,
      {
        userTasks: Math.round(positiveNumber('BENCH_INBOX_TASKS', 1_000_000)),
        openEvery: 10,
        users: 1_000,
        groups: 50,
        heavyOpenTasks: 10_000,
        warmUpRequests: 50,
        measuredRequests: 500,
        explain: process.env.BENCH_EXPLAIN === '1',
      },
      progress,
    );
    for (const plan of figures.plans) console.log(`\n${plan}\n`);
    rows.push(...inboxRows(figures));
  } catch (error) {
    process.exitCode = 1;
    progress(`(c) inbox: failed: ${(error as Error).stack ?? String(error)}`);
    rows.push(skippedRow('(c) inbox, PostgreSQL', `failed: ${(error as Error).message}`));
  } finally {
    await database.drop();
  }
}

async function inboxRenderMeasurement(rows: Row[]): Promise<void> {
  if (!targets.has('inbox-render')) return;
  const label = '(d) inbox page in Chromium';
  const missing = missingChromium();
  const database = missing
    ? missing
    : await openRenderDatabase(() => openPostgres(databaseUrl, 5_000), process.env.DATABASE_URL);
  if (typeof database === 'string') {
    progress(`${label}: skipped, ${database}`);
    rows.push(skippedRow(label, database));
    return;
  }
  try {
    progress(`${label}: ${database.label}`);
    const figures = await measureInboxRender(
      database,
      {
        openTasks: Math.round(positiveNumber('BENCH_RENDER_TASKS', 10_000)),
        warmUpRuns: 3,
        measuredRuns: Math.round(positiveNumber('BENCH_RENDER_RUNS', 20)),
        apiRequests: 50,
      },
      progress,
    );
    rows.push(...inboxRenderRows(figures));
  } catch (error) {
    process.exitCode = 1;
    progress(`${label}: failed: ${(error as Error).stack ?? String(error)}`);
    rows.push(skippedRow(label, `failed: ${(error as Error).message}`));
  } finally {
    await database.drop();
  }
}

async function modelMeasurement(rows: Row[]): Promise<void> {
  if (!targets.has('models')) return;
  progress('(e) model lint and diff: a model of 23 elements, then one of 2 003');
  const small = await measureModel(10, 10);
  const large = await measureModel(1_000, 10);
  rows.push(...modelRows(small, large));
}

async function modelerMeasurement(rows: Row[]): Promise<void> {
  if (!targets.has('modeler')) return;
  const label = '(g) BPMN modeler in Chromium';
  const missing = missingChromium();
  if (missing) {
    progress(`${label}: skipped, ${missing}`);
    rows.push(skippedRow(label, missing));
    return;
  }
  try {
    progress(`${label}: PGlite in a temporary folder, served by a child process`);
    const figures = await measureModeler(
      {
        tasks: 1_000,
        warmUpRuns: 1,
        measuredRuns: Math.round(positiveNumber('BENCH_MODELER_RUNS', 5)),
      },
      progress,
    );
    rows.push(...modelerRows(figures));
  } catch (error) {
    process.exitCode = 1;
    progress(`${label}: failed: ${(error as Error).stack ?? String(error)}`);
    rows.push(skippedRow(label, `failed: ${(error as Error).message}`));
  }
}

async function historyMeasurement(rows: Row[]): Promise<void> {
  if (!targets.has('history')) return;
  const events = Math.round(positiveNumber('BENCH_HISTORY_EVENTS', 10_000));
  const openers: (() => Promise<BenchDatabase | string>)[] = [
    async () => openPglite(),
    () => openPostgres(databaseUrl, 5_000),
  ];
  for (const open of openers) {
    const database = await open();
    if (typeof database === 'string') {
      progress(`(f) history: skipped, ${database}`);
      rows.push(skippedRow('(f) history of one instance', database));
      continue;
    }
    try {
      progress(`(f) history: ${database.label}, ${events} events`);
      const figures = await measureHistory(
        database,
        { events, warmUpRuns: 5, measuredRuns: 30 },
        progress,
      );
      rows.push(...historyRows(figures));
    } catch (error) {
      process.exitCode = 1;
      progress(`(f) history: failed: ${(error as Error).stack ?? String(error)}`);
      rows.push(skippedRow('(f) history of one instance', `failed: ${(error as Error).message}`));
    } finally {
      await database.drop();
    }
  }
}

async function main(): Promise<void> {
  const machine = describeMachine();
  const rows: Row[] = [];
  const engine = await engineMeasurement(rows);
  if (targets.has('pglite')) {
    await httpMeasurement('PGlite', async () => openPglite(), engine, rows);
  }
  if (targets.has('postgres')) {
    await httpMeasurement('PostgreSQL', () => openPostgres(databaseUrl, 5_000), engine, rows);
  }
  await inboxMeasurement(rows);
  await inboxRenderMeasurement(rows);
  await modelMeasurement(rows);
  await historyMeasurement(rows);
  await modelerMeasurement(rows);
  printReport(machine, rows);
}

await main();
