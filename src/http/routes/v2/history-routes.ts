import type { FastifyInstance } from 'fastify';
import { EisoError } from '../../../errors.js';
import { requirePrincipal } from '../../plugins/auth.js';
import {
  IncidentQueries,
  incidentErrorTypes,
  incidentSortColumns,
  incidentStates,
  type IncidentFilter,
  type IncidentSortField,
} from './incident-queries.js';
import { InstanceHistoryQueries } from './instance-history-queries.js';
import type { SearchRequest } from './search-query.js';
import {
  dateTimeFilter,
  keyFilter,
  keyParams,
  keySchema,
  searchBody,
  stringFilter,
  tenantSchema,
} from './search-schemas.js';
import {
  VariableQueries,
  variableSortColumns,
  type VariableSearchFilter,
  type VariableSortField,
} from './variable-queries.js';

const instanceTags = ['Process instance (Camunda REST API v2)'];
const variableTags = ['Variable (Camunda REST API v2)'];
const incidentTags = ['Incident (Camunda REST API v2)'];

const variableSearchSchema = searchBody(
  {
    name: stringFilter,
    value: stringFilter,
    tenantId: tenantSchema,
    isTruncated: { type: 'boolean' },
    variableKey: keyFilter,
    scopeKey: keyFilter,
    processInstanceKey: keyFilter,
  },
  Object.keys(variableSortColumns),
);

// Camunda's client sends the flag in the query string, where it arrives as text.
const variableSearchQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { truncateValues: { type: 'string', enum: ['true', 'false'] } },
} as const;

const textSchema = { type: 'string', maxLength: 1_000 } as const;

const incidentSearchSchema = searchBody(
  {
    processDefinitionId: textSchema,
    errorType: { type: 'string', enum: incidentErrorTypes },
    errorMessage: textSchema,
    elementId: textSchema,
    creationTime: dateTimeFilter,
    state: { type: 'string', enum: incidentStates },
    tenantId: tenantSchema,
    incidentKey: keySchema,
    processDefinitionKey: keySchema,
    processInstanceKey: keySchema,
    jobKey: keySchema,
  },
  Object.keys(incidentSortColumns),
);

const resolutionSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { operationReference: { type: 'integer', minimum: 1 } },
} as const;

/** Registers instance history in the shapes of Camunda 8: sequence flows, element statistics, variables and incidents. */
export async function historyRoutes(app: FastifyInstance): Promise<void> {
  const { db, runtime } = app.services;
  const history = new InstanceHistoryQueries(db);
  const variables = new VariableQueries(db);
  const incidents = new IncidentQueries(db);

  app.get<{ Params: { processInstanceKey: string } }>(
    '/process-instances/:processInstanceKey/sequence-flows',
    {
      schema: {
        tags: instanceTags,
        summary: 'Get the sequence flows that a process instance took',
        params: keyParams('processInstanceKey'),
      },
    },
    async (request) =>
      history.sequenceFlows(requirePrincipal(request), request.params.processInstanceKey),
  );

  app.get<{ Params: { processInstanceKey: string } }>(
    '/process-instances/:processInstanceKey/statistics/element-instances',
    {
      schema: {
        tags: instanceTags,
        summary: 'Count the element instances of a process instance by state',
        params: keyParams('processInstanceKey'),
      },
    },
    async (request) =>
      history.elementStatistics(requirePrincipal(request), request.params.processInstanceKey),
  );

  app.post<{
    Body: SearchRequest<VariableSearchFilter, VariableSortField> | null;
    Querystring: { truncateValues?: 'true' | 'false' };
  }>(
    '/variables/search',
    {
      config: { changesNothing: true },
      schema: {
        tags: variableTags,
        summary: 'Search the variables of process instances',
        body: variableSearchSchema,
        querystring: variableSearchQuery,
      },
    },
    async (request) =>
      variables.search(
        requirePrincipal(request),
        request.body ?? {},
        request.query.truncateValues !== 'false',
      ),
  );

  app.post<{ Body: SearchRequest<IncidentFilter, IncidentSortField> | null }>(
    '/incidents/search',
    {
      config: { changesNothing: true },
      schema: { tags: incidentTags, summary: 'Search incidents', body: incidentSearchSchema },
    },
    async (request) => incidents.search(requirePrincipal(request), request.body ?? {}),
  );

  app.post<{ Params: { incidentKey: string }; Body: { operationReference?: number } | null }>(
    '/incidents/:incidentKey/resolution',
    {
      schema: {
        tags: incidentTags,
        summary: 'Resolve an incident',
        description:
          'Runs the command that raised the incident again, or retries its job. Only the ISO secretary and the board may resolve incidents, and only in their own unit.',
        params: keyParams('incidentKey'),
        body: resolutionSchema,
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (!principal.groups.some((group) => group === 'iso-secretary' || group === 'board')) {
        throw new EisoError(
          'EISO_ERR_FORBIDDEN',
          'Only the ISO secretary or the board may resolve incidents.',
        );
      }
      await runtime.resolveIncident(
        principal.unitId,
        request.params.incidentKey,
        principal.username,
      );
      return reply.status(204).send();
    },
  );
}
