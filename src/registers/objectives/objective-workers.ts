import type { JobContext, WorkerRegistry } from '../../jobs/job-worker.js';

/** One objective as the drafting form submits it. */
interface DraftedObjective {
  title: string;
  indicator: string;
  formula?: string;
  targetValue: number | string;
  targetUnit: string;
  ownerDepartment?: string;
  deadline?: string;
  resources?: string;
  evaluationMethod?: string;
}

/** Job types of the quality-objectives procedure. */
export const objectiveJobTypes = {
  record: 'eiso.objectives.record',
  disseminate: 'eiso.objectives.disseminate',
  acknowledge: 'eiso.objectives.acknowledge',
} as const;

/** Registers the workers that write the objectives register. */
export function registerObjectiveWorkers(registry: WorkerRegistry): void {
  registry.register(objectiveJobTypes.record, recordObjectives);
  registry.register(objectiveJobTypes.disseminate, markDisseminated);
  registry.register(objectiveJobTypes.acknowledge, recordAcknowledgements);
}

function yearOf(job: JobContext): number {
  const year = Number(job.variables.year);
  if (!Number.isInteger(year))
    throw new Error(
      `variable 'year' must be a whole number, got ${JSON.stringify(job.variables.year)}`,
    );
  return year;
}

async function departmentIds(job: JobContext): Promise<Map<string, string>> {
  const rows = await job
    .trx('units')
    .where({ agency_id: job.unitId, kind: 'department' })
    .select('id', 'code');
  return new Map(rows.map((row) => [row.code as string, String(row.id)]));
}

// The objectives approved in this instance replace any that an earlier try of
// the same job wrote, so a retried job never duplicates the register.
async function recordObjectives(job: JobContext): Promise<void> {
  const objectives = job.variables.objectives;
  if (!Array.isArray(objectives) || objectives.length === 0)
    throw new Error("variable 'objectives' must be a non-empty list");
  const year = yearOf(job);
  const departments = await departmentIds(job);
  const approval = await job
    .trx('approvals')
    .where({ process_instance_key: job.processInstanceKey, decision: 'approve' })
    .orderBy('id', 'desc')
    .first('actor', 'decided_at');

  await job.trx('objectives').where({ process_instance_key: job.processInstanceKey }).delete();
  await job.trx('objectives').insert(
    (objectives as DraftedObjective[]).map((objective, index) => ({
      unit_id: job.unitId,
      year,
      position: index + 1,
      title: objective.title,
      indicator: objective.indicator,
      formula: objective.formula || null,
      target_value: Number(objective.targetValue),
      target_unit: objective.targetUnit,
      // Optional fields left empty in the form arrive as empty strings.
      owner_department_id: objective.ownerDepartment
        ? (departments.get(objective.ownerDepartment) ?? null)
        : null,
      deadline: objective.deadline || null,
      resources: objective.resources || null,
      evaluation_method: objective.evaluationMethod || null,
      status: 'approved',
      process_instance_key: job.processInstanceKey,
      approved_at: approval?.decided_at ?? job.now.toISOString(),
      approved_by: approval?.actor ?? null,
    })),
  );
  job.logger.info(
    { processInstanceKey: job.processInstanceKey, year, count: objectives.length },
    'objectives recorded',
  );
}

async function markDisseminated(job: JobContext): Promise<void> {
  const disseminatedOn =
    typeof job.variables.disseminatedOn === 'string'
      ? job.variables.disseminatedOn
      : job.now.toISOString();
  await job
    .trx('objectives')
    .where({ process_instance_key: job.processInstanceKey })
    .update({ status: 'disseminated', disseminated_at: disseminatedOn });
}

// Reads who acknowledged from the completed acknowledgement tasks, which carry
// the department as their loop element and the user who completed them.
async function recordAcknowledgements(job: JobContext): Promise<void> {
  const departments = await departmentIds(job);
  const tasks = await job
    .trx('user_tasks')
    .where({
      process_instance_key: job.processInstanceKey,
      element_id: 'Task_Acknowledge',
      state: 'COMPLETED',
    })
    .select('local_variables', 'completion_variables', 'completed_by', 'completed_at');
  const rows = tasks
    .map((task) => ({
      task,
      departmentId: departments.get(String(task.local_variables?.department)),
    }))
    .filter((entry) => entry.departmentId !== undefined)
    .map(({ task, departmentId }) => ({
      unit_id: job.unitId,
      process_instance_key: job.processInstanceKey,
      subject: 'quality-objectives',
      department_id: departmentId,
      actor: task.completed_by,
      note: task.completion_variables?.acknowledgeNote ?? null,
      acknowledged_at: task.completed_at,
    }));
  if (rows.length > 0) {
    await job
      .trx('acknowledgements')
      .insert(rows)
      .onConflict(['process_instance_key', 'subject', 'department_id'])
      .ignore();
  }
}
