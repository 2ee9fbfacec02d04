import { EisoError, type FieldError } from '../errors.js';
import { compiledForm } from '../forms/form-compiler.js';
import type { FormSchema } from '../forms/form-schema.js';
import {
  escapePointerSegment,
  stripReadonlyFields,
  validateSubmission,
} from '../forms/form-validator.js';
import type { Locale } from '../locale.js';
import type { UserTask } from './task-model.js';

// A proposal is a draft that the owner finishes, so it may leave required fields empty.
const draftCodes = new Set(['required', 'commentRequiredOnReturn']);

/**
 * Checks a delegate's proposal against the task's form and returns the proposal to store. Each
 * key must be an input field of the form, because the owner's form opens with the proposal on
 * top of the instance's variables, and a key such as `initiator` or `departmentOptions` would
 * overwrite the context that the form shows. Read-only fields are dropped, as on completion, and
 * the values are validated as a submission, except that required fields may stay empty.
 */
export function checkProposal(
  task: UserTask,
  form: FormSchema | null,
  proposal: Record<string, unknown>,
  variables: Record<string, unknown>,
  locale: Locale,
): Record<string, unknown> {
  const fields = form ? compiledForm(form).model.root.children : new Map<string, unknown>();
  const unknown = Object.keys(proposal).filter((key) => !fields.has(key));
  if (unknown.length > 0) throw notFormFields(task, unknown, locale);
  if (!form) return proposal;

  const context = { variables, locale };
  const stripped = stripReadonlyFields(form, proposal, context);
  const problems = validateSubmission(form, stripped, context).filter(
    (problem) => !draftCodes.has(problem.code),
  );
  if (problems.length > 0) {
    const details = problems.map((problem) => ({ ...problem, path: `/variables${problem.path}` }));
    const message =
      locale === 'vi'
        ? `Đề xuất có ${details.length} trường chưa hợp lệ: ${listMessages(details)}`
        : `The proposal has ${details.length} invalid ${details.length === 1 ? 'field' : 'fields'}: ` +
          listMessages(details);
    throw new EisoError('EISO_ERR_FORM_INVALID', message, details);
  }
  return stripped;
}

function notFormFields(task: UserTask, keys: string[], locale: Locale): EisoError {
  const name = task.name ?? task.elementId;
  const listed = keys.map((key) => `'${key}'`).join(', ');
  const message =
    locale === 'vi'
      ? `Đề xuất chỉ được chứa các trường nhập của biểu mẫu công việc '${name}'; ${listed} ` +
        'không phải trường nhập. Hãy bỏ các khóa này.'
      : `A proposal may contain only input fields of the form of task '${name}', and ${listed} ` +
        'are not. Remove these keys.';
  const details: FieldError[] = keys.map((key) => ({
    path: `/variables/${escapePointerSegment(key)}`,
    message:
      locale === 'vi'
        ? `'${key}' không phải trường nhập của biểu mẫu; hãy bỏ khóa này.`
        : `'${key}' is not an input field of the form; remove it.`,
  }));
  return new EisoError('EISO_ERR_VALIDATION', message, details);
}

function listMessages(details: FieldError[]): string {
  return details.map((detail) => detail.message).join(' ');
}
