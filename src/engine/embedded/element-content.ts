import type { OpenedUserTask, Variables } from '../process-engine.js';
import type { ElementDefinition } from './compile.js';
import {
  evaluateDateTime,
  evaluateExpression,
  evaluateList,
  evaluateString,
  ExpressionError,
} from './feel.js';

/** The parts of a bpmn-elements event API that `describeUserTask` reads. */
interface ElementApi {
  id: string;
  executionId: string;
  content: Record<string, unknown>;
}

/** Returns the execution id of the multi-instance activity or the scope around an element. */
export function parentExecutionIdOf(content: Record<string, unknown>): string | null {
  const parent = content.parent as { executionId?: unknown } | undefined;
  return typeof parent?.executionId === 'string' ? parent.executionId : null;
}

/** Returns the local variables of a multi-instance iteration: `loopCounter` and its element. */
export function localVariables(content: Record<string, unknown> | undefined): Variables {
  if (!content?.isMultiInstance) return {};
  const locals: Variables = { loopCounter: Number(content.index ?? 0) + 1 };
  for (const [name, value] of Object.entries(content)) {
    if (!multiInstanceContentKeys.has(name)) locals[name] = value;
  }
  return locals;
}

// Keys that bpmn-elements puts on every multi-instance iteration message; any
// other key is the loop's input element.
const multiInstanceContentKeys = new Set([
  'id',
  'type',
  'name',
  'executionId',
  'parent',
  'isMultiInstance',
  'index',
  'isRootScope',
  'isSubProcess',
  'attachedTo',
  'state',
  'inbound',
  'outbound',
  'loopCardinality',
  'isSequential',
  'output',
  'isRecovered',
  'redelivered',
  'ignoreIfExecuting',
  'isDefinitionScope',
  'preventComplete',
  'collection',
  'timeout',
  'message',
]);

/**
 * Evaluates the Zeebe properties of a waiting user task for the task that eiso stores. `scope`
 * contains the own variables of the sub-process execution around the task, if any. They become the
 * task's local variables, except the sub-process iteration's `loopCounter`: the task itself is not
 * an iteration, so its form opens with the values its scope has, such as a returned draft.
 */
export function describeUserTask(
  api: ElementApi,
  element: ElementDefinition | undefined,
  variables: Variables,
  scope: Variables = {},
): OpenedUserTask {
  const definition = element?.userTask;
  const { loopCounter: _scopeLoopCounter, ...scopeLocal } = scope;
  const local = { ...scopeLocal, ...localVariables(api.content) };
  const context = { ...variables, ...scope, ...localVariables(api.content) };
  const optional = (
    expression: string | null | undefined,
    evaluateFn: (e: string, c: Variables) => string,
  ) => (expression ? evaluateFn(expression, context) : null);

  return {
    elementId: api.id,
    elementInstanceKey: api.executionId,
    name: definition?.nameExpression
      ? evaluateString(definition.nameExpression, context)
      : (element?.name ?? null),
    assignee: optional(definition?.assignee, evaluateString),
    candidateGroups: definition?.candidateGroups
      ? evaluateList(definition.candidateGroups, context)
      : [],
    candidateUsers: definition?.candidateUsers
      ? evaluateList(definition.candidateUsers, context)
      : [],
    formId: definition?.formId ?? null,
    formKey: definition?.formKey ?? null,
    dueDate: optional(definition?.dueDate, evaluateDateTime),
    followUpDate: optional(definition?.followUpDate, evaluateDateTime),
    priority: definition?.priority
      ? clampPriority(evaluateExpression(definition.priority, context))
      : 50,
    localVariables: local,
  };
}

function clampPriority(value: unknown): number {
  const priority = Number(value);
  if (!Number.isInteger(priority) || priority < 0 || priority > 100) {
    throw new ExpressionError(String(value), 'expected a priority from 0 to 100');
  }
  return priority;
}
