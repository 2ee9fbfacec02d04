import type { ProcedureModule } from '../procedure-module.js';
import { checkAnswerApproval } from './answer-approval.js';
import { vietnamDate } from './complaint-dates.js';
import { assertNotInFuture } from './complaint-filing.js';
import { complaintsRegister } from './complaint-register.js';
import { complaintRoutes } from './complaint-routes.js';
import { registerComplaintWorkers } from './complaint-workers.js';
import { seedComplaintDemo } from './demo-seed.js';
import { satisfactionRatingsRegister } from './rating-register.js';

/**
 * Complaints and satisfaction (clauses 8.2.1 and 9.1.2): any staff member files a complaint on
 * behalf of a citizen or business, the secretary or the department head assigns a handler, the
 * head or the board approves the answer (never its own handler), which is sent within the unit's time limit and may open a corrective
 * action. Satisfaction ratings are a register of their own that starts no process.
 */
export const complaintHandlingProcedure: ProcedureModule = {
  id: 'complaint-handling',
  title: { vi: 'Tiếp nhận và giải quyết phản ánh, kiến nghị', en: 'Complaints and satisfaction' },
  starterGroups: 'everyone',
  // Demo complaints have codes but no instance, so new keys continue after them.
  businessKey: {
    kind: 'sequence',
    prefix: 'PA',
    recordCodes: { table: 'complaints', column: 'code' },
  },
  registerWorkers: registerComplaintWorkers,
  registers: [complaintsRegister, satisfactionRatingsRegister],
  routes: complaintRoutes,
  seedDemo: seedComplaintDemo,
  validateTaskCompletion: async ({ db, task, variables, username, locale, now }) => {
    if (task.elementId === 'Task_ReceiveComplaint')
      assertNotInFuture(variables.receivedDate, vietnamDate(now), locale);
    await checkAnswerApproval(db, task, username, locale);
  },
};
