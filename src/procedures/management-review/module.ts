import type { ProcedureModule } from '../procedure-module.js';

export const managementReviewProcedure: ProcedureModule = {
  id: 'management-review',
  title: { vi: 'management-review', en: 'management-review' },
  starterGroups: ['iso-secretary', 'board'],
  businessKey: { kind: 'year' },
};
