import type { Variables } from '../../engine/process-engine.js';
import { isCalendarDate } from './complaint-dates.js';

/** Reads a text variable, or fails the job naming it. */
export function textVariable(variables: Variables, name: string): string {
  const value = variables[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new Error(`variable '${name}' must be a non-empty text, got ${JSON.stringify(value)}`);
  return value.trim();
}

/** Reads a `YYYY-MM-DD` date variable, or fails the job naming it. */
export function dateVariable(variables: Variables, name: string): string {
  const value = variables[name];
  if (!isCalendarDate(value))
    throw new Error(`variable '${name}' must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}
