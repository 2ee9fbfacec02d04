import type { Knex } from 'knex';
import type { HistoryEvent } from './history-log.js';

/** Element ids that were completed, are active, and sequence flows that were taken, from an instance's history. */
export function diagramState(history: HistoryEvent[], openTaskElementIds: string[]) {
  const active = new Map<string, string>();
  const completed = new Set<string>();
  const flows = new Set<string>();
  for (const event of history) {
    if (event.type === 'ELEMENT_ACTIVATED' && event.elementInstanceKey && event.elementId)
      active.set(event.elementInstanceKey, event.elementId);
    if (event.type === 'ELEMENT_COMPLETED' && event.elementInstanceKey && event.elementId) {
      active.delete(event.elementInstanceKey);
      completed.add(event.elementId);
    }
    if (event.type === 'SEQUENCE_FLOW_TAKEN' && event.elementId) flows.add(event.elementId);
  }
  return {
    activeElementIds: [...new Set([...active.values(), ...openTaskElementIds])],
    completedElementIds: [...completed],
    takenSequenceFlowIds: [...flows],
  };
}

/** Presents an instance row as the API returns it. */
export function presentInstance(row: Record<string, unknown>) {
  return {
    key: String(row.key),
    bpmnProcessId: row.bpmn_process_id as string,
    processName: (row.process_name as string | null) ?? null,
    processDefinitionKey: String(row.process_definition_key),
    version: Number(row.version),
    businessKey: (row.business_key as string | null) ?? null,
    state: row.state as string,
    hasIncident: Boolean(row.has_incident),
    startedAt: new Date(row.started_at as string).toISOString(),
    endedAt: row.ended_at ? new Date(row.ended_at as string).toISOString() : null,
    startedBy: (row.started_by as string | null) ?? null,
    startedByName: (row.started_by_name as string | null) ?? null,
  };
}

/** Selects the full name of the user who started instance `i`, for `presentInstance`. */
export function starterName(db: Knex): Knex.Raw {
  return db.raw(
    '(SELECT u.display_name FROM users u WHERE u.username = i.started_by) AS started_by_name',
  );
}
