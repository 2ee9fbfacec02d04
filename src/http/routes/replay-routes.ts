import type { FastifyInstance } from 'fastify';
import { loadInstanceReplay } from '../../history/replay.js';
import { requirePrincipal } from '../plugins/auth.js';

const keyParams = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

/**
 * The replay of a process instance: the model versions it ran and its history with names. Read
 * access follows the one rule of instance-access, which returns 404 for an instance the user
 * may not read.
 */
export async function replayRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.services;

  app.get<{ Params: { key: string } }>(
    '/process-instances/:key/replay',
    { schema: { params: keyParams } },
    async (request) => loadInstanceReplay(db, requirePrincipal(request), request.params.key),
  );
}
