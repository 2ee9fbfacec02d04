import type { Knex } from 'knex';
import { shortDate } from '../../documents/vietnamese-format.js';
import type { Variables } from '../../engine/process-engine.js';
import type { JobContext, WorkerRegistry } from '../../jobs/job-worker.js';
import { openCorrectiveAction, recordAnswer } from './answer-workers.js';
import { addDays } from './complaint-dates.js';
import { dateVariable, textVariable } from './job-variables.js';

/** Job types of the complaint-handling procedure. */
export const complaintJobTypes = {
  register: 'eiso.complaints.register',
  assign: 'eiso.complaints.assign',
  markOverdue: 'eiso.complaints.mark-overdue',
  recordAnswer: 'eiso.complaints.record-answer',
  openCorrectiveAction: 'eiso.complaints.open-corrective-action',
} as const;

/** Registers the workers that write the complaints register. */
export function registerComplaintWorkers(registry: WorkerRegistry): void {
  registry.register(complaintJobTypes.register, registerComplaint);
  registry.register(complaintJobTypes.assign, recordAssignment);
  registry.register(complaintJobTypes.markOverdue, markOverdue);
  registry.register(complaintJobTypes.recordAnswer, recordAnswer);
  registry.register(complaintJobTypes.openCorrectiveAction, openCorrectiveAction);
}

/** The fields of the receive form, as process variables. */
interface Filing {
  complainantName: string;
  complainantContact: string;
  channel: string;
  receivedDate: string;
  service: string;
  department: string;
  complaintContent: string;
}

function readFiling(variables: Variables): Filing {
  const text = (name: keyof Filing) => textVariable(variables, name);
  return {
    complainantName: text('complainantName'),
    complainantContact: text('complainantContact'),
    channel: text('channel'),
    receivedDate: dateVariable(variables, 'receivedDate'),
    service: text('service'),
    department: text('department'),
    complaintContent: text('complaintContent'),
  };
}

function responseDays(variables: Variables): number {
  const settings = variables.settings as { complaintResponseDays?: unknown } | undefined;
  const days = settings?.complaintResponseDays;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1)
    throw new Error(
      `setting 'complaintResponseDays' must be a whole number of days of at least 1, got ${JSON.stringify(days)}`,
    );
  return days;
}

async function findDepartment(job: JobContext, code: string) {
  const department = await job
    .trx('units')
    .where({ agency_id: job.unitId, kind: 'department', code })
    .first('id', 'code', 'name');
  if (!department)
    throw new Error(`department '${code}' is not a department of unit ${job.unitId}`);
  return { id: String(department.id), code: department.code as string };
}

/** The people of a department as options of the triage form's handler select, heads first. */
async function handlerOptions(trx: Knex.Transaction, department: { id: string; code: string }) {
  const heads = await trx('memberships')
    .join('groups', 'groups.id', 'memberships.group_id')
    .where('groups.code', `head-${department.code}`)
    .pluck('memberships.user_id');
  const headIds = new Set(heads.map(String));
  const users = await trx('users')
    .where({ department_id: department.id, disabled: false })
    .orderBy('display_name')
    .select('id', 'username', 'display_name', 'title');
  const ordered = [
    ...users.filter((user) => headIds.has(String(user.id))),
    ...users.filter((user) => !headIds.has(String(user.id))),
  ];
  return ordered.map((user) => ({
    value: user.username as string,
    label: user.title ? `${user.display_name} (${user.title})` : (user.display_name as string),
  }));
}

async function receivedBy(job: JobContext): Promise<string> {
  const task = await job
    .trx('user_tasks')
    .where({
      process_instance_key: job.processInstanceKey,
      element_id: 'Task_ReceiveComplaint',
      state: 'COMPLETED',
    })
    .orderBy('completed_at', 'desc')
    .first('completed_by');
  return (task?.completed_by as string | undefined) ?? 'system';
}

// A retried job finds the row that an earlier try wrote in a transaction that committed, but
// the job's own completion did not, so the row is updated in place instead of inserted twice.
async function registerComplaint(job: JobContext): Promise<Variables> {
  // NOTE: fileComplaint rejects a date received after today, but the receive form cannot, so a
  // complaint filed through the task form may carry a future date, and its due date moves with it.
  const filing = readFiling(job.variables);
  const department = await findDepartment(job, filing.department);
  const dueDate = addDays(filing.receivedDate, responseDays(job.variables));
  const code = job.businessKey ?? `PA-${job.processInstanceKey}`;

  const row = {
    unit_id: job.unitId,
    code,
    process_instance_key: job.processInstanceKey,
    received_date: filing.receivedDate,
    complainant_name: filing.complainantName,
    complainant_contact: filing.complainantContact,
    channel: filing.channel,
    service: filing.service,
    department_id: department.id,
    department_code: department.code,
    content: filing.complaintContent,
    due_date: dueDate,
    status: 'received',
    created_by: await receivedBy(job),
    created_at: job.now.toISOString(),
    updated_at: job.now.toISOString(),
  };
  await job.trx('complaints').insert(row).onConflict('process_instance_key').merge();
  job.logger.info(
    { processInstanceKey: job.processInstanceKey, code, department: department.code, dueDate },
    'complaint registered',
  );

  return {
    complaintCode: code,
    dueDate,
    dueDateText: shortDate(dueDate),
    receivedDateText: shortDate(filing.receivedDate),
    handlerOptions: await handlerOptions(job.trx, department),
    // Until a handler is assigned, the reminder goes to those who triage the complaint.
    reminderRecipients: `group:iso-secretary,group:head-${department.code}`,
  };
}

async function recordAssignment(job: JobContext): Promise<Variables> {
  const handler = textVariable(job.variables, 'handler');
  const user = await job
    .trx('users')
    .where({ unit_id: job.unitId, username: handler, disabled: false })
    .first('display_name');
  if (!user) throw new Error(`handler '${handler}' is not an active user of unit ${job.unitId}`);

  await job
    .trx('complaints')
    .where({ process_instance_key: job.processInstanceKey })
    .update({
      handler,
      handler_name: user.display_name,
      assigned_at: job.now.toISOString(),
      // An overdue complaint stays overdue when it is assigned late.
      status: job.trx.raw("case when status = 'received' then 'in-progress' else status end"),
      updated_at: job.now.toISOString(),
    });
  return { handlerName: user.display_name as string, reminderRecipients: `user:${handler}` };
}

async function markOverdue(job: JobContext): Promise<void> {
  const updated = await job
    .trx('complaints')
    .where({ process_instance_key: job.processInstanceKey })
    .whereIn('status', ['received', 'in-progress'])
    .update({
      status: 'overdue',
      escalated_at: job.now.toISOString(),
      updated_at: job.now.toISOString(),
    });
  job.logger.warn(
    { processInstanceKey: job.processInstanceKey, updated },
    'complaint past its answer date',
  );
}
