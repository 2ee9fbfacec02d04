import path from 'node:path';

/** Runtime settings, read once from the environment. The README lists each one. */
export interface Config {
  nodeEnv: string;
  host: string;
  port: number;
  /** PostgreSQL connection string; when unset, eiso runs on an embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database and of other local files. */
  dataDir: string;
  sessionSecret: string | undefined;
  /** Password of every demo user; when unset a random one is generated and printed once. */
  demoPassword: string | undefined;
  /** Seed the demo agency into an empty database. */
  seedDemo: boolean;
  logLevel: string;
  /** Folders read at start: BPMN models and form-js schemas deployed to every agency. */
  processesDir: string;
  formsDir: string;
  /** Folder of the built web app, served at `/`. */
  webDir: string;
  /** Login attempts allowed per client address and minute. */
  loginRateLimit: number;
  /** Largest request body in bytes. */
  bodyLimit: number;
  /** Addresses of reverse proxies whose X-Forwarded-For is trusted; empty trusts none. */
  trustProxy: string[];
  /** Largest task attachment in bytes. */
  attachmentMaxBytes: number;
  /** Folder for task attachments; when unset they are stored in the database. */
  attachmentDir: string | undefined;
}

const root = path.resolve(
  import.meta.dirname,
  '..',
  import.meta.dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '',
);

/** Reads the settings from `env`, with the documented defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    nodeEnv: env.NODE_ENV ?? 'development',
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.EISO_DATA_DIR ?? path.join(root, 'data')),
    sessionSecret: env.SESSION_SECRET || undefined,
    demoPassword: env.EISO_DEMO_PASSWORD || undefined,
    seedDemo: env.EISO_SEED_DEMO !== 'false',
    logLevel: env.LOG_LEVEL ?? 'info',
    processesDir: path.resolve(env.EISO_PROCESSES_DIR ?? path.join(root, 'processes')),
    formsDir: path.resolve(env.EISO_FORMS_DIR ?? path.join(root, 'forms')),
    webDir: path.resolve(env.EISO_WEB_DIR ?? path.join(root, 'dist', 'web')),
    loginRateLimit: Number(env.EISO_LOGIN_RATE_LIMIT ?? 10),
    bodyLimit: Number(env.EISO_BODY_LIMIT ?? 1_048_576),
    trustProxy: (env.EISO_TRUST_PROXY ?? '')
      .split(',')
      .map((address) => address.trim())
      .filter((address) => address.length > 0),
    attachmentMaxBytes: Number(env.EISO_ATTACHMENT_MAX_BYTES ?? 10 * 1024 * 1024),
    attachmentDir: env.ATTACHMENT_DIR ? path.resolve(env.ATTACHMENT_DIR) : undefined,
  };
}

/** The repository root (also when running from `dist/`). */
export const projectRoot = root;
