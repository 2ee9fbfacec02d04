import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { connectDatabase } from '../src/db/connect.js';
import { SessionClient } from './http-client.js';
import { benchPassword, startApp, type BenchDatabase } from './http-setup.js';

// Time from navigating to the inbox until its first page of rows and the list counts are on the
// screen, in Debian's Chromium, with one user who sees many open user tasks. The same process
// times GET /api/tasks for that page over HTTP, so the ratio shows what the browser adds to the
// API: loading the app, reading the session, and rendering.

/** Sizes and repetitions of one run. */
export interface InboxRenderOptions {
  /** Open user tasks visible to the measured user; half are assigned to the user. */
  openTasks: number;
  warmUpRuns: number;
  measuredRuns: number;
  /** Requests of the API baseline, one at a time. */
  apiRequests: number;
}

/** Render and API percentiles of one inbox list. */
export interface RenderFigures {
  /** The hash route that was opened, such as `#/inbox?list=all`. */
  route: string;
  /** `cached`: one tab reloads the app, with its HTTP cache. `cold`: a new context each time. */
  cache: CacheMode;
  runs: number;
  renderP50Ms: number;
  renderP95Ms: number;
  renderMaxMs: number;
  /** Start of the page's own GET /api/tasks after the navigation started: loading the app. */
  pageApiStartP50Ms: number;
  /** Duration of the page's own GET /api/tasks, from the browser's resource timing. */
  pageApiP50Ms: number;
  /** End of the page's GET /api/task-filters, which the inbox also waits for before it renders. */
  filtersEndP50Ms: number;
  apiP50Ms: number;
  apiP95Ms: number;
  rowsShown: number;
  /** The count badges of the list tabs as the page shows them. */
  countsShown: string[];
}

/** Whether the page loads reuse the browser's HTTP cache. */
export type CacheMode = 'cached' | 'cold';

/** Figures of one inbox render benchmark. */
export interface InboxRenderFigures {
  database: string;
  fillSeconds: number;
  openTasks: number;
  lists: RenderFigures[];
}

/** The user whose inbox is measured: a staff member of the bench agency's KHTC department. */
const measuredUser = 'staff.khtc';
const measuredGroup = 'staff-KHTC';
const pageSize = 20;
const repositoryRoot = path.resolve(import.meta.dirname, '..');
const measuredTargets: RouteTarget[] = [
  { route: '#/inbox', cache: 'cold' },
  { route: '#/inbox', cache: 'cached' },
  { route: '#/inbox?list=all', cache: 'cached' },
];
const contextOptions = {
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
  viewport: { width: 1280, height: 900 },
};

/**
 * Opens a PGlite database in a fresh temporary data folder, as `npm start` does in ./data, or a
 * schema of its own on PostgreSQL when `databaseUrl` is set.
 */
export function openRenderDatabase(
  openPostgres: () => Promise<BenchDatabase | string>,
  databaseUrl: string | undefined,
): Promise<BenchDatabase | string> | BenchDatabase {
  if (databaseUrl) return openPostgres();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eiso-render-bench-'));
  const db = connectDatabase({ dataDir });
  return {
    label: 'PGlite, temporary data folder',
    db,
    databaseUrl: undefined,
    drop: async () => {
      await db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Inserts `openTasks` open user tasks offered to the measured user's group, ten per process
 * instance. Every second task is assigned to the user, so "my tasks" and "group tasks" hold half
 * each and "all open tasks" contains every one; due dates spread from ten days ago to twenty ahead.
 */
async function fillOpenTasks(db: Knex, openTasks: number): Promise<void> {
  const user = await db('users').where({ username: measuredUser }).first('unit_id');
  if (!user) throw new Error(`the bench agency has no user ${measuredUser}`);
  const unitId = String(user.unit_id);
  const definition = await db('process_definitions')
    .where({ unit_id: unitId })
    .orderBy('key')
    .first('key', 'bpmn_process_id', 'version');

  const instances = Math.ceil(openTasks / 10);
  await db.raw(
    `INSERT INTO process_instances
       (unit_id, process_definition_key, bpmn_process_id, version, business_key, state, variables)
     SELECT ?::bigint, ?::bigint, ?, ?::int, 'RENDER-' || n, 'ACTIVE', jsonb_build_object('number', n)
     FROM generate_series(1, ?::int) AS n`,
    [unitId, definition.key, definition.bpmn_process_id, definition.version, instances],
  );
  const first = await db('process_instances').where({ business_key: 'RENDER-1' }).first('key');
  await db.raw(
    `INSERT INTO user_tasks
       (unit_id, process_instance_key, process_definition_key, bpmn_process_id, element_id,
        element_instance_key, name, state, assignee, candidate_groups, priority, created_at,
        due_date)
     SELECT ?::bigint, ?::bigint + (n / 10), ?::bigint, ?, 'Task_' || (n % 10),
       'Render_' || n, 'Công việc ' || n, 'CREATED',
       CASE WHEN n % 2 = 0 THEN ? END, ARRAY[?::text], n % 101,
       now() - make_interval(secs => n * 30), now() + make_interval(days => (n % 30) - 10)
     FROM generate_series(0, ?::int - 1) AS n`,
    [
      unitId,
      first.key,
      definition.key,
      definition.bpmn_process_id,
      measuredUser,
      measuredGroup,
      openTasks,
    ],
  );
  await db.raw('ANALYZE');
}

/** Launches Debian's Chromium (`apt-get install chromium`), or the one at CHROMIUM_PATH. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Returns why the browser measurement cannot run here, or null when it can. */
export function missingChromium(): string | null {
  const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return fs.existsSync(executable)
    ? null
    : `${executable} not found: install Debian's chromium or set CHROMIUM_PATH`;
}

async function logIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill(measuredUser);
  await page.getByLabel('Mật khẩu').fill(benchPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('.inbox-table').waitFor({ timeout: 60_000 });
}

interface RenderRun {
  renderMs: number;
  pageApiStartMs: number;
  pageApiMs: number;
  filtersEndMs: number;
  rowsShown: number;
  countsShown: string[];
}

/**
 * Loads the app afresh at `route` and returns the milliseconds from the start of the navigation
 * (the page's time origin) to the first animation frame in which the rows and the count badges
 * are in the document. The figure therefore has the resolution of one frame, about 16 ms.
 */
async function renderOnce(page: Page, baseUrl: string, route: string): Promise<RenderRun> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/${route}`);
  const handle = await page.waitForFunction(
    (expectedRows) => {
      const rows = document.querySelectorAll('tbody tr.inbox-row').length;
      const counts = document.querySelectorAll('.inbox-tabs .count');
      if (rows < expectedRows || counts.length === 0) return false;
      return performance.now();
    },
    pageSize,
    { polling: 'raf', timeout: 60_000 },
  );
  const renderMs = (await handle.jsonValue()) as number;
  return page.evaluate((rendered) => {
    const filtersRequest = performance
      .getEntriesByType('resource')
      .find((entry) => entry.name.includes('/api/task-filters')) as
      PerformanceResourceTiming | undefined;
    const tasksRequest = performance
      .getEntriesByType('resource')
      .find((entry) => entry.name.includes('/api/tasks?')) as PerformanceResourceTiming | undefined;
    return {
      renderMs: rendered,
      pageApiStartMs: tasksRequest ? tasksRequest.startTime : NaN,
      filtersEndMs: filtersRequest ? filtersRequest.responseEnd : NaN,
      pageApiMs: tasksRequest ? tasksRequest.responseEnd - tasksRequest.startTime : NaN,
      rowsShown: document.querySelectorAll('tbody tr.inbox-row').length,
      countsShown: [...document.querySelectorAll('.inbox-tabs .count')].map(
        (badge) => badge.textContent ?? '',
      ),
    };
  }, renderMs);
}

// Vite runs in a child process, because its build in this process leaves a service process that
// keeps Node from exiting after the report.
export function buildWebApp(): void {
  execFileSync(
    path.join(repositoryRoot, 'node_modules/.bin/vite'),
    ['build', '--config', 'web.vite.config.ts', '--logLevel', 'warn'],
    { cwd: repositoryRoot, stdio: 'inherit' },
  );
}

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

function apiPath(route: string): string {
  const query = new URLSearchParams(route.split('?')[1] ?? '');
  const list = query.get('list') ?? 'mine';
  return `/api/tasks?list=${list}&page=1&pageSize=${pageSize}`;
}

async function measureApi(
  baseUrl: string,
  route: string,
  options: InboxRenderOptions,
): Promise<number[]> {
  const client = await SessionClient.login(baseUrl, measuredUser, benchPassword);
  const requestPath = apiPath(route);
  for (let index = 0; index < options.warmUpRuns; index++) await client.get(requestPath);
  const durations: number[] = [];
  for (let index = 0; index < options.apiRequests; index++) {
    const started = performance.now();
    const response = await client.get(requestPath);
    durations.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`GET ${requestPath} returned ${response.status}`);
  }
  return durations.sort((a, b) => a - b);
}

interface RouteTarget {
  route: string;
  cache: CacheMode;
}

/**
 * Loads `target.route` in the logged-in `context`, or, for a cold load, in a fresh context that
 * has only the session cookie and an empty HTTP cache.
 */
async function loadOnce(
  context: BrowserContext,
  baseUrl: string,
  target: RouteTarget,
): Promise<RenderRun> {
  if (target.cache === 'cached') {
    const page = context.pages()[0] ?? (await context.newPage());
    return renderOnce(page, baseUrl, target.route);
  }
  const browser = context.browser();
  if (!browser) throw new Error('the browser context has no browser');
  const fresh = await browser.newContext({
    ...contextOptions,
    storageState: await context.storageState(),
  });
  try {
    return await renderOnce(await fresh.newPage(), baseUrl, target.route);
  } finally {
    await fresh.close();
  }
}

async function measureRoute(
  context: BrowserContext,
  baseUrl: string,
  target: RouteTarget,
  options: InboxRenderOptions,
): Promise<RenderFigures> {
  for (let index = 0; index < options.warmUpRuns; index++) {
    await loadOnce(context, baseUrl, target);
  }
  const runs: RenderRun[] = [];
  for (let index = 0; index < options.measuredRuns; index++) {
    runs.push(await loadOnce(context, baseUrl, target));
  }
  const renders = runs.map((run) => run.renderMs).sort((a, b) => a - b);
  const pageApi = runs.map((run) => run.pageApiMs).sort((a, b) => a - b);
  const pageApiStart = runs.map((run) => run.pageApiStartMs).sort((a, b) => a - b);
  const filtersEnd = runs.map((run) => run.filtersEndMs).sort((a, b) => a - b);
  const api = await measureApi(baseUrl, target.route, options);
  const last = runs[runs.length - 1];
  return {
    route: target.route,
    cache: target.cache,
    runs: runs.length,
    renderP50Ms: percentile(renders, 0.5),
    renderP95Ms: percentile(renders, 0.95),
    renderMaxMs: renders[renders.length - 1],
    pageApiStartP50Ms: percentile(pageApiStart, 0.5),
    pageApiP50Ms: percentile(pageApi, 0.5),
    filtersEndP50Ms: percentile(filtersEnd, 0.5),
    apiP50Ms: percentile(api, 0.5),
    apiP95Ms: percentile(api, 0.95),
    rowsShown: last.rowsShown,
    countsShown: last.countsShown,
  };
}

/**
 * Builds the web app, starts eiso on `database` with the bench agency, fills the open tasks,
 * logs the measured user in through the login form and times each inbox list.
 */
export async function measureInboxRender(
  database: BenchDatabase,
  options: InboxRenderOptions,
  progress: (message: string) => void,
): Promise<InboxRenderFigures> {
  buildWebApp();
  const { app, baseUrl } = await startApp(database);
  let browser: Browser | undefined;
  try {
    const started = performance.now();
    await fillOpenTasks(database.db, options.openTasks);
    const fillSeconds = (performance.now() - started) / 1000;
    progress(
      `(d) inbox render: ${options.openTasks} open tasks inserted in ${fillSeconds.toFixed(1)} s`,
    );

    browser = await launchChromium();
    const context = await browser.newContext(contextOptions);
    await logIn(await context.newPage(), baseUrl);
    const lists: RenderFigures[] = [];
    for (const target of measuredTargets) {
      progress(
        `(d) inbox render: ${target.route}, ${target.cache}, ${options.measuredRuns} page loads`,
      );
      lists.push(await measureRoute(context, baseUrl, target, options));
    }
    return { database: database.label, fillSeconds, openTasks: options.openTasks, lists };
  } finally {
    await browser?.close();
    await app.close();
  }
}
