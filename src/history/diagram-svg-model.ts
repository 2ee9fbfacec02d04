import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { ModelElement } from './element-labels.js';

const bpmnModel = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const bpmnDi = 'http://www.omg.org/spec/BPMN/20100524/DI';
const ddDc = 'http://www.omg.org/spec/DD/20100524/DC';
const ddDi = 'http://www.omg.org/spec/DD/20100524/DI';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A BPMNShape with the type and name of the flow node or other element it draws. */
export interface DiagramShape {
  elementId: string;
  /** Local name of the semantic element, such as `userTask` or `exclusiveGateway`. */
  type: string;
  name: string;
  /** Order in which a multi-instance activity runs its instances, or null for a single instance. */
  multiInstance: 'parallel' | 'sequential' | null;
  bounds: Bounds;
  label: Bounds | null;
}

/** A BPMNEdge with the type and name of the sequence flow or association it draws. */
export interface DiagramEdge {
  elementId: string;
  type: string;
  name: string;
  waypoints: Point[];
  label: Bounds | null;
}

export interface DiagramLayout {
  shapes: DiagramShape[];
  edges: DiagramEdge[];
  /** Names of every BPMN element with a name, by id, drawn or not. */
  elementNames: Map<string, string>;
  /** Every BPMN element with an id, drawn or not, with the ends of each sequence flow. */
  elements: ModelElement[];
}

interface Semantic {
  type: string;
  name: string;
  multiInstance: 'parallel' | 'sequential' | null;
  sourceId?: string | null;
  targetId?: string | null;
}

function numberAttribute(tag: SaxesTagNS, name: string): number {
  const value = Number(tag.attributes[name]?.value);
  return Number.isFinite(value) ? value : 0;
}

function boundsOf(tag: SaxesTagNS): Bounds {
  return {
    x: numberAttribute(tag, 'x'),
    y: numberAttribute(tag, 'y'),
    width: numberAttribute(tag, 'width'),
    height: numberAttribute(tag, 'height'),
  };
}

/**
 * Reads the BPMNDI layout of a model: shapes with their bounds, edges with their waypoints,
 * and the labels' own bounds, joined to the type and name of the element that each draws.
 * Elements are matched by namespace, so any prefix (or none) works. A DOCTYPE is rejected
 * because a deployed model never needs entity declarations.
 */
export function readDiagramLayout(xml: string): DiagramLayout {
  const parser = new SaxesParser({ xmlns: true });
  const semantics = new Map<string, Semantic>();
  const shapes: Omit<DiagramShape, keyof Semantic>[] = [];
  const edges: Omit<DiagramEdge, 'type' | 'name'>[] = [];
  let current: { kind: 'shape' | 'edge'; index: number } | null = null;
  let inLabel = false;
  // Ids of the open BPMN model elements, so a loop characteristic finds its activity.
  const openElements: string[] = [];

  parser.on('doctype', () => {
    throw new Error('BPMN models must not contain a DOCTYPE');
  });
  parser.on('opentag', (tag) => {
    const id = tag.attributes.id?.value;
    if (tag.uri === bpmnModel) {
      openElements.push(id ?? '');
      if (id) {
        const name = tag.attributes.name?.value ?? '';
        semantics.set(id, {
          type: tag.local,
          name,
          multiInstance: null,
          sourceId: tag.attributes.sourceRef?.value ?? null,
          targetId: tag.attributes.targetRef?.value ?? null,
        });
      }
      const activity = semantics.get(openElements[openElements.length - 2] ?? '');
      if (tag.local === 'multiInstanceLoopCharacteristics' && activity) {
        activity.multiInstance =
          tag.attributes.isSequential?.value === 'true' ? 'sequential' : 'parallel';
      }
      return;
    }
    if (tag.uri === bpmnDi) {
      const elementId = tag.attributes.bpmnElement?.value ?? '';
      if (tag.local === 'BPMNShape') {
        shapes.push({ elementId, bounds: { x: 0, y: 0, width: 0, height: 0 }, label: null });
        current = { kind: 'shape', index: shapes.length - 1 };
      } else if (tag.local === 'BPMNEdge') {
        edges.push({ elementId, waypoints: [], label: null });
        current = { kind: 'edge', index: edges.length - 1 };
      } else if (tag.local === 'BPMNLabel') {
        inLabel = true;
      }
      return;
    }
    if (!current) return;
    if (tag.uri === ddDc && tag.local === 'Bounds') {
      const bounds = boundsOf(tag);
      const owner = current.kind === 'shape' ? shapes[current.index] : edges[current.index];
      if (inLabel) owner.label = bounds;
      else if (current.kind === 'shape') shapes[current.index].bounds = bounds;
    } else if (tag.uri === ddDi && tag.local === 'waypoint' && current.kind === 'edge') {
      edges[current.index].waypoints.push({
        x: numberAttribute(tag, 'x'),
        y: numberAttribute(tag, 'y'),
      });
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.uri === bpmnModel) openElements.pop();
    if (tag.uri !== bpmnDi) return;
    if (tag.local === 'BPMNLabel') inLabel = false;
    if (tag.local === 'BPMNShape' || tag.local === 'BPMNEdge') current = null;
  });
  parser.write(xml).close();

  const semantic = (elementId: string): Semantic =>
    semantics.get(elementId) ?? { type: 'unknown', name: '', multiInstance: null };
  const elementNames = new Map<string, string>();
  for (const [id, { name }] of semantics) if (name) elementNames.set(id, name);
  const elements = [...semantics].map(([id, { type, name, sourceId, targetId }]) => ({
    id,
    type,
    name: name || null,
    sourceId,
    targetId,
  }));
  return {
    shapes: shapes.map((shape) => {
      const { type, name, multiInstance } = semantic(shape.elementId);
      return { ...shape, type, name, multiInstance };
    }),
    edges: edges.map((edge) => {
      const { type, name } = semantic(edge.elementId);
      return { ...edge, type, name };
    }),
    elementNames,
    elements,
  };
}
