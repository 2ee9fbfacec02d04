/** A user task as the service and its API present it. */
export interface UserTask {
  key: string;
  unitId: string;
  name: string | null;
  elementId: string;
  elementInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  state: 'CREATED' | 'COMPLETED' | 'CANCELED';
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  formId: string | null;
  formKey: string | null;
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  localVariables: Record<string, unknown>;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  /** The user who delegated the task and gets it back when the delegate resolves it. */
  owner: string | null;
  /** `PENDING` while the delegate works on the task, `RESOLVED` once it is back with the owner. */
  delegationState: 'PENDING' | 'RESOLVED' | null;
  /** Form data that the delegate proposed when resolving. */
  delegationProposal: Record<string, unknown> | null;
  /** The absent user whose task the assignee received as substitute. */
  substituteFor: string | null;
}

/** Column list that `toUserTask` reads. */
export const userTaskColumns = [
  'key',
  'unit_id',
  'name',
  'element_id',
  'element_instance_key',
  'bpmn_process_id',
  'process_definition_key',
  'process_instance_key',
  'state',
  'assignee',
  'candidate_groups',
  'candidate_users',
  'form_id',
  'form_key',
  'due_date',
  'follow_up_date',
  'priority',
  'local_variables',
  'created_at',
  'completed_at',
  'completed_by',
  'owner',
  'delegation_state',
  'delegation_proposal',
  'substitute_for',
];

type Row = Record<string, unknown>;

function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value as string).toISOString();
}

/** Maps a `user_tasks` row to a task. */
export function toUserTask(row: Row): UserTask {
  return {
    key: String(row.key),
    unitId: String(row.unit_id),
    name: (row.name as string | null) ?? null,
    elementId: row.element_id as string,
    elementInstanceKey: row.element_instance_key as string,
    bpmnProcessId: row.bpmn_process_id as string,
    processDefinitionKey: String(row.process_definition_key),
    processInstanceKey: String(row.process_instance_key),
    state: row.state as UserTask['state'],
    assignee: (row.assignee as string | null) ?? null,
    candidateGroups: (row.candidate_groups as string[] | null) ?? [],
    candidateUsers: (row.candidate_users as string[] | null) ?? [],
    formId: (row.form_id as string | null) ?? null,
    formKey: (row.form_key as string | null) ?? null,
    dueDate: isoOrNull(row.due_date),
    followUpDate: isoOrNull(row.follow_up_date),
    priority: Number(row.priority),
    localVariables: (row.local_variables as Record<string, unknown> | null) ?? {},
    createdAt: isoOrNull(row.created_at) ?? '',
    completedAt: isoOrNull(row.completed_at),
    completedBy: (row.completed_by as string | null) ?? null,
    owner: (row.owner as string | null) ?? null,
    delegationState: (row.delegation_state as UserTask['delegationState']) ?? null,
    delegationProposal: (row.delegation_proposal as Record<string, unknown> | null) ?? null,
    substituteFor: (row.substitute_for as string | null) ?? null,
  };
}
