import type { Knex } from 'knex';
import { BpmnModdle, zeebeSchema } from '../engine/embedded/compile.js';

interface ModdleNode {
  id?: string;
  $type: string;
  $parent?: ModdleNode;
  attachedToRef?: ModdleNode;
  eventDefinitions?: ModdleNode[];
}

/**
 * Decides whether a model handles lateness itself for an element: a timer boundary event on the
 * element or on a sub-process around it, such as the reminder and escalation timers of the
 * complaint procedure. The generic overdue report would repeat what those timers announce.
 */
export async function timerGuardsOf(xml: string): Promise<(elementId: string) => boolean> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const { elementsById } = (await moddle.fromXML(xml)) as unknown as {
    elementsById: Record<string, ModdleNode>;
  };
  const guarded = new Set<string>();
  for (const element of Object.values(elementsById)) {
    const isTimer = element.eventDefinitions?.some(
      (definition) => definition.$type === 'bpmn:TimerEventDefinition',
    );
    if (element.$type === 'bpmn:BoundaryEvent' && isTimer && element.attachedToRef?.id) {
      guarded.add(element.attachedToRef.id);
    }
  }
  return (elementId) => {
    for (let node = elementsById[elementId]; node; node = node.$parent as ModdleNode) {
      if (node.id && guarded.has(node.id)) return true;
    }
    return false;
  };
}

// Deployed versions never change, so their guards are kept by process definition key.
const guardsByDefinition = new Map<string, Promise<(elementId: string) => boolean>>();
const maxCachedDefinitions = 200;

/** Tells whether the deployed model of a task has a timer that handles the task's lateness. */
export async function modelWatchesDeadline(
  db: Knex | Knex.Transaction,
  processDefinitionKey: string,
  elementId: string,
): Promise<boolean> {
  let guards = guardsByDefinition.get(processDefinitionKey);
  if (!guards) {
    guards = db('process_definitions')
      .where({ key: processDefinitionKey })
      .first('xml')
      .then((row: { xml: string } | undefined) => (row ? timerGuardsOf(row.xml) : () => false));
    if (guardsByDefinition.size >= maxCachedDefinitions) guardsByDefinition.clear();
    guardsByDefinition.set(processDefinitionKey, guards);
    guards.catch(() => guardsByDefinition.delete(processDefinitionKey));
  }
  return (await guards)(elementId);
}
