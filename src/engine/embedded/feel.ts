import { evaluate } from 'feelin';
import type { Variables } from '../process-engine.js';

/** A FEEL expression that could not be evaluated to a value. */
export class ExpressionError extends Error {
  readonly expression: string;

  constructor(expression: string, reason: string) {
    super(`failed to evaluate expression '${expression}': ${reason}`);
    this.name = 'ExpressionError';
    this.expression = expression;
  }
}

/** True for a Zeebe expression: a string that starts with `=`. */
export function isFeelExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('=');
}

/**
 * Evaluates a Zeebe FEEL expression (`=` prefix) against `context`, or returns a
 * static value as it is. A missing variable is null, as in Zeebe; with
 * `strict`, it is an error instead.
 */
export function evaluateExpression(
  expression: string,
  context: Variables,
  strict = false,
): unknown {
  if (!isFeelExpression(expression)) return expression;

  const body = expression.slice(1);
  let result: ReturnType<typeof evaluate>;
  try {
    result = evaluate(body, context);
  } catch (error) {
    throw new ExpressionError(expression, (error as Error).message);
  }

  const missing = result.warnings.find((warning) => warning.type === 'NO_VARIABLE_FOUND');
  if (strict && missing) throw new ExpressionError(expression, missing.message);

  return toJsonValue(result.value);
}

/**
 * Evaluates a sequence-flow condition, which must yield a boolean. feelin
 * compares a missing variable as null and so yields false; eiso raises an
 * incident instead, as Zeebe does for a condition without a boolean result,
 * so that a typo in a condition stops the instance at the gateway instead of
 * silently taking another flow.
 */
export function evaluateCondition(expression: string, context: Variables): boolean {
  const value = evaluateExpression(expression, context, true);
  if (typeof value !== 'boolean') {
    throw new ExpressionError(expression, `expected a boolean but got ${describe(value)}`);
  }
  return value;
}

/** Evaluates an expression that must yield a string (an assignee, a form key). */
export function evaluateString(expression: string, context: Variables): string {
  const value = evaluateExpression(expression, context);
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new ExpressionError(expression, `expected a string but got ${describe(value)}`);
  }
  return String(value);
}

/** Evaluates a list of names: a FEEL list or string, or a static comma-separated list. */
export function evaluateList(expression: string, context: Variables): string[] {
  if (!isFeelExpression(expression)) return splitList(expression);

  const value = evaluateExpression(expression, context);
  if (typeof value === 'string') return splitList(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  throw new ExpressionError(expression, `expected a list of strings but got ${describe(value)}`);
}

/** Evaluates a date-time expression to an ISO 8601 string. */
export function evaluateDateTime(expression: string, context: Variables): string {
  const value = evaluateExpression(expression, context);
  const date = typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new ExpressionError(expression, `expected a date and time but got ${describe(value)}`);
  }
  return date.toISOString();
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return `${Array.isArray(value) ? 'list' : typeof value} ${JSON.stringify(value)}`;
}

// FEEL dates, times and durations serialize to their ISO strings.
function toJsonValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') return value;
  return JSON.parse(JSON.stringify(value)) as unknown;
}
