import type { ProcedureModule } from '../procedure-module.js';

export const objectiveMeasurementProcedure: ProcedureModule = {
  id: 'objective-measurement',
  title: { vi: 'objective-measurement', en: 'objective-measurement' },
  starterGroups: ['iso-secretary', 'board'],
  businessKey: { kind: 'year' },
};
