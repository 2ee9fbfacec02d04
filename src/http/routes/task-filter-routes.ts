import type { FastifyInstance } from 'fastify';
import { criteriaSchemaProperties, taskSorts } from '../../tasks/inbox-query.js';
import { TaskFilterService, type TaskFilterInput } from '../../tasks/task-filter-service.js';
import { requirePrincipal } from '../plugins/auth.js';
import { requestLocale } from '../request-language.js';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

const filterBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
    groupCode: { type: ['string', 'null'], minLength: 1, maxLength: 100, default: null },
    sort: { type: ['string', 'null'], enum: [...taskSorts, null], default: null },
    order: { type: ['string', 'null'], enum: ['asc', 'desc', null], default: null },
    columns: {
      type: 'array',
      maxItems: 30,
      uniqueItems: true,
      default: [],
      items: {
        type: 'string',
        pattern:
          '^(name|procedure|businessKey|assignee|candidateGroups|created|due|followUp|priority|variable:[A-Za-z_][A-Za-z0-9_.-]{0,99})$',
      },
    },
    criteria: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: criteriaSchemaProperties,
    },
  },
} as const;

/** Saved inbox filters: list, create, replace and delete. */
export async function taskFilterRoutes(app: FastifyInstance): Promise<void> {
  const filters = new TaskFilterService(app.services.db, app.services.now);

  app.get('/task-filters', async (request) => {
    return { items: await filters.list(requirePrincipal(request)) };
  });

  app.post<{ Body: TaskFilterInput }>(
    '/task-filters',
    { schema: { body: filterBody } },
    async (request, reply) => {
      const created = await filters.create(
        requirePrincipal(request),
        request.body,
        requestLocale(request),
      );
      return reply.status(201).send(created);
    },
  );

  app.put<{ Params: { id: string }; Body: TaskFilterInput }>(
    '/task-filters/:id',
    { schema: { params: idParams, body: filterBody } },
    async (request) => {
      return filters.update(
        requirePrincipal(request),
        request.params.id,
        request.body,
        requestLocale(request),
      );
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/task-filters/:id',
    { schema: { params: idParams } },
    async (request, reply) => {
      await filters.delete(requirePrincipal(request), request.params.id, requestLocale(request));
      return reply.status(204).send();
    },
  );
}
