import type { Knex } from 'knex';
import type { Principal } from '../identity/principal.js';
import {
  allListAudiencesSql,
  applyCriteria,
  applyList,
  joinProcess,
  needsJoins,
  offeredCondition,
  type SqlCondition,
  type TaskCriteria,
  type TaskList,
} from './inbox-query.js';
import { leadsUnit } from './task-management.js';

/** The number of tasks in each list, under the same criteria. */
export type TaskCounts = Record<TaskList, number>;

interface OpenCountsRow {
  mine: string | number;
  group: string | number;
  all: string | number;
  overdue: string | number;
}

function hasCriteria(criteria: TaskCriteria): boolean {
  return Object.values(criteria).some(
    (value) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
  );
}

/**
 * Counts each list under the criteria: one pass over the open tasks the user
 * may open, and one over the tasks they completed.
 * NOTE: with criteria the open pass reads one user_tasks heap page per
 * open task the user may open, so it grows with that number (see docs/benchmarks.md).
 */
export async function countLists(
  db: Knex,
  principal: Principal,
  criteria: TaskCriteria,
  now: Date,
): Promise<TaskCounts> {
  const joined = needsJoins(criteria);
  const openCounts = hasCriteria(criteria)
    ? openCountsFiltered(db, principal, criteria, joined, now)
    : openCountsUnfiltered(db, principal, now);
  const completed = db('user_tasks');
  if (joined) joinProcess(completed);
  applyCriteria(applyList(completed, principal, 'completed', now), criteria);
  const [row, [done]] = await Promise.all([openCounts, completed.count({ count: '*' })]);
  return {
    mine: Number(row.mine),
    group: Number(row.group),
    all: Number(row.all),
    overdue: Number(row.overdue),
    completed: Number(done.count),
  };
}

async function openCountsFiltered(
  db: Knex,
  principal: Principal,
  criteria: TaskCriteria,
  joined: boolean,
  now: Date,
): Promise<OpenCountsRow> {
  const open = db('user_tasks');
  if (joined) joinProcess(open);
  applyCriteria(applyList(open, principal, 'all', now), criteria);
  // The group list is narrower than the all list: unassigned and offered to the user's own groups.
  const offered = offeredCondition(principal, principal.groups);
  const [row] = await open.select(
    db.raw('count(*) FILTER (WHERE user_tasks.assignee = ?) AS mine', [principal.username]),
    db.raw(`count(*) FILTER (WHERE user_tasks.assignee IS NULL AND ${offered.sql}) AS "group"`, [
      ...offered.bindings,
    ]),
    db.raw('count(*) AS "all"'),
    db.raw('count(*) FILTER (WHERE user_tasks.due_date < ?) AS overdue', [now]),
  );
  return row as OpenCountsRow;
}

// Without criteria the counts come from user_task_audience, which a trigger
// keeps in step with the open tasks, by index-only scans of its primary key.
// A leader's all and overdue counts cover the whole unit, so they come from
// user_task_open_counts instead (see countUnitOpenTasks).
async function openCountsUnfiltered(
  db: Knex,
  principal: Principal,
  now: Date,
): Promise<OpenCountsRow> {
  const own = [
    `a:${principal.username}`,
    `u:${principal.username}`,
    ...principal.groups.map((group) => `g:${group}`),
  ];
  if (leadsUnit(principal)) {
    const [audienceRow, unitRow] = await Promise.all([
      countAudiences(db, principal, own, { sql: '?::text[]', bindings: [own] }, now),
      countUnitOpenTasks(db, principal.unitId, now),
    ]);
    return { ...audienceRow, all: unitRow.all, overdue: unitRow.overdue };
  }
  return countAudiences(db, principal, own, allListAudiencesSql(principal), now);
}

// Counts the open tasks of `audiences`; the group count only those of the user's `own` audiences.
async function countAudiences(
  db: Knex,
  principal: Principal,
  own: string[],
  audiences: SqlCondition,
  now: Date,
): Promise<OpenCountsRow> {
  const [row] = await db('user_task_audience')
    .where('unit_id', principal.unitId)
    .whereRaw(`audience = ANY(${audiences.sql})`, audiences.bindings)
    .select(
      db.raw('count(DISTINCT task_key) FILTER (WHERE assignee = ?) AS mine', [principal.username]),
      db.raw(
        'count(DISTINCT task_key) FILTER (WHERE assignee IS NULL AND audience = ANY(?::text[])) AS "group"',
        [own],
      ),
      db.raw('count(DISTINCT task_key) AS "all"'),
      db.raw('count(DISTINCT task_key) FILTER (WHERE due_date < ?) AS overdue', [now]),
    );
  return row as OpenCountsRow;
}

/**
 * Counts the open tasks of a unit and those of them past their due date, in time that does not
 * grow with the number of open tasks. Triggers keep user_task_open_counts per UTC day of the due
 * date, so it gives the total and the tasks due before today. The partial index
 * user_tasks_open_due gives the tasks due earlier today.
 */
async function countUnitOpenTasks(
  db: Knex,
  unitId: string,
  now: Date,
): Promise<{ all: string | number; overdue: string | number }> {
  const today = now.toISOString().slice(0, 10);
  const todayStart = new Date(`${today}T00:00:00Z`);
  const result = await db.raw(
    `SELECT
       (SELECT coalesce(sum(open_count), 0) FROM user_task_open_counts WHERE unit_id = ?) AS "all",
       (SELECT coalesce(sum(open_count), 0) FROM user_task_open_counts
          WHERE unit_id = ? AND due_day < ?::date)
       + (SELECT count(*) FROM user_tasks
          WHERE unit_id = ? AND state = 'CREATED' AND due_date >= ? AND due_date < ?) AS overdue`,
    [unitId, unitId, today, unitId, todayStart, now],
  );
  return result.rows[0] as { all: string | number; overdue: string | number };
}
