import type { ModdleElement } from 'moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { BpmnModdle } from '../engine/embedded/compile.js';

type Element = ModdleElement<{ id?: string; name?: string }>;

interface Descriptor {
  propertiesByName?: Record<string, { isReference?: boolean; isMany?: boolean }>;
}

/** One element of a model in a diff. */
export interface DiffElement {
  id: string;
  type: string;
  name: string | null;
}

/** A property of an element whose value differs between the two versions. */
export interface PropertyChange {
  property: string;
  before: string | null;
  after: string | null;
}

/** The differences between two versions of one model. */
export interface ModelDiff {
  added: DiffElement[];
  removed: DiffElement[];
  changed: (DiffElement & { changes: PropertyChange[] })[];
  /** Elements whose shape or path moved, without other changes. */
  moved: string[];
}

// Properties that are structure, not content: children with their own ids are
// compared on their own, and the incoming and outgoing lists repeat the flows.
const SKIPPED = new Set([
  'id',
  'flowElements',
  'artifacts',
  'laneSets',
  'incoming',
  'outgoing',
  'rootElements',
  'diagrams',
  'participants',
  'messageFlows',
  'lanes',
  'flowNodeRef',
]);

/**
 * Compares two BPMN models element by element: which elements were added,
 * removed or changed (with each changed property, extension elements such as
 * the Zeebe assignment and form included) and which only moved on the diagram.
 */
export async function diffModels(beforeXml: string, afterXml: string): Promise<ModelDiff> {
  const [before, after] = await Promise.all([readModel(beforeXml), readModel(afterXml)]);
  const diff: ModelDiff = { added: [], removed: [], changed: [], moved: [] };

  for (const [id, element] of after.elements) {
    const old = before.elements.get(id);
    if (!old) {
      diff.added.push(describe(element));
      continue;
    }
    const changes = compare(properties(old), properties(element));
    if (changes.length > 0) diff.changed.push({ ...describe(element), changes });
    else if (before.layout.get(id) !== after.layout.get(id)) diff.moved.push(id);
  }
  for (const [id, element] of before.elements) {
    if (!after.elements.has(id)) diff.removed.push(describe(element));
  }
  return diff;
}

/** Summarizes a diff for a person: the names of what was added, removed and changed. */
export function summarizeDiff(diff: ModelDiff, language: 'vi' | 'en'): string {
  const names = (elements: DiffElement[]) =>
    elements.map((element) => element.name ?? element.id).join(', ');
  const lines: string[] = [];
  const vi = language === 'vi';
  if (diff.added.length > 0) lines.push(`${vi ? 'Thêm' : 'Added'}: ${names(diff.added)}`);
  if (diff.removed.length > 0) lines.push(`${vi ? 'Bỏ' : 'Removed'}: ${names(diff.removed)}`);
  if (diff.changed.length > 0) lines.push(`${vi ? 'Sửa' : 'Changed'}: ${names(diff.changed)}`);
  if (diff.moved.length > 0)
    lines.push(`${vi ? 'Chỉ đổi vị trí' : 'Moved only'}: ${diff.moved.length}`);
  if (lines.length === 0) lines.push(vi ? 'Không có thay đổi.' : 'No change.');
  return lines.join('\n');
}

async function readModel(xml: string): Promise<{
  elements: Map<string, Element>;
  layout: Map<string, string>;
}> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const { rootElement } = await moddle.fromXML(xml);
  const elements = new Map<string, Element>();
  const layout = new Map<string, string>();
  const root = rootElement as unknown as Element;
  for (const element of (root.get('rootElements') ?? []) as Element[]) collect(element, elements);
  for (const diagram of (root.get('diagrams') ?? []) as Element[]) {
    const plane = diagram.get('plane') as Element | undefined;
    for (const shape of (plane?.get('planeElement') ?? []) as Element[]) {
      const target = shape.get('bpmnElement') as Element | undefined;
      if (target?.id) layout.set(target.id, JSON.stringify(plain(shape, new Set(['id']))));
    }
  }
  return { elements, layout };
}

function collect(element: Element, into: Map<string, Element>): void {
  if (element.id) into.set(element.id, element);
  for (const key of ['flowElements', 'artifacts', 'participants', 'messageFlows']) {
    for (const child of (element.get(key) ?? []) as Element[]) collect(child, into);
  }
  for (const laneSet of (element.get('laneSets') ?? []) as Element[]) {
    for (const lane of (laneSet.get('lanes') ?? []) as Element[]) collect(lane, into);
  }
}

function describe(element: Element): DiffElement {
  return {
    id: element.id ?? '',
    type: element.$type,
    name: typeof element.name === 'string' && element.name !== '' ? element.name : null,
  };
}

// The element's content as flat "path = value" pairs, references as the ids they point to.
function properties(element: Element): Map<string, string> {
  const flat = new Map<string, string>();
  flat.set('type', element.$type);
  flatten(element, '', flat, true);
  return flat;
}

function flatten(element: Element, prefix: string, into: Map<string, string>, top: boolean): void {
  const descriptor = (element as unknown as { $descriptor?: Descriptor }).$descriptor;
  const attrs = (element as unknown as { $attrs?: Record<string, string> }).$attrs ?? {};
  for (const [name, value] of Object.entries(attrs)) {
    if (!name.startsWith('xmlns')) into.set(`${prefix}${name}`, value);
  }
  for (const [key, value] of Object.entries(element)) {
    if (key.startsWith('$') || value === undefined || value === null) continue;
    if (top && SKIPPED.has(key)) continue;
    const isReference = descriptor?.propertiesByName?.[key]?.isReference === true;
    const path = `${prefix}${key}`;
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) =>
        addValue(item, `${path}[${index}]`, into, isReference),
      );
    } else {
      addValue(value, path, into, isReference);
    }
  }
}

function addValue(
  value: unknown,
  path: string,
  into: Map<string, string>,
  isReference: boolean,
): void {
  if (typeof value !== 'object') {
    into.set(path, String(value));
    return;
  }
  const element = value as Element;
  if (isReference || (element.id && typeof element.$type === 'string' && path.includes('Ref'))) {
    into.set(path, element.id ?? '');
    return;
  }
  const type = typeof element.$type === 'string' ? element.$type : 'value';
  flatten(element, `${path}<${type}>.`, into, false);
}

function plain(element: Element, skip: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element)) {
    if (key.startsWith('$') || skip.has(key) || key === 'bpmnElement') continue;
    out[key] =
      value && typeof value === 'object'
        ? Array.isArray(value)
          ? value.map((item: unknown) =>
              item && typeof item === 'object' ? plain(item as Element, skip) : item,
            )
          : plain(value as Element, skip)
        : value;
  }
  return out;
}

function compare(before: Map<string, string>, after: Map<string, string>): PropertyChange[] {
  const changes: PropertyChange[] = [];
  for (const [property, value] of after) {
    const old = before.get(property) ?? null;
    if (old !== value) changes.push({ property: readable(property), before: old, after: value });
  }
  for (const [property, value] of before) {
    if (!after.has(property))
      changes.push({ property: readable(property), before: value, after: null });
  }
  return changes;
}

// "extensionElements<bpmn:ExtensionElements>.values[2]<zeebe:AssignmentDefinition>.candidateGroups"
// reads as "zeebe:AssignmentDefinition.candidateGroups".
function readable(path: string): string {
  return path
    .replace(/extensionElements<bpmn:ExtensionElements>\.values\[\d+\]<([^>]+)>\./g, '$1.')
    .replace(/<(bpmn:FormalExpression|bpmn:Expression)>\.body$/, '');
}
