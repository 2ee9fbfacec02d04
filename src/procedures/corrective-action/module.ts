import { agencyDate } from '../../agency-time.js';
import { assertNoPastDeadlines, deadlinesOf } from '../deadline-checks.js';
import type { ProcedureModule } from '../procedure-module.js';
import { correctiveActionsRegister } from './corrective-action-register.js';
import { seedCorrectiveActions } from './demo-records.js';
import { correctiveActionRoutes } from './summary-routes.js';
import { correctiveActionProcessId } from './start-contract.js';
import { registerCorrectiveActionWorkers } from './workers.js';

/**
 * Nonconformity and corrective action (ISO 9001 clause 10.2). Any user raises one by hand, and the
 * internal audit, management review, complaint and objective measurement procedures start one
 * with `startCorrectiveAction` (see start-contract.ts).
 */
export const correctiveActionProcedure: ProcedureModule = {
  id: correctiveActionProcessId,
  title: {
    vi: 'Kiểm soát sự không phù hợp và hành động khắc phục',
    en: 'Nonconformity and corrective action',
  },
  starterGroups: 'everyone',
  // Demo corrective actions have codes but no instance, so new keys continue after them.
  businessKey: {
    kind: 'sequence',
    prefix: 'KPH',
    recordCodes: { table: 'corrective_actions', column: 'code' },
  },
  registerWorkers: registerCorrectiveActionWorkers,
  registers: [correctiveActionsRegister],
  routes: correctiveActionRoutes,
  seedDemo: seedCorrectiveActions,
  validateTaskCompletion: ({ task, variables, locale, now }) => {
    if (task.elementId === 'Task_Plan') {
      assertNoPastDeadlines(
        deadlinesOf(variables.actions, 'actions', 'deadline'),
        agencyDate(now),
        locale,
      );
    }
    return Promise.resolve();
  },
};
