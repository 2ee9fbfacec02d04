import type { FastifyInstance } from 'fastify';
import { negotiateLocale } from '../../locale.js';
import { SubstituteRules, type SubstituteRuleInput } from '../../tasks/substitutes.js';
import { TaskAttributes } from '../../tasks/task-attributes.js';
import { maxCommentLength, TaskComments } from '../../tasks/task-comments.js';
import { TaskDelegation } from '../../tasks/task-delegation.js';
import { readTaskHistory } from '../../tasks/task-history.js';
import { isCandidate } from '../../tasks/task-permissions.js';
import { loadUnitMembers, mayOpenTask } from '../../tasks/task-readers.js';
import { requirePrincipal } from '../plugins/auth.js';
import { requestLocale } from '../request-language.js';
import { restateChangesetError, taskAttributeLabels } from './task-attribute-errors.js';
import { presentTask } from './task-routes.js';

const keyParams = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

const usernameSchema = { type: 'string', minLength: 1, maxLength: 255 } as const;

const assignmentBody = {
  type: 'object',
  required: ['assignee'],
  additionalProperties: false,
  properties: { assignee: usernameSchema },
} as const;

const delegationBody = {
  type: 'object',
  required: ['delegate'],
  additionalProperties: false,
  properties: { delegate: usernameSchema },
} as const;

const resolutionBody = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { variables: { type: ['object', 'null'] } },
} as const;

const attributesBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    dueDate: { type: ['string', 'null'], maxLength: 40 },
    followUpDate: { type: ['string', 'null'], maxLength: 40 },
    priority: { type: ['integer', 'null'], minimum: 0, maximum: 100 },
  },
} as const;

const commentBody = {
  type: 'object',
  required: ['body'],
  additionalProperties: false,
  // Ajv counts code points, as the comment check does.
  properties: { body: { type: 'string', maxLength: maxCommentLength } },
} as const;

const substituteBody = {
  type: 'object',
  required: ['substitute', 'fromDate', 'toDate'],
  additionalProperties: false,
  properties: {
    username: usernameSchema,
    substitute: usernameSchema,
    fromDate: { type: 'string', maxLength: 10 },
    toDate: { type: 'string', maxLength: 10 },
  },
} as const;

/**
 * Collaboration on tasks: assignment to a named user, delegation and resolution, dates and
 * priority, comments, the task's history, and the substitutes for absences. The attachments have
 * routes of their own.
 */
export async function taskCollaborationRoutes(app: FastifyInstance): Promise<void> {
  const { db, tasks, now } = app.services;
  const delegation = new TaskDelegation(db, tasks, now);
  const attributes = new TaskAttributes(db, tasks, now);
  const comments = new TaskComments(db, tasks, now);
  const substitutes = new SubstituteRules(db, now);

  app.post<{ Params: { key: string }; Body: { assignee: string } }>(
    '/tasks/:key/assignment',
    { schema: { params: keyParams, body: assignmentBody } },
    async (request) => {
      const principal = requirePrincipal(request);
      const { key } = request.params;
      const locale = requestLocale(request);
      return presentTask(await tasks.assign(principal, key, request.body.assignee, true, locale));
    },
  );

  app.get<{ Params: { key: string } }>(
    '/tasks/:key/people',
    { schema: { params: keyParams } },
    async (request) => {
      const principal = requirePrincipal(request);
      const task = await tasks.get(principal, request.params.key, requestLocale(request));
      const members = await loadUnitMembers(db, principal.unitId);
      // `candidate` fills the assignment picker, `mayOpen` the suggestions of @mentions.
      return members
        .filter((member) => !member.disabled)
        .map((member) => ({
          username: member.username,
          displayName: member.displayName,
          candidate: isCandidate(member.username, member.groups, task),
          mayOpen: mayOpenTask(member, task, members),
        }));
    },
  );

  app.post<{ Params: { key: string }; Body: { delegate: string } }>(
    '/tasks/:key/delegation',
    { schema: { params: keyParams, body: delegationBody } },
    async (request) => {
      const principal = requirePrincipal(request);
      const { key } = request.params;
      const locale = requestLocale(request);
      const task = await delegation.delegate(principal, key, request.body.delegate, locale);
      return presentTask(task);
    },
  );

  app.post<{
    Params: { key: string };
    Body: { variables?: Record<string, unknown> | null } | null;
  }>(
    '/tasks/:key/resolution',
    { schema: { params: keyParams, body: resolutionBody } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const proposal = request.body?.variables ?? null;
      await delegation.resolve(principal, request.params.key, proposal, requestLocale(request));
      return reply.status(204).send();
    },
  );

  app.patch<{
    Params: { key: string };
    Body: { dueDate?: string | null; followUpDate?: string | null; priority?: number | null };
  }>(
    '/tasks/:key',
    {
      schema: { params: keyParams, body: attributesBody },
      config: { fieldLabels: taskAttributeLabels },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const locale = requestLocale(request);
      try {
        const task = await attributes.update(
          principal,
          request.params.key,
          request.body,
          null,
          locale,
        );
        return presentTask(task);
      } catch (error) {
        throw restateChangesetError(error, request.body, locale);
      }
    },
  );

  app.get<{ Params: { key: string } }>(
    '/tasks/:key/comments',
    { schema: { params: keyParams } },
    async (request) => comments.listForTask(requirePrincipal(request), request.params.key),
  );

  app.post<{ Params: { key: string }; Body: { body: string } }>(
    '/tasks/:key/comments',
    { schema: { params: keyParams, body: commentBody } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const locale = negotiateLocale(request.headers['accept-language']);
      const comment = await comments.add(principal, request.params.key, request.body.body, locale);
      return reply.status(201).send(comment);
    },
  );

  app.get<{ Params: { key: string } }>(
    '/process-instances/:key/comments',
    { schema: { params: keyParams } },
    async (request) => comments.listForInstance(requirePrincipal(request), request.params.key),
  );

  app.get<{ Params: { key: string } }>(
    '/tasks/:key/history',
    { schema: { params: keyParams } },
    async (request) => readTaskHistory(db, tasks, requirePrincipal(request), request.params.key),
  );

  app.get('/substitutes', async (request) => substitutes.list(requirePrincipal(request)));

  app.post<{ Body: SubstituteRuleInput }>(
    '/substitutes',
    { schema: { body: substituteBody } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const rule = await substitutes.create(principal, request.body, requestLocale(request));
      return reply.status(201).send(rule);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/substitutes/:id',
    {
      schema: {
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } },
        },
      },
    },
    async (request, reply) => {
      await substitutes.remove(requirePrincipal(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
