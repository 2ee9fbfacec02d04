import type { ProcedureModule } from '../procedure-module.js';

export const documentControlProcedure: ProcedureModule = {
  id: 'document-control',
  title: { vi: 'document-control', en: 'document-control' },
  starterGroups: ['iso-secretary', 'board'],
  businessKey: { kind: 'year' },
};
