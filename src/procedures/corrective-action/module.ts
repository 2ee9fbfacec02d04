import type { ProcedureModule } from '../procedure-module.js';

export const correctiveActionProcedure: ProcedureModule = {
  id: 'corrective-action',
  title: { vi: 'corrective-action', en: 'corrective-action' },
  starterGroups: ['iso-secretary', 'board'],
  businessKey: { kind: 'year' },
};
