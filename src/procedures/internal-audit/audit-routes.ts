import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { documentMediaTypes, renderDocument } from '../../documents/index.js';
import type { DocumentDataByKind, DocumentKind } from '../../documents/index.js';
import { requirePrincipal } from '../../http/plugins/auth.js';
import {
  buildPlanDocument,
  buildProgrammeDocument,
  buildReportDocument,
} from './audit-documents.js';

const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

const formatQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { format: { type: 'string', enum: ['pdf', 'docx'], default: 'pdf' } },
} as const;

type Builder<K extends DocumentKind> = (
  db: Knex,
  unitId: string,
  id: string,
  now: Date,
) => Promise<DocumentDataByKind[K]>;

/**
 * Serves the documents of the internal audit procedure as PDF or DOCX: the programme of a year,
 * the plan of one audit and its report. Every user of the unit may read them, as they read the
 * registers, and a record of another unit is not found.
 */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  serveDocument(
    app,
    '/audits/programmes/:id/document',
    'audit-programme',
    buildProgrammeDocument,
    (data) => `chuong-trinh-danh-gia-${data.year}`,
  );
  serveDocument(
    app,
    '/audits/plans/:id/document',
    'audit-plan',
    buildPlanDocument,
    (data) => `ke-hoach-danh-gia-${data.round}`,
  );
  serveDocument(
    app,
    '/audits/plans/:id/report',
    'audit-report',
    buildReportDocument,
    (data) => `bao-cao-danh-gia-${data.round}`,
  );
}

function serveDocument<K extends DocumentKind>(
  app: FastifyInstance,
  url: string,
  kind: K,
  build: Builder<K>,
  fileName: (data: DocumentDataByKind[K]) => string,
): void {
  app.get<{ Params: { id: string }; Querystring: { format: 'pdf' | 'docx' } }>(
    url,
    { schema: { params: idParams, querystring: formatQuery } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { format } = request.query;
      const data = await build(app.services.db, principal.unitId, request.params.id, new Date());
      const document = await renderDocument(kind, data, format);
      return reply
        .type(documentMediaTypes[format])
        .header(
          'content-disposition',
          `attachment; filename="${fileName(data).replace(/[^\w.-]/g, '-')}.${format}"`,
        )
        .send(document);
    },
  );
}
