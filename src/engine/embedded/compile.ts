import { createRequire } from 'node:module';
import * as bpmnModdleModule from 'bpmn-moddle';
import * as Elements from 'bpmn-elements';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import { InclusiveGateway, ParallelGateway } from './join-gateways.js';
import { ScheduledTimerEventDefinition } from './scheduled-timer.js';

const require = createRequire(import.meta.url);
const zeebeSchema: object = require('zeebe-bpmn-moddle/resources/zeebe.json');

/** The Zeebe properties of a user task, as written in the model (FEEL not yet evaluated). */
export interface UserTaskDefinition {
  formId: string | null;
  formKey: string | null;
  assignee: string | null;
  candidateGroups: string | null;
  candidateUsers: string | null;
  dueDate: string | null;
  followUpDate: string | null;
  priority: string | null;
  /**
   * The task's name for the inbox, from the extension property `eiso:taskName`: static text or a
   * FEEL expression. The element's own name stays the diagram's label, so Camunda Modeler and
   * Camunda 8 show that one.
   */
  nameExpression: string | null;
}

/** Extension property (`zeebe:property`) of a user task that names its task in the inbox. */
export const taskNameProperty = 'eiso:taskName';

/** The Zeebe multi-instance settings of an activity. */
export interface LoopDefinition {
  inputCollection: string;
  inputElement: string | null;
  outputCollection: string | null;
  outputElement: string | null;
  isSequential: boolean;
}

/** The adapter's description of one flow node. */
export interface ElementDefinition {
  id: string;
  type: string;
  name: string | null;
  userTask: UserTaskDefinition | null;
  taskDefinition: { type: string; retries: number } | null;
  /** Static `zeebe:taskHeaders` of a job task. */
  taskHeaders: Record<string, string>;
  loop: LoopDefinition | null;
}

/** A parsed model, ready to run; shared by every instance of one deployed version. */
export interface CompiledModel {
  sourceContext: SerializedContext;
  elements: Map<string, ElementDefinition>;
  /** Sequence-flow conditions by flow id; the flow's body in `sourceContext` names its entry here. */
  conditions: Map<string, FlowCondition>;
}

/** A FEEL condition of a sequence flow, evaluated in the scope of the flow's source element. */
export interface FlowCondition {
  flowId: string;
  sourceId: string;
  expression: string;
}

/** Prefix of a condition body that points into `CompiledModel.conditions`. */
export const conditionReferencePrefix = '#condition:';

interface ModdleElement {
  $type: string;
  [property: string]: unknown;
}

interface SerializedActivity {
  id: string;
  type: string;
  name?: string;
  parent?: { id: string; type: string };
  behaviour: {
    extensionElements?: { values?: ModdleElement[] };
    eventDefinitions?: { type: string }[];
    loopCharacteristics?: {
      behaviour: {
        isSequential?: boolean;
        collection?: string;
        elementVariable?: string;
        extensionElements?: { values?: ModdleElement[] };
      };
    };
  };
}

interface SerializedSequenceFlow {
  id: string;
  sourceId: string;
  behaviour: { conditionExpression?: { body?: string } };
}

export interface SerializedContext {
  id: string;
  getActivities(): SerializedActivity[];
  getSequenceFlows(): SerializedSequenceFlow[];
}

// The joins of bpmn-elements 17 run some models wrongly, so join-gateways.ts
// replaces both converging gateways with joins that follow Zeebe's semantics.
// Timers wait for the scheduler even when their expiry has passed.
const typeResolver = TypeResolver({
  ...Elements,
  InclusiveGateway,
  ParallelGateway,
  TimerEventDefinition: ScheduledTimerEventDefinition,
});

// bpmn-moddle 10 exports the class by name; its published typings declare a default export.
export const BpmnModdle = (
  bpmnModdleModule as unknown as { BpmnModdle: typeof bpmnModdleModule.default }
).BpmnModdle;

/** Parses BPMN XML with the Zeebe extensions into a context that bpmn-engine runs. */
export async function compileModel(xml: string): Promise<CompiledModel> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const moddleContext = await moddle.fromXML(xml);
  const sourceContext = serializer(moddleContext, typeResolver) as unknown as SerializedContext;
  const elements = new Map<string, ElementDefinition>();

  for (const activity of sourceContext.getActivities()) {
    const element = describeActivity(activity);
    elements.set(element.id, element);
    if (element.loop) mapLoopCharacteristics(activity, element.loop);
    if (isProcessTimerStart(activity)) delete activity.behaviour.eventDefinitions;
  }

  return { sourceContext, elements, conditions: referenceConditions(sourceContext) };
}

// bpmn-elements evaluates a condition with the message of the gateway, which
// does not name the flow. Replacing each body by a reference lets the resolver
// tell a condition from other expressions and name the flow in an incident.
function referenceConditions(sourceContext: SerializedContext): Map<string, FlowCondition> {
  const conditions = new Map<string, FlowCondition>();
  for (const flow of sourceContext.getSequenceFlows()) {
    const condition = flow.behaviour.conditionExpression;
    if (!condition?.body) continue;
    conditions.set(flow.id, {
      flowId: flow.id,
      sourceId: flow.sourceId,
      expression: condition.body.trim(),
    });
    condition.body = `${conditionReferencePrefix}${flow.id}`;
  }
  return conditions;
}

function findExtension(
  values: ModdleElement[] | undefined,
  type: string,
): ModdleElement | undefined {
  return values?.find((value) => value.$type === type);
}

function text(element: ModdleElement | undefined, property: string): string | null {
  const value = element?.[property];
  if (value === undefined || value === null || value === '') return null;
  return String(value);
}

function describeActivity(activity: SerializedActivity): ElementDefinition {
  const values = activity.behaviour.extensionElements?.values;
  const isUserTask = activity.type === 'bpmn:UserTask';
  const taskDefinition = findExtension(values, 'zeebe:TaskDefinition');
  const zeebeLoop = findExtension(
    activity.behaviour.loopCharacteristics?.behaviour.extensionElements?.values,
    'zeebe:LoopCharacteristics',
  );

  return {
    id: activity.id,
    type: activity.type,
    name: activity.name ?? null,
    userTask: isUserTask ? describeUserTask(values) : null,
    taskDefinition: taskDefinition
      ? {
          type: text(taskDefinition, 'type') ?? '',
          retries: Number(text(taskDefinition, 'retries') ?? 3),
        }
      : null,
    taskHeaders: headersOf(findExtension(values, 'zeebe:TaskHeaders')),
    loop: zeebeLoop
      ? {
          inputCollection: text(zeebeLoop, 'inputCollection') ?? '',
          inputElement: text(zeebeLoop, 'inputElement'),
          outputCollection: text(zeebeLoop, 'outputCollection'),
          outputElement: text(zeebeLoop, 'outputElement'),
          isSequential: Boolean(activity.behaviour.loopCharacteristics?.behaviour.isSequential),
        }
      : null,
  };
}

function headersOf(taskHeaders: ModdleElement | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const values = (taskHeaders?.values ?? []) as ModdleElement[];
  for (const header of values) {
    const key = text(header, 'key');
    if (key !== null) headers[key] = text(header, 'value') ?? '';
  }
  return headers;
}

// The scheduler fires a process's timer start event from the start_timers
// table and then starts the instance, so the engine runs that start event as a
// none start event. Deployment rejects a timer start event beside other start
// events, so this start event is the only one of its process.
function isProcessTimerStart(activity: SerializedActivity): boolean {
  return (
    activity.type === 'bpmn:StartEvent' &&
    activity.parent?.type === 'bpmn:Process' &&
    (activity.behaviour.eventDefinitions ?? []).some(
      (definition) => definition.type === 'bpmn:TimerEventDefinition',
    )
  );
}

function describeUserTask(values: ModdleElement[] | undefined): UserTaskDefinition {
  const form = findExtension(values, 'zeebe:FormDefinition');
  const assignment = findExtension(values, 'zeebe:AssignmentDefinition');
  const schedule = findExtension(values, 'zeebe:TaskSchedule');
  const priority = findExtension(values, 'zeebe:PriorityDefinition');

  return {
    formId: text(form, 'formId'),
    formKey: text(form, 'formKey'),
    assignee: text(assignment, 'assignee'),
    candidateGroups: text(assignment, 'candidateGroups'),
    candidateUsers: text(assignment, 'candidateUsers'),
    dueDate: text(schedule, 'dueDate'),
    followUpDate: text(schedule, 'followUpDate'),
    priority: text(priority, 'priority'),
    nameExpression: propertyValue(findExtension(values, 'zeebe:Properties'), taskNameProperty),
  };
}

function propertyValue(properties: ModdleElement | undefined, name: string): string | null {
  const entries = (properties?.properties ?? []) as ModdleElement[];
  const entry = entries.find((property) => text(property, 'name') === name);
  return entry ? text(entry, 'value') : null;
}

// bpmn-elements reads a multi-instance collection from its own `collection` and
// `elementVariable`, not from zeebe:loopCharacteristics, so copy the Zeebe
// settings there once per compiled model. The collection is a FEEL expression
// that the adapter's expression resolver evaluates.
function mapLoopCharacteristics(activity: SerializedActivity, loop: LoopDefinition): void {
  const behaviour = activity.behaviour.loopCharacteristics?.behaviour;
  if (!behaviour) return;
  behaviour.collection = loop.inputCollection;
  behaviour.elementVariable = loop.inputElement ?? 'item';
}

/** The Zeebe moddle schema, for other parsers of the same models. */
export { zeebeSchema };
