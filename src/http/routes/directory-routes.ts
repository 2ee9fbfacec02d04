import type { FastifyInstance } from 'fastify';
import { listUnitGroups } from '../../identity/unit-groups.js';
import { listUnitUsers } from '../../tasks/unit-users.js';
import { requirePrincipal } from '../plugins/auth.js';

/**
 * The users and groups of the caller's unit, with their names, for pickers such as the inbox
 * filters and the substitutes. A user sees only the unit they belong to, and no e-mail addresses.
 */
export async function directoryRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.services;

  app.get('/users', async (request) => {
    const principal = requirePrincipal(request);
    return { items: await listUnitUsers(db, principal.unitId) };
  });

  app.get('/groups', async (request) => {
    const principal = requirePrincipal(request);
    return { items: await listUnitGroups(db, principal.unitId) };
  });
}
