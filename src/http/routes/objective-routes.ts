import type { FastifyInstance } from 'fastify';
import { readObjectiveRegister } from '../../registers/objectives/objective-register.js';
import { requirePrincipal } from '../plugins/auth.js';

const registerQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } },
} as const;

/** The objectives register of the user's unit. */
export async function objectiveRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { year?: number } }>(
    '/objectives',
    { schema: { querystring: registerQuery } },
    async (request) => {
      const principal = requirePrincipal(request);
      return readObjectiveRegister(app.services.db, principal.unitId, request.query.year ?? null);
    },
  );
}
