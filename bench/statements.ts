import { SessionClient } from './http-client.js';
import {
  benchPassword,
  openPglite,
  openPostgres,
  startApp,
  type BenchDatabase,
} from './http-setup.js';
import { TaskFeed } from './task-feed.js';
import { bpmnProcessId, completionVariables, taskUsers } from './workload.js';

// Lists the SQL statements that one task completion sends, per step of the
// procedure: `tsx bench/statements.ts [postgres]`. It runs a few instances
// with one client, so that every statement belongs to the request in flight.

const instances = 5;
const target = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

async function openDatabase(): Promise<BenchDatabase> {
  if (target === 'pglite') return openPglite();
  const database = await openPostgres(databaseUrl, 5_000);
  if (typeof database === 'string') throw new Error(database);
  return database;
}

/** Completes every task of `instances` instances and records the statements of each completion. */
async function recordStatements(database: BenchDatabase, baseUrl: string) {
  const sessions = await Promise.all(
    taskUsers.map((username) => SessionClient.login(baseUrl, username, benchPassword)),
  );
  for (let index = 0; index < instances; index++) {
    const businessKey = `${bpmnProcessId}-statements-${index}`;
    await sessions[0].post(`/api/procedures/${bpmnProcessId}/instances`, {
      year: 2026,
      businessKey,
    });
  }

  let current: string[] | null = null;
  database.db.on('query', (query: { sql: string }) =>
    current?.push(query.sql.replace(/\s+/g, ' ')),
  );
  const byElement = new Map<string, string[][]>();
  const feed = new TaskFeed(sessions);
  const deadline = performance.now() + 120_000;
  for (let task = await feed.take(deadline); task; task = await feed.take(deadline)) {
    current = [];
    const response = await task.session.post(`/api/tasks/${task.key}/complete`, {
      variables: completionVariables(task.elementId),
    });
    if (response.status !== 204)
      throw new Error(`completion of ${task.elementId} failed with ${response.status}`);
    byElement.set(task.elementId, [...(byElement.get(task.elementId) ?? []), current]);
    current = null;
    feed.release(task);
  }
  return byElement;
}

function print(byElement: Map<string, string[][]>): void {
  console.log(`statements per completion on ${target}, ${instances} instances:`);
  for (const [elementId, runs] of byElement) {
    const counts = runs.map((statements) => statements.length);
    console.log(`  ${elementId.padEnd(22)} ${Math.min(...counts)} to ${Math.max(...counts)}`);
  }
  for (const [elementId, runs] of byElement) {
    // The longest run shows the job that some completions of this step trigger.
    const longest = runs.reduce((a, b) => (b.length > a.length ? b : a));
    console.log(`\n${elementId}, longest completion:`);
    longest.forEach((sql, index) =>
      console.log(`${String(index + 1).padStart(4)}  ${sql.slice(0, 110)}`),
    );
  }
}

const database = await openDatabase();
try {
  const { app, baseUrl } = await startApp(database);
  try {
    print(await recordStatements(database, baseUrl));
  } finally {
    await app.close();
  }
} finally {
  await database.drop();
}
