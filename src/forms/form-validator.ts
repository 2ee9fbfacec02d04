import { createHash } from 'node:crypto';

import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { evaluate } from 'feelin';

import { EisoError } from '../errors.js';
import type { FieldError } from '../errors.js';
import {
  RETURN_NEEDS_COMMENT_RULE,
  deriveFormModel,
  describeComponent,
  formFormatNames,
  formFormats,
  formSchemaError,
  knownComponentTypes,
} from './form-schema.js';
import type {
  DataNode,
  FieldNode,
  FormComponent,
  FormModel,
  FormSchema,
  ObjectNode,
  JsonSchema,
  ReadonlyRule,
} from './form-schema.js';

/** Variables available to the form while the user fills it in, such as `departmentOptions`. */
export interface ValidationContext {
  variables?: Record<string, unknown>;
}

interface CompiledForm {
  model: FormModel;
  validate: ValidateFunction;
}

/** Maximum number of compiled forms cached by checksum. A live schema object stays cached too. */
const MAX_CACHED_FORMS = 200;

/** Maximum number of field messages that the message of EISO_ERR_FORM_INVALID repeats. */
const MAX_ERRORS_IN_MESSAGE = 5;

const ajv = createAjv();
const compiledBySchema = new WeakMap<FormSchema, CompiledForm>();
const compiledByChecksum = new Map<string, CompiledForm>();

function createAjv(): Ajv2020 {
  const instance = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    allowUnionTypes: true,
    // form-js compiles `validate.pattern` with `new RegExp(pattern)`, without the `u` flag.
    unicodeRegExp: false,
  });
  ajvFormats.default(instance, { formats: ['date'], keywords: true });
  for (const [name, definition] of Object.entries(formFormats)) {
    instance.addFormat(name, definition);
  }
  return instance;
}

/**
 * Validates the data that a user submits with a form-js form. Returns one FieldError for each
 * invalid field, with a JSON pointer path such as `/objectives/0/targetValue`, or an empty
 * array. With `context.variables`, a value of a select, radio, checklist or taglist whose
 * options come from `valuesKey` must also be one of those options.
 */
export function validateSubmission(
  formSchema: FormSchema,
  data: unknown,
  context: ValidationContext = {},
): FieldError[] {
  const { model, validate } = compiledForm(formSchema);
  const schemaErrors = validate(data) ? [] : toFieldErrors(model, validate.errors ?? []);
  const reportedPaths = new Set(schemaErrors.map((error) => error.path));
  const optionErrors = checkDynamicOptions(model, data, context).filter(
    (error) => !reportedPaths.has(error.path),
  );
  return sortByFormOrder(model, [...schemaErrors, ...optionErrors]);
}

/** Validates a submission and throws EISO_ERR_FORM_INVALID with every FieldError when invalid. */
export function assertValidSubmission(
  formSchema: FormSchema,
  data: unknown,
  context: ValidationContext = {},
): void {
  const errors = validateSubmission(formSchema, data, context);
  if (errors.length === 0) {
    return;
  }
  const count = errors.length === 1 ? '1 invalid field' : `${errors.length} invalid fields`;
  const listed = errors.slice(0, MAX_ERRORS_IN_MESSAGE).map((error) => error.message);
  if (errors.length > MAX_ERRORS_IN_MESSAGE) {
    listed.push(`See the details for the other ${errors.length - MAX_ERRORS_IN_MESSAGE}.`);
  }
  const message = `Form ${formSchema.id} has ${count}: ${listed.join(' ')}`;
  throw new EisoError('EISO_ERR_FORM_INVALID', message, errors);
}

function compiledForm(formSchema: FormSchema): CompiledForm {
  const cached = compiledBySchema.get(formSchema);
  if (cached !== undefined) {
    return cached;
  }
  const checksum = createHash('sha256').update(JSON.stringify(formSchema)).digest('hex');
  let compiled = compiledByChecksum.get(checksum);
  if (compiled === undefined) {
    compiled = compileForm(formSchema);
    rememberCompiledForm(checksum, compiled);
  }
  compiledBySchema.set(formSchema, compiled);
  return compiled;
}

function compileForm(formSchema: FormSchema): CompiledForm {
  const model = deriveFormModel(formSchema);
  try {
    return { model, validate: ajv.compile(model.jsonSchema) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw formSchemaError(formSchema.id, `its derived JSON Schema does not compile: ${reason}`);
  }
}

function rememberCompiledForm(checksum: string, compiled: CompiledForm): void {
  compiledByChecksum.set(checksum, compiled);
  if (compiledByChecksum.size <= MAX_CACHED_FORMS) {
    return;
  }
  const [oldestChecksum, oldest] = compiledByChecksum.entries().next().value ?? [];
  if (oldestChecksum !== undefined && oldest !== undefined) {
    compiledByChecksum.delete(oldestChecksum);
    ajv.removeSchema(oldest.model.jsonSchema);
  }
}

/** Keyword order that picks the one error to report when a field fails several checks. */
const keywordPriority = [
  'type',
  'required',
  'not',
  'const',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'formatMinimum',
  'formatMaximum',
  'minItems',
  'maxItems',
  'uniqueItems',
];

function priorityOf(keyword: string): number {
  const index = keywordPriority.indexOf(keyword);
  return index < 0 ? keywordPriority.length : index;
}

function toFieldErrors(model: FormModel, errors: ErrorObject[]): FieldError[] {
  const chosen = new Map<string, ErrorObject>();
  for (const error of errors) {
    // An `if` error only repeats the failure of its `then` branch, which ajv also reports.
    if (error.keyword === 'if') {
      continue;
    }
    const path = errorPath(error);
    const current = chosen.get(path);
    if (current === undefined || priorityOf(error.keyword) < priorityOf(current.keyword)) {
      chosen.set(path, error);
    }
  }
  return [...chosen].map(([path, error]) => ({
    path,
    message: describeFieldError(model, path, error),
  }));
}

function errorPath(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const child = params.missingProperty ?? params.additionalProperty;
  if (typeof child === 'string') {
    return `${error.instancePath}/${escapePointerSegment(child)}`;
  }
  return error.instancePath;
}

/** Sorts errors in the order in which the form shows the fields, so messages read top down. */
function sortByFormOrder(model: FormModel, errors: FieldError[]): FieldError[] {
  const keyed = errors.map((error) => ({
    error,
    order: formOrder(model, error.path),
  }));
  keyed.sort((left, right) => compareOrders(left.order, right.order));
  return keyed.map(({ error }) => error);
}

function formOrder(model: FormModel, path: string): number[] {
  const segments = path === '' ? [] : path.slice(1).split('/').map(unescapePointerSegment);
  const order: number[] = [];
  let node: DataNode | undefined = model.root;
  for (const segment of segments) {
    if (node?.kind === 'object') {
      const keys = [...node.children.keys()];
      const index = keys.indexOf(segment);
      // Unknown keys sort after the form's own fields.
      order.push(index < 0 ? keys.length : index);
      node = node.children.get(segment);
    } else {
      order.push(Number(segment));
      node = node?.kind === 'list' ? node.item : undefined;
    }
  }
  return order;
}

function compareOrders(left: number[], right: number[]): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    if (left[index] !== right[index]) {
      return left[index] - right[index];
    }
  }
  return left.length - right.length;
}

/** Escapes a key for a JSON pointer (RFC 6901). */
export function escapePointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkDynamicOptions(
  model: FormModel,
  data: unknown,
  context: ValidationContext,
): FieldError[] {
  const variables = context.variables ?? {};
  const errors: FieldError[] = [];
  if (isPlainObject(data)) {
    checkObjectOptions(model, model.root, data, '', variables, errors);
  }
  return errors;
}

function checkObjectOptions(
  model: FormModel,
  node: ObjectNode,
  data: Record<string, unknown>,
  path: string,
  variables: Record<string, unknown>,
  errors: FieldError[],
): void {
  for (const [key, child] of node.children) {
    const value = data[key];
    const childPath = `${path}/${escapePointerSegment(key)}`;
    if (!Object.hasOwn(data, key)) {
      continue;
    }
    if (child.kind === 'object' && isPlainObject(value)) {
      checkObjectOptions(model, child, value, childPath, variables, errors);
    } else if (child.kind === 'list' && Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        if (isPlainObject(item)) {
          checkObjectOptions(model, child.item, item, `${childPath}/${index}`, variables, errors);
        }
      });
    } else if (child.kind === 'field') {
      errors.push(...checkFieldOptions(model, child, value, childPath, variables));
    }
  }
}

function checkFieldOptions(
  model: FormModel,
  field: FieldNode,
  value: unknown,
  path: string,
  variables: Record<string, unknown>,
): FieldError[] {
  const valuesKey = field.component.valuesKey;
  const options = valuesKey ? variables[valuesKey] : undefined;
  if (!valuesKey || !Array.isArray(options)) {
    return [];
  }
  const allowed = options.map(optionValue).filter((option) => option !== undefined);
  const values = Array.isArray(value) ? value : [value];
  const errors: FieldError[] = [];
  values.forEach((candidate: unknown, index) => {
    if (
      candidate === null ||
      candidate === '' ||
      allowed.some((option) => isSameValue(option, candidate))
    ) {
      return;
    }
    const itemPath = Array.isArray(value) ? `${path}/${index}` : path;
    errors.push({
      path: itemPath,
      message: describeOptionError(model, itemPath, valuesKey, options),
    });
  });
  return errors;
}

/** Returns the value of an option as form-js normalizes it: a primitive or `{ value }`. */
export function optionValue(option: unknown): unknown {
  if (isPlainObject(option)) {
    return option.value;
  }
  return option;
}

function isSameValue(left: unknown, right: unknown): boolean {
  if (typeof left === 'object' && left !== null) {
    return JSON.stringify(left) === JSON.stringify(right);
  }
  return left === right;
}

/**
 * Removes the values of read-only and disabled fields from a submission, so a user cannot
 * overwrite data that the form only shows. A FEEL `readonly` expression is evaluated against
 * the submitted data overlaid with the context variables, so a submitted value cannot unlock a
 * field, and a value whose expression fails to evaluate is removed as well. Returns a copy and
 * leaves `data` unchanged.
 */
export function stripReadonlyFields(
  formSchema: FormSchema,
  data: Record<string, unknown>,
  context: ValidationContext = {},
): Record<string, unknown> {
  const { model } = compiledForm(formSchema);
  const feelContext = { ...data, ...(context.variables ?? {}) };
  return stripObject(model.root, data, feelContext);
}

function stripObject(
  node: ObjectNode,
  data: Record<string, unknown>,
  feelContext: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...data };
  for (const [key, child] of node.children) {
    if (Object.hasOwn(result, key)) {
      stripChild(result, key, child, feelContext);
    }
  }
  return result;
}

function stripChild(
  result: Record<string, unknown>,
  key: string,
  child: DataNode,
  feelContext: Record<string, unknown>,
): void {
  const value = result[key];
  if (child.kind !== 'object' && isReadonly(child.readonly, feelContext)) {
    delete result[key];
  } else if (child.kind === 'object' && isPlainObject(value)) {
    result[key] = stripObject(child, value, feelContext);
  } else if (child.kind === 'list' && Array.isArray(value)) {
    result[key] = value.map((item: unknown) =>
      isPlainObject(item) ? stripObject(child.item, item, { ...feelContext, this: item }) : item,
    );
  }
}

function isReadonly(rule: ReadonlyRule, feelContext: Record<string, unknown>): boolean {
  if (rule.always) {
    return true;
  }
  return rule.expressions.some((expression) => {
    try {
      return evaluate(expression, feelContext).value === true;
    } catch {
      // A broken expression must not let the user overwrite data that may be read-only.
      return true;
    }
  });
}

/**
 * Parses the content of a `.form` file and checks that it is a form-js schema that eiso can
 * validate submissions against. Throws EISO_ERR_FORM_SCHEMA_INVALID naming the problem.
 */
export function parseFormSchema(json: string, resourceName: string): FormSchema {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw schemaProblem(resourceName, `is not valid JSON (${reason}).`);
  }
  const schema = checkFormRoot(parsed, resourceName);
  checkComponents(schema.components, resourceName);
  try {
    compiledForm(schema);
  } catch (error) {
    if (error instanceof EisoError) {
      throw schemaProblem(resourceName, `is not usable: ${error.message}`);
    }
    throw error;
  }
  return schema;
}

function schemaProblem(resourceName: string, problem: string): EisoError {
  return new EisoError('EISO_ERR_FORM_SCHEMA_INVALID', `Form file ${resourceName} ${problem}`);
}

function checkFormRoot(parsed: unknown, resourceName: string): FormSchema {
  if (!isPlainObject(parsed)) {
    throw schemaProblem(resourceName, 'must contain a JSON object, the form-js schema.');
  }
  if (typeof parsed.id !== 'string' || parsed.id.trim() === '') {
    throw schemaProblem(resourceName, 'has no "id". Set "id" to the form ID that tasks reference.');
  }
  if (parsed.type !== 'default') {
    throw schemaProblem(
      resourceName,
      `has "type" ${JSON.stringify(parsed.type)}. A form-js schema has "type": "default".`,
    );
  }
  if (!Array.isArray(parsed.components)) {
    throw schemaProblem(resourceName, 'has no "components" array. Add the form fields there.');
  }
  if (parsed.schemaVersion !== undefined && typeof parsed.schemaVersion !== 'number') {
    throw schemaProblem(resourceName, 'has a "schemaVersion" that is not a number.');
  }
  return parsed as unknown as FormSchema;
}

function checkComponents(components: unknown[], resourceName: string): void {
  components.forEach((component, index) => {
    if (!isPlainObject(component) || typeof component.type !== 'string') {
      throw schemaProblem(resourceName, `has component ${index + 1} without a string "type".`);
    }
    const typed = component as unknown as FormComponent;
    if (!knownComponentTypes.has(typed.type) || typed.type === 'default') {
      throw schemaProblem(
        resourceName,
        `has ${describeComponent(typed)}, which is not a form-js 1.23 component type.`,
      );
    }
    if (component.components !== undefined) {
      if (!Array.isArray(component.components)) {
        throw schemaProblem(
          resourceName,
          `has ${describeComponent(typed)} whose "components" is not an array.`,
        );
      }
      checkComponents(component.components, resourceName);
    }
  });
}

/** Target of a JSON pointer into a submission: the node there and its name in messages. */
interface Location {
  node: DataNode | undefined;
  field: FieldNode | undefined;
  subject: string;
}

function locate(model: FormModel, path: string): Location {
  const segments = path === '' ? [] : path.slice(1).split('/').map(unescapePointerSegment);
  let node: DataNode | undefined = model.root;
  let field: FieldNode | undefined;
  let subject = 'The submission';
  let suffix = '';
  for (const segment of segments) {
    if (node?.kind === 'object') {
      node = node.children.get(segment);
      field = node?.kind === 'field' ? node : undefined;
      subject = (node === undefined ? `"${segment}"` : nameOf(node, segment)) + suffix;
    } else if (node?.kind === 'list') {
      suffix = ` in item ${Number(segment) + 1} of ${subject}`;
      subject = `Item ${Number(segment) + 1} of ${subject}`;
      node = node.item;
    } else {
      // Past a field, the segment is an index into a checklist or taglist value.
      subject = `Value ${Number(segment) + 1} of ${subject}`;
      node = undefined;
    }
  }
  return { node, field, subject };
}

function unescapePointerSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Names a field by its key in English words and its label, as in "Target value (Chỉ tiêu)". */
function nameOf(node: DataNode, key: string): string {
  const englishName = humanizeKey(key);
  const label = node.component ? labelOf(node.component) : undefined;
  return label ? `${englishName} (${label})` : englishName;
}

function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function labelOf(component: FormComponent): string | undefined {
  const label = component.label ?? component.dateLabel ?? component.timeLabel;
  // A FEEL expression or a template is not readable as a name.
  if (!label || label.startsWith('=') || label.includes('{{')) {
    return undefined;
  }
  return label.trim();
}

function describeFieldError(model: FormModel, path: string, error: ErrorObject): string {
  const location = locate(model, path);
  const parentSchema = error.parentSchema as JsonSchema | undefined;
  if (parentSchema?.$comment === RETURN_NEEDS_COMMENT_RULE) {
    return `${location.subject} is required when the decision is "return". Explain what must be changed.`;
  }
  if (error.keyword === 'additionalProperties') {
    return `${location.subject} is not a field of form ${model.formId}. Remove it from the submission.`;
  }
  if (error.keyword === 'required') {
    return describeMissingValue(location);
  }
  if (error.keyword === 'type') {
    return `${location.subject} ${expectedValue(location)}.`;
  }
  return describeConstraintError(location, error);
}

function describeMissingValue(location: Location): string {
  const { node, subject } = location;
  if (node?.kind === 'list') {
    return `${subject} is required. Add at least ${itemCount(node.minItems)}.`;
  }
  if (node?.kind !== 'field') {
    return `${subject} is required.`;
  }
  const type = node.component.type;
  if (type === 'checkbox') {
    return `${subject} must be checked.`;
  }
  if (type === 'radio' || type === 'select') {
    return `${subject} is required. Choose one of the options.`;
  }
  if (type === 'checklist' || type === 'taglist') {
    return `${subject} is required. Choose at least one option.`;
  }
  return `${subject} is required. Enter a value.`;
}

function itemCount(count: number): string {
  return count === 1 ? '1 item' : `${count} items`;
}

/** Describes the value that a location accepts, as the end of a sentence about it. */
function expectedValue(location: Location): string {
  const { node, field } = location;
  if (node === undefined && field !== undefined) {
    return 'must be text';
  }
  if (node?.kind === 'list') {
    return 'must be a list of items';
  }
  if (node?.kind === 'object') {
    return location.subject === 'The submission'
      ? "must be a JSON object whose keys are the form's fields"
      : 'must be an object of fields';
  }
  return node === undefined ? 'has an invalid value' : expectedFieldValue(node.component);
}

function expectedFieldValue(component: FormComponent): string {
  switch (component.type) {
    case 'number':
      return component.decimalDigits === 0
        ? 'must be a whole number, such as 5'
        : 'must be a number, such as 98 or 12.5';
    case 'checkbox':
      return 'must be true or false';
    case 'checklist':
    case 'taglist':
      return 'must be a list of the chosen values';
    case 'datetime':
      return `must be ${dateTimeExample(component.subtype)}`;
    case 'radio':
    case 'select':
      return 'must be one of the options';
    case 'filepicker':
      return 'must be a file reference';
    default:
      return 'must be text';
  }
}

function dateTimeExample(subtype: string | undefined): string {
  if (subtype === 'time') {
    return 'a time in the form HH:mm, such as 14:30, optionally followed by Z or an offset such as +07:00';
  }
  if (subtype === 'datetime') {
    return 'a date and time in the form YYYY-MM-DDTHH:mm, such as 2026-12-31T14:30+07:00';
  }
  return 'a date in the form YYYY-MM-DD, such as 2026-12-31';
}

function describeConstraintError(location: Location, error: ErrorObject): string {
  const { subject, field } = location;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'not':
      return `${subject} is required and must not be blank. Enter a value.`;
    case 'const':
      return `${subject} must be checked.`;
    case 'enum':
      return `${subject} must be one of: ${describeStaticOptions(field)}.`;
    case 'format':
      return `${subject} must be ${describeFormat(String(params.format))}.`;
    case 'pattern':
      return describePatternError(subject, field, String(params.pattern));
    case 'minLength':
      return `${subject} must be at least ${String(params.limit)} characters long.`;
    case 'maxLength':
      return `${subject} must be at most ${String(params.limit)} characters long, but it has ${textLength(error.data)}. Shorten it.`;
    case 'minimum':
    case 'formatMinimum':
      return `${subject} must be at least ${String(params.limit)}.`;
    case 'maximum':
    case 'formatMaximum':
      return `${subject} must be at most ${String(params.limit)}.`;
    default:
      return describeItemsError(location, error);
  }
}

function describeItemsError(location: Location, error: ErrorObject): string {
  const { subject } = location;
  const limit = Number((error.params as Record<string, unknown>).limit);
  switch (error.keyword) {
    case 'minItems':
      return location.node?.kind === 'field'
        ? `${subject} is required. Choose at least ${limit === 1 ? 'one option' : `${limit} options`}.`
        : `${subject} must have at least ${itemCount(limit)}. Add ${limit === 1 ? 'one' : 'more'}.`;
    case 'maxItems':
      return `${subject} must have at most ${itemCount(limit)}. Remove the extra ones.`;
    case 'uniqueItems':
      return `${subject} contains the same value twice. Remove the duplicate.`;
    default:
      return `${subject} is invalid: it ${error.message ?? 'fails a check'}. Correct the value.`;
  }
}

function textLength(value: unknown): string {
  return typeof value === 'string' ? String(Array.from(value).length) : 'more';
}

function describeStaticOptions(field: FieldNode | undefined): string {
  const options = field?.component.values ?? [];
  return options
    .map((option) => {
      const value = JSON.stringify(option.value);
      return option.label ? `${value} (${option.label})` : value;
    })
    .join(', ');
}

function describeFormat(format: string): string {
  switch (format) {
    case 'date':
      return dateTimeExample('date');
    case formFormatNames.time:
      return dateTimeExample('time');
    case formFormatNames.dateTime:
      return dateTimeExample('datetime');
    case formFormatNames.email:
      return 'an email address, such as name@example.gov.vn';
    case formFormatNames.phone:
      return 'an international phone number that starts with + and the country code, such as +84912345678';
    case formFormatNames.decimal:
      return 'a number, such as 98 or 12.5';
    default:
      return `in the format ${format}`;
  }
}

function describePatternError(
  subject: string,
  field: FieldNode | undefined,
  pattern: string,
): string {
  const customMessage = field?.component.validate?.patternErrorMessage;
  if (customMessage) {
    return `${subject} does not have the expected format: ${customMessage}`;
  }
  return `${subject} must match the pattern ${pattern}.`;
}

/** Maximum number of options listed in a message about a value outside the options. */
const MAX_OPTIONS_IN_MESSAGE = 20;

function describeOptionError(
  model: FormModel,
  path: string,
  valuesKey: string,
  options: unknown[],
): string {
  const { subject } = locate(model, path);
  const listed = options.slice(0, MAX_OPTIONS_IN_MESSAGE).map(describeOption).join(', ');
  const more =
    options.length > MAX_OPTIONS_IN_MESSAGE
      ? `, and ${options.length - MAX_OPTIONS_IN_MESSAGE} more`
      : '';
  return `${subject} must be one of the options in ${valuesKey}: ${listed}${more}.`;
}

function describeOption(option: unknown): string {
  const value = JSON.stringify(optionValue(option));
  if (isPlainObject(option) && typeof option.label === 'string') {
    return `${value} (${option.label})`;
  }
  return value;
}
