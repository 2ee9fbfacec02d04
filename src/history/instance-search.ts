import type { Knex } from 'knex';
import { agencyDayStart } from '../agency-time.js';
import { starterName } from './instance-view.js';

/** States that the instance search filters by; `incident` is any instance with an open incident. */
export const searchStates = ['active', 'completed', 'canceled', 'incident'] as const;
export type SearchState = (typeof searchStates)[number];

/** A variable filter: its value equals `equals`, or its text value contains `contains`. */
export interface VariableFilter {
  name: string;
  equals?: string | number | boolean;
  contains?: string;
}

/** The filters of an instance search, all optional and combined with AND. */
export interface InstanceSearchFilters {
  bpmnProcessId?: string;
  version?: number;
  /** Part of the business key, compared without case and diacritics. */
  businessKey?: string;
  /** Any of these states. */
  states?: SearchState[];
  /** Calendar dates in Vietnam, both ends included. */
  startedFrom?: string;
  startedTo?: string;
  endedFrom?: string;
  endedTo?: string;
  /** Username of a starter, an actor in the history, or an assignee or completer of a task. */
  participant?: string;
  variable?: VariableFilter;
}

/** One page of a search in one unit. */
export interface InstanceSearchQuery extends InstanceSearchFilters {
  unitId: string;
  page: number;
  pageSize: number;
  order: 'asc' | 'desc';
}

/** Instances of the unit by state, under every filter except the state filter. */
export interface StateCounts {
  active: number;
  completed: number;
  canceled: number;
  incident: number;
}

/** The rows of one page with the counts that a filter panel shows. */
export interface InstanceSearchResult {
  rows: Record<string, unknown>[];
  total: number;
  counts: StateCounts;
}

const dayMs = 24 * 3_600_000;

/**
 * Searches the instances of one unit. The caller checks beforehand that the user may read the
 * unit. A variable's equality is a jsonb containment (`@>`), which the GIN index on
 * `process_instances.variables` serves, and the participant filter reads the indexes on
 * `history_events.actor` and on the task assignee and completer.
 */
export async function searchInstances(
  db: Knex,
  query: InstanceSearchQuery,
): Promise<InstanceSearchResult> {
  const base = db('process_instances as i').where('i.unit_id', query.unitId);
  applyFilters(db, base, query.unitId, query);

  const [countRow] = await base
    .clone()
    .select(
      db.raw("count(*) FILTER (WHERE i.state = 'ACTIVE') AS active"),
      db.raw("count(*) FILTER (WHERE i.state = 'COMPLETED') AS completed"),
      db.raw("count(*) FILTER (WHERE i.state = 'TERMINATED') AS canceled"),
      db.raw('count(*) FILTER (WHERE i.has_incident) AS incident'),
    );
  const filtered = base.clone();
  applyStates(filtered, query.states);
  const [{ total }] = await filtered.clone().count({ total: '*' });
  const rows = await filtered
    .join('process_definitions as d', 'd.key', 'i.process_definition_key')
    .orderBy([
      { column: 'i.started_at', order: query.order },
      { column: 'i.key', order: query.order },
    ])
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .select('i.*', 'd.name as process_name', starterName(db));
  return {
    rows,
    total: Number(total),
    counts: {
      active: Number(countRow.active),
      completed: Number(countRow.completed),
      canceled: Number(countRow.canceled),
      incident: Number(countRow.incident),
    },
  };
}

function applyFilters(
  db: Knex,
  builder: Knex.QueryBuilder,
  unitId: string,
  filters: InstanceSearchFilters,
): void {
  if (filters.bpmnProcessId) builder.where('i.bpmn_process_id', filters.bpmnProcessId);
  if (filters.version !== undefined) builder.where('i.version', filters.version);
  if (filters.businessKey) {
    builder.whereRaw('strpos(eiso_fold(i.business_key), eiso_fold(?)) > 0', [filters.businessKey]);
  }
  applyDateRange(builder, 'i.started_at', filters.startedFrom, filters.startedTo);
  applyDateRange(builder, 'i.ended_at', filters.endedFrom, filters.endedTo);
  if (filters.participant) applyParticipant(db, builder, unitId, filters.participant);
  if (filters.variable) applyVariable(builder, filters.variable);
}

function applyDateRange(
  builder: Knex.QueryBuilder,
  column: string,
  from: string | undefined,
  to: string | undefined,
): void {
  if (from) builder.where(column, '>=', agencyDayStart(from));
  if (to) builder.where(column, '<', new Date(agencyDayStart(to).getTime() + dayMs));
}

function applyParticipant(
  db: Knex,
  builder: Knex.QueryBuilder,
  unitId: string,
  username: string,
): void {
  const tasks = () => db('user_tasks').where('unit_id', unitId);
  builder.where((participant) =>
    participant
      .where('i.started_by', username)
      .orWhereIn(
        'i.key',
        db('history_events')
          .where({ unit_id: unitId, actor: username })
          .whereNotNull('process_instance_key')
          .select('process_instance_key'),
      )
      .orWhereIn('i.key', tasks().where('assignee', username).select('process_instance_key'))
      .orWhereIn('i.key', tasks().where('completed_by', username).select('process_instance_key')),
  );
}

function applyVariable(builder: Knex.QueryBuilder, variable: VariableFilter): void {
  if (variable.equals !== undefined) {
    builder.whereRaw('i.variables @> ?::jsonb', [
      JSON.stringify({ [variable.name]: variable.equals }),
    ]);
  }
  if (variable.contains !== undefined) {
    builder.whereRaw(
      "jsonb_typeof(i.variables -> ?) = 'string' AND strpos(eiso_fold(i.variables ->> ?), eiso_fold(?)) > 0",
      [variable.name, variable.name, variable.contains],
    );
  }
}

function applyStates(builder: Knex.QueryBuilder, states: SearchState[] | undefined): void {
  if (!states || states.length === 0) return;
  builder.where((anyState) => {
    for (const state of states) {
      if (state === 'incident') anyState.orWhere('i.has_incident', true);
      else anyState.orWhere('i.state', stateColumnValue[state]);
    }
  });
}

const stateColumnValue: Record<Exclude<SearchState, 'incident'>, string> = {
  active: 'ACTIVE',
  completed: 'COMPLETED',
  canceled: 'TERMINATED',
};
