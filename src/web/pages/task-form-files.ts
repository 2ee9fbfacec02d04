import type { Task, Variables } from '../core/types.js';
import { uploadAttachment } from './task-collaboration-api.js';

const filesKeyPrefix = 'files::';

/**
 * Uploads the files of the form's `filepicker` fields as attachments of the task and replaces
 * each field's `files::` key with the attachment ids, comma-separated, which the server checks.
 * Only top-level fields are replaced; a file field inside a dynamic list keeps its key.
 */
export async function uploadFormFiles(
  task: Task,
  data: Variables,
  files: Map<string, File[]>,
): Promise<Variables> {
  const result: Variables = { ...data };
  for (const [field, value] of Object.entries(data)) {
    if (typeof value !== 'string' || !value.startsWith(filesKeyPrefix)) continue;
    const selected = files.get(value) ?? [];
    const ids: string[] = [];
    for (const file of selected) {
      const attachment = await uploadAttachment(task, file, () => undefined);
      ids.push(attachment.id);
    }
    result[field] = ids.length > 0 ? ids.join(',') : null;
  }
  return result;
}
