import type { ErrorObject } from 'ajv';
import { evaluate } from 'feelin';

import { EisoError } from '../errors.js';
import { defaultLocale } from '../locale.js';
import type { Locale } from '../locale.js';
import { compiledForm } from './form-compiler.js';
import { formTextCatalog } from './form-text-catalog.js';
import { translateSchema, type FormSchemaJson } from './form-texts.js';
import { formTitle } from './form-title.js';
import { toFieldError } from './form-messages.js';
import type { FormFieldError } from './form-messages.js';
import {
  missingProblem,
  optionProblem,
  problemFromAjvError,
  unescapePointerSegment,
} from './form-problems.js';
import type { FieldProblem } from './form-problems.js';
import type {
  DataNode,
  FieldNode,
  FormModel,
  FormOption,
  FormSchema,
  ObjectNode,
  ReadonlyRule,
} from './form-schema.js';

export { parseFormSchema } from './form-schema-parser.js';

/**
 * Context of a submission: the variables available to the form while the user fills it in,
 * such as `departmentOptions`, and the language of the field messages, English by default.
 */
export interface ValidationContext {
  variables?: Record<string, unknown>;
  locale?: Locale;
}

/** Maximum number of field messages that the message of EISO_ERR_FORM_INVALID repeats. */
const MAX_ERRORS_IN_MESSAGE = 5;

/**
 * Validates the data that a user submits with a form-js form. Returns one FieldError for each
 * invalid field, with a JSON pointer path such as `/objectives/0/targetValue`, a code and a
 * message in `context.locale`, or an empty array. With `context.variables`, a value of a
 * select, radio, checklist or taglist whose options come from `valuesKey` must also be one of
 * those options.
 */
export function validateSubmission(
  formSchema: FormSchema,
  data: unknown,
  context: ValidationContext = {},
): FormFieldError[] {
  const locale = context.locale ?? defaultLocale;
  return findProblems(formSchema, data, context).map((problem) => toFieldError(problem, locale));
}

/**
 * Validates a submission and throws EISO_ERR_FORM_INVALID with every FieldError when invalid.
 * The message and the details are in `context.locale`.
 */
export function assertValidSubmission(
  formSchema: FormSchema,
  data: unknown,
  context: ValidationContext = {},
): void {
  const problems = findProblems(formSchema, data, context);
  if (problems.length === 0) {
    return;
  }
  const locale = context.locale ?? defaultLocale;
  const details = problems.map((problem) => toFieldError(problem, locale));
  throw new EisoError(
    'EISO_ERR_FORM_INVALID',
    invalidFormMessage(formSchema, details, locale, context.variables),
    details,
  );
}

/**
 * Writes the message of EISO_ERR_FORM_INVALID: the form's title as the user reads it, then the
 * count and the first field messages. A form without a title is named by its id.
 */
function invalidFormMessage(
  formSchema: FormSchema,
  details: FormFieldError[],
  locale: Locale,
  variables: Record<string, unknown> = {},
): string {
  const listed = details.slice(0, MAX_ERRORS_IN_MESSAGE).map((detail) => detail.message);
  const others = details.length - MAX_ERRORS_IN_MESSAGE;
  const schema = formSchema as unknown as FormSchemaJson;
  const shown =
    locale === 'en' ? translateSchema(schema, formSchema.id, formTextCatalog()) : schema;
  const title = formTitle(shown, variables);
  if (locale === 'vi') {
    if (others > 0) listed.push(`Xem phần chi tiết để biết ${others} trường còn lại.`);
    const form = title ? `Biểu mẫu "${title}"` : 'Biểu mẫu';
    return `${form} có ${details.length} trường chưa hợp lệ: ${listed.join(' ')}`;
  }
  if (others > 0) listed.push(`See the details for the other ${others}.`);
  const count = details.length === 1 ? '1 invalid field' : `${details.length} invalid fields`;
  const form = title ? `Form "${title}"` : `Form ${formSchema.id}`;
  return `${form} has ${count}: ${listed.join(' ')}`;
}

function findProblems(
  formSchema: FormSchema,
  data: unknown,
  context: ValidationContext,
): FieldProblem[] {
  const { model, validate } = compiledForm(formSchema);
  const schemaProblems = validate(data) ? [] : toProblems(model, validate.errors ?? []);
  const reportedPaths = new Set(schemaProblems.map((problem) => problem.path));
  const optionProblems = checkDynamicOptions(model, data, context).filter(
    (problem) => !reportedPaths.has(problem.path),
  );
  const shownProblems = checkShownRequired(model, data, context).filter(
    (problem) => !reportedPaths.has(problem.path),
  );
  return sortByFormOrder(model, [...schemaProblems, ...optionProblems, ...shownProblems]);
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

function toProblems(model: FormModel, errors: ErrorObject[]): FieldProblem[] {
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
  return [...chosen].map(([path, error]) => problemFromAjvError(model, path, error));
}

function errorPath(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const child = params.missingProperty ?? params.additionalProperty;
  if (typeof child === 'string') {
    return `${error.instancePath}/${escapePointerSegment(child)}`;
  }
  return error.instancePath;
}

/** Sorts problems in the order in which the form shows the fields, so messages read top down. */
function sortByFormOrder(model: FormModel, problems: FieldProblem[]): FieldProblem[] {
  const keyed = problems.map((problem) => ({
    problem,
    order: formOrder(model, problem.path),
  }));
  keyed.sort((left, right) => compareOrders(left.order, right.order));
  return keyed.map(({ problem }) => problem);
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
): FieldProblem[] {
  const variables = context.variables ?? {};
  const problems: FieldProblem[] = [];
  if (isPlainObject(data)) {
    checkObjectOptions(model, model.root, data, '', variables, problems);
  }
  return problems;
}

function checkObjectOptions(
  model: FormModel,
  node: ObjectNode,
  data: Record<string, unknown>,
  path: string,
  variables: Record<string, unknown>,
  problems: FieldProblem[],
): void {
  for (const [key, child] of node.children) {
    const value = data[key];
    const childPath = `${path}/${escapePointerSegment(key)}`;
    if (!Object.hasOwn(data, key)) {
      continue;
    }
    if (child.kind === 'object' && isPlainObject(value)) {
      checkObjectOptions(model, child, value, childPath, variables, problems);
    } else if (child.kind === 'list' && Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        if (isPlainObject(item)) {
          checkObjectOptions(model, child.item, item, `${childPath}/${index}`, variables, problems);
        }
      });
    } else if (child.kind === 'field') {
      problems.push(...checkFieldOptions(model, child, value, childPath, variables));
    }
  }
}

function checkFieldOptions(
  model: FormModel,
  field: FieldNode,
  value: unknown,
  path: string,
  variables: Record<string, unknown>,
): FieldProblem[] {
  const valuesKey = field.component.valuesKey;
  const options = valuesKey ? variables[valuesKey] : undefined;
  if (!valuesKey || !Array.isArray(options)) {
    return [];
  }
  const allowed = options.map(optionValue).filter((option) => option !== undefined);
  const values = Array.isArray(value) ? value : [value];
  const problems: FieldProblem[] = [];
  values.forEach((candidate: unknown, index) => {
    if (
      candidate === null ||
      candidate === '' ||
      allowed.some((option) => isSameValue(option, candidate))
    ) {
      return;
    }
    const itemPath = Array.isArray(value) ? `${path}/${index}` : path;
    problems.push(optionProblem(model, itemPath, valuesKey, options.map(toFormOption)));
  });
  return problems;
}

/** Returns the value of an option as form-js normalizes it: a primitive or `{ value }`. */
export function optionValue(option: unknown): unknown {
  if (isPlainObject(option)) {
    return option.value;
  }
  return option;
}

function toFormOption(option: unknown): FormOption {
  const label =
    isPlainObject(option) && typeof option.label === 'string' ? option.label : undefined;
  return { value: optionValue(option), label };
}

function isSameValue(left: unknown, right: unknown): boolean {
  if (typeof left === 'object' && left !== null) {
    return JSON.stringify(left) === JSON.stringify(right);
  }
  return left === right;
}

/**
 * Reports each required field that a `conditional.hide` leaves shown for this submission but
 * that is empty. A condition that fails to evaluate hides its field.
 */
function checkShownRequired(
  model: FormModel,
  data: unknown,
  context: ValidationContext,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (isPlainObject(data)) {
    const feelContext = { ...(context.variables ?? {}), ...data };
    checkObjectShown(model, model.root, data, '', feelContext, problems);
  }
  return problems;
}

function checkObjectShown(
  model: FormModel,
  node: ObjectNode,
  data: Record<string, unknown>,
  path: string,
  feelContext: Record<string, unknown>,
  problems: FieldProblem[],
): void {
  for (const [key, child] of node.children) {
    const value = Object.hasOwn(data, key) ? data[key] : undefined;
    const childPath = `${path}/${escapePointerSegment(key)}`;
    if (child.kind === 'object') {
      checkObjectShown(
        model,
        child,
        isPlainObject(value) ? value : {},
        childPath,
        feelContext,
        problems,
      );
      continue;
    }
    if (child.requiredUnlessHidden && !isHidden(child.requiredUnlessHidden, feelContext)) {
      if (isEmptyValue(value)) {
        problems.push(missingProblem(model, childPath));
        continue;
      }
    }
    if (child.kind === 'list' && Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        if (isPlainObject(item)) {
          const itemContext = { ...feelContext, ...item, this: item };
          checkObjectShown(model, child.item, item, `${childPath}/${index}`, itemContext, problems);
        }
      });
    }
  }
}

function isHidden(conditions: string[], feelContext: Record<string, unknown>): boolean {
  return conditions.some((expression) => {
    try {
      return evaluate(expression, feelContext).value === true;
    } catch {
      return true;
    }
  });
}

function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === false) {
    return true;
  }
  if (typeof value === 'string') {
    return value.trim() === '';
  }
  return Array.isArray(value) && value.length === 0;
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
