import type { ProcedureModule } from '../procedure-module.js';
import { seedDemoMeasurements } from './demo-measurements.js';
import { periodKindOfCycle } from './measurement-period.js';
import { objectiveMeasurementsRegister } from './measurement-register.js';
import { measurementRoutes } from './measurement-routes.js';
import { registerMeasurementWorkers } from './measurement-workers.js';

/**
 * Clauses 6.2 and 9.1.1: each month or quarter (the unit setting `measurementCycle`) the owner
 * departments report the measured value of each approved quality objective. The register compares
 * it with the target, and the secretary decides whether a missed target opens a corrective action.
 */
export const objectiveMeasurementProcedure: ProcedureModule = {
  id: 'objective-measurement',
  title: { vi: 'Đo lường mục tiêu chất lượng', en: 'Measurement of quality objectives' },
  starterGroups: ['iso-secretary'],
  businessKey: {
    kind: 'period',
    period: (settings) => periodKindOfCycle(settings.measurementCycle),
  },
  registerWorkers: registerMeasurementWorkers,
  registers: [objectiveMeasurementsRegister],
  routes: measurementRoutes,
  seedDemo: seedDemoMeasurements,
};
