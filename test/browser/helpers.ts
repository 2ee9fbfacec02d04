import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createTestDatabase, demoPassword } from '../helpers/test-app.js';

export const repositoryRoot = path.resolve(import.meta.dirname, '../..');
export const webDir = path.join(repositoryRoot, 'dist/web');
export const screenshotDir = path.join(repositoryRoot, 'test-artifacts/screenshots');

/** Launches Debian's Chromium (`apt-get install chromium`), or the one at CHROMIUM_PATH. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Builds the web app into dist/web with web.vite.config.ts, so the tests run the current sources. */
export async function buildWebApp(): Promise<void> {
  await build({ configFile: path.join(repositoryRoot, 'web.vite.config.ts'), logLevel: 'warn' });
}

/** A browser page plus the uncaught page errors it raised, which a test can assert to be empty. */
export interface TestPage {
  context: BrowserContext;
  page: Page;
  pageErrors: string[];
}

/** Opens a page in a fresh context (own cookies and storage) with a Vietnamese browser locale. */
export async function openPage(
  browser: Browser,
  options: { width?: number; height?: number } = {},
): Promise<TestPage> {
  const context = await browser.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, pageErrors };
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await fs.mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Opens the app, signs in through the login form and waits for the inbox. */
export async function login(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const inbox = page.getByRole('heading', { level: 1, name: 'Công việc' });
  const alert = page.locator('.login-message [role="alert"]');
  await inbox.or(alert).first().waitFor();
  if (await alert.isVisible()) {
    throw new Error(`Login as ${username} failed: ${await alert.textContent()}`);
  }
}

/** Signs out through the header button and waits for the login form. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByLabel('Tên đăng nhập').waitFor();
}

/** Follows a link of the main navigation bar. */
export async function navigateTo(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: label })
    .click();
}

/** The wrapper of a form-js field, found by its value path such as `objectives.0.title`. */
export function formField(page: Page, valuePath: string): Locator {
  return page.locator(`[data-eiso-path="${valuePath}"]`);
}

/** Fills a text, number or textarea field of the task form. */
export async function fillField(page: Page, valuePath: string, value: string): Promise<void> {
  await formField(page, valuePath).locator('input, textarea').first().fill(value);
}

/** Asserts that each field of the task form, given by its value path, shows the expected text. */
export async function expectFieldValues(page: Page, fields: [string, string][]): Promise<void> {
  for (const [valuePath, value] of fields) {
    const input = formField(page, valuePath).locator('input, textarea').first();
    expect(await input.inputValue(), valuePath).toBe(value);
  }
}

/** Types a `YYYY-MM-DD` date into a form-js date field in the order its placeholder shows. */
export async function fillDate(page: Page, valuePath: string, isoDate: string): Promise<void> {
  const input = formField(page, valuePath).locator('input[type="text"]').first();
  const placeholder = (await input.getAttribute('placeholder')) ?? 'mm/dd/yyyy';
  const [year = '', month = '', day = ''] = isoDate.split('-');
  const parts: Record<string, string> = { dd: day, mm: month, yyyy: year };
  const typed = placeholder.replace(/dd|mm|yyyy/g, (token) => parts[token] ?? token);
  await input.fill(typed);
  await input.press('Enter');
  await input.press('Escape');
}

/** Picks the option with `label` in a form-js select or radio field. */
export async function chooseOption(page: Page, valuePath: string, label: string): Promise<void> {
  const field = formField(page, valuePath);
  const select = field.locator('.fjs-input-group');
  if ((await select.count()) > 0) {
    await select.click();
    await field.locator('.fjs-dropdownlist-item', { hasText: label }).first().click();
    return;
  }
  await field.getByLabel(label, { exact: true }).check();
}

/**
 * Opens the task named `name` from the inbox, looking in "Việc của tôi" and then "Việc của nhóm".
 * Service tasks run after the previous completion commits, so the list is re-read until the task
 * appears or `timeoutMs` passes.
 */
export async function openTaskFromInbox(
  page: Page,
  baseUrl: string,
  name: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; Date.now() < deadline; attempt += 1) {
    for (const list of ['mine', 'group']) {
      await page.goto(`${baseUrl}/#/inbox?list=${list}`);
      await page.locator('.table, .empty-state').first().waitFor();
      const link = page.locator('tbody a', { hasText: name }).first();
      if ((await link.count()) > 0) {
        await link.click();
        await page.getByRole('heading', { level: 1, name }).waitFor();
        return;
      }
    }
    await page.waitForTimeout(Math.min(2_000, 250 * 2 ** attempt));
  }
  throw new Error(`Task "${name}" did not appear in the inbox within ${timeoutMs} ms.`);
}

/** Claims the open task when the page offers "Nhận việc", then waits for the editable form. */
export async function claimIfNeeded(page: Page): Promise<void> {
  // Exact, because the unclaim button "Bỏ nhận việc" of a task assigned to the user contains it.
  const claim = page.getByRole('button', { name: 'Nhận việc', exact: true });
  await page.locator('.task-form .fjs-container, .task-form .muted').first().waitFor();
  if ((await claim.count()) > 0) {
    await claim.first().click();
  }
  await page.getByRole('button', { name: 'Hoàn thành' }).waitFor();
  await page.locator('.task-form .fjs-container').waitFor();
}

/** Presses "Hoàn thành" and waits for the inbox with its confirmation. */
export async function completeTask(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Hoàn thành' }).click();
  const done = page.locator('.alert-success', { hasText: 'Đã hoàn thành' });
  const failed = page.locator('.alert-error, [role="alert"]');
  await Promise.race([done.waitFor(), failed.first().waitFor()]);
  if (!(await done.isVisible())) {
    throw new Error(`completing the task failed: ${await failed.first().innerText()}`);
  }
}

/** An eiso server that a browser test drives, with the way to stop it and drop its database. */
export interface TestServer {
  app: FastifyInstance;
  url: string;
  /** The server's own database, for checks and set-up that no page offers. */
  db: Knex;
  /** The password of every demo user. */
  password: string;
  close(): Promise<void>;
}

/** How {@link startTestServer} builds the app and prepares its database. */
export interface TestServerOptions {
  config?: Partial<Config>;
  now?: () => Date;
  startScheduler?: boolean;
  /** When true, an empty database, which buildApp migrates and seeds, in place of the seeded one. */
  emptyDatabase?: boolean;
  /** Work to run after buildApp and before the server listens, such as deploying a stand-in. */
  prepare?: (app: FastifyInstance, db: Knex) => Promise<void>;
}

/**
 * Starts eiso on 127.0.0.1 with the demo agency and the built web app, on a database of its own
 * (a fresh schema when DATABASE_URL names a PostgreSQL server), so that no test migrates a schema
 * that other runs share.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase({ empty: options.emptyDatabase });
  const config: Config = {
    ...loadConfig({}),
    databaseUrl: process.env.DATABASE_URL,
    dataDir: 'memory://',
    demoPassword,
    webDir,
    logLevel: 'warn',
    // Browser tests sign in more often within a minute than the default limit per client allows.
    loginRateLimit: 1000,
    ...options.config,
  };
  let app: FastifyInstance | undefined;
  let url: string;
  try {
    app = await buildApp({
      db: database.db,
      config,
      now: options.now,
      startScheduler: options.startScheduler,
    });
    await options.prepare?.(app, database.db);
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    // The caller gets no server to close, so the database would otherwise stay behind.
    await app?.close();
    await database.drop();
    throw error;
  }
  return {
    app,
    url: url.replace('localhost', '127.0.0.1'),
    db: database.db,
    password: config.demoPassword ?? demoPassword,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** A server, a browser and one tab that the steps of a describe block share in turn. */
export interface StepByStepSession {
  readonly server: TestServer;
  readonly app: FastifyInstance;
  readonly url: string;
  readonly db: Knex;
  readonly password: string;
  readonly browser: Browser;
  readonly tab: TestPage;
  readonly page: Page;
  /** Signs in on the tab, which must be signed out. */
  signIn(username: string): Promise<void>;
  /** Signs out the user of the tab and signs in as `username`. */
  switchUser(username: string): Promise<void>;
  /** Opens the task named `name` from the inbox and claims it unless it is claimed already. */
  openTask(name: string): Promise<void>;
  /** Starts a procedure from its card on the start page and waits for its first task's form. */
  startProcedure(procedureId: string, firstTask: string): Promise<void>;
}

function ready<T>(value: T | undefined, name: string): T {
  if (value === undefined) {
    throw new Error(
      `The step-by-step session has no ${name}: its beforeAll hook failed or has not run.`,
    );
  }
  return value;
}

/**
 * Registers the hooks of a test whose steps continue one procedure, and returns the session that
 * the steps read. Call it inside `describe`. Before the first step it builds the web app, starts a
 * test server with `options`, launches Chromium and opens one tab. After the last step it closes
 * them and drops the server's database. A failed step skips the steps after it, because each step
 * continues the one before.
 */
export function stepByStepSession(options: TestServerOptions = {}): StepByStepSession {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let tab: TestPage | undefined;
  let failedStep: string | undefined;

  beforeEach((context) => {
    if (failedStep) context.skip(`an earlier step failed: ${failedStep}`);
  });

  afterEach((context) => {
    if (context.task.result?.state === 'fail') failedStep = context.task.name;
  });

  beforeAll(async () => {
    await buildWebApp();
    server = await startTestServer(options);
    browser = await launchBrowser();
    tab = await openPage(browser);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await server?.close();
  });

  return {
    get server() {
      return ready(server, 'server');
    },
    get app() {
      return this.server.app;
    },
    get url() {
      return this.server.url;
    },
    get db() {
      return this.server.db;
    },
    get password() {
      return this.server.password;
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get tab() {
      return ready(tab, 'tab');
    },
    get page() {
      return this.tab.page;
    },
    async signIn(username) {
      await login(this.page, this.url, username, this.password);
    },
    async switchUser(username) {
      await logout(this.page);
      await this.signIn(username);
    },
    async openTask(name) {
      await openTaskFromInbox(this.page, this.url, name);
      await claimIfNeeded(this.page);
    },
    async startProcedure(procedureId, firstTask) {
      const { page } = this;
      await navigateTo(page, 'Khởi tạo quy trình');
      const card = page.locator(`[data-procedure="${procedureId}"]`);
      await card.waitFor();
      await card.getByRole('button', { name: 'Khởi tạo' }).click();
      await page.getByRole('heading', { level: 1, name: firstTask }).waitFor();
      await claimIfNeeded(page);
    },
  };
}
