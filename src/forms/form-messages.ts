import type { FieldError } from '../errors.js';
import type { Locale } from '../locale.js';
import { describeProblemInEnglish } from './form-messages-en.js';
import { describeProblemInVietnamese } from './form-messages-vi.js';
import type { FailedRule, FieldProblem } from './form-problems.js';

/**
 * Stable name of the rule that a submitted value fails, for clients that write their own
 * messages. `required` covers a missing, blank or unchecked value and an empty required choice.
 */
export type FormErrorCode =
  | 'required'
  | 'type'
  | 'unknownField'
  | 'commentRequiredOnReturn'
  | 'enum'
  | 'format'
  | 'pattern'
  | 'minLength'
  | 'maxLength'
  | 'minimum'
  | 'maximum'
  | 'minItems'
  | 'maxItems'
  | 'uniqueItems'
  | 'invalid';

/** A FieldError of a form submission, with the code of the failed rule. */
export interface FormFieldError extends FieldError {
  code: FormErrorCode;
  /** Limit of a `minLength`, `maxLength`, `minimum`, `maximum`, `minItems` or `maxItems` rule. */
  limit?: number;
}

/** Writes the message of a problem in `locale`. */
export function describeProblem(problem: FieldProblem, locale: Locale): string {
  return locale === 'vi' ? describeProblemInVietnamese(problem) : describeProblemInEnglish(problem);
}

/** Turns a problem into the FieldError that a response returns, with its message in `locale`. */
export function toFieldError(problem: FieldProblem, locale: Locale): FormFieldError {
  const { failed } = problem;
  const fieldError: FormFieldError = {
    path: problem.path,
    code: errorCodeOf(failed),
    message: describeProblem(problem, locale),
  };
  const limit = limitOf(failed);
  if (limit !== undefined) {
    fieldError.limit = limit;
  }
  return fieldError;
}

function errorCodeOf(failed: FailedRule): FormErrorCode {
  switch (failed.rule) {
    case 'missing':
    case 'missingItems':
    case 'blank':
    case 'unchecked':
    case 'minChoices':
      return 'required';
    case 'option':
      return 'enum';
    default:
      return failed.rule;
  }
}

function limitOf(failed: FailedRule): number | undefined {
  switch (failed.rule) {
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
    case 'minItems':
    case 'maxItems':
      return failed.limit;
    default:
      return undefined;
  }
}
