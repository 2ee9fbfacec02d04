import type { FastifyInstance } from 'fastify';
import { sessionRoutes } from './session-routes.js';
import { directoryRoutes } from './directory-routes.js';
import { taskRoutes } from './task-routes.js';
import { taskCollaborationRoutes } from './task-collaboration-routes.js';
import { taskAttachmentRoutes } from './task-attachment-routes.js';
import { taskFilterRoutes } from './task-filter-routes.js';
import { procedureRoutes } from './procedure-routes.js';
import { instanceRoutes } from './instance-routes.js';
import { replayRoutes } from './replay-routes.js';
import { auditExportRoutes } from './audit-export-routes.js';
import { instanceSearchRoutes } from './instance-search-routes.js';
import { procedureModules } from '../../procedures/index.js';
import { notificationRoutes } from './notification-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { registerRoutes } from './register-routes.js';
import { formPreviewRoutes } from './form-preview-routes.js';
import { modelRoutes } from './model-routes.js';
import { historyVerificationRoutes } from './history-verification-routes.js';
import { groupMemberRoutes } from './group-member-routes.js';

/** eiso's own API, used by the web app. */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(sessionRoutes);
  await app.register(directoryRoutes);
  await app.register(taskRoutes);
  await app.register(taskCollaborationRoutes);
  await app.register(taskAttachmentRoutes);
  await app.register(taskFilterRoutes);
  await app.register(procedureRoutes);
  await app.register(instanceRoutes);
  await app.register(replayRoutes);
  await app.register(auditExportRoutes);
  await app.register(instanceSearchRoutes);
  await app.register(registerRoutes);
  await app.register(notificationRoutes);
  await app.register(settingsRoutes);
  await app.register(formPreviewRoutes);
  await app.register(modelRoutes);
  await app.register(historyVerificationRoutes);
  await app.register(groupMemberRoutes);
  for (const module of procedureModules) {
    if (module.routes) await app.register(module.routes);
  }
}
