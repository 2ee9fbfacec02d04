import type { ProcedureModule } from '../procedure-module.js';

export const riskManagementProcedure: ProcedureModule = {
  id: 'risk-management',
  title: { vi: 'risk-management', en: 'risk-management' },
  starterGroups: ['iso-secretary', 'board'],
  businessKey: { kind: 'year' },
};
