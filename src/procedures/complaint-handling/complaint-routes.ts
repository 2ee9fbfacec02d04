import type { FastifyInstance } from 'fastify';
import { requirePrincipal } from '../../http/plugins/auth.js';
import { vietnamDate } from './complaint-dates.js';
import { readComplaintSummary } from './complaint-summary.js';

const summaryQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } },
} as const;

/** Routes of the complaint-handling procedure, under `/api`. */
export async function complaintRoutes(app: FastifyInstance): Promise<void> {
  const { db, now } = app.services;

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
