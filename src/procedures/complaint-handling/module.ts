import type { ProcedureModule } from '../procedure-module.js';

export const complaintHandlingProcedure: ProcedureModule = {
  id: 'complaint-handling',
  title: { vi: 'complaint-handling', en: 'complaint-handling' },
  starterGroups: ['iso-secretary', 'board'],
  businessKey: { kind: 'year' },
};
