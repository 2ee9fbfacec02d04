import type { Variables } from '../../engine/process-engine.js';

// Vietnamese agencies keep one time zone; the procedure's timers use +07:00 as well.
const agencyDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Returns the calendar date of `now` in Vietnam, as `YYYY-MM-DD`. */
export function vietnamDate(now: Date): string {
  return agencyDate.format(now);
}

/** Reads a process variable that must be a non-blank text, or throws naming it. */
export function requiredText(variables: Variables, name: string): string {
  const value = variables[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new Error(`variable '${name}' must be a non-blank text, got ${JSON.stringify(value)}`);
  return value.trim();
}

/** Reads a process variable that may be absent, blank or a text; blank reads as null. */
export function optionalText(variables: Variables, name: string): string | null {
  const value = variables[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Splits a multi-line text into its non-blank lines, trimmed. */
export function nonBlankLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Reads a process variable that must be a list, or throws naming it. */
export function listVariable(variables: Variables, name: string): unknown[] {
  const value = variables[name];
  if (!Array.isArray(value))
    throw new Error(`variable '${name}' must be a list, got ${JSON.stringify(value)}`);
  return value;
}
