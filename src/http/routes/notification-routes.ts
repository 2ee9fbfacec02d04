import type { FastifyInstance } from 'fastify';
import { requirePrincipal } from '../plugins/auth.js';

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
} as const;

/** Lists the in-app notifications addressed to the user or to one of the user's groups. */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { limit: number } }>(
    '/notifications',
    { schema: { querystring: listQuery } },
    async (request) => {
      const principal = requirePrincipal(request);
      const rows = await app.services
        .db('notifications')
        .where({ unit_id: principal.unitId })
        .andWhere((query) =>
          query
            .where({ recipient_user: principal.username })
            .orWhereIn('recipient_group', principal.groups),
        )
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(request.query.limit)
        .select('id', 'kind', 'title', 'title_en', 'link', 'process_instance_key', 'created_at');
      return {
        items: rows.map((row) => ({
          id: String(row.id),
          kind: row.kind,
          title: row.title,
          titleEn: row.title_en,
          link: row.link,
          processInstanceKey: row.process_instance_key ? String(row.process_instance_key) : null,
          createdAt: new Date(row.created_at).toISOString(),
        })),
      };
    },
  );
}
