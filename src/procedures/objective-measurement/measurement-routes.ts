import type { FastifyInstance } from 'fastify';
import { requirePrincipal } from '../../http/plugins/auth.js';
import { readMeasurementSeries } from './measurement-series.js';

const seriesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } },
} as const;

/**
 * Serves the measured values of the year's objectives against their targets, for the chart. Every
 * user of the unit may read them, as they read the objectives and the measurement register.
 */
export async function measurementRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { year?: number } }>(
    '/objectives/measurements',
    { schema: { querystring: seriesQuery } },
    async (request) => {
      const principal = requirePrincipal(request);
      const year = request.query.year ?? app.services.now().getFullYear();
      return readMeasurementSeries(app.services.db, principal.unitId, year);
    },
  );
}
