import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Knex } from 'knex';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { connectDatabase, dumpPglite } from '../../src/db/connect.js';

export const demoPassword = 'demo-password-1';

// Starting PGlite from a saved data folder skips initdb, the migrations,
// the demo seed and the deployment: a few seconds per test. One template is
// built per test worker, by the same buildApp that tests run.
let seededTemplate: Promise<Blob> | undefined;

async function buildSeededTemplate(): Promise<Blob> {
  const db = connectDatabase({ dataDir: 'memory://' });
  const app = await buildApp({ config: testConfig(), db, startScheduler: false });
  await app.close();
  const dump = await dumpPglite(db);
  await db.destroy();
  return dump;
}

/**
 * A database of its own for one test: a PGlite in memory (with the demo
 * agency already seeded, unless `empty`), or a fresh schema when
 * DATABASE_URL is set.
 */
export async function createTestDatabase(
  options: { empty?: boolean } = {},
): Promise<{ db: Knex; drop: () => Promise<void> }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    seededTemplate ??= buildSeededTemplate();
    const pgliteDump = options.empty ? undefined : await seededTemplate;
    const db = connectDatabase({ dataDir: 'memory://', pgliteDump });
    return { db, drop: () => db.destroy() };
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const db = connectDatabase({ databaseUrl, schema });
  return {
    db,
    drop: async () => {
      await db.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.destroy();
    },
  };
}

/** Settings for a test app: demo data with a known password, quiet logs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), dataDir: 'memory://', demoPassword, logLevel: 'warn', ...overrides };
}

/** A logged-in browser session against an app that does not listen. */
export interface TestSession {
  username: string;
  /** Sends a request with the session's cookie and CSRF token, plus any extra `headers`. */
  request(
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  db: Knex;
  login(username: string): Promise<TestSession>;
  close(): Promise<void>;
}

/** Builds the app on a database of its own; `reopen` builds a second app on the same database. */
export async function createTestApp(
  options: { db?: Knex; config?: Partial<Config>; now?: () => Date } = {},
): Promise<TestApp & { drop: () => Promise<void> }> {
  const database = options.db
    ? { db: options.db, drop: async () => undefined }
    : await createTestDatabase();
  const app = await buildApp({
    config: testConfig(options.config),
    db: database.db,
    startScheduler: false,
    now: options.now,
  });
  return {
    app,
    db: database.db,
    login: (username) => login(app, username),
    close: () => app.close(),
    drop: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** Logs in through the API and returns a session that sends its cookie and CSRF token. */
export async function login(
  app: FastifyInstance,
  username: string,
  password = demoPassword,
): Promise<TestSession> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`login of ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.map((entry) => `${entry.name}=${entry.value}`).join('; ');
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
  return {
    username,
    request: (method, url, payload, headers = {}) =>
      app.inject({
        method,
        url,
        payload: payload as InjectOptions['payload'],
        headers: { ...headers, cookie, 'x-csrf-token': csrfToken },
      }),
  };
}
