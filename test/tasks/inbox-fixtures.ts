import type { Knex } from 'knex';

/** A process definition of the demo agency, for tasks inserted directly. */
export interface Definition {
  key: string;
  bpmnProcessId: string;
  name: string;
  unitId: string;
}

/** Returns two deployed process definitions of the demo agency with different process ids. */
export async function twoDefinitions(db: Knex): Promise<[Definition, Definition]> {
  const rows = await db('process_definitions')
    .join('units', 'units.id', 'process_definitions.unit_id')
    .where('units.code', 'SKHCN')
    .orderBy('process_definitions.bpmn_process_id')
    .select(
      'process_definitions.key',
      'process_definitions.bpmn_process_id',
      'process_definitions.name',
      'process_definitions.unit_id',
    );
  const distinct = rows.filter(
    (row, index) => index === 0 || row.bpmn_process_id !== rows[index - 1].bpmn_process_id,
  );
  const [first, second] = distinct.map((row) => ({
    key: String(row.key),
    bpmnProcessId: row.bpmn_process_id as string,
    name: row.name as string,
    unitId: String(row.unit_id),
  }));
  return [first, second];
}

/** Fields of a task inserted directly; the rest get neutral values. */
export interface TaskSeed {
  name: string;
  definition: Definition;
  businessKey?: string;
  variables?: Record<string, unknown>;
  state?: 'CREATED' | 'COMPLETED';
  assignee?: string | null;
  candidateGroups?: string[];
  candidateUsers?: string[];
  priority?: number;
  createdAt: string;
  dueDate?: string | null;
  followUpDate?: string | null;
  completedBy?: string;
}

/** Inserts a process instance and one user task in it, and returns the task's key. */
export async function insertTask(db: Knex, seed: TaskSeed): Promise<string> {
  const [instance] = await db('process_instances')
    .insert({
      unit_id: seed.definition.unitId,
      process_definition_key: seed.definition.key,
      bpmn_process_id: seed.definition.bpmnProcessId,
      version: 1,
      business_key: seed.businessKey ?? null,
      state: 'ACTIVE',
      variables: JSON.stringify(seed.variables ?? {}),
    })
    .returning('key');
  const completed = seed.state === 'COMPLETED';
  const [task] = await db('user_tasks')
    .insert({
      unit_id: seed.definition.unitId,
      process_instance_key: instance.key,
      process_definition_key: seed.definition.key,
      bpmn_process_id: seed.definition.bpmnProcessId,
      element_id: 'Task',
      element_instance_key: `Task_${instance.key}`,
      name: seed.name,
      state: seed.state ?? 'CREATED',
      assignee: seed.assignee ?? null,
      candidate_groups: seed.candidateGroups ?? [],
      candidate_users: seed.candidateUsers ?? [],
      priority: seed.priority ?? 50,
      created_at: seed.createdAt,
      due_date: seed.dueDate ?? null,
      follow_up_date: seed.followUpDate ?? null,
      completed_at: completed ? seed.createdAt : null,
      completed_by: completed ? (seed.completedBy ?? null) : null,
    })
    .returning('key');
  return String(task.key);
}
