import type { Knex } from 'knex';
import { EisoError } from '../../../errors.js';
import { defaultTenantId } from './search-schemas.js';

type Scalar = string | number | boolean;

/** The operators of Camunda's advanced filters. */
export interface AdvancedFilter<T extends Scalar = Scalar> {
  $eq?: T;
  $neq?: T;
  $exists?: boolean;
  $in?: T[];
  $notIn?: T[];
  $like?: string;
  $gt?: T;
  $gte?: T;
  $lt?: T;
  $lte?: T;
}

/** A filter property: a plain value means equality. */
export type FilterProperty<T extends Scalar = Scalar> = T | AdvancedFilter<T>;

/** A variable filter: `value` is matched against the variable's JSON text. */
export interface VariableFilter {
  name: string;
  value: FilterProperty<string>;
}

export interface SortRequest<F extends string> {
  field: F;
  order?: 'ASC' | 'DESC';
}

export interface PageRequest {
  from?: number;
  limit?: number;
  after?: string;
  before?: string;
}

/** The body of a `POST …/search`. */
export interface SearchRequest<Filter, SortField extends string> {
  filter?: Filter;
  sort?: SortRequest<SortField>[];
  page?: PageRequest;
}

/** One page of results with Camunda's page metadata. */
export interface SearchResult<T> {
  items: T[];
  page: {
    totalItems: number;
    hasMoreTotalItems: boolean;
    startCursor?: string;
    endCursor?: string;
  };
}

/** A SQL expression with its bindings, which a filter compares. */
export interface SqlExpression {
  sql: string;
  bindings: Knex.RawBinding[];
}

export function column(name: string): SqlExpression {
  return { sql: '??', bindings: [name] };
}

/** Selects the JSON text of one variable of a jsonb column, which Camunda's variable filters compare. */
export function jsonVariable(jsonColumn: string, name: string): SqlExpression {
  return { sql: '(?? -> ?)::text', bindings: [jsonColumn, name] };
}

/** Every eiso unit is Camunda's default tenant. */
export const tenantColumn: SqlExpression = { sql: '?::text', bindings: [defaultTenantId] };

function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

// Camunda's `$like` uses `*` and `?` as wildcards and `\` to escape them,
// while SQL LIKE uses `%` and `_`, which are escaped here with `!`.
function likePattern(pattern: string): string {
  let sql = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\' && index + 1 < pattern.length) sql += escapeLike(pattern[++index]);
    else if (char === '*') sql += '%';
    else if (char === '?') sql += '_';
    else sql += escapeLike(char);
  }
  return sql;
}

function escapeLike(char: string): string {
  return char === '%' || char === '_' || char === '!' ? `!${char}` : char;
}

const comparisons = [
  ['$gt', '>'],
  ['$gte', '>='],
  ['$lt', '<'],
  ['$lte', '<='],
] as const;

/** Restricts `query` to rows whose `expression` matches the filter property. */
export function whereMatches<T extends Scalar>(
  query: Knex.QueryBuilder,
  expression: SqlExpression,
  filter: FilterProperty<T> | undefined,
): void {
  if (filter === undefined) return;
  const { sql, bindings } = expression;
  if (typeof filter !== 'object') {
    query.whereRaw(`${sql} = ?`, [...bindings, filter]);
    return;
  }
  if (filter.$eq !== undefined) query.whereRaw(`${sql} = ?`, [...bindings, filter.$eq]);
  if (filter.$neq !== undefined) {
    query.whereRaw(`${sql} is distinct from ?`, [...bindings, filter.$neq]);
  }
  if (filter.$exists !== undefined) {
    query.whereRaw(`${sql} is ${filter.$exists ? 'not ' : ''}null`, bindings);
  }
  if (filter.$in) whereIn(query, expression, filter.$in);
  if (filter.$notIn && filter.$notIn.length > 0) {
    query.whereRaw(`(${sql} is null or ${sql} not in (${placeholders(filter.$notIn)}))`, [
      ...bindings,
      ...bindings,
      ...filter.$notIn,
    ]);
  }
  if (filter.$like !== undefined) {
    query.whereRaw(`${sql} like ? escape '!'`, [...bindings, likePattern(filter.$like)]);
  }
  for (const [operator, sign] of comparisons) {
    const value = filter[operator];
    if (value !== undefined) query.whereRaw(`${sql} ${sign} ?`, [...bindings, value]);
  }
}

function whereIn(
  query: Knex.QueryBuilder,
  { sql, bindings }: SqlExpression,
  values: Scalar[],
): void {
  if (values.length === 0) query.whereRaw('false');
  else query.whereRaw(`${sql} in (${placeholders(values)})`, [...bindings, ...values]);
}

/** Restricts `query` to rows whose text array `expression` has an element matching the filter. */
export function whereAnyMatches(
  query: Knex.QueryBuilder,
  expression: SqlExpression,
  filter: FilterProperty<string> | undefined,
): void {
  if (filter === undefined) return;
  const { sql, bindings } = expression;
  if (typeof filter !== 'object') {
    query.whereRaw(`? = any(${sql})`, [filter, ...bindings]);
    return;
  }
  if (filter.$eq !== undefined) query.whereRaw(`? = any(${sql})`, [filter.$eq, ...bindings]);
  if (filter.$neq !== undefined) {
    query.whereRaw(`not (? = any(${sql}))`, [filter.$neq, ...bindings]);
  }
  if (filter.$exists !== undefined) {
    query.whereRaw(`cardinality(${sql}) ${filter.$exists ? '>' : '='} 0`, bindings);
  }
  if (filter.$in) query.whereRaw(`${sql} && ?::text[]`, [...bindings, filter.$in]);
  if (filter.$notIn) query.whereRaw(`not (${sql} && ?::text[])`, [...bindings, filter.$notIn]);
  if (filter.$like !== undefined) {
    query.whereRaw(
      `exists (select 1 from unnest(${sql}) as element where element like ? escape '!')`,
      [...bindings, likePattern(filter.$like)],
    );
  }
}

/** Restricts `query` by each variable filter, all of which must match. */
export function whereVariablesMatch(
  query: Knex.QueryBuilder,
  jsonColumn: string,
  filters: VariableFilter[] | undefined,
): void {
  for (const filter of filters ?? []) {
    whereMatches(query, jsonVariable(jsonColumn, filter.name), filter.value);
  }
}

/** Orders by the requested fields, then by `tiebreaker` so pages are stable. */
export function applySort<F extends string>(
  query: Knex.QueryBuilder,
  sort: SortRequest<F>[] | undefined,
  columns: Record<F, string>,
  tiebreaker: string,
): void {
  for (const { field, order } of sort ?? []) {
    query.orderBy(columns[field], order === 'DESC' ? 'desc' : 'asc');
  }
  query.orderBy(tiebreaker, 'asc');
}

const defaultLimit = 100;

interface PageWindow {
  offset: number;
  limit: number;
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

function decodeCursor(cursor: string, path: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as {
      offset?: unknown;
    };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Reported below like any other cursor that this service did not issue.
  }
  throw new EisoError(
    'EISO_ERR_VALIDATION',
    `Invalid request body: ${path} is not a cursor of a previous page. Use startCursor or endCursor from a response.`,
    [{ path, message: `${path} is not a cursor of a previous page.` }],
  );
}

function pageWindow(page: PageRequest = {}): PageWindow {
  const limit = page.limit ?? defaultLimit;
  const positions = [page.from, page.after, page.before].filter((value) => value !== undefined);
  if (positions.length > 1) {
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      'Invalid request body: /page takes only one of from, after and before.',
      [{ path: '/page', message: '/page takes only one of from, after and before.' }],
    );
  }
  if (page.after !== undefined) return { offset: decodeCursor(page.after, '/page/after'), limit };
  if (page.before !== undefined) {
    return { offset: Math.max(0, decodeCursor(page.before, '/page/before') - limit), limit };
  }
  return { offset: page.from ?? 0, limit };
}

/**
 * Runs a search: counts the rows of `filtered`, then reads one page of them
 * with `select`, which adds the columns and the order.
 */
export async function searchPage<Row, Item>(
  filtered: Knex.QueryBuilder,
  page: PageRequest | undefined,
  select: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
  present: (row: Row) => Item,
): Promise<SearchResult<Item>> {
  const window = pageWindow(page);
  const [{ count }] = await filtered.clone().count({ count: '*' });
  const rows = (await select(filtered.clone()).limit(window.limit).offset(window.offset)) as Row[];
  const cursors =
    rows.length === 0
      ? {}
      : {
          startCursor: encodeCursor(window.offset),
          endCursor: encodeCursor(window.offset + rows.length),
        };
  return {
    items: rows.map(present),
    page: { totalItems: Number(count), hasMoreTotalItems: false, ...cursors },
  };
}
