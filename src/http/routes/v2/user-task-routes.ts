import { negotiateLocale } from '../../../locale.js';
import type { FastifyInstance } from 'fastify';
import { requirePrincipal } from '../../plugins/auth.js';
import { TaskAttributes, type TaskChangeset } from '../../../tasks/task-attributes.js';
import type { SearchRequest } from './search-query.js';
import {
  dateTimeFilter,
  enumFilter,
  integerFilter,
  keyParams,
  keySchema,
  searchBody,
  stringFilter,
  variableFilters,
} from './search-schemas.js';
import {
  UserTaskQueries,
  userTaskSortColumns,
  type UserTaskFilter,
  type UserTaskSortField,
} from './user-task-queries.js';

const tags = ['User task (Camunda REST API v2)'];
const params = keyParams('userTaskKey');

const searchSchema = searchBody(
  {
    state: enumFilter(['CREATED', 'COMPLETED', 'CANCELED']),
    assignee: stringFilter,
    priority: integerFilter,
    elementId: { type: 'string' },
    name: { type: 'string' },
    candidateGroup: stringFilter,
    candidateUser: stringFilter,
    tenantId: stringFilter,
    processDefinitionId: { type: 'string' },
    bpmnProcessId: { type: 'string' },
    creationDate: dateTimeFilter,
    completionDate: dateTimeFilter,
    followUpDate: dateTimeFilter,
    dueDate: dateTimeFilter,
    processInstanceVariables: variableFilters,
    localVariables: variableFilters,
    userTaskKey: keySchema,
    processDefinitionKey: keySchema,
    processInstanceKey: keySchema,
  },
  Object.keys(userTaskSortColumns),
);

const assignmentSchema = {
  type: 'object',
  required: ['assignee'],
  additionalProperties: false,
  properties: {
    assignee: { type: 'string', minLength: 1, maxLength: 255 },
    allowOverride: { type: ['boolean', 'null'] },
    action: { type: ['string', 'null'], maxLength: 255 },
  },
} as const;

const completionSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    variables: { type: ['object', 'null'] },
    action: { type: ['string', 'null'], maxLength: 255 },
  },
} as const;

const dateChange = { type: ['string', 'null'], maxLength: 40 } as const;
const listChange = {
  type: ['array', 'null'],
  maxItems: 100,
  items: { type: 'string', minLength: 1, maxLength: 255 },
} as const;

// Camunda ignores attributes of the changeset that it cannot change, so this schema does too.
const updateSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    changeset: {
      type: ['object', 'null'],
      properties: {
        dueDate: dateChange,
        followUpDate: dateChange,
        candidateGroups: listChange,
        candidateUsers: listChange,
        priority: { type: ['integer', 'null'] },
      },
    },
    action: { type: ['string', 'null'], maxLength: 255 },
  },
} as const;

interface KeyParams {
  userTaskKey: string;
}

/** User tasks: search, read, form, assignment and completion, as Camunda's REST API v2 has them. */
export async function userTaskRoutes(app: FastifyInstance): Promise<void> {
  const { db, tasks } = app.services;
  const queries = new UserTaskQueries(db, tasks);
  const attributes = new TaskAttributes(db, tasks, app.services.now);

  app.post<{ Body: SearchRequest<UserTaskFilter, UserTaskSortField> | null }>(
    '/user-tasks/search',
    {
      config: { changesNothing: true },
      schema: {
        tags,
        summary: 'Search the user tasks that the caller may see',
        body: searchSchema,
      },
    },
    async (request) => queries.search(requirePrincipal(request), request.body ?? {}),
  );

  app.get<{ Params: KeyParams }>(
    '/user-tasks/:userTaskKey',
    { schema: { tags, summary: 'Get a user task', params } },
    async (request) => queries.get(requirePrincipal(request), request.params.userTaskKey),
  );

  app.get<{ Params: KeyParams }>(
    '/user-tasks/:userTaskKey/form',
    { schema: { tags, summary: 'Get the form of a user task; 204 when it has none', params } },
    async (request, reply) => {
      const form = await queries.form(requirePrincipal(request), request.params.userTaskKey);
      return form ?? reply.status(204).send();
    },
  );

  app.post<{ Params: KeyParams; Body: { assignee: string; allowOverride?: boolean | null } }>(
    '/user-tasks/:userTaskKey/assignment',
    { schema: { tags, summary: 'Assign a user task', params, body: assignmentSchema } },
    async (request, reply) => {
      const { assignee, allowOverride } = request.body;
      await tasks.assign(
        requirePrincipal(request),
        request.params.userTaskKey,
        assignee,
        allowOverride ?? true,
      );
      return reply.status(204).send();
    },
  );

  app.patch<{
    Params: KeyParams;
    Body: { changeset?: TaskChangeset | null; action?: string | null } | null;
  }>(
    '/user-tasks/:userTaskKey',
    {
      schema: {
        tags,
        summary: 'Update the dates, candidates or priority of a user task',
        params,
        body: updateSchema,
      },
    },
    async (request, reply) => {
      await attributes.update(
        requirePrincipal(request),
        request.params.userTaskKey,
        request.body?.changeset ?? {},
        request.body?.action ?? 'update',
        negotiateLocale(request.headers['accept-language']),
      );
      return reply.status(204).send();
    },
  );

  app.delete<{ Params: KeyParams }>(
    '/user-tasks/:userTaskKey/assignee',
    { schema: { tags, summary: 'Unassign your own user task', params } },
    async (request, reply) => {
      await tasks.unclaim(requirePrincipal(request), request.params.userTaskKey);
      return reply.status(204).send();
    },
  );

  app.post<{ Params: KeyParams; Body: { variables?: Record<string, unknown> | null } | null }>(
    '/user-tasks/:userTaskKey/completion',
    {
      schema: {
        tags,
        summary: 'Complete a user task with variables that its form accepts',
        params,
        body: completionSchema,
      },
    },
    async (request, reply) => {
      await tasks.complete(
        requirePrincipal(request),
        request.params.userTaskKey,
        request.body?.variables ?? {},
        negotiateLocale(request.headers['accept-language']),
      );
      return reply.status(204).send();
    },
  );
}
