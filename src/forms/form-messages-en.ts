import { describeOptions } from './form-problems.js';
import type {
  ChildStep,
  ExpectedValue,
  FieldProblem,
  LocationStep,
  MissingInput,
} from './form-problems.js';
import type { FormOption } from './form-schema.js';

/**
 * Writes the English message of a problem. It names a field by its key in English words and
 * its label, as in "Target value (Chỉ tiêu) in item 2 of Objectives (Mục tiêu)".
 */
export function describeProblemInEnglish(problem: FieldProblem): string {
  const subject = subjectOf(problem.steps);
  const { failed } = problem;
  switch (failed.rule) {
    case 'commentRequiredOnReturn':
      return `${subject} is required when the decision is "return". Explain what must be changed.`;
    case 'unknownField':
      return `${subject} is not a field of form ${failed.formId}. Remove it from the submission.`;
    case 'missing':
      return describeMissingValue(subject, failed.input);
    case 'missingItems':
      return `${subject} is required. Add at least ${itemCount(failed.minItems)}.`;
    case 'type':
      return `${subject} ${expectedValue(failed.expected)}.`;
    case 'blank':
      return `${subject} is required and must not be blank. Enter a value.`;
    case 'unchecked':
      return `${subject} must be checked.`;
    case 'enum':
      return `${subject} must be one of: ${describeOptions(failed.options)}.`;
    case 'option':
      return describeOptionError(subject, failed.valuesKey, failed.options, failed.omitted);
    case 'format':
      return `${subject} must be ${describeFormat(failed.format)}.`;
    case 'pattern':
      return failed.patternErrorMessage
        ? `${subject} does not have the expected format: ${failed.patternErrorMessage}`
        : `${subject} must match the pattern ${failed.pattern}.`;
    case 'minLength':
      return `${subject} must be at least ${failed.limit} characters long.`;
    case 'maxLength':
      return `${subject} must be at most ${failed.limit} characters long, but it has ${failed.length ?? 'more'}. Shorten it.`;
    case 'minimum':
      return `${subject} must be at least ${failed.limit}.`;
    case 'maximum':
      return `${subject} must be at most ${failed.limit}.`;
    case 'minChoices':
      return `${subject} is required. Choose at least ${failed.limit === 1 ? 'one option' : `${failed.limit} options`}.`;
    case 'minItems':
      return `${subject} must have at least ${itemCount(failed.limit)}. Add ${failed.limit === 1 ? 'one' : 'more'}.`;
    case 'maxItems':
      return `${subject} must have at most ${itemCount(failed.limit)}. Remove the extra ones.`;
    case 'uniqueItems':
      return `${subject} contains the same value twice. Remove the duplicate.`;
    case 'invalid':
      return `${subject} is invalid: it ${failed.reason ?? 'fails a check'}. Correct the value.`;
  }
}

function subjectOf(steps: LocationStep[]): string {
  let subject = 'The submission';
  let suffix = '';
  for (const step of steps) {
    if (step.kind === 'child') {
      subject = nameOf(step) + suffix;
    } else if (step.kind === 'item') {
      suffix = ` in item ${step.position} of ${subject}`;
      subject = `Item ${step.position} of ${subject}`;
    } else {
      subject = `Value ${step.position} of ${subject}`;
    }
  }
  return subject;
}

function nameOf(step: ChildStep): string {
  if (!step.known) {
    return `"${step.key}"`;
  }
  const englishName = humanizeKey(step.key);
  return step.label ? `${englishName} (${step.label})` : englishName;
}

function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describeMissingValue(subject: string, input: MissingInput): string {
  switch (input) {
    case 'check':
      return `${subject} must be checked.`;
    case 'choice':
      return `${subject} is required. Choose one of the options.`;
    case 'choices':
      return `${subject} is required. Choose at least one option.`;
    case 'value':
      return `${subject} is required. Enter a value.`;
    case 'other':
      return `${subject} is required.`;
  }
}

function itemCount(count: number): string {
  return count === 1 ? '1 item' : `${count} items`;
}

/** Describes the value that a location accepts, as the end of a sentence about it. */
function expectedValue(expected: ExpectedValue): string {
  switch (expected) {
    case 'submission':
      return "must be a JSON object whose keys are the form's fields";
    case 'object':
      return 'must be an object of fields';
    case 'list':
      return 'must be a list of items';
    case 'unknown':
      return 'has an invalid value';
    case 'integer':
      return 'must be a whole number, such as 5';
    case 'number':
      return 'must be a number, such as 98 or 12.5';
    case 'boolean':
      return 'must be true or false';
    case 'choices':
      return 'must be a list of the chosen values';
    case 'date':
    case 'time':
    case 'dateTime':
      return `must be ${dateTimeExample(expected)}`;
    case 'choice':
      return 'must be one of the options';
    case 'fileReference':
      return 'must be a file reference';
    case 'text':
      return 'must be text';
  }
}

function dateTimeExample(kind: 'date' | 'time' | 'dateTime'): string {
  if (kind === 'time') {
    return 'a time in the form HH:mm, such as 14:30, optionally followed by Z or an offset such as +07:00';
  }
  if (kind === 'dateTime') {
    return 'a date and time in the form YYYY-MM-DDTHH:mm, such as 2026-12-31T14:30+07:00';
  }
  return 'a date in the form YYYY-MM-DD, such as 2026-12-31';
}

function describeFormat(format: string): string {
  switch (format) {
    case 'date':
    case 'time':
    case 'dateTime':
      return dateTimeExample(format);
    case 'email':
      return 'an email address, such as name@example.gov.vn';
    case 'phone':
      return 'an international phone number that starts with + and the country code, such as +84912345678';
    case 'decimal':
      return 'a number, such as 98 or 12.5';
    default:
      return `in the format ${format}`;
  }
}

function describeOptionError(
  subject: string,
  valuesKey: string,
  options: FormOption[],
  omitted: number,
): string {
  const more = omitted > 0 ? `, and ${omitted} more` : '';
  return `${subject} must be one of the options in ${valuesKey}: ${describeOptions(options)}${more}.`;
}
