import type { Task, Variables } from '../core/types.js';
import { uploadAttachments } from './task-collaboration-api.js';

const filesKeyPrefix = 'files::';

/**
 * Uploads the files of the form's `filepicker` fields as attachments of the task, all in one
 * request that the server stores all or none of, and replaces each field's `files::` key with the
 * attachment ids, comma-separated, which the server checks. Only top-level fields are replaced; a
 * file field inside a dynamic list keeps its key.
 */
export async function uploadFormFiles(
  task: Task,
  data: Variables,
  files: Map<string, File[]>,
): Promise<Variables> {
  const result: Variables = { ...data };
  const fields: [string, File[]][] = [];
  for (const [field, value] of Object.entries(data)) {
    if (typeof value !== 'string' || !value.startsWith(filesKeyPrefix)) continue;
    fields.push([field, files.get(value) ?? []]);
  }
  const selected = fields.flatMap(([, list]) => list);
  const added = selected.length > 0 ? await uploadAttachments(task, selected, () => undefined) : [];

  // The server returns the attachments in the order of the files sent.
  let next = 0;
  for (const [field, list] of fields) {
    const ids = added.slice(next, next + list.length).map((attachment) => attachment.id);
    next += list.length;
    result[field] = ids.length > 0 ? ids.join(',') : null;
  }
  return result;
}
