import { parseExpression } from 'feelin';
import { SaxesParser } from 'saxes';
import type { BpmnDefinitions, BpmnProcess } from 'bpmn-moddle/types';
import type { ModdleElement } from 'moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

import { EisoError } from '../../errors.js';
import type { FieldError } from '../../errors.js';
import type { Locale } from '../../locale.js';
import { taskNameProperty } from './compile.js';
import { modelMessages, type ModelMessages } from './model-messages.js';
import { checkUnsupportedConstructs } from './unsupported-constructs.js';

/** Maximum size of one BPMN resource, in bytes of UTF-8. */
export const MAX_MODEL_BYTES = 5 * 1024 * 1024;

/** A process of a validated model. */
export interface ValidatedProcess {
  bpmnProcessId: string;
  name: string | null;
  isExecutable: boolean;
  /** The process's timer start events, which the scheduler fires. */
  timerStarts: TimerStartDefinition[];
}

/** A timer start event of a process: its timeCycle or timeDate, static or FEEL. */
export interface TimerStartDefinition {
  elementId: string;
  kind: 'timeCycle' | 'timeDate';
  expression: string;
}

/** A warning that bpmn-moddle reported while reading the XML. */
export interface ModdleWarning {
  message: string;
  element?: ModdleElement<BpmnElement>;
  property?: string;
  value?: string;
  error?: Error;
}

/** The result of bpmn-moddle's `fromXML`, which bpmn-engine accepts as `moddleContext`. */
export interface ModdleContext {
  rootElement: ModdleElement<BpmnDefinitions>;
  elementsById: Record<string, ModdleElement<BpmnElement>>;
  references: unknown[];
  warnings: ModdleWarning[];
}

/** A BPMN model that passed every deploy check. */
export interface ValidatedModel {
  definitionsId: string;
  processes: ValidatedProcess[];
  moddleContext: ModdleContext;
  /** Findings that do not block the deployment, such as processes that are not executable. */
  warnings: FieldError[];
}

/** The form that one user task shows. */
export interface UserTaskFormReference {
  elementId: string;
  formId: string;
}

/** The forms that the user tasks of one executable process show. */
export interface ProcessFormReferences {
  bpmnProcessId: string;
  userTasks: UserTaskFormReference[];
}

type BpmnElement = { id?: string; name?: string };
type Element = ModdleElement<BpmnElement>;

interface BpmnModdleInstance {
  fromXML(xml: string): Promise<ModdleContext>;
}

type BpmnModdleConstructor = new (packages: Record<string, object>) => BpmnModdleInstance;

const BPMN_ID_PATTERN = /^([a-z][\w-.]*:)?[a-z_][\w-.]*$/i;
const FEEL_LANGUAGES = new Set([
  'feel',
  'http://www.omg.org/spec/feel/20140401',
  'https://www.omg.org/spec/dmn/20191111/feel/',
]);
const JOB_TASK_TYPES = ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'];
// Zeebe reads task header and property values as static strings, so a leading '=' is not FEEL.
const STATIC_ZEEBE_TYPES = new Set(['zeebe:Header', 'zeebe:Property']);

let moddlePromise: Promise<BpmnModdleInstance> | undefined;

/**
 * Validates a BPMN 2.0 model before deployment: size, well-formed XML without a DOCTYPE,
 * references, ids, executable processes, job types, FEEL syntax and constructs that the
 * embedded engine runs wrongly. Throws EISO_ERR_MODEL_INVALID listing every problem found, with
 * the messages in `locale`.
 */
export async function validateModel(
  xml: string,
  resourceName: string,
  locale: Locale = 'en',
): Promise<ValidatedModel> {
  const say = modelMessages(locale);
  checkSize(xml, resourceName, say);
  checkWellFormed(xml, resourceName, say);

  const moddleContext = await readModdleContext(xml, resourceName, say);
  const definitions = moddleContext.rootElement;
  checkDefinitionsId(moddleContext, resourceName, say);

  const warnings: FieldError[] = [];
  const problems = classifyModdleWarnings(moddleContext.warnings, warnings, say);
  const processes = listProcesses(definitions);
  requireExecutableProcess(processes, definitions, resourceName, problems, say);
  problems.push(...checkExecutableContent(definitions, say));
  warnings.push(...warnNonExecutable(processes, say));

  if (problems.length > 0) {
    throw modelInvalid(resourceName, problems, say);
  }

  return {
    definitionsId: definitions.id ?? '',
    processes,
    moddleContext,
    warnings,
  };
}

/** Collects, for each executable process, the formId of every user task that has one. */
export function collectUserTaskForms(model: ValidatedModel): ProcessFormReferences[] {
  return executableProcesses(model.moddleContext.rootElement).map((process) => ({
    bpmnProcessId: process.id ?? '',
    userTasks: [...flowElementsOf(process)].flatMap(userTaskForm),
  }));
}

function userTaskForm(element: Element): UserTaskFormReference[] {
  if (!element.$instanceOf('bpmn:UserTask')) {
    return [];
  }

  const formDefinition = zeebeExtension(element, 'zeebe:FormDefinition');
  const formId = formDefinition?.get('formId');

  return typeof formId === 'string' && formId !== ''
    ? [{ elementId: element.id ?? '', formId }]
    : [];
}

function checkSize(xml: string, resourceName: string, say: ModelMessages): void {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes <= MAX_MODEL_BYTES) {
    return;
  }

  const megabytes = (bytes / (1024 * 1024)).toFixed(1);
  throw new EisoError(
    'EISO_ERR_MODEL_INVALID',
    say.tooLarge(resourceName, megabytes, MAX_MODEL_BYTES / (1024 * 1024)),
  );
}

// bpmn-moddle's parser accepts some malformed XML, such as "<" in an attribute value, and reports
// other errors with lines counted from 0, so saxes checks well-formedness first. It also rejects
// every DOCTYPE, because a DTD is the only way to declare the entities that XXE and
// entity-expansion attacks need.
function checkWellFormed(xml: string, resourceName: string, say: ModelMessages): void {
  const parser = new SaxesParser({ xmlns: true, position: true });

  parser.on('error', (error) => {
    const message = error.message.replace(/^\d+:\d+: /, '');
    const path = `${parser.line}:${parser.column}`;
    throw modelInvalid(resourceName, [{ path, message: say.notWellFormed(message) }], say);
  });
  parser.on('doctype', (doctype) => {
    throw modelInvalid(resourceName, [doctypeProblem(xml, doctype, parser.position, say)], say);
  });

  parser.write(xml).close();
}

function doctypeProblem(
  xml: string,
  doctype: string,
  endOffset: number,
  say: ModelMessages,
): FieldError {
  const start = xml.indexOf('<!DOCTYPE');
  const path = positionAt(xml, start === -1 ? endOffset : start);
  const entity = /<!ENTITY\s+(?:%\s+)?(\S+)\s+(SYSTEM|PUBLIC)\s+("[^"]*"|'[^']*')/.exec(doctype);
  const entityNote = entity
    ? say.externalEntity(entity[1] ?? '', entity[2] ?? '', entity[3] ?? '')
    : /<!ENTITY/.test(doctype)
      ? say.entities
      : '';

  return { path, message: say.doctype(entityNote) };
}

function positionAt(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${line}:${column}`;
}

async function readModdleContext(
  xml: string,
  resourceName: string,
  say: ModelMessages,
): Promise<ModdleContext> {
  const moddle = await loadModdle();

  try {
    return await moddle.fromXML(xml);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw modelInvalid(resourceName, [{ path: '1:1', message: say.unreadableModel(reason) }], say);
  }
}

function loadModdle(): Promise<BpmnModdleInstance> {
  moddlePromise ??= importBpmnModdle().then((BpmnModdle) => new BpmnModdle({ zeebe: zeebeSchema }));
  return moddlePromise;
}

// bpmn-moddle 10 publishes declarations only for `bpmn-moddle/types`, not for its main entry,
// so a literal import would be an implicit any. The specifier in a variable keeps it typed here.
async function importBpmnModdle(): Promise<BpmnModdleConstructor> {
  const specifier: string = 'bpmn-moddle';
  const module = (await import(specifier)) as {
    BpmnModdle: BpmnModdleConstructor;
  };
  return module.BpmnModdle;
}

// bpmn-moddle rejects the whole <definitions> element when its id is invalid and returns
// definitions without any process or diagram, so every later check would mislead.
function checkDefinitionsId(
  context: ModdleContext,
  resourceName: string,
  say: ModelMessages,
): void {
  const id = context.rootElement.id;
  if (id === undefined || id === '') {
    throw modelInvalid(resourceName, [{ path: '1:1', message: say.definitionsWithoutId }], say);
  }
  if (BPMN_ID_PATTERN.test(id)) {
    return;
  }

  const warning = context.warnings.find((candidate) => invalidIdOf(candidate) === id);
  throw modelInvalid(
    resourceName,
    [
      {
        path: warning ? moddlePosition(warning) : id,
        message: say.invalidDefinitionsId(id, idRule(id, say)),
      },
    ],
    say,
  );
}

function idRule(id: string, say: ModelMessages): string {
  const nonAscii = [...id].find((character) => character.charCodeAt(0) > 0x7f);
  return say.idRule(nonAscii ? say.nonAsciiCharacter(id, nonAscii) : '');
}

/** Turns bpmn-moddle warnings into problems and moves the harmless ones to `warnings`. */
function classifyModdleWarnings(
  moddleWarnings: ModdleWarning[],
  warnings: FieldError[],
  say: ModelMessages,
): FieldError[] {
  const invalidIds = new Set(moddleWarnings.map(invalidIdOf).filter((id) => id !== null));
  const problems: FieldError[] = [];

  for (const warning of moddleWarnings) {
    if (warning.message.startsWith('unsupported document encoding')) {
      warnings.push({ path: '1:1', message: say.documentEncoding(warning.message) });
    } else if (warning.message.startsWith('unresolved reference')) {
      // A reference to an element that was skipped for its invalid id repeats that problem.
      if (!invalidIds.has(warning.value ?? '')) {
        problems.push(unresolvedReference(warning, say));
      }
    } else {
      problems.push(unreadableContent(warning, say));
    }
  }

  return problems;
}

function invalidIdOf(warning: ModdleWarning): string | null {
  return /^illegal ID <(.*)>$/s.exec(warning.error?.message ?? '')?.[1] ?? null;
}

// bpmn-moddle counts lines and columns from 0, saxes and editors from 1.
function moddlePosition(warning: ModdleWarning): string {
  const line = /line: (\d+)/.exec(warning.message);
  const column = /column: (\d+)/.exec(warning.message);
  return line && column ? `${Number(line[1]) + 1}:${Number(column[1]) + 1}` : '1:1';
}

function unresolvedReference(warning: ModdleWarning, say: ModelMessages): FieldError {
  const element = warning.element;
  const owner = `${say.elementType(element?.$type ?? 'element')} "${element?.id ?? ''}"`;
  const property = (warning.property ?? 'a reference').replace(/^bpmn:|^bpmndi:/, '');

  return {
    path: element?.id ?? element?.$type ?? '',
    message: say.unresolvedReference(owner, property, warning.value ?? ''),
  };
}

function unreadableContent(warning: ModdleWarning, say: ModelMessages): FieldError {
  const path = moddlePosition(warning);
  const tag = /^unparsable content (<[^>]*>)/.exec(warning.message)?.[1] ?? 'content';
  const reason = warning.error?.message ?? warning.message;

  const invalidId = invalidIdOf(warning);
  if (invalidId !== null) {
    return { path, message: say.invalidId(invalidId, tag, idRule(invalidId, say)) };
  }

  const duplicateId = /^duplicate ID <(.*)>$/s.exec(reason);
  if (duplicateId) {
    return { path, message: say.duplicateId(duplicateId[1] ?? '', tag) };
  }

  return { path, message: say.skippedContent(tag, reason) };
}

function processesOf(definitions: ModdleElement<BpmnDefinitions>): ModdleElement<BpmnProcess>[] {
  return (definitions.rootElements ?? []).filter((element): element is ModdleElement<BpmnProcess> =>
    element.$instanceOf('bpmn:Process'),
  );
}

function executableProcesses(
  definitions: ModdleElement<BpmnDefinitions>,
): ModdleElement<BpmnProcess>[] {
  return processesOf(definitions).filter((process) => process.isExecutable === true);
}

function listProcesses(definitions: ModdleElement<BpmnDefinitions>): ValidatedProcess[] {
  return processesOf(definitions).map((process) => ({
    bpmnProcessId: process.id ?? '',
    name: process.name ?? null,
    isExecutable: process.isExecutable === true,
    timerStarts: timerStartsOf(process as Element),
  }));
}

function timerStartsOf(process: Element): TimerStartDefinition[] {
  const elements = (process.get('flowElements') ?? []) as Element[];
  const starts: TimerStartDefinition[] = [];
  for (const element of elements) {
    if (!element.$instanceOf('bpmn:StartEvent')) continue;
    const definitions = (element.get('eventDefinitions') ?? []) as Element[];
    const timer = definitions.find((definition) =>
      definition.$instanceOf('bpmn:TimerEventDefinition'),
    );
    if (!timer) continue;
    for (const kind of ['timeCycle', 'timeDate'] as const) {
      const body = (timer.get(kind) as Element | undefined)?.get('body');
      if (typeof body === 'string' && body.trim() !== '') {
        starts.push({ elementId: element.id ?? '', kind, expression: body.trim() });
        break;
      }
    }
  }
  return starts;
}

function requireExecutableProcess(
  processes: ValidatedProcess[],
  definitions: ModdleElement<BpmnDefinitions>,
  resourceName: string,
  problems: FieldError[],
  say: ModelMessages,
): void {
  if (processes.some((process) => process.isExecutable)) {
    return;
  }

  const found = processes.map((process) => `"${process.bpmnProcessId}"`).join(', ');
  const message =
    processes.length === 0
      ? say.noProcess(resourceName)
      : say.noExecutableProcess(resourceName, found);
  problems.push({ path: definitions.id ?? '', message });
}

function warnNonExecutable(processes: ValidatedProcess[], say: ModelMessages): FieldError[] {
  return processes
    .filter((process) => !process.isExecutable)
    .map((process) => ({
      path: process.bpmnProcessId,
      message: say.notExecutable(process.bpmnProcessId),
    }));
}

/** Checks the executable processes and the root elements that they can use, such as messages. */
function checkExecutableContent(
  definitions: ModdleElement<BpmnDefinitions>,
  say: ModelMessages,
): FieldError[] {
  const problems: FieldError[] = [];
  const executable: Element[] = executableProcesses(definitions);

  for (const process of executable) {
    if (!process.id) {
      problems.push({ path: definitions.id ?? '', message: say.processWithoutId });
    }
    for (const element of flowElementsOf(process)) {
      problems.push(...checkFlowElement(element, say));
    }
    problems.push(...checkUnsupportedConstructs(process, say));
  }

  for (const root of definitions.rootElements ?? []) {
    if (!root.$instanceOf('bpmn:Process') || executable.includes(root)) {
      checkFeelIn(root, root.id ?? definitions.id ?? '', 'rootElements', problems, say);
    }
  }

  return problems;
}

/** Yields the flow elements of a process or sub-process and of its nested sub-processes. */
function* flowElementsOf(container: Element): Generator<Element> {
  const elements = container.get('flowElements');
  if (!Array.isArray(elements)) {
    return;
  }

  for (const element of elements as Element[]) {
    yield element;
    yield* flowElementsOf(element);
  }
}

function checkFlowElement(element: Element, say: ModelMessages): FieldError[] {
  const id = element.id ?? '';

  if (element.$instanceOf('bpmn:ScriptTask')) {
    return [{ path: id, message: say.scriptTask(id) }];
  }
  if (JOB_TASK_TYPES.some((type) => element.$instanceOf(type))) {
    return checkTaskDefinition(element, say);
  }
  if (element.$instanceOf('bpmn:SequenceFlow')) {
    return checkCondition(element, say);
  }

  return [];
}

function checkTaskDefinition(element: Element, say: ModelMessages): FieldError[] {
  const taskDefinition = zeebeExtension(element, 'zeebe:TaskDefinition');
  const type = taskDefinition?.get('type');
  if (typeof type === 'string' && type.trim() !== '') {
    return [];
  }

  const id = element.id ?? '';
  const decisionNote = zeebeExtension(element, 'zeebe:CalledDecision') ? say.decisionNote : '';
  return [{ path: id, message: say.noJobType(say.elementType(element.$type), id, decisionNote) }];
}

function checkCondition(flow: Element, say: ModelMessages): FieldError[] {
  const condition = flow.get('conditionExpression');
  if (!isElement(condition)) {
    return [];
  }

  const id = flow.id ?? '';
  const language = condition.get('language');
  const body = condition.get('body');

  if (typeof language === 'string' && !FEEL_LANGUAGES.has(language.toLowerCase())) {
    return [{ path: id, message: say.conditionLanguage(id, language) }];
  }
  if (typeof body !== 'string' || !body.trim().startsWith('=')) {
    return [{ path: id, message: say.conditionNotFeel(id) }];
  }

  return [];
}

function zeebeExtension(element: Element, type: string): Element | undefined {
  const extensionElements = element.get('extensionElements');
  if (!isElement(extensionElements)) {
    return undefined;
  }

  const values = extensionElements.get('values');
  return Array.isArray(values)
    ? values.find((value) => isElement(value) && value.$type === type)
    : undefined;
}

/**
 * Parses every FEEL expression below `element`: Zeebe attributes and expression bodies that
 * start with "=". `ownerId` is the id of the nearest enclosing element that has one.
 */
function checkFeelIn(
  element: Element,
  ownerId: string,
  propertyName: string,
  problems: FieldError[],
  say: ModelMessages,
): void {
  const id = element.id ?? ownerId;

  // eiso evaluates one extension property, the task name, so its FEEL is checked like Zeebe's.
  const isEvaluated =
    !STATIC_ZEEBE_TYPES.has(element.$type) ||
    (element.$type === 'zeebe:Property' && element.get('name') === taskNameProperty);
  if (element.$type.startsWith('zeebe:') && isEvaluated) {
    for (const [attribute, value] of stringProperties(element)) {
      problems.push(...checkFeel(value, id, `${xmlName(element.$type)} ${attribute}`, say));
    }
  }
  if (element.$instanceOf('bpmn:Expression')) {
    const body = element.get('body');
    if (typeof body === 'string') {
      problems.push(...checkFeel(body.trim(), id, propertyName, say));
    }
  }

  for (const [childProperty, child] of childElements(element)) {
    checkFeelIn(child, id, childProperty, problems, say);
  }
}

function checkFeel(
  value: string,
  elementId: string,
  location: string,
  say: ModelMessages,
): FieldError[] {
  if (!value.startsWith('=')) {
    return [];
  }

  const error = feelSyntaxError(value.slice(1), say);
  if (error === null) {
    return [];
  }

  return [{ path: elementId, message: say.invalidFeel(location, elementId, error, value) }];
}

type FeelTree = ReturnType<typeof parseExpression>;
type FeelNode = ReturnType<FeelTree['resolve']>;

/** Returns the first syntax error of a FEEL expression in feelin's wording, or null. */
export function findFeelSyntaxError(expression: string): string | null {
  return feelSyntaxError(expression, modelMessages('en'));
}

function feelSyntaxError(expression: string, say: ModelMessages): string | null {
  const tree = parseExpression(expression, {}, 'camunda');
  const errorNodes: FeelNode[] = [];

  tree.iterate({
    enter(ref) {
      if (ref.type.isError) {
        errorNodes.push(ref.node);
      }
      return errorNodes.length === 0;
    },
  });

  return errorNodes.length === 0 ? null : describeFeelError(expression, errorNodes[0], say);
}

// Mirrors feelin 8's lint messages, which feelin creates only while it evaluates an expression.
function describeFeelError(expression: string, node: FeelNode, say: ModelMessages): string {
  const parent = node.parent?.name ?? 'Expression';
  if (node.from !== node.to) {
    const token = expression.slice(node.from, node.to);
    return say.feelToken(token, parent, node.from + 1);
  }

  const next = nextNodeAfter(node);
  if (next) {
    const token = expression.slice(next.from, next.to);
    return say.feelTypedToken(next.name, token, parent, next.from + 1);
  }

  const unfinished = node.parent?.enterUnfinishedNodesBefore(node.to)?.name ?? parent;
  return say.feelIncomplete(unfinished);
}

function nextNodeAfter(node: FeelNode): FeelNode | null {
  for (let current: FeelNode | null = node; current !== null; current = current.parent) {
    if (current.nextSibling !== null) {
      return current.nextSibling;
    }
  }
  return null;
}

function stringProperties(element: Element): [string, string][] {
  return (element.$descriptor.properties ?? []).flatMap((property): [string, string][] => {
    const value = element.get(property.name);
    return property.type === 'String' && typeof value === 'string' ? [[property.name, value]] : [];
  });
}

/** Lists the contained child elements with the name of the property that contains each. */
function childElements(element: Element): [string, Element][] {
  return (element.$descriptor.properties ?? [])
    .filter((property) => property.isReference !== true)
    .flatMap((property) => {
      const value: unknown = element.get(property.name);
      const values: unknown[] = Array.isArray(value) ? value : [value];
      return values.filter(isElement).map((child): [string, Element] => [property.name, child]);
    });
}

function isElement(value: unknown): value is Element {
  return (
    typeof value === 'object' &&
    value !== null &&
    '$type' in value &&
    typeof value.$type === 'string'
  );
}

/** Turns a moddle type such as `zeebe:TaskSchedule` into its XML name `zeebe:taskSchedule`. */
function xmlName(type: string): string {
  const [prefix, localName] = type.split(':');
  return `${prefix}:${localName.charAt(0).toLowerCase()}${localName.slice(1)}`;
}

function modelInvalid(resourceName: string, problems: FieldError[], say: ModelMessages): EisoError {
  const first = problems[0]?.message ?? '';
  return new EisoError(
    'EISO_ERR_MODEL_INVALID',
    say.modelInvalid(resourceName, first, Math.max(problems.length - 1, 0)),
    problems,
  );
}
