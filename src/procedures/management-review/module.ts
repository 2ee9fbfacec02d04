import type { ProcedureModule } from '../procedure-module.js';
import { checkNoticeSubmission } from './notice-workers.js';
import { managementReviewsRegister, reviewActionsRegister } from './review-registers.js';
import { reviewRoutes } from './review-routes.js';
import { seedManagementReview } from './review-seed.js';
import { registerReviewWorkers } from './review-workers.js';

/**
 * Management review (ISO 9001:2015 clause 9.3). The ISO secretary drafts the notice and the leader
 * approves it. The department heads report on their inputs in parallel, and the secretary
 * consolidates the twelve inputs of 9.3.2 and records the meeting. The leader approves the report,
 * whose outputs (9.3.3) become tracked actions. An agency may hold several reviews a year, so
 * instances are numbered `XXLD-2027-001`.
 */
export const managementReviewProcedure: ProcedureModule = {
  id: 'management-review',
  title: { vi: 'Xem xét của lãnh đạo', en: 'Management review' },
  starterGroups: ['iso-secretary'],
  // Demo reviews have references but no instance, so new keys continue after them.
  businessKey: {
    kind: 'sequence',
    prefix: 'XXLD',
    recordCodes: { table: 'management_reviews', column: 'reference' },
  },
  registerWorkers: registerReviewWorkers,
  registers: [managementReviewsRegister, reviewActionsRegister],
  routes: reviewRoutes,
  seedDemo: seedManagementReview,
  validateTaskCompletion: ({ db, task, variables, now }) =>
    checkNoticeSubmission(db, task, variables, now),
};
