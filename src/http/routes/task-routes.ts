import type { FastifyInstance } from 'fastify';
import type { FormSchema } from '../../forms/form-schema.js';
import type { Principal } from '../../identity/principal.js';
import { managesTask, taskActions, type TaskService } from '../../tasks/task-service.js';
import {
  assertValidCriteria,
  criteriaSchemaProperties,
  taskLists,
  taskSorts,
  type TaskCriteria,
  type TaskList,
  type TaskSort,
} from '../../tasks/inbox-query.js';
import type { UserTask } from '../../tasks/task-model.js';
import { withGroupNames, withPeopleNames } from '../../tasks/task-people.js';
import { requirePrincipal } from '../plugins/auth.js';
import { requestLocale } from '../request-language.js';

const keyParams = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    list: { type: 'string', enum: taskLists, default: 'mine' },
    page: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
    sort: { type: 'string', enum: taskSorts },
    order: { type: 'string', enum: ['asc', 'desc'] },
    variableColumns: {
      type: 'array',
      maxItems: 10,
      items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,99}$' },
    },
    ...criteriaSchemaProperties,
  },
} as const;

type ListQuery = TaskCriteria & {
  list: TaskList;
  page: number;
  pageSize: number;
  sort?: TaskSort;
  order?: 'asc' | 'desc';
  variableColumns?: string[];
};

const completionBody = {
  type: 'object',
  additionalProperties: false,
  properties: { variables: { type: 'object', default: {} } },
} as const;

/** Presents a task to the web app. */
export function presentTask(
  task: UserTask & {
    processName?: string | null;
    businessKey?: string | null;
    variables?: Record<string, unknown>;
  },
) {
  const { unitId: _unitId, localVariables: _local, ...rest } = task;
  return rest;
}

// The owner of a resolved delegation opens the form with the delegate's proposal on top.
async function openingData(
  tasks: TaskService,
  task: UserTask,
  form: FormSchema | null,
  principal: Principal,
) {
  const variables = await tasks.formData(task, form);
  const isOwner = task.assignee === principal.username && task.owner === principal.username;
  if (isOwner && task.delegationState === 'RESOLVED' && task.delegationProposal) {
    return { ...variables, ...task.delegationProposal };
  }
  return variables;
}

/** The inbox: lists, task detail with its form, claim, unclaim and completion. */
export async function taskRoutes(app: FastifyInstance): Promise<void> {
  const { tasks, db } = app.services;

  app.get<{ Querystring: ListQuery }>(
    '/tasks',
    { schema: { querystring: listQuery } },
    async (request) => {
      const principal = requirePrincipal(request);
      const { list, page, pageSize, sort, order, variableColumns, ...criteria } = request.query;
      assertValidCriteria(criteria);

      const result = await tasks.list(principal, {
        list,
        page,
        pageSize,
        sort,
        order,
        criteria,
        variableNames: variableColumns,
      });
      return {
        items: result.items.map((item) => ({
          ...presentTask(item),
          ...taskActions(principal, item),
        })),
        total: result.total,
        page,
        pageSize,
        counts: result.counts,
      };
    },
  );

  app.get<{ Params: { key: string } }>(
    '/tasks/:key',
    { schema: { params: keyParams } },
    async (request) => {
      const principal = requirePrincipal(request);
      const locale = requestLocale(request);
      const task = await tasks.get(principal, request.params.key, locale);
      const form = await tasks.form(task, locale);
      const instance = await db('process_instances')
        .join(
          'process_definitions',
          'process_definitions.key',
          'process_instances.process_definition_key',
        )
        .where('process_instances.key', task.processInstanceKey)
        .first('process_instances.business_key', 'process_definitions.name');
      const [named] = await withGroupNames(db, await withPeopleNames(db, [task]));
      return {
        task: {
          ...presentTask({
            ...named,
            processName: instance?.name ?? null,
            businessKey: instance?.business_key ?? null,
          }),
          ...taskActions(principal, task),
        },
        form,
        variables: await openingData(tasks, task, form, principal),
        permissions: { manage: managesTask(principal, task) },
      };
    },
  );

  app.post<{ Params: { key: string } }>(
    '/tasks/:key/claim',
    { schema: { params: keyParams } },
    async (request) => {
      const locale = requestLocale(request);
      return presentTask(await tasks.claim(requirePrincipal(request), request.params.key, locale));
    },
  );

  app.post<{ Params: { key: string } }>(
    '/tasks/:key/unclaim',
    { schema: { params: keyParams } },
    async (request) => {
      const locale = requestLocale(request);
      return presentTask(
        await tasks.unclaim(requirePrincipal(request), request.params.key, locale),
      );
    },
  );

  app.post<{ Params: { key: string }; Body: { variables: Record<string, unknown> } }>(
    '/tasks/:key/complete',
    { schema: { params: keyParams, body: completionBody } },
    async (request, reply) => {
      await tasks.complete(
        requirePrincipal(request),
        request.params.key,
        request.body.variables,
        requestLocale(request),
      );
      return reply.status(204).send();
    },
  );
}
