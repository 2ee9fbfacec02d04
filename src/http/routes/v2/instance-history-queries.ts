import type { Knex } from 'knex';
import { readHistory, type HistoryEvent } from '../../../history/history-log.js';
import { loadReadableInstance } from '../../../history/instance-access.js';
import type { Principal } from '../../../identity/principal.js';
import { defaultTenantId } from './search-schemas.js';

/** `ProcessInstanceSequenceFlowResult` of Camunda. */
export interface SequenceFlowResult {
  sequenceFlowId: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  elementId: string;
  tenantId: string;
}

/** `ProcessElementStatisticsResult` of Camunda. */
export interface ElementStatisticsResult {
  elementId: string;
  active: number;
  canceled: number;
  incidents: number;
  completed: number;
}

type Counts = Omit<ElementStatisticsResult, 'elementId'>;

/**
 * Counts the element instances of one instance by element from its history. ELEMENT_COMPLETED
 * counts as completed. An element instance entered but not left is active while the instance
 * runs, and canceled once the instance ended or when its user task was canceled.
 */
export function elementStatistics(
  events: HistoryEvent[],
  instanceActive: boolean,
  activeIncidents: { elementId: string | null }[],
): ElementStatisticsResult[] {
  const counts = new Map<string, Counts>();
  const countsOf = (elementId: string): Counts => {
    let entry = counts.get(elementId);
    if (!entry) {
      entry = { active: 0, canceled: 0, incidents: 0, completed: 0 };
      counts.set(elementId, entry);
    }
    return entry;
  };

  // NOTE: bpmn-engine reports no event when it discards an activity (an interrupting boundary
  // event, say) unless it was a user task, so such an element counts as active until the end.
  const open = new Map<string, string>();
  const canceledTasks = new Set<string>();
  for (const event of events) {
    const { elementId, elementInstanceKey } = event;
    if (!elementId || !elementInstanceKey) continue;
    if (event.type === 'ELEMENT_ACTIVATED') open.set(elementInstanceKey, elementId);
    if (event.type === 'ELEMENT_COMPLETED') {
      open.delete(elementInstanceKey);
      countsOf(elementId).completed += 1;
    }
    if (event.type === 'USER_TASK_CANCELED') canceledTasks.add(elementInstanceKey);
  }
  for (const [elementInstanceKey, elementId] of open) {
    const canceled = !instanceActive || canceledTasks.has(elementInstanceKey);
    countsOf(elementId)[canceled ? 'canceled' : 'active'] += 1;
  }
  for (const incident of activeIncidents) {
    if (incident.elementId) countsOf(incident.elementId).incidents += 1;
  }
  return [...counts].map(([elementId, entry]) => ({ elementId, ...entry }));
}

/** The history of one instance that the caller may read, in the shapes of Camunda's queries. */
export class InstanceHistoryQueries {
  constructor(private readonly db: Knex) {}

  /** Lists each sequence flow that the instance took, once, in the order first taken. */
  async sequenceFlows(principal: Principal, key: string): Promise<{ items: SequenceFlowResult[] }> {
    const instance = await loadReadableInstance(this.db, principal, key);
    const taken = new Set<string>();
    for (const event of await readHistory(this.db, key)) {
      if (event.type === 'SEQUENCE_FLOW_TAKEN' && event.elementId) taken.add(event.elementId);
    }
    const items = [...taken].map((elementId) => ({
      sequenceFlowId: `${key}_${elementId}`,
      processInstanceKey: key,
      processDefinitionKey: String(instance.process_definition_key),
      processDefinitionId: instance.bpmn_process_id as string,
      elementId,
      tenantId: defaultTenantId,
    }));
    return { items };
  }

  /** Counts the instance's element instances by element and state, with its open incidents. */
  async elementStatistics(
    principal: Principal,
    key: string,
  ): Promise<{ items: ElementStatisticsResult[] }> {
    const instance = await loadReadableInstance(this.db, principal, key);
    const incidents = await this.db('incidents')
      .where({ process_instance_key: key, state: 'ACTIVE' })
      .select('element_id');
    const items = elementStatistics(
      await readHistory(this.db, key),
      instance.state === 'ACTIVE',
      incidents.map((row) => ({ elementId: row.element_id as string | null })),
    );
    return { items };
  }
}
