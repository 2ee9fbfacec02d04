import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { Config } from './config.js';
import { connectDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { EmbeddedEngine } from './engine/embedded/embedded-engine.js';
import { JobRunner } from './jobs/job-runner.js';
import { WorkerRegistry } from './jobs/job-worker.js';
import { Scheduler } from './jobs/scheduler.js';
import { createLogger, loggerOptions, type Logger } from './logger.js';
import { registerNotifyWorker } from './notifications/notify-worker.js';
import { NotificationDelivery } from './notifications/notification-delivery.js';
import { NotificationFeed } from './notifications/notification-feed.js';
import { procedureModules } from './procedures/index.js';
import { deployChangedResources, type DeploymentResource } from './runtime/deployer.js';
import { Runtime } from './runtime/runtime.js';
import { demoAgency, seedAgency } from './seed/demo-agency.js';
import { seedDemoRecords } from './seed/demo-records.js';
import { TaskService } from './tasks/task-service.js';
import { registerHttp } from './http/register-http.js';
import { dailyDigestTask } from './history/digests.js';

/** The service's parts, shared by the routes. */
export interface Services {
  config: Config;
  db: Knex;
  logger: Logger;
  runtime: Runtime;
  tasks: TaskService;
  jobs: JobRunner;
  scheduler: Scheduler;
  workers: WorkerRegistry;
  /** Overdue reports and e-mail of notifications, run on every scheduler tick. */
  notificationDelivery: NotificationDelivery;
  /** New notification rows for the live stream. */
  notificationFeed: NotificationFeed;
  sessionSecret: string;
  now: () => Date;
  /** Set when this start seeded the demo agency with a generated password. */
  generatedDemoPassword: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export interface AppOptions {
  config: Config;
  /** An open database; when omitted the app connects and closes it on shutdown. */
  db?: Knex;
  now?: () => Date;
  /** Tick the scheduler in the background (off in tests, which tick it themselves). */
  startScheduler?: boolean;
}

/** Builds the Fastify app with every route, migrated database, demo data and deployed procedures. It does not listen. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const db =
    options.db ?? connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await assembleApp(options, db);
  } catch (error) {
    // A start that fails half way (a failed migration, the production check) still closes the
    // database it opened, so that an embedded one is left consistent.
    if (!options.db) await db.destroy();
    throw error;
  }
}

async function assembleApp(options: AppOptions, db: Knex): Promise<FastifyInstance> {
  const { config } = options;
  const logger = createLogger(config.logLevel);
  const now = options.now ?? (() => new Date());

  await migrateToLatest(db);
  const generatedDemoPassword = await seedIfEmpty(db, config, now());
  await assertProductionReady(db, config);
  const sessionSecret = config.sessionSecret ?? (await storedSessionSecret(db));
  await deployBundledResources(db, logger, config);

  const engine = new EmbeddedEngine({ logger: logger.child({ component: 'engine' }), now });
  const runtime = new Runtime(db, engine, logger.child({ component: 'runtime' }), now);
  const workers = new WorkerRegistry();
  registerNotifyWorker(workers);
  for (const module of procedureModules) module.registerWorkers?.(workers);
  const jobs = new JobRunner(db, runtime, workers, logger.child({ component: 'jobs' }), now);
  runtime.onAfterCommit((instanceKey) => jobs.runInstanceJobs(instanceKey));
  const scheduler = new Scheduler(db, runtime, jobs, logger.child({ component: 'scheduler' }), now);
  const tasks = new TaskService(db, runtime, now);
  const notificationDelivery = new NotificationDelivery(
    db,
    config,
    logger.child({ component: 'notifications' }),
  );
  scheduler.addTickTask((at) => notificationDelivery.run(at));
  scheduler.addTickTask(dailyDigestTask(db, logger.child({ component: 'history' })));
  const notificationFeed = new NotificationFeed(
    db,
    logger.child({ component: 'notification-feed' }),
    config.notificationPollMs,
  );

  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimit,
    // The API documentation reads its static files at start, which takes longer than Fastify's
    // default 10 s plugin timeout on a loaded machine, and more than a minute under heavy load.
    pluginTimeout: 300_000,
    // Only the configured proxies may set the client address, or anyone could
    // evade the login rate limit with a forged X-Forwarded-For.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
  });
  app.decorate('services', {
    config,
    db,
    logger,
    runtime,
    tasks,
    jobs,
    scheduler,
    workers,
    notificationDelivery,
    notificationFeed,
    sessionSecret,
    now,
    generatedDemoPassword,
  });
  await registerHttp(app);

  if (options.startScheduler ?? true) scheduler.start(1_000);
  app.addHook('preClose', (done) => {
    if (app.server.listening) closeIdleConnectionsUntilClosed(app.server);
    done();
  });
  // Fastify closes the HTTP server, which waits for requests in flight, before these hooks run.
  app.addHook('onClose', async () => {
    await scheduler.stop();
    await notificationFeed.close();
    notificationDelivery.close();
    if (!options.db) {
      await db.destroy();
      logger.info('database closed');
    }
  });
  return app;
}

// The HTTP server's close waits for every connection to end. Node closes the idle keep-alive
// connections once, when the close starts, so a connection that was busy then stays open after
// its response for Fastify's keepAliveTimeout (72 s by default) unless it is closed here.
function closeIdleConnectionsUntilClosed(server: Server): void {
  const timer = setInterval(() => server.closeIdleConnections(), 100);
  server.once('close', () => clearInterval(timer));
}

async function seedIfEmpty(db: Knex, config: Config, now: Date): Promise<string | null> {
  if (!config.seedDemo) return null;
  const existing = await db('units').first('id');
  if (existing) return null;

  const password = config.demoPassword ?? randomBytes(12).toString('base64url');
  const seeded = await seedAgency(db, demoAgency, password);
  await seedDemoRecords(db, demoAgency, seeded, now);
  return config.demoPassword ? null : password;
}

async function assertProductionReady(db: Knex, config: Config): Promise<void> {
  if (config.nodeEnv !== 'production') return;
  if (!config.sessionSecret || config.sessionSecret.length < 32) {
    throw new Error(
      'SESSION_SECRET must be set to at least 32 random characters when NODE_ENV=production.',
    );
  }
  const demoUser = await db('users').where({ is_demo: true }).first('username');
  if (demoUser) {
    throw new Error(
      `Demo users exist (for example '${demoUser.username}'): remove them, or start with EISO_SEED_DEMO=false on a new database, before running with NODE_ENV=production.`,
    );
  }
}

// Outside production a random secret is generated once and kept in the
// database, so sessions survive restarts and are shared by every node.
async function storedSessionSecret(db: Knex): Promise<string> {
  const candidate = randomBytes(32).toString('base64url');
  await db('settings')
    .insert({ name: 'session_secret', value: candidate })
    .onConflict('name')
    .ignore();
  const row = await db('settings').where({ name: 'session_secret' }).first('value');
  return row.value as string;
}

/** Reads the `.bpmn` and `.form` files of the bundled procedures. */
export function readBundledResources(config: Config): DeploymentResource[] {
  const read = (dir: string, extension: string) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((name) => name.endsWith(extension))
          .sort()
          .map((name) => ({ name, content: fs.readFileSync(path.join(dir, name), 'utf8') }))
      : [];
  return [...read(config.formsDir, '.form'), ...read(config.processesDir, '.bpmn')];
}

// Every agency with an ISO secretary runs the bundled procedures; an unchanged file keeps its
// version. A supervising agency that only reads the units it supervises has no secretary.
async function deployBundledResources(db: Knex, logger: Logger, config: Config): Promise<void> {
  const resources = readBundledResources(config);
  if (resources.length === 0) return;
  const agencies = await db('units')
    .where({ kind: 'agency' })
    .whereExists(
      db('groups').whereRaw('groups.unit_id = units.id').where({ code: 'iso-secretary' }),
    )
    .pluck('id');
  for (const unitId of agencies)
    await deployChangedResources(db, logger, String(unitId), resources, 'system');
}
