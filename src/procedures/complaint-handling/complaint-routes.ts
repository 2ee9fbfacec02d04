import type { FastifyInstance } from 'fastify';
import { requirePrincipal } from '../../http/plugins/auth.js';
import { negotiateLocale } from '../../locale.js';
import { assertMayStart } from '../../runtime/starters.js';
import { vietnamDate } from './complaint-dates.js';
import { fileComplaint } from './complaint-filing.js';
import { readComplaintSummary } from './complaint-summary.js';

const summaryQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } },
} as const;

// The receive form's derived schema checks each field and names it in the user's language.
const filingBody = { type: 'object' } as const;

/** Routes of the complaint-handling procedure, under `/api`. */
export async function complaintRoutes(app: FastifyInstance): Promise<void> {
  const { db, now } = app.services;

  app.post<{ Body: Record<string, unknown> }>(
    '/complaints',
    { schema: { body: filingBody } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      await assertMayStart(db, principal, 'complaint-handling');
      const filed = await fileComplaint(app.services, {
        unitId: principal.unitId,
        filer: { username: principal.username, displayName: principal.displayName },
        filing: request.body,
        locale: negotiateLocale(request.headers['accept-language']),
      });
      return reply.status(201).send(filed);
    },
  );

  app.get<{ Querystring: { year?: number } }>(
    '/complaints/summary',
    { schema: { querystring: summaryQuery } },
    async (request) => {
      const principal = requirePrincipal(request);
      const year = request.query.year ?? Number(vietnamDate(now()).slice(0, 4));
      return readComplaintSummary(db, principal.unitId, year);
    },
  );
}
