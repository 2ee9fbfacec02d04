import type { FastifyInstance } from 'fastify';
import { documentMediaTypes, renderDocument } from '../../documents/index.js';
import { buildObjectivesDecision } from '../../registers/objectives/objective-decision.js';
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

  app.get<{ Querystring: { year: number; format: 'pdf' | 'docx' } }>(
    '/objectives/decision',
    { schema: { querystring: decisionQuery } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { year, format } = request.query;
      const data = await buildObjectivesDecision(app.services.db, principal.unitId, year);
      const document = await renderDocument('quality-objectives-decision', data, format);
      return reply
        .type(documentMediaTypes[format])
        .header(
          'content-disposition',
          `attachment; filename="quyet-dinh-muc-tieu-chat-luong-${year}.${format}"`,
        )
        .send(document);
    },
  );
}

const decisionQuery = {
  type: 'object',
  required: ['year'],
  additionalProperties: false,
  properties: {
    year: { type: 'integer', minimum: 2000, maximum: 2100 },
    format: { type: 'string', enum: ['pdf', 'docx'], default: 'pdf' },
  },
} as const;
