import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EisoError } from '../../errors.js';
import { negotiateLocale, type Locale } from '../../locale.js';
import {
  acceptedExtensions,
  maxFilesPerUpload,
  TaskAttachments,
  tooLarge,
  type UploadedFile,
} from '../../tasks/task-attachments.js';
import { requirePrincipal } from '../plugins/auth.js';

const keyParams = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

const attachmentParams = {
  type: 'object',
  required: ['key', 'id'],
  properties: {
    key: { type: 'string', pattern: '^[0-9]{1,18}$' },
    id: { type: 'string', pattern: '^[0-9]{1,18}$' },
  },
} as const;

/**
 * Files attached to user tasks: the upload limits, the list, upload of one or several files,
 * download and delete.
 */
export async function taskAttachmentRoutes(app: FastifyInstance): Promise<void> {
  const { db, tasks, config, now, logger } = app.services;
  const attachments = new TaskAttachments(
    db,
    tasks,
    { maxBytes: config.attachmentMaxBytes, directory: config.attachmentDir },
    now,
    logger.child({ component: 'attachments' }),
  );

  // The web app shows these in the upload hint and checks the size before it sends a file.
  app.get('/attachment-limits', async (request) => {
    requirePrincipal(request);
    return {
      maxBytes: config.attachmentMaxBytes,
      maxFiles: maxFilesPerUpload,
      extensions: acceptedExtensions,
    };
  });

  app.get<{ Params: { key: string } }>(
    '/tasks/:key/attachments',
    { schema: { params: keyParams } },
    async (request) => attachments.list(requirePrincipal(request), request.params.key),
  );

  app.post<{ Params: { key: string } }>(
    '/tasks/:key/attachments',
    { schema: { params: keyParams } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const locale = negotiateLocale(request.headers['accept-language']);
      const files = await readUploads(request, config.attachmentMaxBytes, locale);
      const added = await attachments.add(principal, request.params.key, files, locale);
      return reply.status(201).send(added);
    },
  );

  app.get<{ Params: { key: string; id: string } }>(
    '/tasks/:key/attachments/:id',
    { schema: { params: attachmentParams } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const file = await attachments.read(principal, request.params.key, request.params.id);
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(file.content);
    },
  );

  app.delete<{ Params: { key: string; id: string } }>(
    '/tasks/:key/attachments/:id',
    { schema: { params: attachmentParams } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const locale = negotiateLocale(request.headers['accept-language']);
      await attachments.remove(principal, request.params.key, request.params.id, locale);
      return reply.status(204).send();
    },
  );
}

function invalidUpload(message: string): EisoError {
  return new EisoError('EISO_ERR_VALIDATION', message, [{ path: '/file', message }]);
}

// Reads every file of a multipart upload, each in a field named `file`, into memory, so that all
// of them are checked before any is stored.
async function readUploads(
  request: FastifyRequest,
  maxBytes: number,
  locale: Locale,
): Promise<UploadedFile[]> {
  const vi = locale === 'vi';
  if (!request.isMultipart()) {
    throw invalidUpload(
      vi
        ? 'Hãy gửi tệp dạng multipart/form-data trong trường file.'
        : 'Send the files as multipart/form-data in the field file.',
    );
  }
  const files: UploadedFile[] = [];
  let current = '';
  try {
    const parts = request.parts({ limits: { fileSize: maxBytes, files: maxFilesPerUpload } });
    for await (const part of parts) {
      if (part.type !== 'file' || part.fieldname !== 'file') {
        throw invalidUpload(
          vi
            ? `Yêu cầu có trường ${part.fieldname} không được nhận; chỉ gửi tệp trong trường file.`
            : `The request has an unexpected field ${part.fieldname}; send only files, in the field file.`,
        );
      }
      current = decodeFileName(part.filename);
      files.push({ fileName: current, content: await part.toBuffer() });
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(current, maxBytes, locale);
    if (code === 'FST_FILES_LIMIT') {
      throw invalidUpload(
        vi
          ? `Yêu cầu có hơn ${maxFilesPerUpload} tệp; mỗi lần chỉ tải lên tối đa ${maxFilesPerUpload} tệp.`
          : `The request has more than ${maxFilesPerUpload} files; upload at most ${maxFilesPerUpload} files at once.`,
      );
    }
    throw error;
  }
  if (files.length === 0) {
    throw invalidUpload(
      vi
        ? 'Yêu cầu không có tệp nào trong trường file; hãy gửi ít nhất một tệp.'
        : 'The request has no file in the field file; send at least one file.',
    );
  }
  return files;
}

// Browsers encode `"`, CR and LF in a multipart file name as %22, %0D and %0A (WHATWG HTML,
// multipart/form-data encoding algorithm), and busboy leaves them encoded.
function decodeFileName(fileName: string): string {
  return fileName.replace(/%22/gi, '"').replace(/%0[ad]/gi, '');
}

// An ASCII fallback name for old clients and the exact name in RFC 5987 encoding.
function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
