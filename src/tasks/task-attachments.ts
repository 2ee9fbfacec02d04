import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { EisoError, notFound } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import { defaultLocale, type Locale } from '../locale.js';
import type { Logger } from '../logger.js';
import { resolveAttachmentType } from './attachment-types.js';
import { appendTaskEvent, assertActive } from './task-delegation.js';
import type { UserTask } from './task-model.js';
import { managesTask, type TaskService } from './task-service.js';

export { acceptedExtensions } from './attachment-types.js';

/** Maximum number of files in one upload request. */
export const maxFilesPerUpload = 10;

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

export interface AttachmentStorage {
  /** Largest file in bytes. */
  maxBytes: number;
  /** Folder for the files; when undefined they are stored in the database. */
  directory: string | undefined;
}

/** One file of an upload request, as the client named it. */
export interface UploadedFile {
  fileName: string;
  content: Buffer;
}

interface PreparedFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
  sha256: string;
}

/**
 * Files attached to user tasks: upload, list, download and delete, for users who may see the
 * task. Attachments are added and deleted while the task is open. Once it is completed or
 * canceled they are part of its record and stay.
 */
export class TaskAttachments {
  constructor(
    private readonly db: Knex,
    private readonly tasks: TaskService,
    private readonly storage: AttachmentStorage,
    private readonly now: () => Date = () => new Date(),
    private readonly logger?: Logger,
  ) {}

  /**
   * Checks each file's type by its content, then stores all files and records each in the instance
   * history, or stores none when one fails. The error names the file that failed.
   */
  async add(
    principal: Principal,
    key: string,
    files: UploadedFile[],
    locale: Locale = defaultLocale,
  ): Promise<TaskAttachment[]> {
    const task = await this.tasks.get(principal, key);
    assertActive(task);
    const prepared: PreparedFile[] = [];
    for (const file of files) prepared.push(await this.prepare(file, locale));

    const written: string[] = [];
    let ids: string[];
    try {
      const storagePaths: (string | null)[] = [];
      for (const file of prepared) {
        const storagePath = await this.writeFile(task.unitId, file.content);
        if (storagePath) written.push(storagePath);
        storagePaths.push(storagePath);
      }
      ids = await this.db.transaction(async (trx) => {
        const inserted: string[] = [];
        for (const [index, file] of prepared.entries()) {
          inserted.push(await this.insert(trx, principal, task, file, storagePaths[index]));
        }
        return inserted;
      });
    } catch (error) {
      await this.removeFiles(written);
      throw error;
    }
    const listed = await this.list(principal, key);
    return ids.map((id) => listed.find((attachment) => attachment.id === id)!);
  }

  private async prepare(file: UploadedFile, locale: Locale): Promise<PreparedFile> {
    const name = sanitizeFileName(file.fileName, locale);
    if (file.content.length > this.storage.maxBytes) {
      throw tooLarge(name, this.storage.maxBytes, locale);
    }
    const type = await resolveAttachmentType(name, file.content, locale);
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    return { ...type, content: file.content, sha256 };
  }

  private async insert(
    trx: Knex.Transaction,
    principal: Principal,
    task: UserTask,
    file: PreparedFile,
    storagePath: string | null,
  ): Promise<string> {
    const [row] = await trx('task_attachments')
      .insert({
        unit_id: task.unitId,
        user_task_key: task.key,
        process_instance_key: task.processInstanceKey,
        file_name: file.fileName,
        media_type: file.mediaType,
        size_bytes: file.content.length,
        sha256: file.sha256,
        content: storagePath ? null : file.content,
        storage_path: storagePath,
        uploaded_by: principal.username,
        created_at: this.now().toISOString(),
      })
      .returning('id');
    const attachmentId = String(row.id);
    await appendTaskEvent(trx, task, principal.username, 'USER_TASK_ATTACHMENT_ADDED', this.now(), {
      attachmentId,
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.content.length,
      sha256: file.sha256,
    });
    return attachmentId;
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

  /**
   * Deletes an attachment of an open task: its row, with the content stored in the database, or
   * its file under ATTACHMENT_DIR. The uploader, a leader and the head of the task's group may
   * delete it. The history keeps the upload and gains a deletion event with who, when and which
   * file.
   */
  async remove(
    principal: Principal,
    key: string,
    id: string,
    locale: Locale = defaultLocale,
  ): Promise<void> {
    const task = await this.tasks.get(principal, key);
    if (!/^\d{1,18}$/.test(id)) throw notFound('Attachment', id);
    const row = await this.db('task_attachments')
      .where({ id, user_task_key: task.key })
      .first(
        'id',
        'file_name',
        'media_type',
        'size_bytes',
        'sha256',
        'uploaded_by',
        'storage_path',
      );
    if (!row) throw notFound('Attachment', id);
    const fileName = row.file_name as string;
    if (row.uploaded_by !== principal.username && !managesTask(principal, task)) {
      throw deleteForbidden(fileName, row.uploaded_by as string, locale);
    }
    if (task.state !== 'CREATED') throw closedTask(task.key, fileName, locale);

    await this.db.transaction(async (trx) => {
      // The row lock orders the deletion after a completion that commits first.
      const open = await trx('user_tasks')
        .where({ key: task.key, state: 'CREATED' })
        .forUpdate()
        .first('key');
      if (!open) throw closedTask(task.key, fileName, locale);
      const deleted = await trx('task_attachments').where({ id }).delete();
      if (deleted === 0) throw notFound('Attachment', id);
      await appendTaskEvent(
        trx,
        task,
        principal.username,
        'USER_TASK_ATTACHMENT_DELETED',
        this.now(),
        {
          attachmentId: String(row.id),
          fileName,
          mediaType: row.media_type as string,
          sizeBytes: Number(row.size_bytes),
          sha256: row.sha256 as string,
          uploadedBy: row.uploaded_by as string,
        },
      );
    });
    if (row.storage_path) await this.removeFiles([row.storage_path as string]);
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
  private async writeFile(unitId: string, content: Buffer): Promise<string | null> {
    if (!this.storage.directory) return null;
    const relative = path.join(unitId, randomUUID());
    const target = path.join(this.storage.directory, relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content, { flag: 'wx' });
    return relative;
  }

  // Removes files under the attachment folder. A file that is already gone counts as removed.
  // Any other failure is logged, because the file then stays in the folder without a row.
  private async removeFiles(relativePaths: string[]): Promise<void> {
    const directory = this.storage.directory;
    if (!directory) return;
    for (const relative of relativePaths) {
      try {
        await fs.rm(path.join(directory, relative));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        this.logger?.error({ err: error, storagePath: relative }, 'attachment file not removed');
      }
    }
  }
}

/** Builds the 413 error for a file over the limit, naming the file and the limit. */
export function tooLarge(
  fileName: string,
  maxBytes: number,
  locale: Locale = defaultLocale,
): EisoError {
  const megabytes = (maxBytes / 1_048_576).toFixed(1);
  const message =
    locale === 'vi'
      ? `Tệp '${fileName}' lớn hơn giới hạn ${maxBytes} byte (${megabytes.replace('.', ',')} MB); hãy đính kèm tệp nhỏ hơn.`
      : `File '${fileName}' is larger than the limit of ${maxBytes} bytes (${megabytes} MB); attach a smaller file.`;
  return new EisoError('EISO_ERR_PAYLOAD_TOO_LARGE', message, [{ path: '/file', message }]);
}

function deleteForbidden(fileName: string, uploadedBy: string, locale: Locale): EisoError {
  return new EisoError(
    'EISO_ERR_FORBIDDEN',
    locale === 'vi'
      ? `Chỉ người đã tải tệp '${fileName}' lên (${uploadedBy}), lãnh đạo đơn vị hoặc trưởng nhóm được giao công việc mới được xóa tệp này.`
      : `Only the user who attached '${fileName}' (${uploadedBy}), a leader or the head of the task's group may delete it.`,
  );
}

function closedTask(key: string, fileName: string, locale: Locale): EisoError {
  return new EisoError(
    'EISO_ERR_TASK_NOT_ACTIVE',
    locale === 'vi'
      ? `Công việc ${key} đã kết thúc nên tệp '${fileName}' là một phần của hồ sơ và không xóa được.`
      : `User task ${key} is closed, so '${fileName}' is part of its record and cannot be deleted.`,
  );
}

// Bidirectional formatting characters: embeddings and overrides (U+202A-U+202E), isolates
// (U+2066-U+2069) and the marks LRM, RLM and ALM. In a file name they reorder the displayed
// text, so "Báo_cáo_\u202egpj.pdf" displays as "Báo_cáo_fdp.jpg".
const bidiControls = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/g;

// Keeps the last path segment, without control or bidirectional formatting characters, and at
// most 200 characters.
function sanitizeFileName(fileName: string, locale: Locale): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(controlCharacters, '').replace(bidiControls, '').trim();
  if (clean.length === 0 || clean === '.' || clean === '..') {
    const message =
      locale === 'vi'
        ? 'Tệp không có tên; hãy gửi tệp kèm tên, ví dụ bao-cao.pdf.'
        : 'The file has no name; send it with a file name such as report.pdf.';
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
