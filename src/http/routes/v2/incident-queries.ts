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

/** The error types of Camunda's incidents, of which eiso raises a few. */
export const incidentErrorTypes = [
  'UNSPECIFIED',
  'UNKNOWN',
  'IO_MAPPING_ERROR',
  'JOB_NO_RETRIES',
  'EXECUTION_LISTENER_NO_RETRIES',
  'TASK_LISTENER_NO_RETRIES',
  'AD_HOC_SUB_PROCESS_NO_RETRIES',
  'CONDITION_ERROR',
  'EXTRACT_VALUE_ERROR',
  'CALLED_ELEMENT_ERROR',
  'UNHANDLED_ERROR_EVENT',
  'MESSAGE_SIZE_EXCEEDED',
  'CALLED_DECISION_ERROR',
  'DECISION_EVALUATION_ERROR',
  'FORM_NOT_FOUND',
  'RESOURCE_NOT_FOUND',
] as const;

/** The states of Camunda's incidents. eiso's incidents are ACTIVE or RESOLVED. */
export const incidentStates = ['ACTIVE', 'MIGRATED', 'RESOLVED', 'PENDING'] as const;

/** `IncidentFilter` of Camunda 8.8, whose fields other than `creationTime` are plain values. */
export interface IncidentFilter {
  processDefinitionId?: string;
  errorType?: string;
  errorMessage?: string;
  elementId?: string;
  creationTime?: FilterProperty<string>;
  state?: string;
  tenantId?: string;
  incidentKey?: string;
  processDefinitionKey?: string;
  processInstanceKey?: string;
  jobKey?: string;
}

export const incidentSortColumns = {
  incidentKey: 'n.key',
  processDefinitionKey: 'n.process_definition_key',
  processDefinitionId: 'n.bpmn_process_id',
  processInstanceKey: 'n.process_instance_key',
  errorType: 'n.error_type',
  errorMessage: 'n.error_message',
  elementId: 'n.element_id',
  // eiso's element instance keys are engine ids, not numbers, so this sort keeps the key order.
  elementInstanceKey: 'n.key',
  creationTime: 'n.created_at',
  state: 'n.state',
  jobKey: 'n.job_key',
  tenantId: 'n.key',
} as const;

export type IncidentSortField = keyof typeof incidentSortColumns;

/** `IncidentResult` of Camunda. Absent values are left out, as Camunda does. */
export interface IncidentResult {
  incidentKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processInstanceKey: string;
  errorType: string;
  errorMessage: string;
  elementId?: string;
  creationTime: string;
  state: string;
  jobKey?: string;
  tenantId: string;
}

function applyFilter(query: Knex.QueryBuilder, filter: IncidentFilter = {}): Knex.QueryBuilder {
  whereMatches(query, column('n.bpmn_process_id'), filter.processDefinitionId);
  whereMatches(query, column('n.error_type'), filter.errorType);
  whereMatches(query, column('n.error_message'), filter.errorMessage);
  whereMatches(query, column('n.element_id'), filter.elementId);
  whereMatches(query, column('n.created_at'), filter.creationTime);
  whereMatches(query, column('n.state'), filter.state);
  whereMatches(query, tenantColumn, filter.tenantId);
  whereMatches(query, column('n.key'), filter.incidentKey);
  whereMatches(query, column('n.process_definition_key'), filter.processDefinitionKey);
  whereMatches(query, column('n.process_instance_key'), filter.processInstanceKey);
  whereMatches(query, column('n.job_key'), filter.jobKey);
  return query;
}

/** Presents an `incidents` row as Camunda's `IncidentResult`. */
export function presentIncident(row: Record<string, unknown>): IncidentResult {
  return {
    incidentKey: String(row.key),
    processDefinitionKey: String(row.process_definition_key),
    processDefinitionId: row.bpmn_process_id as string,
    processInstanceKey: String(row.process_instance_key),
    errorType: row.error_type as string,
    errorMessage: row.error_message as string,
    elementId: (row.element_id as string | null) ?? undefined,
    creationTime: new Date(row.created_at as string).toISOString(),
    state: row.state as string,
    jobKey: row.job_key ? String(row.job_key) : undefined,
    tenantId: defaultTenantId,
  };
}

/** The incidents of the instances that the caller may read. */
export class IncidentQueries {
  constructor(private readonly db: Knex) {}

  async search(
    principal: Principal,
    request: SearchRequest<IncidentFilter, IncidentSortField>,
  ): Promise<SearchResult<IncidentResult>> {
    const unitIds = await readableUnitIds(this.db, principal);
    const filtered = applyFilter(
      this.db('incidents as n').whereIn('n.unit_id', unitIds),
      request.filter,
    );
    const select = (query: Knex.QueryBuilder) => {
      applySort(query.select('n.*'), request.sort, incidentSortColumns, 'n.key');
      return query;
    };
    return searchPage(filtered, request.page, select, presentIncident);
  }
}
