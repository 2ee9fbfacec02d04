import type { Knex } from 'knex';
import type { Variables } from '../engine/process-engine.js';
import { EisoError, type FieldError } from '../errors.js';
import type { FormComponent, FormSchema } from '../forms/form-schema.js';
import type { UserTask } from './task-model.js';

// The value of a file field: the ids of the task's attachments, comma-separated.
const attachmentIds = /^\d{1,18}(,\d{1,18})*$/;

// Keys of the `filepicker` fields written at the top level of the data: fields of the form and
// of groups without a path.
function filePickerKeys(components: FormComponent[] | undefined): string[] {
  const keys: string[] = [];
  for (const component of components ?? []) {
    if (component.type === 'filepicker' && component.key) keys.push(component.key);
    else if (component.type === 'group' && !component.path) {
      keys.push(...filePickerKeys(component.components));
    }
  }
  return keys;
}

/**
 * Checks that each top-level file field of the submission names attachments of this task, which
 * the web app uploads before it completes the task.
 */
export async function assertFileReferences(
  db: Knex,
  task: UserTask,
  form: FormSchema,
  variables: Variables,
): Promise<void> {
  const details: FieldError[] = [];
  for (const key of filePickerKeys(form.components)) {
    const value = variables[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' || !attachmentIds.test(value)) {
      details.push({
        path: `/${key}`,
        message: `${key} must list attachment ids of this task, such as 12 or 12,13; upload the file first.`,
      });
      continue;
    }
    const ids = value.split(',');
    const found = await db('task_attachments')
      .where({ user_task_key: task.key })
      .whereIn('id', ids)
      .pluck('id');
    const missing = ids.filter((id) => !found.map(String).includes(id));
    if (missing.length > 0) {
      details.push({
        path: `/${key}`,
        message: `${key} names attachments ${missing.join(', ')}, which are not attached to user task ${task.key}; upload the file to this task.`,
      });
    }
  }
  if (details.length > 0) {
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      `Invalid file fields: ${details.map((detail) => detail.message).join(' ')}`,
      details,
    );
  }
}
