import type { ProcedureModule } from '../procedure-module.js';

export const internalAuditProcedure: ProcedureModule = {
  id: 'internal-audit',
  title: { vi: 'internal-audit', en: 'internal-audit' },
  starterGroups: ['iso-secretary', 'board'],
  businessKey: { kind: 'year' },
};
