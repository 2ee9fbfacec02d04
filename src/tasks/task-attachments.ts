import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Knex } from 'knex';
import { EisoError, notFound } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import { appendTaskEvent, assertActive } from './task-delegation.js';
import type { TaskService } from './task-service.js';

/** A file attached to a user task, without its content. */
export interface TaskAttachment {
  id: string;
  userTaskKey: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedByName: string | null;
  createdAt: string;
}

// The accepted file name extensions, each with the media type stored for it and the type that
// file-type 21 detects from the content. Word and Excel 97-2003 files are both OLE compound
// files, which file-type reports as `cfb`; the extension distinguishes them.
const acceptedTypes: Record<string, { mediaType: string; detected: string }> = {
  pdf: { mediaType: 'application/pdf', detected: 'pdf' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    detected: 'docx',
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    detected: 'xlsx',
  },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    detected: 'pptx',
  },
  doc: { mediaType: 'application/msword', detected: 'cfb' },
  xls: { mediaType: 'application/vnd.ms-excel', detected: 'cfb' },
  png: { mediaType: 'image/png', detected: 'png' },
  jpg: { mediaType: 'image/jpeg', detected: 'jpg' },
  jpeg: { mediaType: 'image/jpeg', detected: 'jpg' },
};

/** The accepted extensions, as the error messages list them. */
export const acceptedExtensions = Object.keys(acceptedTypes);

export interface AttachmentStorage {
  /** Largest file in bytes. */
  maxBytes: number;
  /** Folder for the files; when undefined they are stored in the database. */
  directory: string | undefined;
}

/** Files attached to user tasks: upload, list and download, for users who may see the task. */
export class TaskAttachments {
  constructor(
    private readonly db: Knex,
    private readonly tasks: TaskService,
    private readonly storage: AttachmentStorage,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Checks the file's type by its content, stores it and records it in the instance history. */
  async add(
    principal: Principal,
    key: string,
    fileName: string,
    content: Buffer,
  ): Promise<TaskAttachment> {
    const task = await this.tasks.get(principal, key);
    assertActive(task);
    const name = sanitizeFileName(fileName);
    const mediaType = await checkType(name, content);
    if (content.length > this.storage.maxBytes) throw tooLarge(name, this.storage.maxBytes);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const storagePath = await this.writeFile(task.unitId, content);

    const id = await this.db.transaction(async (trx) => {
      const [row] = await trx('task_attachments')
        .insert({
          unit_id: task.unitId,
          user_task_key: task.key,
          process_instance_key: task.processInstanceKey,
          file_name: name,
          media_type: mediaType,
          size_bytes: content.length,
          sha256,
          content: storagePath ? null : content,
          storage_path: storagePath,
          uploaded_by: principal.username,
          created_at: this.now().toISOString(),
        })
        .returning('id');
      const attachmentId = String(row.id);
      await appendTaskEvent(
        trx,
        task,
        principal.username,
        'USER_TASK_ATTACHMENT_ADDED',
        this.now(),
        { attachmentId, fileName: name, mediaType, sizeBytes: content.length, sha256 },
      );
      return attachmentId;
    });
    return (await this.list(principal, key)).find((attachment) => attachment.id === id)!;
  }

  /** Lists the attachments of a task the caller may see, oldest first. */
  async list(principal: Principal, key: string): Promise<TaskAttachment[]> {
    const task = await this.tasks.get(principal, key);
    const rows = await this.db('task_attachments')
      .leftJoin('users', 'users.username', 'task_attachments.uploaded_by')
      .where('task_attachments.user_task_key', task.key)
      .orderBy('task_attachments.id')
      .select(
        'task_attachments.id',
        'task_attachments.user_task_key',
        'task_attachments.file_name',
        'task_attachments.media_type',
        'task_attachments.size_bytes',
        'task_attachments.sha256',
        'task_attachments.uploaded_by',
        'task_attachments.created_at',
        'users.display_name as uploaded_by_name',
      );
    return rows.map(presentAttachment);
  }

  /** Reads one attachment of a task the caller may see, with its content. */
  async read(
    principal: Principal,
    key: string,
    id: string,
  ): Promise<TaskAttachment & { content: Buffer }> {
    const task = await this.tasks.get(principal, key);
    if (!/^\d{1,18}$/.test(id)) throw notFound('Attachment', id);
    const row = await this.db('task_attachments')
      .leftJoin('users', 'users.username', 'task_attachments.uploaded_by')
      .where({ 'task_attachments.id': id, 'task_attachments.user_task_key': task.key })
      .first('task_attachments.*', 'users.display_name as uploaded_by_name');
    if (!row) throw notFound('Attachment', id);
    return { ...presentAttachment(row), content: await this.readContent(row) };
  }

  private async readContent(row: Record<string, unknown>): Promise<Buffer> {
    if (!row.storage_path) return Buffer.from(row.content as Uint8Array);
    if (!this.storage.directory) {
      throw new EisoError(
        'EISO_ERR_INTERNAL',
        `Attachment ${String(row.id)} is stored in a folder, but ATTACHMENT_DIR is not set; set it to the folder of the attachments.`,
      );
    }
    return fs.readFile(path.join(this.storage.directory, row.storage_path as string));
  }

  // Writes the file under the attachment folder, when one is set, and returns its relative path.
  // NOTE: a file whose database insert then fails stays in the folder without a row.
  private async writeFile(unitId: string, content: Buffer): Promise<string | null> {
    if (!this.storage.directory) return null;
    const relative = path.join(unitId, randomUUID());
    const target = path.join(this.storage.directory, relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content, { flag: 'wx' });
    return relative;
  }
}

/** Builds the 413 error for a file over the limit, naming the file and the limit. */
export function tooLarge(fileName: string, maxBytes: number): EisoError {
  return new EisoError(
    'EISO_ERR_PAYLOAD_TOO_LARGE',
    `File '${fileName}' is larger than the limit of ${maxBytes} bytes (${(maxBytes / 1_048_576).toFixed(1)} MB); attach a smaller file.`,
    [{ path: '/file', message: `File '${fileName}' is larger than ${maxBytes} bytes.` }],
  );
}

// Returns the media type to store, after checking that the content is of the type that the
// file name's extension promises.
async function checkType(fileName: string, content: Buffer): Promise<string> {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  const accepted = acceptedTypes[extension];
  const detected = await fileTypeFromBuffer(content);
  if (accepted && detected?.ext === accepted.detected) return accepted.mediaType;

  const found = detected ? `${detected.mime} content` : 'content of an unknown type';
  const message = `File '${fileName}' has ${found}, which is not allowed; attach a PDF, Office document or image: ${acceptedExtensions.join(', ')}.`;
  throw new EisoError('EISO_ERR_VALIDATION', message, [{ path: '/file', message }]);
}

// Keeps the last path segment, without control characters, and at most 200 characters.
function sanitizeFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (clean.length === 0 || clean === '.' || clean === '..') {
    const message = 'The file has no name; send it with a file name such as report.pdf.';
    throw new EisoError('EISO_ERR_VALIDATION', message, [{ path: '/file', message }]);
  }
  return clean.length > 200 ? clean.slice(clean.length - 200) : clean;
}

function presentAttachment(row: Record<string, unknown>): TaskAttachment {
  return {
    id: String(row.id),
    userTaskKey: String(row.user_task_key),
    fileName: row.file_name as string,
    mediaType: row.media_type as string,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256 as string,
    uploadedBy: row.uploaded_by as string,
    uploadedByName: (row.uploaded_by_name as string | null) ?? null,
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}
