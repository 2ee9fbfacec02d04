import type { ProcedureModule } from '../procedure-module.js';
import { checkAuditDates } from './date-rules.js';
import {
  auditFindingsRegister,
  auditPlansRegister,
  auditProgrammesRegister,
} from './audit-registers.js';
import { auditRoutes } from './audit-routes.js';
import { seedDemoAudits } from './audit-seed.js';
import { registerAuditWorkers } from './audit-workers.js';
import { checkPlanSubmission } from './plan-submission.js';

/**
 * Internal audit, ISO 9001 clause 9.2. A timer start event opens the year's programme on the date
 * of the unit's `auditProgrammeCycle` setting. Each audit of the approved programme is planned,
 * approved and held in its own iteration of a multi-instance sub-process.
 */
export const internalAuditProcedure: ProcedureModule = {
  id: 'internal-audit',
  title: { vi: 'Đánh giá nội bộ', en: 'Internal audit' },
  starterGroups: ['iso-secretary'],
  businessKey: { kind: 'year' },
  registerWorkers: registerAuditWorkers,
  registers: [auditProgrammesRegister, auditPlansRegister, auditFindingsRegister],
  routes: auditRoutes,
  seedDemo: seedDemoAudits,
  validateTaskCompletion: async ({ db, task, variables, locale }) => {
    checkAuditDates(task.elementId, variables, locale);
    await checkPlanSubmission(db, task, variables, locale);
  },
};
