import { BpmnModdle, zeebeSchema } from '../engine/embedded/compile.js';
import type { ReplayElement } from './replay-state.js';

interface ModdleNode {
  id?: string;
  name?: string;
  $type: string;
  $parent?: ModdleNode;
  attachedToRef?: ModdleNode;
  sourceRef?: ModdleNode;
  targetRef?: ModdleNode;
  cancelActivity?: boolean;
}

/**
 * Reads the flow nodes and sequence flows of a BPMN model: names and flow ends for the replay's
 * labels, and the sub-process and boundary attachments that the replay fold needs.
 */
export async function replayElementsOf(xml: string): Promise<ReplayElement[]> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const { elementsById } = (await moddle.fromXML(xml)) as unknown as {
    elementsById: Record<string, ModdleNode>;
  };
  const elements: ReplayElement[] = [];
  for (const node of Object.values(elementsById)) {
    if (!node.id || !isFlowElement(node)) continue;
    const parent = node.$parent;
    elements.push({
      id: node.id,
      name: node.name?.trim() || null,
      type: node.$type,
      parentId: parent && parent.$type === 'bpmn:SubProcess' ? (parent.id ?? null) : null,
      attachedToId: node.attachedToRef?.id ?? null,
      sourceId: node.sourceRef?.id ?? null,
      targetId: node.targetRef?.id ?? null,
      // BPMN's default for cancelActivity is true.
      cancelActivity: node.$type === 'bpmn:BoundaryEvent' && node.cancelActivity !== false,
    });
  }
  return elements.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function isFlowElement(node: ModdleNode): boolean {
  const parentType = node.$parent?.$type;
  return parentType === 'bpmn:Process' || parentType === 'bpmn:SubProcess';
}
