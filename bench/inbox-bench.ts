import type { Knex } from 'knex';
import { applyList, applySort, newestPageKeys } from '../src/tasks/inbox-query.js';
import { SessionClient } from './http-client.js';
import { benchPassword, startApp, type BenchDatabase } from './http-setup.js';

// Inbox latency on a large table: the first page of GET /api/tasks?list=group
// and ?list=all, over HTTP with a real session, one request at a time. The data
// is bulk-inserted with generate_series, so filling a million rows takes
// seconds, not hours.

/** Sizes of the generated data. */
export interface InboxBenchOptions {
  userTasks: number;
  /** Every `openEvery`-th task is open; the rest are completed. */
  openEvery: number;
  users: number;
  groups: number;
  /** Open unassigned tasks offered to the one group of the heavy user. */
  heavyOpenTasks: number;
  warmUpRequests: number;
  measuredRequests: number;
  /** Print EXPLAIN ANALYZE of each statement of one request. */
  explain: boolean;
}

/** Latency percentiles of one measured user and list. */
export interface LatencyFigures {
  label: string;
  list: string;
  visibleOpenTasks: number;
  listTotal: number;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** Figures of one inbox benchmark run. */
export interface InboxFigures {
  fillSeconds: number;
  totalTasks: number;
  openTasks: number;
  latencies: LatencyFigures[];
  pageStatements: PageStatementFigures[];
  plans: string[];
}

/** The page statement alone, through the general query and through the audience table. */
export interface PageStatementFigures {
  label: string;
  generalP50Ms: number;
  generalP95Ms: number;
  audienceP50Ms: number;
  audienceP95Ms: number;
  runs: number;
}

const heavyGroup = 'inbox-heavy';
// A group head's all list also contains the open tasks of the group they head.
const headedGroup = 'inbox-group-1';

interface PgConnection {
  query(sql: string, values?: unknown[]): Promise<{ rows: Record<string, string>[] }>;
}

/**
 * Inserts users, groups, memberships, process instances and user tasks. Each
 * user belongs to two of the generated groups, and each task is offered to one
 * group. Half of the open tasks are assigned to a user.
 */
async function fillDatabase(db: Knex, options: InboxBenchOptions): Promise<void> {
  const template = await db('users').orderBy('id').first('unit_id', 'password_hash');
  const definition = await db('process_definitions')
    .where('unit_id', template.unit_id)
    .orderBy('key')
    .first('key', 'bpmn_process_id', 'version');
  const unitId = template.unit_id as string;
  const { users, groups, userTasks, openEvery } = options;

  await db.raw(
    `INSERT INTO users (unit_id, username, display_name, password_hash)
     SELECT ?::bigint, 'inbox.user.' || n, 'Người dùng ' || n, ?
     FROM generate_series(0, ?::int - 1) AS n`,
    [unitId, template.password_hash, users],
  );
  await db.raw(
    `INSERT INTO groups (unit_id, code, name)
     SELECT ?::bigint, 'inbox-group-' || n, 'Nhóm ' || n FROM generate_series(0, ?::int - 1) AS n
     UNION ALL SELECT ?::bigint, ?, 'Nhóm lớn'`,
    [unitId, groups, unitId, heavyGroup],
  );
  await db.raw(
    `INSERT INTO memberships (group_id, user_id)
     SELECT DISTINCT g.id, u.id
     FROM generate_series(0, ?::int - 1) AS n
     CROSS JOIN LATERAL (VALUES (n % ?::int), ((n * 7 + 3) % ?::int)) AS pick(group_number)
     JOIN users u ON u.username = 'inbox.user.' || n
     JOIN groups g ON g.unit_id = ?::bigint AND g.code = 'inbox-group-' || pick.group_number`,
    [users, groups, groups, unitId],
  );
  await db.raw(
    `INSERT INTO memberships (group_id, user_id)
     SELECT g.id, u.id FROM groups g, users u
     WHERE g.unit_id = ?::bigint AND g.code = ? AND u.username = 'inbox.heavy'`,
    [unitId, heavyGroup],
  );
  await db.raw(
    `INSERT INTO groups (unit_id, code, name) VALUES (?::bigint, ?, 'Lãnh đạo nhóm 1')`,
    [unitId, `head-${headedGroup}`],
  );
  await db.raw(
    `INSERT INTO memberships (group_id, user_id)
     SELECT g.id, u.id FROM groups g, users u
     WHERE g.unit_id = ?::bigint AND g.code = ? AND u.username = 'inbox.head'`,
    [unitId, `head-${headedGroup}`],
  );

  // Ten tasks per process instance, as in a procedure with several steps.
  const instances = Math.ceil((userTasks + options.heavyOpenTasks) / 10);
  await db.raw(
    `INSERT INTO process_instances
       (unit_id, process_definition_key, bpmn_process_id, version, business_key, state, variables)
     SELECT ?::bigint, ?::bigint, ?, ?::int, 'BK-' || n, 'ACTIVE', jsonb_build_object('number', n)
     FROM generate_series(1, ?::int) AS n`,
    [unitId, definition.key, definition.bpmn_process_id, definition.version, instances],
  );
  const [{ first }] = (
    await db.raw('SELECT min(key) AS first FROM process_instances WHERE business_key = ?', ['BK-1'])
  ).rows;
  await db.raw(
    `INSERT INTO user_tasks
       (unit_id, process_instance_key, process_definition_key, bpmn_process_id, element_id,
        element_instance_key, name, state, assignee, candidate_groups, priority, created_at,
        due_date, completed_at, completed_by)
     SELECT ?::bigint, ?::bigint + (n / 10), ?::bigint, ?, 'Task_' || (n % 10), 'Task_' || n, 'Công việc ' || n,
       CASE WHEN open THEN 'CREATED' ELSE 'COMPLETED' END,
       CASE WHEN open AND n % 20 = 0 THEN 'inbox.user.' || ((n / 20) % ?::int) END,
       ARRAY['inbox-group-' || ((n / 10) % ?::int)],
       n % 101,
       now() - make_interval(secs => n * 30),
       now() + make_interval(days => (n % 30) - 10),
       CASE WHEN NOT open THEN now() - make_interval(secs => n * 30 - 600) END,
       CASE WHEN NOT open THEN 'inbox.user.' || (n % ?::int) END
     FROM generate_series(0, ?::int - 1) AS n, LATERAL (SELECT n % ?::int = 0 AS open) AS flags`,
    [
      unitId,
      first,
      definition.key,
      definition.bpmn_process_id,
      users,
      groups,
      users,
      userTasks,
      openEvery,
    ],
  );
  await db.raw(
    `INSERT INTO user_tasks
       (unit_id, process_instance_key, process_definition_key, bpmn_process_id, element_id,
        element_instance_key, name, state, candidate_groups, priority, created_at)
     SELECT ?::bigint, ?::bigint + ((?::int + n) / 10), ?::bigint, ?, 'Task_heavy', 'Task_heavy_' || n, 'Việc nhóm lớn ' || n,
       'CREATED', ARRAY[?::text], n % 101, now() - make_interval(secs => n * 30)
     FROM generate_series(0, ?::int - 1) AS n`,
    [
      unitId,
      first,
      userTasks,
      definition.key,
      definition.bpmn_process_id,
      heavyGroup,
      options.heavyOpenTasks,
    ],
  );
  // VACUUM sets the visibility map, as autovacuum does on a live server, so that
  // counts can use index-only scans.
  await db.raw('VACUUM ANALYZE user_tasks');
  await db.raw('VACUUM ANALYZE user_task_audience');
  await db.raw('ANALYZE');
}

async function addMeasuredUsers(db: Knex): Promise<void> {
  await db.raw(
    `INSERT INTO users (unit_id, username, display_name, password_hash)
     SELECT unit_id, name, display_name, password_hash
     FROM (SELECT unit_id, password_hash FROM users ORDER BY id LIMIT 1) AS template,
       (VALUES ('inbox.heavy', 'Người dùng nhóm lớn'), ('inbox.head', 'Lãnh đạo nhóm 1'))
         AS added(name, display_name)`,
  );
}

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

async function measureUser(
  baseUrl: string,
  username: string,
  list: 'group' | 'all',
  label: string,
  options: InboxBenchOptions,
): Promise<LatencyFigures> {
  const client = await SessionClient.login(baseUrl, username, benchPassword);
  const path = `/api/tasks?list=${list}&page=1&pageSize=20`;
  let last = await client.get(path);
  for (let index = 0; index < options.warmUpRequests; index++) last = await client.get(path);
  if (last.status !== 200) throw new Error(`GET ${path} as ${username} returned ${last.status}`);

  const durations: number[] = [];
  for (let index = 0; index < options.measuredRequests; index++) {
    const started = performance.now();
    const response = await client.get(path);
    durations.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`GET ${path} returned ${response.status}`);
  }
  durations.sort((a, b) => a - b);
  const body = last.body as { total: number; counts: { all: number } };
  return {
    label,
    list,
    visibleOpenTasks: body.counts.all,
    listTotal: body.total,
    requests: durations.length,
    p50Ms: percentile(durations, 0.5),
    p95Ms: percentile(durations, 0.95),
    maxMs: durations[durations.length - 1],
  };
}

/**
 * Times the first page's key statement of one user's list in this process, one run after the
 * other, through the general query (`applyList` and `applySort` on user_tasks) and through the
 * audience table (`newestPageKeys`): the same page, so the ratio is what the second path saves.
 */
async function measurePageStatements(
  db: Knex,
  username: string,
  list: 'group' | 'all',
  options: InboxBenchOptions,
): Promise<PageStatementFigures> {
  const user = await db('users').where({ username }).first('id', 'unit_id');
  const groups = await db('memberships')
    .join('groups', 'groups.id', 'memberships.group_id')
    .where('memberships.user_id', user.id)
    .pluck('groups.code');
  const principal = {
    userId: String(user.id),
    username,
    displayName: username,
    title: null,
    unitId: String(user.unit_id),
    departmentId: null,
    groups: groups as string[],
  };
  const general = () =>
    applySort(applyList(db('user_tasks'), principal, list, new Date()), list, undefined, undefined)
      .limit(20)
      .pluck('user_tasks.key');
  const audience = newestPageKeys(db, principal, { list, criteria: {}, limit: 20, offset: 0 });
  if (!audience) throw new Error(`the ${list} list of ${username} has no audience path`);
  const generalKeys = (await general()).map(String);
  const audienceKeys = (await db.raw(audience.toQuery())).rows.map((row: { task_key: string }) =>
    String(row.task_key),
  );
  if (generalKeys.join() !== audienceKeys.join())
    throw new Error(`the two paths give different pages for ${username}'s ${list} list`);

  const generalMs: number[] = [];
  const audienceMs: number[] = [];
  for (let run = 0; run < options.warmUpRequests + options.measuredRequests; run++) {
    const first = performance.now();
    await general();
    const second = performance.now();
    await db.raw(audience.toQuery());
    const ended = performance.now();
    if (run < options.warmUpRequests) continue;
    generalMs.push(second - first);
    audienceMs.push(ended - second);
  }
  generalMs.sort((a, b) => a - b);
  audienceMs.sort((a, b) => a - b);
  return {
    label: `${list} list of ${username}`,
    generalP50Ms: percentile(generalMs, 0.5),
    generalP95Ms: percentile(generalMs, 0.95),
    audienceP50Ms: percentile(audienceMs, 0.5),
    audienceP95Ms: percentile(audienceMs, 0.95),
    runs: generalMs.length,
  };
}

// Runs EXPLAIN ANALYZE on the user_tasks and user_task_audience statements of one inbox request.
async function explainRequest(
  db: Knex,
  baseUrl: string,
  username: string,
  list: 'group' | 'all',
): Promise<string[]> {
  const statements: { sql: string; bindings: readonly unknown[] }[] = [];
  const listener = (query: { sql: string; bindings?: readonly unknown[] }) => {
    if (query.sql.includes('user_task')) {
      statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
    }
  };
  db.on('query', listener);
  const client = await SessionClient.login(baseUrl, username, benchPassword);
  await client.get(`/api/tasks?list=${list}&page=1&pageSize=20`);
  db.removeListener('query', listener);

  // The captured SQL has pg's $1 placeholders, so it goes to the driver directly.
  const connection = (await db.client.acquireConnection()) as PgConnection;
  try {
    const plans: string[] = [];
    for (const statement of statements) {
      const result = await connection.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, [
        ...statement.bindings,
      ]);
      const lines = result.rows.map((row) => row['QUERY PLAN']);
      plans.push(`${statement.sql}\n${lines.join('\n')}`);
    }
    return plans;
  } finally {
    await db.client.releaseConnection(connection);
  }
}

/**
 * Fills a database, starts the app on it and measures the group list of two users and the all
 * list of those users, of a group head and of the director. The director's all list contains
 * every open task of the unit.
 */
export async function measureInbox(
  database: BenchDatabase,
  options: InboxBenchOptions,
  progress: (message: string) => void,
): Promise<InboxFigures> {
  const { app, baseUrl } = await startApp(database);
  try {
    const started = performance.now();
    await addMeasuredUsers(database.db);
    await fillDatabase(database.db, options);
    const fillSeconds = (performance.now() - started) / 1000;
    const [{ total, open }] = (
      await database.db.raw(
        "SELECT count(*) AS total, count(*) FILTER (WHERE state = 'CREATED') AS open FROM user_tasks",
      )
    ).rows;
    progress(
      `(c) inbox: ${total} user tasks (${open} open) inserted in ${fillSeconds.toFixed(1)} s`,
    );

    const heavyLabel = `user whose group has ${options.heavyOpenTasks} open tasks`;
    const latencies = [
      await measureUser(baseUrl, 'inbox.user.1', 'group', 'user in 2 of the groups', options),
      await measureUser(baseUrl, 'inbox.heavy', 'group', heavyLabel, options),
      await measureUser(baseUrl, 'inbox.user.1', 'all', 'user in 2 of the groups', options),
      await measureUser(baseUrl, 'inbox.heavy', 'all', heavyLabel, options),
      await measureUser(baseUrl, 'inbox.head', 'all', `head of ${headedGroup}`, options),
      await measureUser(baseUrl, 'director', 'all', 'director, who sees every open task', options),
    ];
    const pageStatements = [
      await measurePageStatements(database.db, 'inbox.user.1', 'group', options),
      await measurePageStatements(database.db, 'inbox.user.1', 'all', options),
    ];
    const plans = options.explain
      ? [
          ...(await explainRequest(database.db, baseUrl, 'inbox.user.1', 'group')),
          ...(await explainRequest(database.db, baseUrl, 'inbox.head', 'all')),
          ...(await explainRequest(database.db, baseUrl, 'director', 'all')),
        ]
      : [];
    return {
      fillSeconds,
      totalTasks: Number(total),
      openTasks: Number(open),
      latencies,
      pageStatements,
      plans,
    };
  } finally {
    await app.close();
  }
}
