import type { WorkerRegistry } from '../../jobs/job-worker.js';
import { checkNotice, recordNotice } from './notice-workers.js';
import { recordMeeting, recordOutcome } from './outcome-workers.js';
import { collectReports, findPendingReports, recordInputs } from './report-workers.js';

/** Job types of the management-review procedure (`zeebe:taskDefinition type`). */
export const reviewJobTypes = {
  checkNotice: 'eiso.managementReview.checkNotice',
  recordNotice: 'eiso.managementReview.recordNotice',
  pendingReports: 'eiso.managementReview.pendingReports',
  collectReports: 'eiso.managementReview.collectReports',
  recordInputs: 'eiso.managementReview.recordInputs',
  recordMeeting: 'eiso.managementReview.recordMeeting',
  recordOutcome: 'eiso.managementReview.recordOutcome',
} as const;

/** Registers the workers that write the management review records. */
export function registerReviewWorkers(registry: WorkerRegistry): void {
  registry.register(reviewJobTypes.checkNotice, checkNotice);
  registry.register(reviewJobTypes.recordNotice, recordNotice);
  registry.register(reviewJobTypes.pendingReports, findPendingReports);
  registry.register(reviewJobTypes.collectReports, collectReports);
  registry.register(reviewJobTypes.recordInputs, recordInputs);
  registry.register(reviewJobTypes.recordMeeting, recordMeeting);
  registry.register(reviewJobTypes.recordOutcome, recordOutcome);
}
