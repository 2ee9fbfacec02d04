import type { WorkerRegistry } from '../../jobs/job-worker.js';
import { collectObjectives, findPendingDepartments } from './collect-worker.js';
import { openCorrectiveActions } from './corrective-action-worker.js';
import { recordMeasurements } from './record-worker.js';

/** Job types of the objective-measurement procedure (`zeebe:taskDefinition type`). */
export const measurementJobTypes = {
  collect: 'eiso.measurement.collect',
  record: 'eiso.measurement.record',
  pending: 'eiso.measurement.pending',
  openCorrectiveActions: 'eiso.measurement.open-corrective-actions',
} as const;

/** Registers the workers of the objective-measurement procedure. */
export function registerMeasurementWorkers(registry: WorkerRegistry): void {
  registry.register(measurementJobTypes.collect, collectObjectives);
  registry.register(measurementJobTypes.record, recordMeasurements);
  registry.register(measurementJobTypes.pending, findPendingDepartments);
  registry.register(measurementJobTypes.openCorrectiveActions, openCorrectiveActions);
}
