import type { Knex } from 'knex';
import { agencyDayStart, isRealDate } from '../agency-time.js';
import { EisoError, type FieldError } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import { leadsUnit, managedGroups } from './task-management.js';

/** The predefined task lists of the inbox. */
export const taskLists = ['mine', 'group', 'all', 'completed', 'overdue'] as const;
export type TaskList = (typeof taskLists)[number];

/** The columns the inbox sorts by. */
export const taskSorts = ['created', 'due', 'followUp', 'priority'] as const;
export type TaskSort = (typeof taskSorts)[number];

/** Criteria that narrow a list; every field is optional and they combine with AND. */
export interface TaskCriteria {
  assignee?: string;
  candidateGroup?: string;
  bpmnProcessId?: string;
  businessKey?: string;
  /** Text matched, ignoring Vietnamese diacritics and case, in task name, procedure name and business key. */
  search?: string;
  createdFrom?: string;
  createdTo?: string;
  dueFrom?: string;
  dueTo?: string;
  followUpFrom?: string;
  followUpTo?: string;
  priorityMin?: number;
  priorityMax?: number;
  /** Process variables as `name=value`; the task's local variable of that name wins. */
  variables?: string[];
}

/** Names of the date range criteria, lower bound first. */
const dateRanges = [
  ['createdFrom', 'createdTo', 'user_tasks.created_at'],
  ['dueFrom', 'dueTo', 'user_tasks.due_date'],
  ['followUpFrom', 'followUpTo', 'user_tasks.follow_up_date'],
] as const;

const sortColumns: Record<TaskSort, string> = {
  created: 'user_tasks.created_at',
  due: 'user_tasks.due_date',
  followUp: 'user_tasks.follow_up_date',
  priority: 'user_tasks.priority',
};

const isoDate =
  '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';
const variablePattern = '^[A-Za-z_][A-Za-z0-9_.-]{0,99}=.{0,200}$';

/** JSON schema of the criteria, shared by GET /api/tasks and the saved filters. */
export const criteriaSchemaProperties = {
  assignee: { type: 'string', minLength: 1, maxLength: 100 },
  candidateGroup: { type: 'string', minLength: 1, maxLength: 100 },
  bpmnProcessId: { type: 'string', minLength: 1, maxLength: 200 },
  businessKey: { type: 'string', minLength: 1, maxLength: 200 },
  search: { type: 'string', maxLength: 200 },
  createdFrom: { type: 'string', pattern: isoDate },
  createdTo: { type: 'string', pattern: isoDate },
  dueFrom: { type: 'string', pattern: isoDate },
  dueTo: { type: 'string', pattern: isoDate },
  followUpFrom: { type: 'string', pattern: isoDate },
  followUpTo: { type: 'string', pattern: isoDate },
  priorityMin: { type: 'integer', minimum: 0, maximum: 100 },
  priorityMax: { type: 'integer', minimum: 0, maximum: 100 },
  variables: {
    type: 'array',
    maxItems: 10,
    items: { type: 'string', pattern: variablePattern },
  },
} as const;

/**
 * Checks what the JSON schema cannot: real calendar dates and ranges whose
 * lower bound is not above the upper one. Throws EISO_ERR_VALIDATION naming each field.
 */
export function assertValidCriteria(criteria: TaskCriteria, pathPrefix = ''): void {
  const details: FieldError[] = [];
  for (const [from, to] of dateRanges) {
    for (const field of [from, to]) {
      const value = criteria[field];
      if (value !== undefined && !isRealDate(value)) {
        details.push({
          path: `${pathPrefix}/${field}`,
          message: `${field} '${value}' is not a valid date; use YYYY-MM-DD or an ISO 8601 date-time.`,
        });
      }
    }
    const lower = criteria[from];
    const upper = criteria[to];
    if (lower && upper && Date.parse(lower) > Date.parse(upper)) {
      details.push({
        path: `${pathPrefix}/${from}`,
        message: `${from} '${lower}' is after ${to} '${upper}'; swap the two dates.`,
      });
    }
  }
  const { priorityMin, priorityMax } = criteria;
  if (priorityMin !== undefined && priorityMax !== undefined && priorityMin > priorityMax) {
    details.push({
      path: `${pathPrefix}/priorityMin`,
      message: `priorityMin ${priorityMin} is above priorityMax ${priorityMax}; swap the two values.`,
    });
  }
  if (details.length > 0) {
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      `Invalid task filter: ${details.map((detail) => detail.message).join(' ')}`,
      details,
    );
  }
}

/** An SQL condition with its bindings, for `whereRaw` or a `FILTER (WHERE …)` clause. */
export interface SqlCondition {
  sql: string;
  bindings: Knex.RawBinding[];
}

/**
 * Returns the condition on `user_tasks` of the tasks offered to a user: those of their unit that
 * are assigned to them, that they delegated, or that are offered to them or to one of `groups`.
 * The array operators `@>` and `&&` let PostgreSQL use the GIN indexes.
 */
export function offeredCondition(
  principal: Pick<Principal, 'unitId' | 'username'>,
  groups: readonly string[],
): SqlCondition {
  const people = [
    'user_tasks.assignee = ?',
    'user_tasks.owner = ?',
    'user_tasks.candidate_users @> ARRAY[?]::text[]',
  ];
  const { unitId, username } = principal;
  const bindings: Knex.RawBinding[] = [unitId, username, username, username];
  if (groups.length > 0) {
    people.push('user_tasks.candidate_groups && ?::text[]');
    bindings.push([...groups]);
  }
  return { sql: `(user_tasks.unit_id = ? AND (${people.join(' OR ')}))`, bindings };
}

/**
 * Restricts a `user_tasks` query to the tasks offered to a user: assigned to them, delegated by
 * them, or offered to them or to one of their groups.
 */
export function visibleTo(query: Knex.QueryBuilder, principal: Principal): Knex.QueryBuilder {
  const condition = offeredCondition(principal, principal.groups);
  return query.whereRaw(condition.sql, condition.bindings);
}

/**
 * Returns an array expression of the usernames of the members of `groups` in a unit, disabled
 * users included, because their open tasks still belong to the department.
 */
export function groupMembersSql(unitId: string, groups: readonly string[]): SqlCondition {
  return {
    sql: `ARRAY(SELECT users.username FROM users
      JOIN memberships ON memberships.user_id = users.id
      JOIN groups ON groups.id = memberships.group_id
      WHERE groups.unit_id = ? AND groups.code = ANY(?::text[]))`,
    bindings: [unitId, [...groups]],
  };
}

/**
 * Restricts a `user_tasks` query to the tasks a user may open (see `mayOpenTask`). A leader of
 * the unit may open every task of the unit. Anyone else may open the tasks offered to them. A
 * group head may also open the tasks offered to the groups they head, and the tasks assigned to,
 * delegated by or offered by name to a member of those groups.
 */
export function openableBy(query: Knex.QueryBuilder, principal: Principal): Knex.QueryBuilder {
  if (leadsUnit(principal)) return query.where('user_tasks.unit_id', principal.unitId);
  const managed = managedGroups(principal.groups);
  const groups = [...new Set([...principal.groups, ...managed])];
  const offered = offeredCondition(principal, groups);
  if (managed.length === 0) return query.whereRaw(offered.sql, offered.bindings);

  const members = groupMembersSql(principal.unitId, managed);
  return query.whereRaw(
    `(${offered.sql} OR (user_tasks.unit_id = ? AND (
      user_tasks.assignee = ANY(${members.sql})
      OR user_tasks.owner = ANY(${members.sql})
      OR user_tasks.candidate_users && ${members.sql})))`,
    [
      ...offered.bindings,
      principal.unitId,
      ...members.bindings,
      ...members.bindings,
      ...members.bindings,
    ],
  );
}

/**
 * Returns the `user_task_audience` entries of the all list of a non-leader, as an array
 * expression: their name, their groups and the groups they head. A group head also gets the
 * names of the members of those groups, as `a:` (assignee or owner) and `u:` (candidate user).
 */
export function allListAudiencesSql(principal: Principal): SqlCondition {
  const managed = managedGroups(principal.groups);
  const groups = [...new Set([...principal.groups, ...managed])];
  const own = [
    `a:${principal.username}`,
    `u:${principal.username}`,
    ...groups.map((group) => `g:${group}`),
  ];
  if (managed.length === 0) return { sql: '?::text[]', bindings: [own] };
  const members = groupMembersSql(principal.unitId, managed);
  return {
    sql: `(?::text[] || ARRAY(
      SELECT prefix || member FROM unnest(ARRAY['a:', 'u:']) AS prefix,
        unnest(${members.sql}) AS member))`,
    bindings: [own, ...members.bindings],
  };
}

/**
 * Restricts a query on `user_tasks` to one predefined list. `now` decides what is overdue. The
 * group list contains the unassigned tasks offered to the user or their own groups. The all and
 * overdue lists contain every open task the user may open (see `openableBy`).
 */
export function applyList(
  query: Knex.QueryBuilder,
  principal: Principal,
  list: TaskList,
  now: Date,
): Knex.QueryBuilder {
  if (list === 'completed') {
    return query.where({
      'user_tasks.unit_id': principal.unitId,
      'user_tasks.completed_by': principal.username,
      'user_tasks.state': 'COMPLETED',
    });
  }
  query.where('user_tasks.state', 'CREATED');
  if (list === 'mine') {
    return query.where({
      'user_tasks.unit_id': principal.unitId,
      'user_tasks.assignee': principal.username,
    });
  }
  if (list === 'group') return visibleTo(query, principal).whereNull('user_tasks.assignee');
  openableBy(query, principal);
  if (list === 'overdue') return query.where('user_tasks.due_date', '<', now);
  return query;
}

/** Tells whether a criteria set needs the process definition and instance joined in. */
export function needsJoins(criteria: TaskCriteria): boolean {
  return Boolean(criteria.search || criteria.businessKey || criteria.variables?.length);
}

/**
 * Adds the criteria to a query on `user_tasks`. The search and business key
 * criteria expect `process_definitions` and `process_instances` joined in
 * (see `joinProcess`).
 */
export function applyCriteria(query: Knex.QueryBuilder, criteria: TaskCriteria): Knex.QueryBuilder {
  if (criteria.assignee) query.where('user_tasks.assignee', criteria.assignee);
  if (criteria.candidateGroup) {
    query.whereRaw('user_tasks.candidate_groups @> ARRAY[?]::text[]', [criteria.candidateGroup]);
  }
  if (criteria.bpmnProcessId) query.where('user_tasks.bpmn_process_id', criteria.bpmnProcessId);
  if (criteria.businessKey) query.where('process_instances.business_key', criteria.businessKey);
  for (const [from, to, column] of dateRanges) {
    const lower = criteria[from];
    const upper = criteria[to];
    if (lower) applyLowerBound(query, column, lower);
    if (upper) applyUpperBound(query, column, upper);
  }
  if (criteria.priorityMin !== undefined)
    query.where('user_tasks.priority', '>=', criteria.priorityMin);
  if (criteria.priorityMax !== undefined)
    query.where('user_tasks.priority', '<=', criteria.priorityMax);
  for (const entry of criteria.variables ?? []) {
    const separator = entry.indexOf('=');
    const name = entry.slice(0, separator);
    const value = entry.slice(separator + 1);
    // Compares the text form, so `amount=5` matches the number 5 and `done=true` the boolean.
    query.whereRaw(
      "coalesce(user_tasks.local_variables -> ?, process_instances.variables -> ?) #>> '{}' = ?",
      [name, name, value],
    );
  }
  const search = criteria.search?.trim();
  if (search) {
    query.whereRaw(
      `eiso_fold(concat_ws(' ', user_tasks.name, process_definitions.name, process_instances.business_key))
         LIKE '%' || eiso_fold(?) || '%'`,
      [escapeLike(search)],
    );
  }
  return query;
}

// A bare date is a calendar day in Vietnam, where the agencies work: as a lower bound it starts
// at that day's midnight, and as an upper bound it includes the whole day.
function applyLowerBound(query: Knex.QueryBuilder, column: string, lower: string): void {
  const bound = isoDateOnly.test(lower) ? agencyDayStart(lower) : new Date(lower);
  query.where(column, '>=', bound);
}

function applyUpperBound(query: Knex.QueryBuilder, column: string, upper: string): void {
  if (!isoDateOnly.test(upper)) {
    query.where(column, '<=', new Date(upper));
    return;
  }
  const nextDay = agencyDayStart(upper);
  nextDay.setUTCDate(nextDay.getUTCDate() + 1);
  query.where(column, '<', nextDay);
}

const isoDateOnly = /^\d{4}-\d{2}-\d{2}$/;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Joins the process definition and instance of each task, for names, business keys and variables. */
export function joinProcess(query: Knex.QueryBuilder): Knex.QueryBuilder {
  return query
    .leftJoin('process_definitions', 'process_definitions.key', 'user_tasks.process_definition_key')
    .leftJoin('process_instances', 'process_instances.key', 'user_tasks.process_instance_key');
}

/** Orders a list; without `sort` the newest task, or the latest completed one, comes first. */
export function applySort(
  query: Knex.QueryBuilder,
  list: TaskList,
  sort: TaskSort | undefined,
  order: 'asc' | 'desc' | undefined,
): Knex.QueryBuilder {
  const direction = order ?? (sort === 'due' || sort === 'followUp' ? 'asc' : 'desc');
  const column =
    sort === undefined && list === 'completed'
      ? 'user_tasks.completed_at'
      : sortColumns[sort ?? 'created'];
  if (column === sortColumns.due || column === sortColumns.followUp) {
    // Tasks without a due or follow-up date come last in either direction.
    query.orderByRaw(`${column} ${direction} NULLS LAST`);
  } else {
    // No NULLS clause here, so a descending index on the NOT NULL column gives the order.
    query.orderBy(column, direction);
  }
  return query.orderBy('user_tasks.key', direction);
}

/** Tells whether no criterion narrows the list. */
function hasNoCriteria(criteria: TaskCriteria): boolean {
  return Object.values(criteria).every(
    (value) =>
      value === undefined ||
      (typeof value === 'string' && value.trim() === '') ||
      (Array.isArray(value) && value.length === 0),
  );
}

/**
 * The keys of one page of a list read from `user_task_audience`, or null where
 * that table cannot give the page: a leader's list, another order than newest
 * first, or any criterion. Each audience entry of the user is walked newest
 * first for at most one page's depth, and the walks are merged. The entries are
 * the user's name, each group and, for a group head, each member's name (see
 * `allListAudiencesSql`). So a user in a few groups reads a few short index
 * ranges, however many open tasks the unit has. The page is the same set and order that
 * `applyList` and `applySort` give.
 */
export function newestPageKeys(
  db: Knex,
  principal: Principal,
  request: {
    list: TaskList;
    sort?: TaskSort;
    order?: 'asc' | 'desc';
    criteria: TaskCriteria;
    limit: number;
    offset: number;
  },
): Knex.Raw | null {
  const { list } = request;
  if (list !== 'group' && list !== 'all') return null;
  if (list === 'all' && leadsUnit(principal)) return null;
  if ((request.sort ?? 'created') !== 'created' || (request.order ?? 'desc') !== 'desc')
    return null;
  if (!hasNoCriteria(request.criteria)) return null;

  const audiences: SqlCondition =
    list === 'group'
      ? {
          sql: '?::text[]',
          bindings: [
            [
              `a:${principal.username}`,
              `u:${principal.username}`,
              ...principal.groups.map((group) => `g:${group}`),
            ],
          ],
        }
      : allListAudiencesSql(principal);
  const depth = request.limit + request.offset;
  const unassigned = list === 'group' ? 'AND entry.assignee IS NULL' : '';
  return db.raw(
    `SELECT picked.task_key FROM unnest(${audiences.sql}) AS wanted(audience)
     CROSS JOIN LATERAL (
       SELECT entry.task_key, entry.created_at FROM user_task_audience AS entry
       WHERE entry.unit_id = ? AND entry.audience = wanted.audience ${unassigned}
       ORDER BY entry.created_at DESC, entry.task_key DESC LIMIT ?
     ) AS picked
     GROUP BY picked.task_key, picked.created_at
     ORDER BY picked.created_at DESC, picked.task_key DESC LIMIT ? OFFSET ?`,
    [...audiences.bindings, principal.unitId, depth, request.limit, request.offset],
  );
}
