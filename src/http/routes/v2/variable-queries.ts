import type { Knex } from 'knex';
import { readableUnitIds } from '../../../history/instance-access.js';
import type { Principal } from '../../../identity/principal.js';
import {
  applySort,
  column,
  searchPage,
  tenantColumn,
  whereMatches,
  type FilterProperty,
  type SearchRequest,
  type SearchResult,
} from './search-query.js';
import { defaultTenantId } from './search-schemas.js';

/** `VariableFilter` of Camunda. `value` is matched against the variable's JSON text. */
export interface VariableSearchFilter {
  name?: FilterProperty<string>;
  value?: FilterProperty<string>;
  tenantId?: string;
  isTruncated?: boolean;
  variableKey?: FilterProperty<string>;
  scopeKey?: FilterProperty<string>;
  processInstanceKey?: FilterProperty<string>;
}

export const variableSortColumns = {
  value: 'v.value',
  name: 'v.name',
  // Every variable has the default tenant, so sorting by it keeps the key order.
  tenantId: 'v.variable_key',
  variableKey: 'v.variable_key',
  scopeKey: 'v.process_instance_key',
  processInstanceKey: 'v.process_instance_key',
} as const;

export type VariableSortField = keyof typeof variableSortColumns;

/** `VariableSearchResult` of Camunda. */
export interface VariableSearchResult {
  variableKey: string;
  name: string;
  value: string;
  isTruncated: boolean;
  scopeKey: string;
  processInstanceKey: string;
  tenantId: string;
}

/**
 * Length at which search results cut a value, in characters of its JSON text. Camunda cuts
 * long values in search results too, at a limit that is a setting of the cluster.
 */
export const truncatedValueLength = 8191;

/**
 * Selects one row per variable of each readable instance. eiso keeps an instance's variables in one
 * jsonb column, so a variable's key is the id of the history event that created it, which
 * stays the same when the value changes. All variables belong to the instance's scope.
 */
function variableRows(db: Knex, unitIds: string[]): Knex.QueryBuilder {
  const rows = db
    .select(
      'i.key as process_instance_key',
      'entry.name',
      db.raw('entry.value::text as value'),
      db.raw(
        `(select min(h.id) from history_events h
           where h.process_instance_key = i.key
             and h.type in ('VARIABLE_CREATED', 'VARIABLE_UPDATED')
             and h.data ->> 'name' = entry.name) as variable_key`,
      ),
    )
    .from(
      db.raw(
        'process_instances as i cross join lateral jsonb_each(i.variables) as entry(name, value)',
      ),
    )
    .whereIn('i.unit_id', unitIds);
  return db.from(rows.as('v'));
}

function applyFilter(
  query: Knex.QueryBuilder,
  filter: VariableSearchFilter = {},
): Knex.QueryBuilder {
  whereMatches(query, column('v.name'), filter.name);
  whereMatches(query, column('v.value'), filter.value);
  whereMatches(query, tenantColumn, filter.tenantId);
  whereMatches(query, column('v.variable_key'), filter.variableKey);
  whereMatches(query, column('v.process_instance_key'), filter.scopeKey);
  whereMatches(query, column('v.process_instance_key'), filter.processInstanceKey);
  if (filter.isTruncated !== undefined) {
    query.whereRaw(`length(v.value) ${filter.isTruncated ? '>' : '<='} ?`, [truncatedValueLength]);
  }
  return query;
}

function presenter(truncate: boolean) {
  return (row: Record<string, unknown>): VariableSearchResult => {
    const value = row.value as string;
    const isTruncated = truncate && value.length > truncatedValueLength;
    const processInstanceKey = String(row.process_instance_key);
    return {
      // NOTE: only a variable written outside the runtime lacks the history event that gives
      // its key. Such a variable shows the instance key instead.
      variableKey: String(row.variable_key ?? processInstanceKey),
      name: row.name as string,
      value: isTruncated ? value.slice(0, truncatedValueLength) : value,
      isTruncated,
      scopeKey: processInstanceKey,
      processInstanceKey,
      tenantId: defaultTenantId,
    };
  };
}

/** The variables of the instances that the caller may read. */
export class VariableQueries {
  constructor(private readonly db: Knex) {}

  async search(
    principal: Principal,
    request: SearchRequest<VariableSearchFilter, VariableSortField>,
    truncate: boolean,
  ): Promise<SearchResult<VariableSearchResult>> {
    const unitIds = await readableUnitIds(this.db, principal);
    const filtered = applyFilter(variableRows(this.db, unitIds), request.filter);
    const select = (query: Knex.QueryBuilder) => {
      applySort(query.select('v.*'), request.sort, variableSortColumns, 'v.variable_key');
      return query.orderBy('v.name', 'asc');
    };
    return searchPage(filtered, request.page, select, presenter(truncate));
  }
}
