import type { FastifyInstance } from 'fastify';
import { sessionRoutes } from './session-routes.js';
import { taskRoutes } from './task-routes.js';
import { procedureRoutes } from './procedure-routes.js';
import { instanceRoutes } from './instance-routes.js';
import { objectiveRoutes } from './objective-routes.js';
import { registerRoutes } from './register-routes.js';

/** eiso's own API, used by the web app. */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(sessionRoutes);
  await app.register(taskRoutes);
  await app.register(procedureRoutes);
  await app.register(instanceRoutes);
  await app.register(objectiveRoutes);
  await app.register(registerRoutes);
}
