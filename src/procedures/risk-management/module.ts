import { agencyDate } from '../../agency-time.js';
import { assertNoPastDeadlines, deadlinesOf } from '../deadline-checks.js';
import type { ProcedureModule } from '../procedure-module.js';
import { seedRiskRegisters } from './demo-records.js';
import { opportunitiesRegister } from './opportunity-register.js';
import { risksRegister } from './risk-register.js';
import { riskRoutes } from './risk-routes.js';
import { registerRiskWorkers } from './workers.js';

/**
 * Clause 6.1: plan an assessment, identify risks and opportunities per department, score them on
 * the unit's matrix, treat them (with the board's approval for high and critical risks), re-score
 * them and review each risk on its review date. A corrective action or another event may start
 * it with `trigger` and `sourceReference`.
 */
export const riskManagementProcedure: ProcedureModule = {
  id: 'risk-management',
  title: { vi: 'Quản lý rủi ro và cơ hội', en: 'Risk and opportunity management' },
  starterGroups: ['iso-secretary'],
  businessKey: { kind: 'sequence', prefix: 'RR' },
  registerWorkers: registerRiskWorkers,
  registers: [risksRegister, opportunitiesRegister],
  routes: riskRoutes,
  seedDemo: seedRiskRegisters,
  validateTaskCompletion: ({ task, variables, locale, now }) => {
    const today = agencyDate(now);
    if (task.elementId === 'Task_PlanAssessment') {
      assertNoPastDeadlines(
        [{ path: '/identificationDeadline', value: variables.identificationDeadline }],
        today,
        locale,
      );
    }
    if (task.elementId === 'Task_PlanTreatment') {
      assertNoPastDeadlines(
        deadlinesOf(variables.treatmentPlans, 'treatmentPlans', 'treatmentDue'),
        today,
        locale,
      );
    }
    return Promise.resolve();
  },
};
