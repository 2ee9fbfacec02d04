import type { Knex } from 'knex';
import { notFound } from '../../../errors.js';
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

/** `ProcessDefinitionFilter` of Camunda, without version tags and start forms, which eiso has not. */
export interface ProcessDefinitionFilter {
  name?: FilterProperty<string>;
  isLatestVersion?: boolean;
  resourceName?: string;
  version?: number;
  processDefinitionId?: FilterProperty<string>;
  tenantId?: string;
  processDefinitionKey?: string;
}

export const processDefinitionSortColumns = {
  processDefinitionKey: 'd.key',
  name: 'd.name',
  resourceName: 'd.resource_name',
  version: 'd.version',
  processDefinitionId: 'd.bpmn_process_id',
  // Every row has the default tenant, so sorting by it keeps the key order.
  tenantId: 'd.key',
} as const;

export type ProcessDefinitionSortField = keyof typeof processDefinitionSortColumns;

/** `ProcessDefinitionResult` of Camunda. */
export interface ProcessDefinitionResult {
  processDefinitionKey: string;
  processDefinitionId: string;
  name?: string;
  resourceName: string;
  version: number;
  tenantId: string;
}

type Row = Record<string, unknown>;

function applyFilter(
  query: Knex.QueryBuilder,
  filter: ProcessDefinitionFilter = {},
): Knex.QueryBuilder {
  whereMatches(query, column('d.name'), filter.name);
  whereMatches(query, column('d.resource_name'), filter.resourceName);
  whereMatches(query, column('d.version'), filter.version);
  whereMatches(query, column('d.bpmn_process_id'), filter.processDefinitionId);
  whereMatches(query, tenantColumn, filter.tenantId);
  whereMatches(query, column('d.key'), filter.processDefinitionKey);
  if (filter.isLatestVersion) {
    query.whereRaw(
      'd.version = (select max(x.version) from process_definitions x where x.unit_id = d.unit_id and x.bpmn_process_id = d.bpmn_process_id)',
    );
  }
  return query;
}

/** Presents a `process_definitions` row as Camunda's `ProcessDefinitionResult`. */
export function presentProcessDefinition(row: Row): ProcessDefinitionResult {
  return {
    processDefinitionKey: String(row.key),
    processDefinitionId: row.bpmn_process_id as string,
    name: (row.name as string | null) ?? undefined,
    resourceName: row.resource_name as string,
    version: Number(row.version),
    tenantId: defaultTenantId,
  };
}

const resultColumns = ['d.key', 'd.bpmn_process_id', 'd.name', 'd.resource_name', 'd.version'];

/** The process definitions of the caller's unit. */
export class ProcessDefinitionQueries {
  constructor(private readonly db: Knex) {}

  search(
    principal: Principal,
    request: SearchRequest<ProcessDefinitionFilter, ProcessDefinitionSortField>,
  ): Promise<SearchResult<ProcessDefinitionResult>> {
    const filtered = applyFilter(
      this.db('process_definitions as d').where('d.unit_id', principal.unitId),
      request.filter,
    );
    const select = (query: Knex.QueryBuilder) => {
      applySort(query.select(resultColumns), request.sort, processDefinitionSortColumns, 'd.key');
      return query;
    };
    return searchPage(filtered, request.page, select, presentProcessDefinition);
  }

  async get(principal: Principal, key: string): Promise<ProcessDefinitionResult> {
    return presentProcessDefinition(await this.row(principal, key, resultColumns));
  }

  /** Reads the BPMN XML of a definition of the caller's unit. */
  async xml(principal: Principal, key: string): Promise<string> {
    return (await this.row(principal, key, ['d.xml'])).xml as string;
  }

  private async row(principal: Principal, key: string, columns: string[]): Promise<Row> {
    const row = await this.db('process_definitions as d')
      .where({ 'd.key': key, 'd.unit_id': principal.unitId })
      .first(columns);
    if (!row) throw notFound('Process definition', key);
    return row;
  }
}
