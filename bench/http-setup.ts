import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedAgency } from '../src/seed/demo-agency.js';
import { benchAgency } from './workload.js';

/** The password of every seeded user of the bench database. */
export const benchPassword = 'bench-password-1';

/** A database for one measurement and how to remove it. */
export interface BenchDatabase {
  label: string;
  db: Knex;
  databaseUrl: string | undefined;
  drop: () => Promise<void>;
}

/** Opens a PGlite database in memory. */
export function openPglite(): BenchDatabase {
  const db = connectDatabase({ dataDir: 'memory://' });
  return { label: 'PGlite (in memory)', db, databaseUrl: undefined, drop: () => db.destroy() };
}

/**
 * Opens a schema of its own on the PostgreSQL server at `databaseUrl`, which
 * `drop` removes. Returns the reason instead when the server does not respond
 * within `timeoutMs`.
 */
export async function openPostgres(
  databaseUrl: string,
  timeoutMs: number,
): Promise<BenchDatabase | string> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const db = connectDatabase({ databaseUrl, schema });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.raw('select 1'), timeout]);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    return `PostgreSQL at ${redactUrl(databaseUrl)} is unreachable: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
  // BENCH_KEEP_SCHEMA=1 leaves the filled schema behind, to study its plans in psql.
  const drop = async () => {
    if (process.env.BENCH_KEEP_SCHEMA === '1') console.log(`kept schema ${schema}`);
    else await db.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.destroy();
  };
  return { label: `PostgreSQL (schema ${schema})`, db, databaseUrl, drop };
}

/** Returns the URL without its password, for messages. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

/** A listening app on a seeded bench database, and its base URL. */
export interface ListeningApp {
  app: FastifyInstance;
  baseUrl: string;
}

/**
 * Migrates and seeds the bench agency (five departments), builds the app on
 * it and listens on a free loopback port. The scheduler stays off: the jobs
 * run after each commit, inside the request that caused them.
 */
export async function startApp(database: BenchDatabase): Promise<ListeningApp> {
  await migrateToLatest(database.db);
  await seedAgency(database.db, benchAgency, benchPassword);
  const config = {
    ...loadConfig({}),
    databaseUrl: database.databaseUrl,
    dataDir: 'memory://',
    demoPassword: benchPassword,
    logLevel: 'warn',
    // The bench logs in a handful of users on every database it runs.
    loginRateLimit: 1_000,
  };
  const app = await buildApp({ config, db: database.db, startScheduler: false });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, baseUrl };
}
