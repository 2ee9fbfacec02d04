import type { Knex } from 'knex';
import type { Variables } from '../../engine/process-engine.js';
import { EisoError } from '../../errors.js';
import type { Locale } from '../../locale.js';
import { checkAuditTeam } from './audit-team.js';

/** The parts of a user task that the submission check reads. */
export interface SubmittedTask {
  unitId: string;
  elementId: string;
  localVariables: Variables;
}

/**
 * Rejects the submission of an audit plan whose team cannot audit the department (HTTP 400,
 * EISO_ERR_VALIDATION): an auditor of the audited department, or a user who is not an active user
 * of the unit. Other tasks pass unchecked.
 */
export async function checkPlanSubmission(
  db: Knex | Knex.Transaction,
  task: SubmittedTask,
  variables: Variables,
  locale: Locale,
): Promise<void> {
  if (task.elementId !== 'Task_DraftPlan') return;
  const planId = (task.localVariables.audit as { planId?: string } | undefined)?.planId;
  if (!planId) return;
  const plan = await db('audit_plans')
    .where({ id: planId, unit_id: task.unitId })
    .first('department_id');
  if (!plan) return;

  const team = await checkAuditTeam(
    db,
    task.unitId,
    String(plan.department_id),
    variables.leadAuditor,
    variables.auditors,
  );
  if (team.problems.length === 0) return;
  throw new EisoError(
    'EISO_ERR_VALIDATION',
    `The audit plan cannot be submitted: ${team.problems.map((problem) => problem.en).join(' ')}`,
    team.problems.map((problem) => ({ path: problem.path, message: problem[locale] })),
  );
}
