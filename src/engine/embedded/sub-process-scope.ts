import type { Variables } from '../process-engine.js';
import type { LoopDefinition } from './compile.js';
import { evaluateExpression } from './feel.js';

/** The sub-process execution that contains an element. */
export interface EnclosingSubProcess {
  id: string;
  executionId: string;
}

interface ParentContent {
  id?: unknown;
  type?: unknown;
  executionId?: unknown;
  path?: ParentContent[];
}

/**
 * Returns the innermost sub-process execution around an element, from the parent chain that
 * bpmn-elements puts on every message, or null for an element of the process itself.
 */
export function enclosingSubProcess(
  content: Record<string, unknown> | undefined,
): EnclosingSubProcess | null {
  const parent = content?.parent as ParentContent | undefined;
  if (!parent) return null;
  for (const entry of [parent, ...(parent.path ?? [])]) {
    if (entry.type === 'bpmn:Process') return null;
    if (entry.type === 'bpmn:SubProcess')
      return { id: String(entry.id), executionId: String(entry.executionId) };
  }
  return null;
}

/**
 * Gives a multi-instance sub-process iteration its input element and `loopCounter`, as Zeebe
 * does. bpmn-elements runs each iteration in a copy of the process variables and keeps the item
 * only on the iteration's own message, which the elements inside never see. The iteration's
 * execution id ends in `_<index>`. The variables go into the iteration's scope, so the saved state
 * keeps them and a resumed instance does not need them again.
 *
 * NOTE: the collection is read from the process variables when the iteration's first element
 * starts, not once when the multi-instance activity starts as in Zeebe. So a sequential loop whose
 * collection variable changes between iterations reads the changed collection.
 */
export function enterIteration(
  scope: Variables,
  subProcess: EnclosingSubProcess,
  loop: LoopDefinition,
  processVariables: Variables,
): void {
  if (Object.hasOwn(scope, 'loopCounter')) return;
  const match = /_(\d+)$/.exec(subProcess.executionId);
  if (!match) return;
  const index = Number(match[1]);
  const collection = evaluateExpression(loop.inputCollection, processVariables);
  if (!Array.isArray(collection) || index >= collection.length) return;
  scope.loopCounter = index + 1;
  scope[loop.inputElement ?? 'item'] = collection[index];
}

/**
 * Returns the variables of a sub-process scope that are its own: those it was given or that its
 * elements set, as opposed to the copies of the process variables it started with.
 */
export function ownVariables(scope: Variables, processVariables: Variables): Variables {
  const own: Variables = {};
  for (const [name, value] of Object.entries(scope)) {
    if (!Object.hasOwn(processVariables, name)) own[name] = value;
    else if (JSON.stringify(processVariables[name]) !== JSON.stringify(value)) own[name] = value;
  }
  return own;
}
