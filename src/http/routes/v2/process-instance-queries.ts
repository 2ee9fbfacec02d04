import type { Knex } from 'knex';
import { notFound } from '../../../errors.js';
import type { Principal } from '../../../identity/principal.js';
import {
  applySort,
  column,
  searchPage,
  tenantColumn,
  whereMatches,
  whereVariablesMatch,
  type FilterProperty,
  type SearchRequest,
  type SearchResult,
  type VariableFilter,
} from './search-query.js';
import { defaultTenantId } from './search-schemas.js';

/** `ProcessInstanceFilter` of Camunda, for the fields that eiso keeps. */
export interface ProcessInstanceFilter {
  processInstanceKey?: FilterProperty<string>;
  processDefinitionId?: FilterProperty<string>;
  processDefinitionName?: FilterProperty<string>;
  processDefinitionVersion?: FilterProperty<number>;
  processDefinitionKey?: FilterProperty<string>;
  state?: FilterProperty<string>;
  hasIncident?: boolean;
  tenantId?: FilterProperty<string>;
  startDate?: FilterProperty<string>;
  endDate?: FilterProperty<string>;
  variables?: VariableFilter[];
}

export const processInstanceSortColumns = {
  processInstanceKey: 'i.key',
  processDefinitionId: 'i.bpmn_process_id',
  processDefinitionName: 'd.name',
  processDefinitionVersion: 'i.version',
  processDefinitionKey: 'i.process_definition_key',
  startDate: 'i.started_at',
  endDate: 'i.ended_at',
  state: 'i.state',
  hasIncident: 'i.has_incident',
  // Every row has the default tenant, so sorting by it keeps the key order.
  tenantId: 'i.key',
} as const;

export type ProcessInstanceSortField = keyof typeof processInstanceSortColumns;

/** `ProcessInstanceResult` of Camunda. */
export interface ProcessInstanceResult {
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionName: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  startDate: string;
  endDate?: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  hasIncident: boolean;
  tenantId: string;
}

type Row = Record<string, unknown>;

function applyFilter(
  query: Knex.QueryBuilder,
  filter: ProcessInstanceFilter = {},
): Knex.QueryBuilder {
  whereMatches(query, column('i.key'), filter.processInstanceKey);
  whereMatches(query, column('i.bpmn_process_id'), filter.processDefinitionId);
  whereMatches(query, column('d.name'), filter.processDefinitionName);
  whereMatches(query, column('i.version'), filter.processDefinitionVersion);
  whereMatches(query, column('i.process_definition_key'), filter.processDefinitionKey);
  whereMatches(query, column('i.state'), filter.state);
  whereMatches(query, column('i.has_incident'), filter.hasIncident);
  whereMatches(query, tenantColumn, filter.tenantId);
  whereMatches(query, column('i.started_at'), filter.startDate);
  whereMatches(query, column('i.ended_at'), filter.endDate);
  whereVariablesMatch(query, 'i.variables', filter.variables);
  return query;
}

function isoDate(value: unknown): string {
  return new Date(value as string).toISOString();
}

/** Presents a `process_instances` row, joined with its definition's name, as Camunda's `ProcessInstanceResult`. */
export function presentProcessInstance(row: Row): ProcessInstanceResult {
  return {
    processInstanceKey: String(row.key),
    processDefinitionId: row.bpmn_process_id as string,
    // Camunda falls back to the process id when a process has no name.
    processDefinitionName: (row.process_name as string | null) ?? (row.bpmn_process_id as string),
    processDefinitionVersion: Number(row.version),
    processDefinitionKey: String(row.process_definition_key),
    startDate: isoDate(row.started_at),
    endDate: row.ended_at ? isoDate(row.ended_at) : undefined,
    state: row.state as ProcessInstanceResult['state'],
    hasIncident: Boolean(row.has_incident),
    tenantId: defaultTenantId,
  };
}

const resultColumns = [
  'i.key',
  'i.bpmn_process_id',
  'i.version',
  'i.process_definition_key',
  'i.started_at',
  'i.ended_at',
  'i.state',
  'i.has_incident',
  'd.name as process_name',
];

// NOTE: like `/api`, any user of a unit may read all of its instances.
function unitInstances(db: Knex, principal: Principal): Knex.QueryBuilder {
  return db('process_instances as i')
    .join('process_definitions as d', 'd.key', 'i.process_definition_key')
    .where('i.unit_id', principal.unitId);
}

/** The process instances of the caller's unit. */
export class ProcessInstanceQueries {
  constructor(private readonly db: Knex) {}

  search(
    principal: Principal,
    request: SearchRequest<ProcessInstanceFilter, ProcessInstanceSortField>,
  ): Promise<SearchResult<ProcessInstanceResult>> {
    const filtered = applyFilter(unitInstances(this.db, principal), request.filter);
    const select = (query: Knex.QueryBuilder) => {
      applySort(query.select(resultColumns), request.sort, processInstanceSortColumns, 'i.key');
      return query;
    };
    return searchPage(filtered, request.page, select, presentProcessInstance);
  }

  async get(principal: Principal, key: string): Promise<ProcessInstanceResult> {
    const row = await unitInstances(this.db, principal).where('i.key', key).first(resultColumns);
    if (!row) throw notFound('Process instance', key);
    return presentProcessInstance(row);
  }
}
