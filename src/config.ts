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
  /** SMTP server of outgoing e-mail, such as `smtp://127.0.0.1:2525`; when unset no e-mail is sent. */
  smtpUrl: string | undefined;
  /** Sender address of e-mail. */
  mailFrom: string;
  /** Address of the web app that e-mail links point to, without a trailing slash. */
  publicUrl: string;
  /** Hour of the day (0-23, Vietnam time) at which daily digests are sent. */
  digestHour: number;
  /** Milliseconds between two reads of new notifications for the live stream. */
  notificationPollMs: number;
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
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'eiso <eiso@localhost>',
    publicUrl: (env.PUBLIC_URL || `http://${env.HOST ?? '127.0.0.1'}:${env.PORT ?? 3000}`).replace(
      /\/+$/,
      '',
    ),
    digestHour: readDigestHour(env.EISO_DIGEST_HOUR),
    notificationPollMs: Number(env.EISO_NOTIFICATION_POLL_MS ?? 1_000),
  };
}

function readDigestHour(value: string | undefined): number {
  const hour = Number(value ?? 7);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new Error(`EISO_DIGEST_HOUR must be a whole hour from 0 to 23, got '${value}'.`);
  }
  return hour;
}

/** The repository root (also when running from `dist/`). */
export const projectRoot = root;
