import type { FormatDefinition } from 'ajv';

import {
  componentIssue,
  FormSchemaError,
  formSchemaMessages,
  type FormSchemaIssue,
} from './form-schema-messages.js';

/**
 * Maximum length, in code points, of a text value whose field sets no `validate.maxLength`.
 * It keeps a form submission from storing megabytes of text in a process variable.
 */
export const DEFAULT_MAX_TEXT_LENGTH = 10_000;

/** Maximum number of items in a dynamic list, checklist or taglist that sets no limit. */
export const DEFAULT_MAX_ITEMS = 1_000;

/** Dialect of the JSON Schemas that `deriveFormModel` produces. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Marks the schema parts that require `comment` when `decision` is `return`. */
export const RETURN_NEEDS_COMMENT_RULE = 'eiso:comment-required-when-decision-is-return';

/** Names of the ajv formats that the derived schemas use beyond ajv-formats' `date`. */
export const formFormatNames = {
  time: 'eiso-time',
  dateTime: 'eiso-date-time',
  email: 'eiso-email',
  phone: 'eiso-phone',
  decimal: 'eiso-decimal',
} as const;

/** One option of a radio, select, checklist or taglist. */
export interface FormOption {
  label?: string;
  value: unknown;
}

/** The `validate` block of a form-js component, plus eiso's `minItems`/`maxItems` for lists. */
export interface FormValidation {
  required?: boolean;
  minLength?: number | string;
  maxLength?: number | string;
  min?: number | string;
  max?: number | string;
  pattern?: string;
  patternErrorMessage?: string;
  validationType?: string;
  minItems?: number;
  maxItems?: number;
}

/** A component of a form-js schema, limited to the properties that eiso reads. */
export interface FormComponent {
  type: string;
  id?: string;
  key?: string;
  path?: string;
  label?: string;
  dateLabel?: string;
  timeLabel?: string;
  subtype?: string;
  components?: FormComponent[];
  values?: FormOption[];
  valuesKey?: string;
  valuesExpression?: string;
  validate?: FormValidation;
  serializeToString?: boolean;
  decimalDigits?: number;
  readonly?: boolean | string;
  disabled?: boolean;
  conditional?: { hide?: string };
}

/** A form-js schema (the content of a `.form` file). */
export interface FormSchema {
  id: string;
  type: string;
  schemaVersion?: number;
  components: FormComponent[];
}

/** A JSON Schema object, built as plain data for ajv. */
export interface JsonSchema {
  [keyword: string]: unknown;
}

/** Read-only condition of a value: always, or when any of the FEEL expressions is true. */
export interface ReadonlyRule {
  always: boolean;
  expressions: string[];
}

/** A keyed form field, the leaf of the data shape. */
export interface FieldNode {
  kind: 'field';
  component: FormComponent;
  required: boolean;
  /**
   * FEEL conditions (without the leading `=`) of the `conditional.hide` of a required field and
   * of its containers. The field is required while none of them is true.
   */
  requiredUnlessHidden?: string[];
  readonly: ReadonlyRule;
  schema: JsonSchema;
}

/** A dynamic list: an array whose items are objects of the list's nested fields. */
export interface ListNode {
  kind: 'list';
  component: FormComponent;
  required: boolean;
  /** As for a field: the hide conditions under which a required list may stay empty. */
  requiredUnlessHidden?: string[];
  readonly: ReadonlyRule;
  minItems: number;
  maxItems: number;
  item: ObjectNode;
}

/** An object of the data shape: the root, a group with `path`, or a segment of a dotted key. */
export interface ObjectNode {
  kind: 'object';
  component?: FormComponent;
  children: Map<string, DataNode>;
}

export type DataNode = FieldNode | ListNode | ObjectNode;

/** Data shape of a form together with the JSON Schema derived from it. */
export interface FormModel {
  formId: string;
  root: ObjectNode;
  jsonSchema: JsonSchema;
}

/** form-js 1.23 component types that store no value in the form data. */
const presentationTypes = new Set([
  'text',
  'html',
  'image',
  'iframe',
  'table',
  'separator',
  'spacer',
  'button',
  'documentPreview',
]);

/** form-js 1.23 component types that store a value under their `key`. */
const keyedTypes = new Set([
  'textfield',
  'textarea',
  'number',
  'datetime',
  'expression',
  'filepicker',
  'checkbox',
  'checklist',
  'radio',
  'select',
  'taglist',
]);

const containerTypes = new Set(['group', 'dynamiclist']);

/** Every component type that form-js 1.23 registers, the root type `default` included. */
export const knownComponentTypes: ReadonlySet<string> = new Set([
  ...presentationTypes,
  ...keyedTypes,
  ...containerTypes,
  'default',
]);

const forbiddenKeySegments = new Set(['__proto__', 'prototype', 'constructor']);

const blankStringSchema: JsonSchema = { type: 'string', pattern: '^\\s*$' };

interface Scope {
  formId: string;
  hidden: boolean;
  /** The `conditional.hide` expressions of the component and its containers. */
  hideWhen: string[];
  readonly: ReadonlyRule;
}

/** Creates the error, in English, for a form schema that eiso cannot use. */
export function formSchemaError(formId: string, issue: FormSchemaIssue): FormSchemaError {
  const english = formSchemaMessages('en');
  return new FormSchemaError(issue, english.inForm(formId, issue.write(english)));
}

/**
 * Derives the data shape and a JSON Schema (draft 2020-12) of the data that a form-js form
 * submits. Throws EISO_ERR_FORM_SCHEMA_INVALID when a component is unknown, has no key or
 * path where it needs one, or writes to a path that another component already uses.
 */
export function deriveFormModel(formSchema: FormSchema): FormModel {
  const root = newObjectNode();
  const scope: Scope = {
    formId: formSchema.id,
    hidden: false,
    hideWhen: [],
    readonly: { always: false, expressions: [] },
  };
  addComponents(formSchema.components, root, scope);
  const jsonSchema: JsonSchema = {
    $schema: JSON_SCHEMA_DIALECT,
    title: formSchema.id,
    ...objectSchema(root),
  };
  return { formId: formSchema.id, root, jsonSchema };
}

function newObjectNode(component?: FormComponent): ObjectNode {
  return { kind: 'object', component, children: new Map() };
}

function addComponents(components: FormComponent[], target: ObjectNode, scope: Scope): void {
  for (const component of components) {
    addComponent(component, target, scope);
  }
}

function addComponent(component: FormComponent, target: ObjectNode, parentScope: Scope): void {
  if (presentationTypes.has(component.type)) {
    return;
  }
  const scope = childScope(component, parentScope);
  if (component.type === 'group') {
    addGroup(component, target, scope);
  } else if (component.type === 'dynamiclist') {
    addList(component, target, scope);
  } else if (keyedTypes.has(component.type)) {
    addField(component, target, scope);
  } else {
    throw formSchemaError(
      scope.formId,
      componentIssue(component, (say, name) => say.unknownType(name)),
    );
  }
}

function childScope(component: FormComponent, parent: Scope): Scope {
  const expressions = [...parent.readonly.expressions];
  if (typeof component.readonly === 'string' && component.readonly.startsWith('=')) {
    expressions.push(component.readonly.slice(1));
  }
  const hide = component.conditional?.hide;
  return {
    formId: parent.formId,
    hidden: parent.hidden || Boolean(hide),
    hideWhen: hide ? [...parent.hideWhen, hide.replace(/^=/, '')] : parent.hideWhen,
    readonly: {
      always: parent.readonly.always || component.readonly === true || component.disabled === true,
      expressions,
    },
  };
}

function addGroup(component: FormComponent, target: ObjectNode, scope: Scope): void {
  const nestedComponents = component.components ?? [];
  if (component.path === undefined || component.path === '') {
    addComponents(nestedComponents, target, scope);
    return;
  }
  const segments = parsePath(component.path, component, scope);
  const groupNode = objectAt(target, segments, component, scope);
  groupNode.component ??= component;
  addComponents(nestedComponents, groupNode, scope);
}

function addList(component: FormComponent, target: ObjectNode, scope: Scope): void {
  if (!component.path) {
    throw formSchemaError(
      scope.formId,
      componentIssue(component, (say, name) => say.noPath(name)),
    );
  }
  const minItems = listMinItems(component);
  const list: ListNode = {
    kind: 'list',
    component,
    required: minItems > 0 && isRequirable(scope),
    requiredUnlessHidden: minItems > 0 ? hideConditions(scope) : undefined,
    readonly: scope.readonly,
    minItems,
    maxItems: component.validate?.maxItems ?? DEFAULT_MAX_ITEMS,
    item: newObjectNode(),
  };
  placeLeaf(target, parsePath(component.path, component, scope), list, scope);
  addComponents(component.components ?? [], list.item, scope);
}

function listMinItems(component: FormComponent): number {
  const minItems = component.validate?.minItems;
  if (typeof minItems === 'number' && minItems > 0) {
    return minItems;
  }
  return component.validate?.required === true ? 1 : 0;
}

function addField(component: FormComponent, target: ObjectNode, scope: Scope): void {
  if (!component.key) {
    throw formSchemaError(
      scope.formId,
      componentIssue(component, (say, name) => say.noKey(name)),
    );
  }
  const required = component.validate?.required === true && isRequirable(scope);
  const field: FieldNode = {
    kind: 'field',
    component,
    required,
    requiredUnlessHidden: component.validate?.required === true ? hideConditions(scope) : undefined,
    readonly: scope.readonly,
    schema: fieldSchema(component, required, scope),
  };
  placeLeaf(target, parsePath(component.key, component, scope), field, scope);
}

// A required field that a `conditional.hide` may hide is optional in the JSON Schema, because
// the validator checks it against each submission. A field that may be read-only stays optional.
function isRequirable(scope: Scope): boolean {
  return !scope.hidden && !scope.readonly.always && scope.readonly.expressions.length === 0;
}

function hideConditions(scope: Scope): string[] | undefined {
  const shownOnlySometimes = scope.hideWhen.length > 0;
  const editable = !scope.readonly.always && scope.readonly.expressions.length === 0;
  return shownOnlySometimes && editable ? scope.hideWhen : undefined;
}

function parsePath(path: string, component: FormComponent, scope: Scope): string[] {
  const segments = path.split('.');
  for (const segment of segments) {
    if (segment === '' || forbiddenKeySegments.has(segment)) {
      throw formSchemaError(
        scope.formId,
        componentIssue(component, (say, name) => say.invalidPath(name, path)),
      );
    }
  }
  return segments;
}

function objectAt(
  target: ObjectNode,
  segments: string[],
  component: FormComponent,
  scope: Scope,
): ObjectNode {
  let current = target;
  for (const segment of segments) {
    const existing = current.children.get(segment);
    if (existing === undefined) {
      const created = newObjectNode();
      current.children.set(segment, created);
      current = created;
    } else if (existing.kind === 'object') {
      current = existing;
    } else {
      throw pathConflict(component, existing, scope);
    }
  }
  return current;
}

function placeLeaf(
  target: ObjectNode,
  segments: string[],
  node: FieldNode | ListNode,
  scope: Scope,
): void {
  const parent = objectAt(target, segments.slice(0, -1), node.component, scope);
  const last = segments[segments.length - 1];
  const existing = parent.children.get(last);
  if (existing !== undefined) {
    throw pathConflict(node.component, existing, scope);
  }
  parent.children.set(last, node);
}

function pathConflict(component: FormComponent, existing: DataNode, scope: Scope): FormSchemaError {
  const path = component.key ?? component.path ?? '';
  const other = existing.component;
  return formSchemaError(
    scope.formId,
    componentIssue(component, (say, name) =>
      say.pathConflict(name, path, other ? say.component(other) : null),
    ),
  );
}

function fieldSchema(component: FormComponent, required: boolean, scope: Scope): JsonSchema {
  switch (component.type) {
    case 'textfield':
    case 'textarea':
      return textSchema(component, required, scope);
    case 'number':
      return numberSchema(component, required);
    case 'checkbox':
      return required ? { type: 'boolean', const: true } : { type: ['boolean', 'null'] };
    case 'radio':
    case 'select':
      return singleChoiceSchema(component, required);
    case 'checklist':
    case 'taglist':
      return multipleChoiceSchema(component, required);
    case 'datetime':
      return datetimeSchema(component, required);
    case 'filepicker':
      return filePickerSchema(required);
    default:
      return expressionSchema();
  }
}

function textSchema(component: FormComponent, required: boolean, scope: Scope): JsonSchema {
  const validate = component.validate ?? {};
  const schema: JsonSchema = {
    type: required ? 'string' : ['string', 'null'],
    maxLength: staticNumber(validate.maxLength) ?? DEFAULT_MAX_TEXT_LENGTH,
  };
  const constraints = textConstraints(component, scope);
  if (required) {
    return { ...schema, ...constraints, not: blankStringSchema };
  }
  if (Object.keys(constraints).length === 0) {
    return schema;
  }
  // form-js skips these checks for an empty value, so an optional field may stay empty.
  return {
    ...schema,
    if: { type: 'string', minLength: 1 },
    then: { type: 'string', ...constraints },
  };
}

function textConstraints(component: FormComponent, scope: Scope): JsonSchema {
  const validate = component.validate ?? {};
  const constraints: JsonSchema = {};
  const minLength = staticNumber(validate.minLength);
  if (minLength !== undefined && minLength > 0) {
    constraints.minLength = minLength;
  }
  if (validate.pattern) {
    constraints.pattern = checkedPattern(validate.pattern, component, scope);
  }
  if (validate.validationType === 'email') {
    constraints.format = formFormatNames.email;
  } else if (validate.validationType === 'phone') {
    constraints.format = formFormatNames.phone;
  }
  return constraints;
}

function checkedPattern(pattern: string, component: FormComponent, scope: Scope): string {
  try {
    new RegExp(pattern);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw formSchemaError(
      scope.formId,
      componentIssue(component, (say, name) => say.invalidPattern(name, reason)),
    );
  }
  return pattern;
}

/** Returns a limit that is a number or a numeric string, and undefined for a FEEL expression. */
function staticNumber(value: number | string | undefined): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return undefined;
}

// NOTE: decimalDigits above 0 and `increment` are checked only by the form-js viewer.
function numberSchema(component: FormComponent, required: boolean): JsonSchema {
  const numericType = component.decimalDigits === 0 ? 'integer' : 'number';
  const types: string[] = [numericType];
  if (component.serializeToString === true) {
    types.push('string');
  }
  if (!required) {
    types.push('null');
  }
  const schema: JsonSchema = { type: types.length === 1 ? numericType : types };
  const min = staticNumber(component.validate?.min);
  const max = staticNumber(component.validate?.max);
  if (min !== undefined) {
    schema.minimum = min;
  }
  if (max !== undefined) {
    schema.maximum = max;
  }
  if (component.serializeToString === true) {
    schema.if = { type: 'string' };
    schema.then = numericStringSchema(min, max);
  }
  return schema;
}

function numericStringSchema(min: number | undefined, max: number | undefined): JsonSchema {
  const schema: JsonSchema = {
    type: 'string',
    format: formFormatNames.decimal,
  };
  if (min !== undefined) {
    schema.formatMinimum = String(min);
  }
  if (max !== undefined) {
    schema.formatMaximum = String(max);
  }
  return schema;
}

function staticValues(component: FormComponent): unknown[] | undefined {
  if (component.valuesKey || component.valuesExpression || !Array.isArray(component.values)) {
    return undefined;
  }
  return component.values.map((option) => option.value);
}

function singleChoiceSchema(component: FormComponent, required: boolean): JsonSchema {
  const values = staticValues(component);
  if (values !== undefined) {
    return { enum: required ? values : [...values, null] };
  }
  const schema: JsonSchema = {
    type: required ? 'string' : ['string', 'null'],
    maxLength: DEFAULT_MAX_TEXT_LENGTH,
  };
  return required ? { ...schema, not: blankStringSchema } : schema;
}

function multipleChoiceSchema(component: FormComponent, required: boolean): JsonSchema {
  const values = staticValues(component);
  const items: JsonSchema =
    values === undefined
      ? { type: 'string', maxLength: DEFAULT_MAX_TEXT_LENGTH }
      : { enum: values };
  const schema: JsonSchema = {
    type: required ? 'array' : ['array', 'null'],
    items,
    uniqueItems: true,
    maxItems: DEFAULT_MAX_ITEMS,
  };
  return required ? { ...schema, minItems: 1 } : schema;
}

function datetimeSchema(component: FormComponent, required: boolean): JsonSchema {
  const formats: Record<string, string> = {
    date: 'date',
    time: formFormatNames.time,
    datetime: formFormatNames.dateTime,
  };
  const format = formats[component.subtype ?? 'date'] ?? 'date';
  if (required) {
    return { type: 'string', format };
  }
  return {
    type: ['string', 'null'],
    maxLength: DEFAULT_MAX_TEXT_LENGTH,
    if: { type: 'string', minLength: 1 },
    then: { type: 'string', format },
  };
}

/** Describes a file picker value, a generated reference that starts with `files::`. */
function filePickerSchema(required: boolean): JsonSchema {
  if (required) {
    return { type: 'string', minLength: 1, maxLength: DEFAULT_MAX_TEXT_LENGTH };
  }
  return { type: ['string', 'null'], maxLength: DEFAULT_MAX_TEXT_LENGTH };
}

// NOTE: an expression field's value is computed by the form-js viewer from a FEEL expression,
// so any JSON value passes here. A caller that relies on it must recompute it.
function expressionSchema(): JsonSchema {
  return { maxLength: DEFAULT_MAX_TEXT_LENGTH };
}

function objectSchema(node: ObjectNode): JsonSchema {
  const properties: [string, JsonSchema][] = [];
  const required: string[] = [];
  for (const [key, child] of node.children) {
    properties.push([key, nodeSchema(child)]);
    if (isRequiredNode(child)) {
      required.push(key);
    }
  }
  const schema: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(properties),
    additionalProperties: false,
  };
  if (required.length > 0) {
    schema.required = required;
  }
  return hasApprovalFields(node) ? { ...schema, ...returnNeedsCommentSchema() } : schema;
}

function nodeSchema(node: DataNode): JsonSchema {
  if (node.kind === 'field') {
    return node.schema;
  }
  if (node.kind === 'object') {
    return objectSchema(node);
  }
  const schema: JsonSchema = {
    type: node.required ? 'array' : ['array', 'null'],
    items: objectSchema(node.item),
    maxItems: node.maxItems,
  };
  if (node.minItems > 0) {
    schema.minItems = node.minItems;
  }
  return schema;
}

/** Tells whether the data must contain the node's key. */
export function isRequiredNode(node: DataNode): boolean {
  if (node.kind !== 'object') {
    return node.required;
  }
  return [...node.children.values()].some(isRequiredNode);
}

/**
 * Tells whether an object has the approval pair of every eiso procedure: a `decision` field
 * with the static values `approve` and `return`, and a text field `comment`.
 */
export function hasApprovalFields(node: ObjectNode): boolean {
  const decision = node.children.get('decision');
  const comment = node.children.get('comment');
  if (decision?.kind !== 'field' || comment?.kind !== 'field') {
    return false;
  }
  const values = staticValues(decision.component) ?? [];
  const isTextComment =
    comment.component.type === 'textarea' || comment.component.type === 'textfield';
  return values.includes('approve') && values.includes('return') && isTextComment;
}

function returnNeedsCommentSchema(): JsonSchema {
  return {
    if: {
      type: 'object',
      required: ['decision'],
      properties: { decision: { const: 'return' } },
    },
    then: {
      $comment: RETURN_NEEDS_COMMENT_RULE,
      required: ['comment'],
      properties: {
        comment: {
          $comment: RETURN_NEEDS_COMMENT_RULE,
          type: 'string',
          not: blankStringSchema,
        },
      },
    },
  };
}

const timePattern =
  /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/i;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Email check of the form-js 1.23 viewer (`EMAIL_PATTERN` in its Validator). */
const emailPattern =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/**
 * International phone number: `+` or `00`, then 6 to 26 digits. The form-js 1.23 viewer also
 * checks the country code against its own list, so it rejects some numbers that pass here.
 */
const phonePattern = /^(\+|00)[1-9]\d{5,25}$/;

const decimalPattern = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function isCalendarDate(value: string): boolean {
  const match = datePattern.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Accepts what the form-js datetime field writes, such as `2026-12-31T17:30+07:00`. */
function isFormDateTime(value: string): boolean {
  const separator = value.indexOf('T');
  if (separator < 0) {
    return false;
  }
  return isCalendarDate(value.slice(0, separator)) && timePattern.test(value.slice(separator + 1));
}

function compareDecimals(left: string, right: string): number {
  return Math.sign(Number(left) - Number(right));
}

/** ajv format definitions for the values that form-js fields write. */
export const formFormats: Record<string, FormatDefinition<string>> = {
  [formFormatNames.time]: {
    type: 'string',
    validate: (value) => timePattern.test(value),
  },
  [formFormatNames.dateTime]: { type: 'string', validate: isFormDateTime },
  [formFormatNames.email]: {
    type: 'string',
    validate: (value) => emailPattern.test(value),
  },
  [formFormatNames.phone]: {
    type: 'string',
    validate: (value) => phonePattern.test(value),
  },
  [formFormatNames.decimal]: {
    type: 'string',
    validate: (value) => decimalPattern.test(value) && Number.isFinite(Number(value)),
    compare: compareDecimals,
  },
};
