import type { JobContext } from '../../jobs/job-worker.js';
import type { Variables } from '../../engine/process-engine.js';
import { addDays, agencyDate, agencyTime } from './agency-calendar.js';
import { updateCorrectiveAction } from './corrective-action-store.js';
import { numberSetting, oneOf, requiredText } from './job-variables.js';
import { causeCategoryOptions, valuesOf } from './options.js';

/** One action of the plan as the register stores it. */
export interface PlannedAction {
  action: string;
  owner: string;
  deadline: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function field(item: Record<string, unknown>, name: string, index: number): string {
  const value = typeof item[name] === 'string' ? (item[name] as string).trim() : '';
  if (value === '') throw new Error(`action ${index + 1} of variable 'actions' has no ${name}`);
  return value;
}

/** Reads the action plan; every action needs a text, an owner and a `YYYY-MM-DD` deadline. */
export function parseActions(value: unknown): PlannedAction[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new Error("variable 'actions' must be a non-empty list");
  return value.map((entry, index) => {
    const item = (entry ?? {}) as Record<string, unknown>;
    const action = {
      action: field(item, 'action', index),
      owner: field(item, 'owner', index),
      deadline: field(item, 'deadline', index),
    };
    if (!isoDate.test(action.deadline))
      throw new Error(`action ${index + 1} has the deadline ${action.deadline}, not YYYY-MM-DD`);
    return action;
  });
}

function whysOf(job: JobContext): { why: string }[] {
  const whys = job.variables.whys;
  if (job.variables.rootCauseMethod !== 'five-whys' || !Array.isArray(whys)) return [];
  return whys
    .map((entry) => (entry as { why?: unknown } | null)?.why)
    .filter((why): why is string => typeof why === 'string' && why.trim() !== '')
    .map((why) => ({ why: why.trim() }));
}

/**
 * Records the immediate correction, the root cause and the action plan. The plan's deadline is
 * the latest deadline of its actions. The returned times set the reminder timer, 08:00 on the
 * unit's `reminderDaysBefore` days before the deadline, and the escalation timer, 08:00 on the
 * day after it.
 */
export async function recordPlan(job: JobContext): Promise<Variables> {
  const actions = parseActions(job.variables.actions);
  const planDeadline = actions
    .map((action) => action.deadline)
    .sort()
    .at(-1) as string;
  await updateCorrectiveAction(job, {
    correction: requiredText(job, 'correction'),
    root_cause_method: oneOf(job, 'rootCauseMethod', ['five-whys', 'fishbone']),
    whys: JSON.stringify(whysOf(job)),
    cause_category: oneOf(job, 'causeCategory', valuesOf(causeCategoryOptions)),
    root_cause: requiredText(job, 'rootCause'),
    actions: JSON.stringify(actions),
    deadline: planDeadline,
    status: 'planned',
  });

  const reminderDays = numberSetting(job, 'reminderDaysBefore');
  return {
    planDeadline,
    implementationReminderAt: agencyTime(addDays(planDeadline, -reminderDays), '08:00:00'),
    implementationDueAt: agencyTime(planDeadline, '17:00:00'),
    implementationOverdueAt: agencyTime(addDays(planDeadline, 1), '08:00:00'),
  };
}

/** Sends the record back to planning after the board returned the plan. */
export async function recordPlanReturn(job: JobContext): Promise<void> {
  await updateCorrectiveAction(job, { status: 'triaged' });
}

/** Records who approved the plan and when, from the approval that the runtime wrote. */
export async function recordApproval(job: JobContext): Promise<void> {
  const approval = await job
    .trx('approvals')
    .where({ process_instance_key: job.processInstanceKey, decision: 'approve' })
    .orderBy('id', 'desc')
    .first('actor', 'actor_name', 'decided_at');
  await updateCorrectiveAction(job, {
    status: 'approved',
    approved_at: approval?.decided_at ?? job.now.toISOString(),
    approved_by: approval?.actor ?? null,
    approved_by_name: approval?.actor_name ?? null,
  });
}

/** Marks the start of implementation, after the owner department was notified of the approval. */
export async function markImplementing(job: JobContext): Promise<void> {
  await updateCorrectiveAction(job, { status: 'implementing' });
}

/**
 * Records the implementation result. The effectiveness check falls due after the unit's
 * `effectivenessCheckDays`, counted from today as the process timer counts them.
 */
export async function recordImplementation(job: JobContext): Promise<Variables> {
  const implementedOn = requiredText(job, 'implementedOn');
  if (!isoDate.test(implementedOn))
    throw new Error(`variable 'implementedOn' must be a YYYY-MM-DD date, got ${implementedOn}`);
  const checkDueOn = addDays(agencyDate(job.now), numberSetting(job, 'effectivenessCheckDays'));
  await updateCorrectiveAction(job, {
    implementation_report: requiredText(job, 'implementationReport'),
    implemented_on: implementedOn,
    check_due_on: checkDueOn,
    status: 'checking',
  });
  return { checkDueOn };
}
