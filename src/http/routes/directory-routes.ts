import type { FastifyInstance } from 'fastify';
import { listUnitGroups } from '../../identity/unit-groups.js';
import { listUnitUsers } from '../../tasks/unit-users.js';
import { requirePrincipal } from '../plugins/auth.js';

/**
 * Registers the lists of the users and groups of the caller's unit, with their names, for pickers
 * such as the inbox filters and the substitutes. They cover only the caller's own unit and leave
 * out e-mail addresses.
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
