import { parseExpression } from 'feelin';
import { SaxesParser } from 'saxes';
import type { BpmnDefinitions, BpmnProcess } from 'bpmn-moddle/types';
import type { ModdleElement } from 'moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

import { EisoError } from '../../errors.js';
import type { FieldError } from '../../errors.js';
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
 * embedded engine runs wrongly. Throws EISO_ERR_MODEL_INVALID listing every problem found.
 */
export async function validateModel(xml: string, resourceName: string): Promise<ValidatedModel> {
  checkSize(xml, resourceName);
  checkWellFormed(xml, resourceName);

  const moddleContext = await readModdleContext(xml, resourceName);
  const definitions = moddleContext.rootElement;
  checkDefinitionsId(moddleContext, resourceName);

  const warnings: FieldError[] = [];
  const problems = classifyModdleWarnings(moddleContext.warnings, warnings);
  const processes = listProcesses(definitions);
  requireExecutableProcess(processes, definitions, resourceName, problems);
  problems.push(...checkExecutableContent(definitions));
  warnings.push(...warnNonExecutable(processes));

  if (problems.length > 0) {
    throw modelInvalid(resourceName, problems);
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

function checkSize(xml: string, resourceName: string): void {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes <= MAX_MODEL_BYTES) {
    return;
  }

  const megabytes = (bytes / (1024 * 1024)).toFixed(1);
  throw new EisoError(
    'EISO_ERR_MODEL_INVALID',
    `Model ${resourceName} is ${megabytes} MiB, above the maximum of ` +
      `${MAX_MODEL_BYTES / (1024 * 1024)} MiB. Split it into smaller models.`,
  );
}

// bpmn-moddle's parser accepts some malformed XML, such as "<" in an attribute value, and reports
// other errors with lines counted from 0, so saxes checks well-formedness first. It also rejects
// every DOCTYPE, because a DTD is the only way to declare the entities that XXE and
// entity-expansion attacks need.
function checkWellFormed(xml: string, resourceName: string): void {
  const parser = new SaxesParser({ xmlns: true, position: true });

  parser.on('error', (error) => {
    const message = error.message.replace(/^\d+:\d+: /, '');
    const path = `${parser.line}:${parser.column}`;
    throw modelInvalid(resourceName, [{ path, message: `The XML is not well-formed: ${message}` }]);
  });
  parser.on('doctype', (doctype) => {
    throw modelInvalid(resourceName, [doctypeProblem(xml, doctype, parser.position)]);
  });

  parser.write(xml).close();
}

function doctypeProblem(xml: string, doctype: string, endOffset: number): FieldError {
  const start = xml.indexOf('<!DOCTYPE');
  const path = positionAt(xml, start === -1 ? endOffset : start);
  const entity = /<!ENTITY\s+(?:%\s+)?(\S+)\s+(SYSTEM|PUBLIC)\s+("[^"]*"|'[^']*')/.exec(doctype);
  const entityNote = entity
    ? ` It declares the external entity "${entity[1]}" with ${entity[2]} ${entity[3]}.`
    : /<!ENTITY/.test(doctype)
      ? ' It declares entities.'
      : '';

  return {
    path,
    message:
      'The model contains a DOCTYPE declaration, which eiso rejects because a DTD can declare ' +
      `external entities (XXE) and entity expansions.${entityNote} Remove the DOCTYPE.`,
  };
}

function positionAt(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${line}:${column}`;
}

async function readModdleContext(xml: string, resourceName: string): Promise<ModdleContext> {
  const moddle = await loadModdle();

  try {
    return await moddle.fromXML(xml);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw modelInvalid(resourceName, [
      {
        path: '1:1',
        message:
          `bpmn-moddle could not read the model (${reason}). The root element must be ` +
          'bpmn:definitions in the namespace http://www.omg.org/spec/BPMN/20100524/MODEL.',
      },
    ]);
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
function checkDefinitionsId(context: ModdleContext, resourceName: string): void {
  const id = context.rootElement.id;
  if (id === undefined || id === '') {
    throw modelInvalid(resourceName, [
      {
        path: '1:1',
        message: 'The bpmn:definitions element has no id. Add one, such as id="Definitions_1".',
      },
    ]);
  }
  if (BPMN_ID_PATTERN.test(id)) {
    return;
  }

  const warning = context.warnings.find((candidate) => invalidIdOf(candidate) === id);
  throw modelInvalid(resourceName, [
    {
      path: warning ? moddlePosition(warning) : id,
      message:
        `The definitions id "${id}" is invalid, so bpmn-moddle skipped the whole document ` +
        `and read no process. ${idRule(id)}`,
    },
  ]);
}

function idRule(id: string): string {
  const nonAscii = [...id].find((character) => character.charCodeAt(0) > 0x7f);
  const found = nonAscii ? ` "${id}" contains the non-ASCII character "${nonAscii}".` : '';

  return (
    'BPMN ids must start with an ASCII letter or "_" and contain only ASCII letters, digits, ' +
    `"_", "-" and ".".${found} Keep Vietnamese text in the name attribute and use an ASCII id ` +
    'such as "Task_DraftObjectives".'
  );
}

/** Turns bpmn-moddle warnings into problems and moves the harmless ones to `warnings`. */
function classifyModdleWarnings(
  moddleWarnings: ModdleWarning[],
  warnings: FieldError[],
): FieldError[] {
  const invalidIds = new Set(moddleWarnings.map(invalidIdOf).filter((id) => id !== null));
  const problems: FieldError[] = [];

  for (const warning of moddleWarnings) {
    if (warning.message.startsWith('unsupported document encoding')) {
      warnings.push({
        path: '1:1',
        message: `bpmn-moddle: ${warning.message}`,
      });
    } else if (warning.message.startsWith('unresolved reference')) {
      // A reference to an element that was skipped for its invalid id repeats that problem.
      if (!invalidIds.has(warning.value ?? '')) {
        problems.push(unresolvedReference(warning));
      }
    } else {
      problems.push(unreadableContent(warning));
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

function unresolvedReference(warning: ModdleWarning): FieldError {
  const element = warning.element;
  const owner = `${describeType(element?.$type ?? 'element')} "${element?.id ?? ''}"`;
  const property = (warning.property ?? 'a reference').replace(/^bpmn:|^bpmndi:/, '');

  return {
    path: element?.id ?? element?.$type ?? '',
    message:
      `${owner} refers in ${property} to "${warning.value ?? ''}", ` +
      'but the model has no element with that id.',
  };
}

function unreadableContent(warning: ModdleWarning): FieldError {
  const path = moddlePosition(warning);
  const tag = /^unparsable content (<[^>]*>)/.exec(warning.message)?.[1] ?? 'content';
  const reason = warning.error?.message ?? warning.message;

  const invalidId = invalidIdOf(warning);
  if (invalidId !== null) {
    return {
      path,
      message: `The id "${invalidId}" of ${tag} is invalid. ${idRule(invalidId)}`,
    };
  }

  const duplicateId = /^duplicate ID <(.*)>$/s.exec(reason);
  if (duplicateId) {
    return {
      path,
      message:
        `The id "${duplicateId[1]}" of ${tag} is already used by another element. ` +
        'Ids must be unique.',
    };
  }

  return {
    path,
    message: `bpmn-moddle could not read ${tag} and skipped it: ${reason}.`,
  };
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
): void {
  if (processes.some((process) => process.isExecutable)) {
    return;
  }

  const found = processes.map((process) => `"${process.bpmnProcessId}"`).join(', ');
  const message =
    processes.length === 0
      ? `Model ${resourceName} contains no process, so there is nothing to deploy.`
      : `No process of model ${resourceName} is executable (found ${found}). ` +
        'Set isExecutable="true" on the process that eiso should run.';
  problems.push({ path: definitions.id ?? '', message });
}

function warnNonExecutable(processes: ValidatedProcess[]): FieldError[] {
  return processes
    .filter((process) => !process.isExecutable)
    .map((process) => ({
      path: process.bpmnProcessId,
      message:
        `Process "${process.bpmnProcessId}" is not executable, ` +
        'so eiso does not deploy it as a process definition.',
    }));
}

/** Checks the executable processes and the root elements that they can use, such as messages. */
function checkExecutableContent(definitions: ModdleElement<BpmnDefinitions>): FieldError[] {
  const problems: FieldError[] = [];
  const executable: Element[] = executableProcesses(definitions);

  for (const process of executable) {
    if (!process.id) {
      problems.push({
        path: definitions.id ?? '',
        message: 'An executable process has no id.',
      });
    }
    for (const element of flowElementsOf(process)) {
      problems.push(...checkFlowElement(element));
    }
    problems.push(...checkUnsupportedConstructs(process));
  }

  for (const root of definitions.rootElements ?? []) {
    if (!root.$instanceOf('bpmn:Process') || executable.includes(root)) {
      checkFeelIn(root, root.id ?? definitions.id ?? '', 'rootElements', problems);
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

function checkFlowElement(element: Element): FieldError[] {
  const id = element.id ?? '';

  if (element.$instanceOf('bpmn:ScriptTask')) {
    return [
      {
        path: id,
        message:
          `Script task "${id}" is not supported because the embedded engine would run its ` +
          'script with node:vm, which is not a sandbox. Use a service task with a ' +
          'zeebe:taskDefinition type that an eiso job worker handles.',
      },
    ];
  }
  if (JOB_TASK_TYPES.some((type) => element.$instanceOf(type))) {
    return checkTaskDefinition(element);
  }
  if (element.$instanceOf('bpmn:SequenceFlow')) {
    return checkCondition(element);
  }

  return [];
}

function checkTaskDefinition(element: Element): FieldError[] {
  const taskDefinition = zeebeExtension(element, 'zeebe:TaskDefinition');
  const type = taskDefinition?.get('type');
  if (typeof type === 'string' && type.trim() !== '') {
    return [];
  }

  const id = element.id ?? '';
  const decisionNote = zeebeExtension(element, 'zeebe:CalledDecision')
    ? ' The embedded engine does not evaluate DMN decisions, so zeebe:calledDecision is not enough.'
    : '';
  return [
    {
      path: id,
      message:
        `${describeType(element.$type)} "${id}" has no job type.${decisionNote} Add ` +
        '<zeebe:taskDefinition type="…" /> with the type that an eiso job worker handles.',
    },
  ];
}

function checkCondition(flow: Element): FieldError[] {
  const condition = flow.get('conditionExpression');
  if (!isElement(condition)) {
    return [];
  }

  const id = flow.id ?? '';
  const language = condition.get('language');
  const body = condition.get('body');

  if (typeof language === 'string' && !FEEL_LANGUAGES.has(language.toLowerCase())) {
    return [
      {
        path: id,
        message:
          `Sequence flow "${id}" has a condition in the language "${language}". eiso evaluates ` +
          'only FEEL conditions, because scripts would run in node:vm, which is not a sandbox.',
      },
    ];
  }
  if (typeof body !== 'string' || !body.trim().startsWith('=')) {
    return [
      {
        path: id,
        message:
          `The condition of sequence flow "${id}" must be a FEEL expression that starts ` +
          'with "=", such as =decision = "approve".',
      },
    ];
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
): void {
  const id = element.id ?? ownerId;

  if (element.$type.startsWith('zeebe:') && !STATIC_ZEEBE_TYPES.has(element.$type)) {
    for (const [attribute, value] of stringProperties(element)) {
      problems.push(...checkFeel(value, id, `${xmlName(element.$type)} ${attribute}`));
    }
  }
  if (element.$instanceOf('bpmn:Expression')) {
    const body = element.get('body');
    if (typeof body === 'string') {
      problems.push(...checkFeel(body.trim(), id, propertyName));
    }
  }

  for (const [childProperty, child] of childElements(element)) {
    checkFeelIn(child, id, childProperty, problems);
  }
}

function checkFeel(value: string, elementId: string, location: string): FieldError[] {
  if (!value.startsWith('=')) {
    return [];
  }

  const error = findFeelSyntaxError(value.slice(1));
  if (error === null) {
    return [];
  }

  return [
    {
      path: elementId,
      message:
        `The FEEL expression in ${location} of "${elementId}" is invalid: ${error}. ` +
        `Expression: ${value}`,
    },
  ];
}

type FeelTree = ReturnType<typeof parseExpression>;
type FeelNode = ReturnType<FeelTree['resolve']>;

/** Returns the first syntax error of a FEEL expression in feelin's wording, or null. */
export function findFeelSyntaxError(expression: string): string | null {
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

  return errorNodes.length === 0 ? null : describeFeelError(expression, errorNodes[0]);
}

// Mirrors feelin 8's lint messages, which feelin creates only while it evaluates an expression.
function describeFeelError(expression: string, node: FeelNode): string {
  const parent = node.parent?.name ?? 'Expression';
  if (node.from !== node.to) {
    const token = expression.slice(node.from, node.to);
    return `Unrecognized token "${token}" in <${parent}> at position ${node.from + 1}`;
  }

  const next = nextNodeAfter(node);
  if (next) {
    const token = expression.slice(next.from, next.to);
    const position = next.from + 1;
    return `Unrecognized token <${next.name}> "${token}" in <${parent}> at position ${position}`;
  }

  const unfinished = node.parent?.enterUnfinishedNodesBefore(node.to)?.name ?? parent;
  return `Incomplete <${unfinished}> at the end of the expression`;
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

/** Turns a BPMN type such as `bpmn:ServiceTask` into `Service task`, and keeps other types. */
function describeType(type: string): string {
  if (!type.startsWith('bpmn:')) {
    return type;
  }

  const words = type.slice('bpmn:'.length).replace(/(?<=[a-z])(?=[A-Z])/g, ' ');
  return words.charAt(0) + words.slice(1).toLowerCase();
}

/** Turns a moddle type such as `zeebe:TaskSchedule` into its XML name `zeebe:taskSchedule`. */
function xmlName(type: string): string {
  const [prefix, localName] = type.split(':');
  return `${prefix}:${localName.charAt(0).toLowerCase()}${localName.slice(1)}`;
}

function modelInvalid(resourceName: string, problems: FieldError[]): EisoError {
  const first = problems[0]?.message ?? 'unknown problem';
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problems, see details)` : '';
  return new EisoError(
    'EISO_ERR_MODEL_INVALID',
    `Model ${resourceName} is invalid: ${first}${more}`,
    problems,
  );
}
