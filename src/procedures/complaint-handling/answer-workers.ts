import type { Variables } from '../../engine/process-engine.js';
import type { JobContext } from '../../jobs/job-worker.js';
import { dateVariable, textVariable } from './job-variables.js';

/** The approval task of the answer, whose completion decides on a corrective action. */
const approvalTask = 'Task_ApproveAnswer';

/** The corrective-action procedure and its source value for complaints. */
export const correctiveActionProcess = { bpmnProcessId: 'corrective-action', source: 'complaint' };

interface Approval {
  actor: string | null;
  actorName: string | null;
  openCorrectiveAction: boolean;
  correctiveActionNote: string | null;
}

// The last completed approval is the one that let the answer go out; earlier rounds returned it.
async function finalApproval(job: JobContext): Promise<Approval> {
  const task = await job
    .trx('user_tasks')
    .where({
      process_instance_key: job.processInstanceKey,
      element_id: approvalTask,
      state: 'COMPLETED',
    })
    .orderBy('completed_at', 'desc')
    .orderBy('key', 'desc')
    .first('completed_by', 'completion_variables');
  const submitted = (task?.completion_variables ?? {}) as Variables;
  const user = task
    ? await job.trx('users').where({ username: task.completed_by }).first('display_name')
    : undefined;
  const note = submitted.correctiveActionNote;
  return {
    actor: (task?.completed_by as string | undefined) ?? null,
    actorName: (user?.display_name as string | undefined) ?? null,
    openCorrectiveAction: submitted.openCorrectiveAction === true,
    correctiveActionNote: typeof note === 'string' && note.trim() !== '' ? note.trim() : null,
  };
}

/** Writes the approved and sent answer, and whether it went out on time. */
export async function recordAnswer(job: JobContext): Promise<Variables> {
  const answer = textVariable(job.variables, 'answer');
  const answeredOn = dateVariable(job.variables, 'answeredOn');
  const answerChannel = textVariable(job.variables, 'answerChannel');
  const complaint = await job
    .trx('complaints')
    .where({ process_instance_key: job.processInstanceKey })
    .first(job.trx.raw('due_date::text as due_date'));
  if (!complaint)
    throw new Error(`no complaint is registered for process instance ${job.processInstanceKey}`);
  const approval = await finalApproval(job);
  // NOTE: the form cannot compare dates, so an answer date before the receipt is stored as given.
  const onTime = answeredOn <= (complaint.due_date as string);

  await job.trx('complaints').where({ process_instance_key: job.processInstanceKey }).update({
    answer,
    answered_date: answeredOn,
    answer_channel: answerChannel,
    on_time: onTime,
    approved_by: approval.actor,
    approved_by_name: approval.actorName,
    status: 'answered',
    updated_at: job.now.toISOString(),
  });
  return { onTime, correctiveActionNeeded: approval.openCorrectiveAction };
}

function describeNonconformity(
  complaint: Record<string, unknown>,
  variables: Variables,
  note: string | null,
): string {
  const proposal = variables.correctiveActionProposal;
  const parts = [
    note ? `Sự không phù hợp: ${note}` : null,
    `Nội dung phản ánh: ${String(complaint.content)}`,
    `Trả lời đã gửi: ${String(complaint.answer)}`,
    typeof proposal === 'string' && proposal.trim() ? `Đề xuất của người xử lý: ${proposal}` : null,
  ];
  return parts.filter((part) => part !== null).join('\n\n');
}

/**
 * Starts the corrective-action procedure for a complaint whose answer approval asked for one,
 * in this job's transaction, and links the started instance in the register.
 */
export async function openCorrectiveAction(job: JobContext): Promise<Variables> {
  const complaint = await job
    .trx('complaints')
    .where({ process_instance_key: job.processInstanceKey })
    .first('code', 'service', 'content', 'answer', 'department_code');
  if (!complaint)
    throw new Error(`no complaint is registered for process instance ${job.processInstanceKey}`);
  const approval = await finalApproval(job);

  const started = await job.startProcess({
    bpmnProcessId: correctiveActionProcess.bpmnProcessId,
    variables: {
      source: correctiveActionProcess.source,
      sourceReference: complaint.code,
      title: `Khắc phục theo phản ánh ${complaint.code}: ${complaint.service}`.slice(0, 500),
      description: describeNonconformity(complaint, job.variables, approval.correctiveActionNote),
      departmentCode: complaint.department_code,
    },
  });

  await job.trx('complaints').where({ process_instance_key: job.processInstanceKey }).update({
    corrective_action_key: started.businessKey,
    corrective_action_instance_key: started.processInstanceKey,
    updated_at: job.now.toISOString(),
  });
  job.logger.info(
    {
      processInstanceKey: job.processInstanceKey,
      correctiveActionInstanceKey: started.processInstanceKey,
      correctiveActionKey: started.businessKey,
    },
    'corrective action opened for complaint',
  );
  return {
    correctiveActionKey: started.businessKey,
    correctiveActionInstanceKey: started.processInstanceKey,
  };
}
