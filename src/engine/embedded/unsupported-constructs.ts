import type { ModdleElement } from 'moddle';
import type { FieldError } from '../../errors.js';
import type { ModelMessages } from './model-messages.js';

type Element = ModdleElement<{ id?: string; name?: string }>;

/** Successors of each flow node of one container: sequence flow targets and boundary events. */
type FlowGraph = Map<string, Element[]>;

// Elements where a token can wait for a person or an outside event. Job tasks
// are not among them, because the job runner starts their worker right after
// the command that created the job commits.
// NOTE: a job that still fails or waits for a retry when its timer fires again
// delays the next token in the same way.
const WAITING_TYPES = [
  'bpmn:UserTask',
  'bpmn:ManualTask',
  'bpmn:ReceiveTask',
  'bpmn:SubProcess',
  'bpmn:CallActivity',
  'bpmn:IntermediateCatchEvent',
  'bpmn:EventBasedGateway',
];

/**
 * Finds constructs that bpmn-elements 17 runs differently from Zeebe and that
 * eiso does not correct: a non-interrupting timer that can put a second token
 * on an element while the first still waits there, a timer start event of an
 * event sub-process, input and output mappings, and a timer start event beside
 * other start events. Checks every sub-process too.
 *
 * NOTE: other ways to put two tokens on one waiting element, such as parallel
 * branches that an exclusive gateway merges before a user task, pass this check.
 */
export function checkUnsupportedConstructs(process: Element, say: ModelMessages): FieldError[] {
  const problems: FieldError[] = [];
  for (const container of containersOf(process)) {
    const elements = flowElementsIn(container);
    const graph = flowGraphOf(elements);
    for (const element of elements) {
      problems.push(
        ...checkRepeatedTimer(element, graph, say),
        ...checkEventSubProcess(element, say),
        ...checkIoMapping(element, say),
      );
    }
  }
  problems.push(...checkTimerStart(process, say));
  return problems;
}

// Input and output mappings would be ignored, so the model would run with other
// variables than Zeebe gives it.
function checkIoMapping(element: Element, say: ModelMessages): FieldError[] {
  const extensions = element.get('extensionElements') as Element | undefined;
  const values = (extensions?.get('values') ?? []) as Element[];
  if (!values.some((value) => value.$instanceOf('zeebe:IoMapping'))) return [];
  const id = element.id ?? '';
  return [{ path: id, message: say.ioMapping(id) }];
}

// The scheduler starts a timer-started process from the start_timers table, and
// the engine then runs the timer start event as a none start event. That is
// only right when no other start event competes with it.
function checkTimerStart(process: Element, say: ModelMessages): FieldError[] {
  const starts = flowElementsIn(process).filter((element) =>
    element.$instanceOf('bpmn:StartEvent'),
  );
  const problems: FieldError[] = [];
  for (const start of starts) {
    const timer = timerDefinitionOf(start);
    if (!timer) continue;
    const id = start.id ?? '';
    if (starts.length > 1) {
      problems.push({ path: id, message: say.sharedTimerStart(id, starts.length - 1) });
    }
    if (!timer.get('timeCycle') && !timer.get('timeDate')) {
      problems.push({ path: id, message: say.timerStartWithoutTime(id) });
    }
  }
  return problems;
}

function* containersOf(container: Element): Generator<Element> {
  yield container;
  for (const element of flowElementsIn(container)) {
    if (element.$instanceOf('bpmn:SubProcess')) yield* containersOf(element);
  }
}

function flowElementsIn(container: Element): Element[] {
  const elements = container.get('flowElements');
  return Array.isArray(elements) ? (elements as Element[]) : [];
}

function flowGraphOf(elements: Element[]): FlowGraph {
  const graph: FlowGraph = new Map();
  const add = (from: Element | undefined, to: Element | undefined) => {
    if (!from?.id || !to) return;
    graph.set(from.id, [...(graph.get(from.id) ?? []), to]);
  };
  for (const element of elements) {
    if (element.$instanceOf('bpmn:SequenceFlow')) {
      add(element.get('sourceRef') as Element | undefined, element.get('targetRef') as Element);
    } else if (element.$instanceOf('bpmn:BoundaryEvent')) {
      add(element.get('attachedToRef') as Element | undefined, element);
    }
  }
  return graph;
}

// bpmn-elements 17 runs one instance of an element at a time: a token that
// reaches an element that is still running waits in its inbound queue until
// the running instance completes, where Zeebe would start a second instance.
// A non-interrupting timer that fires more than once can do that to the
// elements on its path.
function checkRepeatedTimer(event: Element, graph: FlowGraph, say: ModelMessages): FieldError[] {
  if (!event.$instanceOf('bpmn:BoundaryEvent') || event.get('cancelActivity') !== false) return [];
  const timer = timerDefinitionOf(event);
  const activity = event.get('attachedToRef') as Element | undefined;
  if (!timer || !activity) return [];

  const cycle = expressionBody(timer.get('timeCycle'));
  const repeats = cycle !== null && !/^R1\//.test(cycle);
  const reentered = reaches(graph, activity, activity.id ?? '');
  if (!repeats && !reentered) return [];

  const waiting = firstWaitingElementAfter(graph, event);
  if (!waiting) return [];

  const id = event.id ?? '';
  const reason = repeats ? say.repeatingCycle(cycle) : say.timerInLoop(activity.id ?? '');
  const waitingText = `${say.elementType(waiting.$type).toLowerCase()} "${waiting.id}"`;
  return [{ path: id, message: say.repeatedTimer(id, waitingText, reason) }];
}

function checkEventSubProcess(element: Element, say: ModelMessages): FieldError[] {
  if (!element.$instanceOf('bpmn:SubProcess') || element.get('triggeredByEvent') !== true) {
    return [];
  }
  return flowElementsIn(element)
    .filter((start) => start.$instanceOf('bpmn:StartEvent') && timerDefinitionOf(start))
    .map((start) => ({
      path: start.id ?? '',
      message: say.eventSubProcessTimer(start.id ?? '', element.id ?? ''),
    }));
}

function timerDefinitionOf(event: Element): Element | undefined {
  const definitions = event.get('eventDefinitions');
  if (!Array.isArray(definitions)) return undefined;
  return (definitions as Element[]).find((definition) =>
    definition.$instanceOf('bpmn:TimerEventDefinition'),
  );
}

function expressionBody(expression: unknown): string | null {
  const body = (expression as Element | undefined)?.get('body');
  return typeof body === 'string' ? body.trim() : null;
}

/** Tells whether a path of at least one step leads from `start` to the element `targetId`. */
function reaches(graph: FlowGraph, start: Element, targetId: string): boolean {
  return walk(graph, start, (element) => element.id === targetId) !== undefined;
}

function firstWaitingElementAfter(graph: FlowGraph, start: Element): Element | undefined {
  return walk(graph, start, (element) => WAITING_TYPES.some((type) => element.$instanceOf(type)));
}

function walk(
  graph: FlowGraph,
  start: Element,
  matches: (element: Element) => boolean,
): Element | undefined {
  const pending = [...(graph.get(start.id ?? '') ?? [])];
  const visited = new Set<Element>();
  while (pending.length > 0) {
    const element = pending.shift()!;
    if (visited.has(element)) continue;
    visited.add(element);
    if (matches(element)) return element;
    pending.push(...(graph.get(element.id ?? '') ?? []));
  }
  return undefined;
}
