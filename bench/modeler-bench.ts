import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from 'playwright-core';
import vi from '../src/web/i18n/vi.json' with { type: 'json' };
import { SessionClient } from './http-client.js';
import { benchPassword } from './http-setup.js';
import { buildWebApp } from './inbox-render-bench.js';
import { generateModel } from './model-bench.js';

// The BPMN modeler page in Debian's Chromium with a model of 2 003 elements, saved as a draft
// through the API, against the bundled quality-objectives model in the same run: how long until
// the diagram is drawn and responds to a click, until the lint panel shows the server's result, and
// how long a selection, a move and an undo take.

/** Repetitions of one run. */
export interface ModelerBenchOptions {
  /** User tasks of the generated model, which has 2 * tasks + 3 elements. */
  tasks: number;
  warmUpRuns: number;
  measuredRuns: number;
}

/** Sorted timings of one model, in milliseconds. */
export interface ModelerFigures {
  label: string;
  elements: number;
  /** From the start of the navigation until the element to select is on the canvas. */
  drawnMs: number[];
  /** From the start of the navigation until a click on that element shows its properties. */
  interactiveMs: number[];
  /** From the start of the navigation until the lint panel shows the server's result. */
  lintMs: number[];
  selectMs: number[];
  moveMs: number[];
  undoMs: number[];
  /** The lint panel's summary line after the last run. */
  lintSummary: string;
}

/** Figures of one modeler benchmark: the bundled model first, then the generated one. */
export interface ModelerBenchFigures {
  baseline: ModelerFigures;
  large: ModelerFigures;
}

/** A model to open, the element whose selection, move and undo are timed and its name. */
interface ModelTarget {
  label: string;
  route: string;
  elements: number;
  elementId: string;
  elementName: string;
  /** An element selected before the timed selection, so that the timed click changes it. */
  otherElementId: string;
}

const secretary = 'secretary';
const contextOptions = {
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
  viewport: { width: 1280, height: 900 },
};
const lintPendingText = vi.models.lint.pending;
const waitTimeoutMs = 120_000;
const repositoryRoot = path.resolve(import.meta.dirname, '..');

/** Launches Debian's Chromium, or the one at CHROMIUM_PATH, as the inbox bench does. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

async function logIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill(secretary);
  await page.getByLabel('Mật khẩu').fill(benchPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('.app-nav').waitFor({ timeout: waitTimeoutMs });
}

/**
 * Saves the generated model as a new process draft of the secretary. Its tasks link a form and a
 * group that the bench agency has, so the lint reports no problem for them.
 */
async function saveLargeDraft(baseUrl: string, tasks: number): Promise<ModelTarget> {
  const xml = generateModel(tasks).replaceAll(
    'formId="bench-form"',
    'formId="quality-objectives-approval"',
  );
  const client = await SessionClient.login(baseUrl, secretary, benchPassword);
  const response = await client.post('/api/model-drafts', { kind: 'process', content: xml });
  const draft = response.body as { id?: string | number };
  if (response.status !== 201 || draft.id === undefined) {
    throw new Error(`saving the generated draft returned ${response.status}`);
  }
  const middle = Math.ceil(tasks / 2);
  return {
    label: `generated draft, ${2 * tasks + 3} elements`,
    route: `#/models/process/bench-process?draft=${draft.id}`,
    elements: 2 * tasks + 3,
    elementId: `Task_${middle}`,
    elementName: `Bước ${middle}`,
    otherElementId: 'Start',
  };
}

const baselineTarget: ModelTarget = {
  label: 'bundled quality-objectives',
  route: '#/models/process/quality-objectives',
  elements: 23,
  elementId: 'Task_ReviewObjectives',
  elementName: '',
  otherElementId: 'StartEvent_Started',
};

function shapeSelector(target: ModelTarget): string {
  return `.modeler-canvas .djs-element.djs-shape[data-element-id="${target.elementId}"]`;
}

async function clickAndWaitForProperties(page: Page, target: ModelTarget): Promise<void> {
  await page.locator(shapeSelector(target)).click();
  await page
    .locator('.modeler-properties .bio-properties-panel-header-label', {
      hasText: target.elementName,
    })
    .waitFor({ timeout: waitTimeoutMs });
}

async function transformOf(page: Page, target: ModelTarget): Promise<string | null> {
  return page.locator(shapeSelector(target)).getAttribute('transform');
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

interface OpenRun {
  drawnMs: number;
  interactiveMs: number;
  lintMs: number;
  selectMs: number;
  moveMs: number;
  undoMs: number;
  lintSummary: string;
}

/**
 * Loads the modeler afresh and times it. Drawn and lint are page times from the start of the
 * navigation, read at an animation frame (about 16 ms resolution). The click, the move and the
 * undo are timed from Node around playwright's input, so they include a few milliseconds of the
 * DevTools protocol, the same for both models.
 */
async function openOnce(page: Page, baseUrl: string, target: ModelTarget): Promise<OpenRun> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/${target.route}`);
  const selector = shapeSelector(target);
  const drawn = await page.waitForFunction(
    (css) => (document.querySelector(css) ? performance.now() : false),
    selector,
    { polling: 'raf', timeout: waitTimeoutMs },
  );
  const drawnMs = (await drawn.jsonValue()) as number;
  await clickAndWaitForProperties(page, target);
  const interactiveMs = await page.evaluate(() => performance.now());
  const linted = await page.waitForFunction(
    (pending) => {
      const panel = document.querySelector('.lint-panel');
      const summary = panel?.querySelector('.lint-summary')?.textContent ?? pending;
      const shown = panel !== null && !panel.hasAttribute('aria-busy') && summary !== pending;
      return shown ? performance.now() : false;
    },
    lintPendingText,
    { polling: 'raf', timeout: waitTimeoutMs },
  );
  const lintMs = (await linted.jsonValue()) as number;
  const lintSummary = (await page.locator('.lint-summary').textContent()) ?? '';

  await page
    .locator(`.modeler-canvas .djs-shape[data-element-id="${target.otherElementId}"]`)
    .click();
  const selectMs = await timed(() => clickAndWaitForProperties(page, target));

  const before = await transformOf(page, target);
  const box = await page.locator(`${selector} .djs-hit`).boundingBox();
  if (!box) throw new Error(`${target.elementId} has no box on the canvas`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const moveMs = await timed(async () => {
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 30, y + 20, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(
      ([css, old]) => document.querySelector(css)?.getAttribute('transform') !== old,
      [selector, before] as const,
      { polling: 'raf', timeout: waitTimeoutMs },
    );
  });
  const undoMs = await timed(async () => {
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      ([css, old]) => document.querySelector(css)?.getAttribute('transform') === old,
      [selector, before] as const,
      { polling: 'raf', timeout: waitTimeoutMs },
    );
  });
  return {
    drawnMs,
    interactiveMs,
    lintMs,
    selectMs,
    moveMs,
    undoMs,
    lintSummary,
  };
}

async function measureTarget(
  page: Page,
  baseUrl: string,
  target: ModelTarget,
  options: ModelerBenchOptions,
  progress: (message: string) => void,
): Promise<ModelerFigures> {
  progress(`(g) modeler: ${target.label}, ${options.measuredRuns} page loads`);
  for (let index = 0; index < options.warmUpRuns; index++) await openOnce(page, baseUrl, target);
  const runs: OpenRun[] = [];
  for (let index = 0; index < options.measuredRuns; index++) {
    runs.push(await openOnce(page, baseUrl, target));
  }
  const sorted = (pick: (run: OpenRun) => number): number[] => runs.map(pick).sort((a, b) => a - b);
  return {
    label: target.label,
    elements: target.elements,
    drawnMs: sorted((run) => run.drawnMs),
    interactiveMs: sorted((run) => run.interactiveMs),
    lintMs: sorted((run) => run.lintMs),
    selectMs: sorted((run) => run.selectMs),
    moveMs: sorted((run) => run.moveMs),
    undoMs: sorted((run) => run.undoMs),
    lintSummary: runs[runs.length - 1]?.lintSummary ?? '',
  };
}

/**
 * Builds the web app, starts eiso on PGlite in a child process, saves the generated model as a draft of the ISO
 * secretary, logs the secretary in through the login form and times the modeler page on the
 * bundled model and then on the generated one.
 */
export async function measureModeler(
  options: ModelerBenchOptions,
  progress: (message: string) => void,
): Promise<ModelerBenchFigures> {
  buildWebApp();
  const server = await startServer();
  const { baseUrl } = server;
  let browser: Browser | undefined;
  try {
    const large = await saveLargeDraft(baseUrl, options.tasks);
    browser = await launchChromium();
    const context = await browser.newContext(contextOptions);
    const page = await context.newPage();
    await logIn(page, baseUrl);
    const baselineName = baselineElementName();
    const baseline = await measureTarget(
      page,
      baseUrl,
      { ...baselineTarget, elementName: baselineName },
      options,
      progress,
    );
    const largeFigures = await measureTarget(page, baseUrl, large, options, progress);
    return { baseline, large: largeFigures };
  } finally {
    await browser?.close();
    await stopServer(server.child);
  }
}

/** Starts bench/modeler-server.ts and waits for the base URL that it prints. */
function startServer(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repositoryRoot, 'bench/modeler-server.ts')],
    { cwd: repositoryRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\S+)/.exec(output);
      if (match?.[1]) resolve({ child, baseUrl: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`the bench server exited with ${code}`)));
  });
}

/** Closes the server's stdin, which makes it close the app and remove its data folder. */
function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.stdin?.end();
  });
}

/** Reads the name of the baseline's timed task from the bundled model file. */
function baselineElementName(): string {
  const xml = fs.readFileSync(
    path.join(repositoryRoot, 'processes/quality-objectives.bpmn'),
    'utf8',
  );
  const match = new RegExp(`id="${baselineTarget.elementId}" name="([^"]*)"`).exec(xml);
  if (!match?.[1]) throw new Error(`the bundled model has no task ${baselineTarget.elementId}`);
  return match[1];
}
