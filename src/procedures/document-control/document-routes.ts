import type { FastifyInstance } from 'fastify';
import { EisoError } from '../../errors.js';
import { requirePrincipal } from '../../http/plugins/auth.js';
import {
  lockedVersionError,
  readCurrentDocument,
  readDocumentVersions,
} from './document-queries.js';

// Codes are matched case-insensitively and stored in upper case, such as `QT-01`.
const codeParams = {
  type: 'object',
  required: ['code'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', pattern: '^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$', maxLength: 40 },
  },
} as const;

const recordParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

/**
 * Routes of the controlled documents. Every user of the unit may read its documents, because
 * ISO 9001 clause 7.5.3.1 a) requires them to be available where they are needed. No route edits
 * a version: the register's generic PATCH is rejected here with the reason.
 */
export async function documentRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.services;

  app.get<{ Params: { code: string } }>(
    '/documents/current/:code',
    { schema: { params: codeParams } },
    async (request) => {
      const principal = requirePrincipal(request);
      return readCurrentDocument(db, principal.unitId, request.params.code.toUpperCase());
    },
  );

  app.get<{ Params: { code: string } }>(
    '/documents/:code/versions',
    { schema: { params: codeParams } },
    async (request) => {
      const principal = requirePrincipal(request);
      return readDocumentVersions(db, principal.unitId, request.params.code.toUpperCase());
    },
  );

  // These static paths take precedence over the framework's `/registers/:name/:id`, which
  // returns 403 for a read-only register without naming the procedure that changes it.
  for (const name of ['controlled-documents', 'document-versions']) {
    app.patch<{ Params: { id: string } }>(
      `/registers/${name}/:id`,
      { schema: { params: recordParams } },
      async (request) => {
        const principal = requirePrincipal(request);
        throw await lockedVersionError(db, principal.unitId, request.params.id);
      },
    );
  }

  app.patch<{ Params: { id: string } }>(
    '/registers/document-revisions/:id',
    { schema: { params: recordParams } },
    async (request) => {
      requirePrincipal(request);
      throw new EisoError(
        'EISO_ERR_CONFLICT',
        `Revision ${request.params.id} of the document revision log cannot be edited: the log is append-only, and each approved change adds its own entry.`,
      );
    },
  );
}
