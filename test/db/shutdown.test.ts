import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connect.js';

// These tests start `src/main.ts` as a child process, as `npm start` runs the built server, on a
// data folder of their own, or a schema of their own when DATABASE_URL is set. They stop it with
// signals while requests are in flight and start it again on the same data.

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const password = 'shutdown-password-1';
const startTimeoutMs = 240_000;
const exitTimeoutMs = 60_000;

interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Environment of the child: the test's PGlite folder, or PostgreSQL in the test's schema. */
function serverEnvironment(dataDir: string, schema: string | undefined): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    EISO_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    EISO_DEMO_PASSWORD: password,
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
  };
  if (process.env.DATABASE_URL && schema) {
    const url = new URL(process.env.DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    environment.DATABASE_URL = url.toString();
  } else {
    delete environment.DATABASE_URL;
  }
  return environment;
}

function spawnServer(environment: NodeJS.ProcessEnv): RunningServer {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repositoryRoot,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, url: '', output: () => output, exited };
}

async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs = startTimeoutMs,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`the condition did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function startServer(environment: NodeJS.ProcessEnv): Promise<RunningServer> {
  const server = spawnServer(environment);
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output());
    if (match) return { ...server, url: match[1]! };
    if (server.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.child.kill('SIGKILL');
  throw new Error(`the server did not start within ${startTimeoutMs} ms:\n${server.output()}`);
}

async function createSchema(name: string | undefined): Promise<void> {
  if (!name || !process.env.DATABASE_URL) return;
  const db = connectDatabase({ databaseUrl: process.env.DATABASE_URL, schema: name });
  await db.raw('select 1');
  await db.destroy();
}

/** True once the start has opened the database: the PGlite lock file or the migrations table. */
async function databaseOpened(dataDir: string, schemaName: string | undefined): Promise<boolean> {
  if (!schemaName || !process.env.DATABASE_URL) {
    return fs.existsSync(path.join(dataDir, 'eiso.lock'));
  }
  const db = connectDatabase({ databaseUrl: process.env.DATABASE_URL });
  try {
    const result = await db.raw('SELECT to_regclass(?) AS name', [
      `"${schemaName}".knex_migrations`,
    ]);
    return result.rows[0].name !== null;
  } finally {
    await db.destroy();
  }
}

async function dropSchema(name: string | undefined): Promise<void> {
  if (!name || !process.env.DATABASE_URL) return;
  const db = connectDatabase({ databaseUrl: process.env.DATABASE_URL });
  await db.raw(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  await db.destroy();
}

async function stopWithin(server: RunningServer, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), timeoutMs);
  });
  const result = await Promise.race([server.exited, timeout]);
  clearTimeout(timer);
  if (result === 'timed out') {
    server.child.kill('SIGKILL');
    throw new Error(`the server did not exit within ${timeoutMs} ms:\n${server.output()}`);
  }
  return result;
}

interface Client {
  cookie: string;
  csrfToken: string;
}

async function logIn(url: string): Promise<Client> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'secretary', password }),
  });
  const body = (await response.json()) as { csrfToken: string };
  if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(body)}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return { cookie, csrfToken: body.csrfToken };
}

/** Starts a document-control instance; returns its key, or null when the request failed. */
async function startInstance(url: string, client: Client): Promise<string | null> {
  try {
    const response = await fetch(`${url}/api/procedures/document-control/instances`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: client.cookie,
        'x-csrf-token': client.csrfToken,
      },
      body: '{}',
    });
    if (response.status !== 201) return null;
    return ((await response.json()) as { processInstanceKey: string }).processInstanceKey;
  } catch {
    // The server closed the connection before it sent a response.
    return null;
  }
}

async function instanceStatus(url: string, client: Client, key: string): Promise<number> {
  const response = await fetch(`${url}/api/process-instances/${key}`, {
    headers: { cookie: client.cookie },
  });
  return response.status;
}

describe('server shutdown', () => {
  let dataDir: string;
  let schema: string | undefined;
  let environment: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eiso-shutdown-'));
    if (process.env.DATABASE_URL) {
      schema = `test_${randomBytes(6).toString('hex')}`;
      await createSchema(schema);
    }
    environment = serverEnvironment(dataDir, schema);
  });

  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await dropSchema(schema);
  });

  const rounds: { name: string; signals: NodeJS.Signals[] }[] = [
    { name: 'SIGTERM', signals: ['SIGTERM'] },
    { name: 'SIGINT', signals: ['SIGINT'] },
    { name: 'SIGTERM twice', signals: ['SIGTERM', 'SIGTERM'] },
    { name: 'SIGINT then SIGTERM', signals: ['SIGINT', 'SIGTERM'] },
  ];

  it(
    'keeps the data across signals',
    async () => {
      const committed: string[] = [];
      let server = await startServer(environment);

      for (const round of rounds) {
        const client = await logIn(server.url);
        const before = await startInstance(server.url, client);
        expect(before, `${round.name}: start before the signal`).not.toBeNull();
        committed.push(before!);

        // Requests that are in flight when the signals arrive.
        const inFlight = Array.from({ length: 4 }, () => startInstance(server.url, client));
        await new Promise((resolve) => setTimeout(resolve, 20));
        for (const signal of round.signals) server.child.kill(signal);
        const finished = await Promise.all(inFlight);
        const exit = await stopWithin(server, exitTimeoutMs);
        committed.push(...finished.filter((key): key is string => key !== null));

        expect(exit, `${round.name}:\n${server.output()}`).toEqual({ code: 0, signal: null });
        expect(server.output(), round.name).toContain('database closed');

        server = await startServer(environment);
        const reader = await logIn(server.url);
        for (const key of committed) {
          expect(await instanceStatus(server.url, reader, key), `${round.name}: ${key}`).toBe(200);
        }
      }

      server.child.kill('SIGTERM');
      expect(await stopWithin(server, exitTimeoutMs)).toEqual({ code: 0, signal: null });
    },
    rounds.length * 2 * startTimeoutMs,
  );

  it.skipIf(Boolean(process.env.DATABASE_URL))(
    'reopens the folder after SIGKILL',
    async () => {
      const killedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eiso-shutdown-kill-'));
      const killedEnvironment = serverEnvironment(killedDir, undefined);
      try {
        for (let round = 0; round < 4; round++) {
          const server = await startServer(killedEnvironment);
          const client = await logIn(server.url);
          const inFlight = Array.from({ length: 6 }, () => startInstance(server.url, client));
          // Later rounds land the kill later in the requests, and each start recovers the last.
          await new Promise((resolve) => setTimeout(resolve, 50 + 60 * round));
          server.child.kill('SIGKILL');
          await Promise.all(inFlight);

          expect(await stopWithin(server, exitTimeoutMs)).toEqual({
            code: null,
            signal: 'SIGKILL',
          });
        }
        const server = await startServer(killedEnvironment);
        const client = await logIn(server.url);
        server.child.kill('SIGTERM');

        expect(client.csrfToken).not.toBe('');
        expect(await stopWithin(server, exitTimeoutMs)).toEqual({ code: 0, signal: null });
      } finally {
        fs.rmSync(killedDir, { recursive: true, force: true });
      }
    },
    5 * startTimeoutMs,
  );

  it.skipIf(Boolean(process.env.DATABASE_URL))(
    'rejects a second server on the folder',
    async () => {
      const first = await startServer(environment);
      const second = spawnServer(environment);
      const secondExit = await stopWithin(second, startTimeoutMs);
      const client = await logIn(first.url);
      const key = await startInstance(first.url, client);
      first.child.kill('SIGTERM');
      const firstExit = await stopWithin(first, exitTimeoutMs);

      expect(secondExit.code, second.output()).toBe(1);
      expect(second.output()).toContain(`is in use by process ${first.child.pid}`);
      expect(key).not.toBeNull();
      expect(firstExit, first.output()).toEqual({ code: 0, signal: null });
    },
    2 * startTimeoutMs,
  );

  it(
    'stops cleanly when signalled while starting',
    async () => {
      const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eiso-shutdown-start-'));
      const freshSchema = schema ? `${schema}_start` : undefined;
      const freshEnvironment = serverEnvironment(freshDir, freshSchema);
      try {
        await createSchema(freshSchema);
        const starting = spawnServer(freshEnvironment);
        // PGlite's lock file appears when the database opens, before PGlite creates its folder.
        await waitFor(() => databaseOpened(freshDir, freshSchema));
        starting.child.kill('SIGTERM');
        const exit = await stopWithin(starting, startTimeoutMs);

        expect(exit, starting.output()).toEqual({ code: 0, signal: null });
        expect(starting.output()).not.toContain('Server listening');

        const server = await startServer(freshEnvironment);
        const client = await logIn(server.url);
        server.child.kill('SIGTERM');

        expect(client.csrfToken).not.toBe('');
        expect(await stopWithin(server, exitTimeoutMs)).toEqual({ code: 0, signal: null });
      } finally {
        fs.rmSync(freshDir, { recursive: true, force: true });
        await dropSchema(freshSchema);
      }
    },
    3 * startTimeoutMs,
  );
});
