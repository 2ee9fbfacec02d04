import type { FastifyInstance } from 'fastify';
import {
  addMembership,
  assertMembershipAdmin,
  removeMembership,
} from '../../identity/memberships.js';
import { requirePrincipal } from '../plugins/auth.js';

const groupParams = {
  type: 'object',
  required: ['code'],
  properties: { code: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

const memberParams = {
  type: 'object',
  required: ['code', 'username'],
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 100 },
    username: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;

const memberBody = {
  type: 'object',
  required: ['username'],
  additionalProperties: false,
  properties: { username: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

/** Memberships of the unit's groups, changed by the board; each change is in the unit's history. */
export async function groupMemberRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.services;

  app.post<{ Params: { code: string }; Body: { username: string } }>(
    '/groups/:code/members',
    { schema: { params: groupParams, body: memberBody } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      assertMembershipAdmin(principal);
      const change = await addMembership(
        db,
        principal,
        request.params.code,
        request.body.username,
        app.services.now(),
      );
      return reply.status(201).send(change);
    },
  );

  app.delete<{ Params: { code: string; username: string } }>(
    '/groups/:code/members/:username',
    { schema: { params: memberParams } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      assertMembershipAdmin(principal);
      await removeMembership(
        db,
        principal,
        request.params.code,
        request.params.username,
        app.services.now(),
      );
      return reply.status(204).send();
    },
  );
}
