import type { ErrorObject } from 'ajv';

import { RETURN_NEEDS_COMMENT_RULE, formFormatNames } from './form-schema.js';
import type {
  DataNode,
  FieldNode,
  FormComponent,
  FormModel,
  FormOption,
  JsonSchema,
  ObjectNode,
} from './form-schema.js';

/** A key of an object in the submission, named by the label of its component if it has one. */
export interface ChildStep {
  kind: 'child';
  key: string;
  label: string | undefined;
  /** False for a key that the form does not define. */
  known: boolean;
}

/** An item of a dynamic list, or a value of a checklist or taglist, counted from 1. */
export interface PositionStep {
  kind: 'item' | 'value';
  position: number;
}

/** One segment of a JSON pointer into a submission, with what messages need to name it. */
export type LocationStep = ChildStep | PositionStep;

/** Input that a missing value needs, which decides the fix that its message states. */
export type MissingInput = 'check' | 'choice' | 'choices' | 'value' | 'other';

/** Kind of value that a location accepts, for a message about a value of the wrong type. */
export type ExpectedValue =
  | 'submission'
  | 'object'
  | 'list'
  | 'text'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'choice'
  | 'choices'
  | 'date'
  | 'time'
  | 'dateTime'
  | 'fileReference'
  | 'unknown';

/**
 * The rule that a value fails, with the data that a message about it shows. Formats are named
 * `date`, `time`, `dateTime`, `email`, `phone` and `decimal`, or by their ajv name otherwise.
 */
export type FailedRule =
  | { rule: 'commentRequiredOnReturn'; decisionLabel?: string; returnLabel?: string }
  | { rule: 'unknownField'; formId: string }
  | { rule: 'missing'; input: MissingInput }
  | { rule: 'missingItems'; minItems: number }
  | { rule: 'blank' }
  | { rule: 'unchecked' }
  | { rule: 'type'; expected: ExpectedValue }
  | { rule: 'enum'; options: FormOption[] }
  | { rule: 'option'; valuesKey: string; options: FormOption[]; omitted: number }
  | { rule: 'format'; format: string }
  | { rule: 'pattern'; pattern: string; patternErrorMessage?: string }
  | { rule: 'minLength'; limit: number }
  | { rule: 'maxLength'; limit: number; length?: number }
  | { rule: 'minimum'; limit: number }
  | { rule: 'maximum'; limit: number }
  | { rule: 'minChoices'; limit: number }
  | { rule: 'minItems'; limit: number }
  | { rule: 'maxItems'; limit: number }
  | { rule: 'uniqueItems' }
  | { rule: 'invalid'; reason?: string };

/** One invalid value of a submission, before its message is written in a language. */
export interface FieldProblem {
  /** JSON pointer to the value, such as `/objectives/0/targetValue`. */
  path: string;
  steps: LocationStep[];
  failed: FailedRule;
}

/** Maximum number of options listed in a message about a value outside the options. */
const MAX_OPTIONS_IN_MESSAGE = 20;

/** Target of a JSON pointer into a submission: the node there and the steps that lead to it. */
interface Location {
  node: DataNode | undefined;
  field: FieldNode | undefined;
  /** The object that contains the last key of the pointer. */
  parent: ObjectNode | undefined;
  steps: LocationStep[];
}

/** Converts the ajv error about the value at `path` into a problem. */
export function problemFromAjvError(
  model: FormModel,
  path: string,
  error: ErrorObject,
): FieldProblem {
  const location = locate(model, path);
  return { path, steps: location.steps, failed: failedRule(model, location, error) };
}

/** Creates the problem of a value at `path` that is not among the options in `valuesKey`. */
export function optionProblem(
  model: FormModel,
  path: string,
  valuesKey: string,
  options: FormOption[],
): FieldProblem {
  const { steps } = locate(model, path);
  return {
    path,
    steps,
    failed: {
      rule: 'option',
      valuesKey,
      options: options.slice(0, MAX_OPTIONS_IN_MESSAGE),
      omitted: Math.max(0, options.length - MAX_OPTIONS_IN_MESSAGE),
    },
  };
}

/** Creates the problem of a required value at `path` that the submission leaves out. */
export function missingProblem(model: FormModel, path: string): FieldProblem {
  const location = locate(model, path);
  return { path, steps: location.steps, failed: missingValue(location.node) };
}

/** Lists options as their JSON values with their labels, as in `"VP" (Văn phòng), "TTRA"`. */
export function describeOptions(options: FormOption[]): string {
  return options
    .map((option) => {
      const value = JSON.stringify(option.value);
      return option.label ? `${value} (${option.label})` : value;
    })
    .join(', ');
}

function locate(model: FormModel, path: string): Location {
  const segments = path === '' ? [] : path.slice(1).split('/').map(unescapePointerSegment);
  let node: DataNode | undefined = model.root;
  let field: FieldNode | undefined;
  let parent: ObjectNode | undefined;
  const steps: LocationStep[] = [];
  for (const segment of segments) {
    if (node?.kind === 'object') {
      parent = node;
      node = node.children.get(segment);
      field = node?.kind === 'field' ? node : undefined;
      const label = node?.component ? labelOf(node.component) : undefined;
      steps.push({ kind: 'child', key: segment, label, known: node !== undefined });
    } else if (node?.kind === 'list') {
      steps.push({ kind: 'item', position: Number(segment) + 1 });
      node = node.item;
    } else {
      // Past a field, the segment is an index into a checklist or taglist value.
      steps.push({ kind: 'value', position: Number(segment) + 1 });
      node = undefined;
    }
  }
  return { node, field, parent, steps };
}

/** Decodes a segment of a JSON pointer (RFC 6901). */
export function unescapePointerSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

function labelOf(component: FormComponent): string | undefined {
  const label = component.label ?? component.dateLabel ?? component.timeLabel;
  // A FEEL expression or a template is not readable as a name.
  if (!label || label.startsWith('=') || label.includes('{{')) {
    return undefined;
  }
  return label.trim();
}

function failedRule(model: FormModel, location: Location, error: ErrorObject): FailedRule {
  const parentSchema = error.parentSchema as JsonSchema | undefined;
  if (parentSchema?.$comment === RETURN_NEEDS_COMMENT_RULE) {
    return commentRequiredOnReturn(location.parent);
  }
  switch (error.keyword) {
    case 'additionalProperties':
      return { rule: 'unknownField', formId: model.formId };
    case 'required':
      return missingValue(location.node);
    case 'type':
      return { rule: 'type', expected: expectedValue(location) };
    default:
      return constraintRule(location, error);
  }
}

/** Names the decision field and its `return` option, so a message can quote their labels. */
function commentRequiredOnReturn(parent: ObjectNode | undefined): FailedRule {
  const decision = parent?.children.get('decision');
  if (decision?.kind !== 'field') {
    return { rule: 'commentRequiredOnReturn' };
  }
  const returnOption = decision.component.values?.find((option) => option.value === 'return');
  return {
    rule: 'commentRequiredOnReturn',
    decisionLabel: labelOf(decision.component),
    returnLabel: returnOption?.label || undefined,
  };
}

function missingValue(node: DataNode | undefined): FailedRule {
  if (node?.kind === 'list') {
    return { rule: 'missingItems', minItems: node.minItems };
  }
  if (node?.kind !== 'field') {
    return { rule: 'missing', input: 'other' };
  }
  switch (node.component.type) {
    case 'checkbox':
      return { rule: 'missing', input: 'check' };
    case 'radio':
    case 'select':
      return { rule: 'missing', input: 'choice' };
    case 'checklist':
    case 'taglist':
      return { rule: 'missing', input: 'choices' };
    default:
      return { rule: 'missing', input: 'value' };
  }
}

function expectedValue(location: Location): ExpectedValue {
  const { node, field } = location;
  if (node === undefined && field !== undefined) {
    return 'text';
  }
  if (node?.kind === 'list') {
    return 'list';
  }
  if (node?.kind === 'object') {
    return location.steps.length === 0 ? 'submission' : 'object';
  }
  return node === undefined ? 'unknown' : expectedFieldValue(node.component);
}

function expectedFieldValue(component: FormComponent): ExpectedValue {
  switch (component.type) {
    case 'number':
      return component.decimalDigits === 0 ? 'integer' : 'number';
    case 'checkbox':
      return 'boolean';
    case 'checklist':
    case 'taglist':
      return 'choices';
    case 'datetime':
      return dateTimeValue(component.subtype);
    case 'radio':
    case 'select':
      return 'choice';
    case 'filepicker':
      return 'fileReference';
    default:
      return 'text';
  }
}

function dateTimeValue(subtype: string | undefined): ExpectedValue {
  if (subtype === 'time') {
    return 'time';
  }
  return subtype === 'datetime' ? 'dateTime' : 'date';
}

function constraintRule(location: Location, error: ErrorObject): FailedRule {
  const { field } = location;
  const params = error.params as Record<string, unknown>;
  const limit = Number(params.limit);
  switch (error.keyword) {
    case 'not':
      return { rule: 'blank' };
    case 'const':
      return { rule: 'unchecked' };
    case 'enum':
      return { rule: 'enum', options: field?.component.values ?? [] };
    case 'format':
      return { rule: 'format', format: formatOf(String(params.format)) };
    case 'pattern':
      return {
        rule: 'pattern',
        pattern: String(params.pattern),
        patternErrorMessage: field?.component.validate?.patternErrorMessage || undefined,
      };
    case 'minLength':
      return { rule: 'minLength', limit };
    case 'maxLength':
      return { rule: 'maxLength', limit, length: textLength(error.data) };
    case 'minimum':
    case 'formatMinimum':
      return { rule: 'minimum', limit };
    case 'maximum':
    case 'formatMaximum':
      return { rule: 'maximum', limit };
    default:
      return itemsRule(location, error, limit);
  }
}

function itemsRule(location: Location, error: ErrorObject, limit: number): FailedRule {
  switch (error.keyword) {
    case 'minItems':
      return location.node?.kind === 'field'
        ? { rule: 'minChoices', limit }
        : { rule: 'minItems', limit };
    case 'maxItems':
      return { rule: 'maxItems', limit };
    case 'uniqueItems':
      return { rule: 'uniqueItems' };
    default:
      return { rule: 'invalid', reason: error.message };
  }
}

/** Counts code points, as `maxLength` does, so a Vietnamese letter counts once. */
function textLength(value: unknown): number | undefined {
  return typeof value === 'string' ? Array.from(value).length : undefined;
}

const formatsByAjvName: Record<string, string> = {
  date: 'date',
  [formFormatNames.time]: 'time',
  [formFormatNames.dateTime]: 'dateTime',
  [formFormatNames.email]: 'email',
  [formFormatNames.phone]: 'phone',
  [formFormatNames.decimal]: 'decimal',
};

function formatOf(ajvName: string): string {
  return Object.hasOwn(formatsByAjvName, ajvName) ? formatsByAjvName[ajvName] : ajvName;
}
