import type { FastifyInstance, FastifyRequest } from 'fastify';
import { documentMediaTypes, renderDocument } from '../../documents/index.js';
import { EisoError, notFound } from '../../errors.js';
import { requirePrincipal } from '../../http/plugins/auth.js';
import type { Principal } from '../../identity/principal.js';
import { buildReviewNotice, buildReviewReport } from './review-documents.js';
import {
  completeReviewAction,
  draftReaderGroups,
  isDraftReader,
  readReviewDetail,
} from './review-queries.js';
import { findReview, type ManagementReview } from './review-store.js';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

const documentQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { format: { type: 'string', enum: ['pdf', 'docx'], default: 'pdf' } },
} as const;

const completionBody = {
  type: 'object',
  required: ['completedOn', 'completionNote'],
  additionalProperties: false,
  properties: {
    completedOn: { type: 'string', format: 'date' },
    completionNote: { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' },
  },
} as const;

type IdRequest = { Params: { id: string } };
type DocumentRequest = IdRequest & { Querystring: { format: 'pdf' | 'docx' } };
type CompletionRequest = IdRequest & { Body: { completedOn: string; completionNote: string } };

// Credentials are checked before the parameters, so a caller without a session learns that
// first (401) instead of a validation error.
async function requireCredentials(request: FastifyRequest): Promise<void> {
  if (request.headers.authorization?.startsWith('Basic ') || request.session?.userId) return;
  throw new EisoError('EISO_ERR_AUTH_REQUIRED', 'Log in first: management reviews need a session.');
}

async function readableReview(
  app: FastifyInstance,
  principal: Principal,
  id: string,
): Promise<ManagementReview> {
  const review = await findReview(app.services.db, principal.unitId, id);
  if (!review) throw notFound('Management review', id);
  return review;
}

// An unapproved notice or report is a draft between the secretary and the board. The other users
// of the unit read a document once the leader has approved it.
function assertMayReadDraft(
  principal: Principal,
  review: ManagementReview,
  documentName: string,
): void {
  if (isDraftReader(principal)) return;
  throw new EisoError(
    'EISO_ERR_FORBIDDEN',
    `The ${documentName} of management review ${review.reference} is not approved yet; only the groups ${draftReaderGroups.join(', ')} may read the draft.`,
  );
}

function fileName(review: ManagementReview, kind: string, format: 'pdf' | 'docx'): string {
  return `${kind}-${review.reference.toLowerCase()}.${format}`;
}

/** Routes of the management reviews: the detail, the notice and report documents, actions. */
export async function reviewRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.services;

  app.get<IdRequest>(
    '/management-reviews/:id',
    { schema: { params: idParams }, preValidation: requireCredentials },
    async (request) => {
      const principal = requirePrincipal(request);
      const review = await readableReview(app, principal, request.params.id);
      return readReviewDetail(db, review, principal);
    },
  );

  app.get<DocumentRequest>(
    '/management-reviews/:id/notice',
    { schema: { params: idParams, querystring: documentQuery }, preValidation: requireCredentials },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const review = await readableReview(app, principal, request.params.id);
      if (!review.noticeApprovedAt) assertMayReadDraft(principal, review, 'notice');
      const data = await buildReviewNotice(db, review, app.services.now());
      const { format } = request.query;
      const document = await renderDocument('management-review-notice', data, format);
      return reply
        .type(documentMediaTypes[format])
        .header(
          'content-disposition',
          `attachment; filename="${fileName(review, 'thong-bao', format)}"`,
        )
        .send(document);
    },
  );

  app.get<DocumentRequest>(
    '/management-reviews/:id/report',
    { schema: { params: idParams, querystring: documentQuery }, preValidation: requireCredentials },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const review = await readableReview(app, principal, request.params.id);
      if (!review.reportApprovedAt) assertMayReadDraft(principal, review, 'report');
      const data = await buildReviewReport(db, review);
      const { format } = request.query;
      const document = await renderDocument('management-review-report', data, format);
      return reply
        .type(documentMediaTypes[format])
        .header(
          'content-disposition',
          `attachment; filename="${fileName(review, 'bao-cao', format)}"`,
        )
        .send(document);
    },
  );

  app.post<CompletionRequest>(
    '/review-actions/:id/complete',
    {
      schema: { params: idParams, body: completionBody },
      preValidation: requireCredentials,
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return db.transaction((trx) =>
        completeReviewAction(trx, principal, request.params.id, request.body, app.services.now()),
      );
    },
  );
}
