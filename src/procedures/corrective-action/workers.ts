import type { WorkerRegistry } from '../../jobs/job-worker.js';
import {
  recordClosure,
  recordReopen,
  startDocumentChange,
  startRiskAssessment,
} from './closure-workers.js';
import {
  markImplementing,
  recordApproval,
  recordImplementation,
  recordPlan,
  recordPlanReturn,
} from './plan-workers.js';
import { checkOrigin, recordRaised, recordRejection, recordTriage } from './raise-workers.js';

/** Job types of the corrective-action procedure's service tasks. */
export const correctiveActionJobTypes = {
  checkOrigin: 'eiso.corrective-action.check-origin',
  recordRaised: 'eiso.corrective-action.record-raised',
  recordTriage: 'eiso.corrective-action.record-triage',
  recordRejection: 'eiso.corrective-action.record-rejection',
  recordPlan: 'eiso.corrective-action.record-plan',
  recordPlanReturn: 'eiso.corrective-action.record-plan-return',
  recordApproval: 'eiso.corrective-action.record-approval',
  markImplementing: 'eiso.corrective-action.mark-implementing',
  recordImplementation: 'eiso.corrective-action.record-implementation',
  recordReopen: 'eiso.corrective-action.record-reopen',
  startRiskAssessment: 'eiso.corrective-action.start-risk-assessment',
  startDocumentChange: 'eiso.corrective-action.start-document-change',
  recordClosure: 'eiso.corrective-action.record-closure',
} as const;

/** Registers the workers that write the corrective-actions register and start follow-ups. */
export function registerCorrectiveActionWorkers(registry: WorkerRegistry): void {
  const types = correctiveActionJobTypes;
  registry.register(types.checkOrigin, checkOrigin);
  registry.register(types.recordRaised, recordRaised);
  registry.register(types.recordTriage, recordTriage);
  registry.register(types.recordRejection, recordRejection);
  registry.register(types.recordPlan, recordPlan);
  registry.register(types.recordPlanReturn, recordPlanReturn);
  registry.register(types.recordApproval, recordApproval);
  registry.register(types.markImplementing, markImplementing);
  registry.register(types.recordImplementation, recordImplementation);
  registry.register(types.recordReopen, recordReopen);
  registry.register(types.startRiskAssessment, startRiskAssessment);
  registry.register(types.startDocumentChange, startDocumentChange);
  registry.register(types.recordClosure, recordClosure);
}
