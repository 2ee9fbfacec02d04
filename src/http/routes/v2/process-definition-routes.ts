import type { FastifyInstance } from 'fastify';
import { requirePrincipal } from '../../plugins/auth.js';
import {
  ProcessDefinitionQueries,
  processDefinitionSortColumns,
  type ProcessDefinitionFilter,
  type ProcessDefinitionSortField,
} from './process-definition-queries.js';
import type { SearchRequest } from './search-query.js';
import { keyParams, keySchema, searchBody, stringFilter } from './search-schemas.js';

const tags = ['Process definition (Camunda REST API v2)'];
const params = keyParams('processDefinitionKey');

const searchSchema = searchBody(
  {
    name: stringFilter,
    isLatestVersion: { type: 'boolean' },
    resourceName: { type: 'string' },
    version: { type: 'integer', minimum: 1 },
    processDefinitionId: stringFilter,
    tenantId: { type: 'string' },
    processDefinitionKey: keySchema,
  },
  Object.keys(processDefinitionSortColumns),
);

interface KeyParams {
  processDefinitionKey: string;
}

/** Registers search, read and BPMN XML of the process definitions deployed to the caller's unit. */
export async function processDefinitionRoutes(app: FastifyInstance): Promise<void> {
  const queries = new ProcessDefinitionQueries(app.services.db);

  app.post<{ Body: SearchRequest<ProcessDefinitionFilter, ProcessDefinitionSortField> | null }>(
    '/process-definitions/search',
    {
      config: { changesNothing: true },
      schema: { tags, summary: 'Search process definitions', body: searchSchema },
    },
    async (request) => queries.search(requirePrincipal(request), request.body ?? {}),
  );

  app.get<{ Params: KeyParams }>(
    '/process-definitions/:processDefinitionKey',
    { schema: { tags, summary: 'Get a process definition', params } },
    async (request) => queries.get(requirePrincipal(request), request.params.processDefinitionKey),
  );

  app.get<{ Params: KeyParams }>(
    '/process-definitions/:processDefinitionKey/xml',
    { schema: { tags, summary: 'Get the BPMN XML of a process definition', params } },
    async (request, reply) => {
      const xml = await queries.xml(requirePrincipal(request), request.params.processDefinitionKey);
      return reply.type('text/xml; charset=utf-8').send(xml);
    },
  );
}
