import type { FastifyInstance } from 'fastify';
import { EisoError } from '../../../errors.js';
import { negotiateLocale } from '../../../locale.js';
import { assertModelEditor } from '../../../models/model-drafts.js';
import { requirePrincipal } from '../../plugins/auth.js';
import {
  ProcessInstanceQueries,
  processInstanceSortColumns,
  type ProcessInstanceFilter,
  type ProcessInstanceSortField,
} from './process-instance-queries.js';
import {
  createProcessInstance,
  type CreateProcessInstanceRequest,
} from './process-instance-start.js';
import type { SearchRequest } from './search-query.js';
import {
  dateTimeFilter,
  enumFilter,
  integerFilter,
  keyFilter,
  keyParams,
  keySchema,
  searchBody,
  stringFilter,
  tenantSchema,
  variableFilters,
} from './search-schemas.js';

const tags = ['Process instance (Camunda REST API v2)'];

// The official client (8.8.4), when it validates requests, adds
// `awaitCompletion: false` and `requestTimeout: "0"`, so eiso accepts these
// fields as long as nothing is awaited.
const createSchema = {
  type: 'object',
  additionalProperties: false,
  oneOf: [{ required: ['processDefinitionId'] }, { required: ['processDefinitionKey'] }],
  properties: {
    processDefinitionId: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      pattern: '^[a-zA-Z_][a-zA-Z0-9_\\-\\.]*$',
    },
    processDefinitionVersion: { type: 'integer', minimum: -1 },
    processDefinitionKey: keySchema,
    variables: {
      type: 'object',
      properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } },
    },
    tenantId: tenantSchema,
    operationReference: { type: 'integer', minimum: 1 },
    awaitCompletion: { type: 'boolean', enum: [false] },
    requestTimeout: { type: ['integer', 'string'], pattern: '^[0-9]+$', minimum: 0 },
    fetchVariables: { type: 'array', maxItems: 100, items: { type: 'string' } },
  },
} as const;

const searchSchema = searchBody(
  {
    processInstanceKey: keyFilter,
    processDefinitionId: stringFilter,
    processDefinitionName: stringFilter,
    processDefinitionVersion: integerFilter,
    processDefinitionKey: keyFilter,
    state: enumFilter(['ACTIVE', 'COMPLETED', 'TERMINATED']),
    hasIncident: { type: 'boolean' },
    tenantId: stringFilter,
    startDate: dateTimeFilter,
    endDate: dateTimeFilter,
    variables: variableFilters,
  },
  Object.keys(processInstanceSortColumns),
);

const migrationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['targetProcessDefinitionKey', 'mappingInstructions'],
  properties: {
    targetProcessDefinitionKey: keySchema,
    mappingInstructions: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sourceElementId', 'targetElementId'],
        properties: {
          sourceElementId: { type: 'string', minLength: 1, maxLength: 255 },
          targetElementId: { type: 'string', minLength: 1, maxLength: 255 },
        },
      },
    },
    operationReference: { type: 'integer', minimum: 1 },
  },
} as const;

const cancellationSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { operationReference: { type: 'integer', minimum: 1 } },
} as const;

/** Process instances of the caller's unit: start, search, read, migrate and cancel. */
export async function processInstanceRoutes(app: FastifyInstance): Promise<void> {
  const queries = new ProcessInstanceQueries(app.services.db);

  app.post<{ Body: CreateProcessInstanceRequest }>(
    '/process-instances',
    { schema: { tags, summary: 'Start a process instance', body: createSchema } },
    async (request) => createProcessInstance(app, requirePrincipal(request), request.body),
  );

  app.post<{ Body: SearchRequest<ProcessInstanceFilter, ProcessInstanceSortField> | null }>(
    '/process-instances/search',
    {
      config: { changesNothing: true },
      schema: { tags, summary: 'Search process instances', body: searchSchema },
    },
    async (request) => queries.search(requirePrincipal(request), request.body ?? {}),
  );

  app.get<{ Params: { processInstanceKey: string } }>(
    '/process-instances/:processInstanceKey',
    {
      schema: { tags, summary: 'Get a process instance', params: keyParams('processInstanceKey') },
    },
    async (request) => queries.get(requirePrincipal(request), request.params.processInstanceKey),
  );

  app.post<{
    Params: { processInstanceKey: string };
    Body: {
      targetProcessDefinitionKey: string;
      mappingInstructions: { sourceElementId: string; targetElementId: string }[];
    };
  }>(
    '/process-instances/:processInstanceKey/migration',
    {
      schema: {
        tags,
        summary: 'Migrate a process instance',
        description:
          'Moves a running instance to another version of its process. eiso migrates only where every element the instance has entered keeps its id and type; otherwise 409 lists the reasons.',
        params: keyParams('processInstanceKey'),
        body: migrationSchema,
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const locale = negotiateLocale(request.headers['accept-language']);
      assertModelEditor(principal, locale);
      await app.services.runtime.migrateInstance(
        principal.unitId,
        request.params.processInstanceKey,
        request.body.targetProcessDefinitionKey,
        request.body.mappingInstructions,
        principal.username,
        locale,
      );
      return reply.status(204).send();
    },
  );

  app.post<{ Params: { processInstanceKey: string } }>(
    '/process-instances/:processInstanceKey/cancellation',
    {
      schema: {
        tags,
        summary: 'Cancel a process instance',
        description:
          'Ends an active instance as TERMINATED and closes its open user tasks, jobs, timers and incidents. Only the board and the ISO secretary may cancel; the history records who did.',
        params: keyParams('processInstanceKey'),
        body: cancellationSchema,
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (!principal.groups.some((group) => group === 'board' || group === 'iso-secretary')) {
        throw new EisoError(
          'EISO_ERR_FORBIDDEN',
          'Only the board or the ISO secretary may cancel a process instance.',
        );
      }
      await app.services.runtime.cancelInstance(
        principal.unitId,
        request.params.processInstanceKey,
        principal.username,
      );
      return reply.status(204).send();
    },
  );
}
