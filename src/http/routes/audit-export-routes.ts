import type { FastifyInstance, FastifyReply } from 'fastify';
import { auditTrailCsv } from '../../history/export-csv.js';
import { loadAuditTrail, loadTrailForms, type AuditTrail } from '../../history/export-data.js';
import { auditTrailPdf } from '../../history/export-pdf.js';
import type { SubmittedForms } from '../../history/submitted-forms.js';
import type { Language } from '../../registers/framework/register-definition.js';
import { requirePrincipal } from '../plugins/auth.js';
import { requestLanguage } from '../request-language.js';

const params = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: { lang: { type: 'string', enum: ['vi', 'en'] } },
} as const;

type Format = 'json' | 'csv' | 'pdf';

interface Writer {
  mediaType: string;
  /** Whether the format labels form data, so that the route loads the forms first. */
  labelsForms: boolean;
  write: (trail: AuditTrail, language: Language, forms: SubmittedForms) => Promise<Buffer> | Buffer;
}

const writers: Record<Format, Writer> = {
  json: {
    mediaType: 'application/json; charset=utf-8',
    labelsForms: false,
    write: (trail) => Buffer.from(JSON.stringify(trail, null, 2), 'utf8'),
  },
  csv: { mediaType: 'text/csv; charset=utf-8', labelsForms: true, write: auditTrailCsv },
  pdf: { mediaType: 'application/pdf', labelsForms: true, write: auditTrailPdf },
};

const noForms: SubmittedForms = { refs: new Map(), byRef: {} };

function sendFile(reply: FastifyReply, format: Format, key: string, body: Buffer): FastifyReply {
  return reply
    .type(writers[format].mediaType)
    .header('content-disposition', `attachment; filename="audit-trail-${key}.${format}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

/**
 * Serves the audit trail of one instance as JSON (every event with its hashes, for machines and the
 * verification script), CSV (for spreadsheets) or PDF (for people), for users who may read it.
 */
export async function auditExportRoutes(app: FastifyInstance): Promise<void> {
  const { db, now } = app.services;

  for (const format of Object.keys(writers) as Format[]) {
    app.get<{ Params: { key: string }; Querystring: { lang?: Language } }>(
      `/process-instances/:key/audit-trail.${format}`,
      { schema: { params, querystring } },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const trail = await loadAuditTrail(db, principal, request.params.key, now());
        const writer = writers[format];
        const forms = writer.labelsForms ? await loadTrailForms(db, trail) : noForms;
        const body = await writer.write(trail, requestLanguage(request), forms);
        return sendFile(reply, format, request.params.key, body);
      },
    );
  }
}
