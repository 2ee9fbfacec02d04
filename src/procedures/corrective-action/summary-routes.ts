import type { FastifyInstance } from 'fastify';
import { requirePrincipal } from '../../http/plugins/auth.js';
import { readCorrectiveActionSummary } from './summary-query.js';

/** Registers the summary of open corrective actions, which every user of the unit may read. */
export async function correctiveActionRoutes(app: FastifyInstance): Promise<void> {
  app.get('/corrective-actions/summary', async (request) => {
    const principal = requirePrincipal(request);
    return readCorrectiveActionSummary(app.services.db, principal.unitId, app.services.now());
  });
}
