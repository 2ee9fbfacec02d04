import type { WorkerRegistry } from '../../jobs/job-worker.js';
import {
  consolidateIdentifications,
  prepareAssessment,
  recordEvaluation,
} from './assessment-workers.js';
import { collectDueRisks, recordReviews } from './review-workers.js';
import {
  recordImplementation,
  recordResidualRisk,
  recordTreatmentPlan,
  startTreatment,
} from './treatment-workers.js';

/** Job types of the risk-management procedure, as its service tasks name them. */
export const riskJobTypes = {
  prepare: 'eiso.risk.prepare',
  consolidate: 'eiso.risk.consolidate',
  evaluate: 'eiso.risk.evaluate',
  plan: 'eiso.risk.plan',
  startTreatment: 'eiso.risk.start-treatment',
  implement: 'eiso.risk.implement',
  residual: 'eiso.risk.residual',
  collectDue: 'eiso.risk.collect-due',
  review: 'eiso.risk.review',
} as const;

/** Registers the workers that write the risk and opportunity registers. */
export function registerRiskWorkers(registry: WorkerRegistry): void {
  registry.register(riskJobTypes.prepare, prepareAssessment);
  registry.register(riskJobTypes.consolidate, consolidateIdentifications);
  registry.register(riskJobTypes.evaluate, recordEvaluation);
  registry.register(riskJobTypes.plan, recordTreatmentPlan);
  registry.register(riskJobTypes.startTreatment, startTreatment);
  registry.register(riskJobTypes.implement, recordImplementation);
  registry.register(riskJobTypes.residual, recordResidualRisk);
  registry.register(riskJobTypes.collectDue, collectDueRisks);
  registry.register(riskJobTypes.review, recordReviews);
}
