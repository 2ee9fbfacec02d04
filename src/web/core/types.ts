/** Shapes of the JSON that the eiso HTTP API returns to the web app. */

/** A unit, department or group name, with the English name where the server has one. */
export interface Named {
  name: string;
  nameEn?: string | null;
}

export interface Group extends Named {
  code: string;
}

export interface Department extends Named {
  code: string;
}

export interface SessionUser {
  username: string;
  displayName: string;
  title: string | null;
  unit: Named & { id: string | number; code: string };
  department: Department | null;
  groups: Group[];
  /** True when the server refuses every change by the user, such as a supervising auditor. */
  readOnly: boolean;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export interface ErrorDetail {
  path: string;
  message: string;
}

export interface ErrorBody {
  code?: string;
  message?: string;
  statusCode?: number;
  details?: ErrorDetail[];
}

export interface Procedure {
  bpmnProcessId: string;
  name: string;
  version: number;
  processDefinitionKey: string;
  /** Whether the user belongs to a group that may start it. */
  canStart: boolean;
  /** When its timer start event starts it next, for procedures that start on a schedule. */
  nextTimerStart?: string | null;
  /** Whether it runs once a year, so starting it asks for the year. */
  perYear?: boolean;
}

export interface Task {
  key: string;
  name: string;
  elementId: string;
  bpmnProcessId: string;
  processName: string;
  processInstanceKey: string;
  businessKey: string | null;
  assignee: string | null;
  candidateGroups: string[];
  /** Names of the candidate groups that exist in the unit. */
  candidateGroupNames?: Group[];
  candidateUsers: string[];
  dueDate: string | null;
  followUpDate: string | null;
  priority: number | null;
  createdAt: string;
  state: string;
  formId: string | null;
  completedAt: string | null;
  completedBy: string | null;
  /** The user who delegated the task; set while and after it is delegated. */
  owner?: string | null;
  delegationState?: 'PENDING' | 'RESOLVED' | null;
  /** The absent user whose task the assignee received as substitute. */
  substituteFor?: string | null;
  /** Full names of the people above, when they are users of the unit. */
  assigneeName?: string | null;
  ownerName?: string | null;
  substituteForName?: string | null;
  completedByName?: string | null;
  /** True when the user may claim the task. The inbox lists and the task detail return it. */
  canClaim?: boolean;
  /** True when the user may return the task to its candidates. Returned with `canClaim`. */
  canUnclaim?: boolean;
}

export type TaskList = 'mine' | 'group' | 'all' | 'completed' | 'overdue';

export interface TaskPage {
  items: (Task & { variables?: Record<string, unknown> })[];
  total: number;
  counts: Record<TaskList, number>;
}

/** A saved inbox filter as GET /api/task-filters returns it. */
export interface TaskFilter {
  id: string;
  name: string;
  owner: string;
  groupCode: string | null;
  sort: string | null;
  order: 'asc' | 'desc' | null;
  columns: string[];
  criteria: Record<string, string | number | string[]>;
}

export type FormSchema = Record<string, unknown>;
export type Variables = Record<string, unknown>;

export interface TaskDetail {
  task: Task;
  form: FormSchema | null;
  variables: Variables;
  /** `manage`: the user may assign the task to others and change its dates and priority. */
  permissions?: { manage: boolean };
}

export interface InstanceSummary {
  key: string;
  bpmnProcessId: string;
  processName: string;
  version: number;
  businessKey: string | null;
  state: string;
  startedAt: string;
  endedAt: string | null;
  startedBy: string | null;
  /** The starter's full name, or null where the user is gone. */
  startedByName: string | null;
  hasIncident: boolean;
}

export interface InstancePage {
  items: InstanceSummary[];
  total: number;
}

export interface Incident {
  key: string;
  elementId: string;
  errorType: string;
  errorMessage: string;
  state: string;
  createdAt: string;
}

export interface HistoryEvent {
  position: number;
  type: string;
  elementId: string | null;
  actor: string | null;
  createdAt: string;
  data: Record<string, unknown> | null;
}

export interface InstanceDetail extends InstanceSummary {
  /** Full names of the users that the history names, by username. */
  people: Record<string, string>;
  variables: Variables;
  incidents: Incident[];
  activeElementIds: string[];
  completedElementIds: string[];
  takenSequenceFlowIds: string[];
  tasks: Task[];
  history: HistoryEvent[];
}

export interface StartedInstance {
  processInstanceKey: string;
  businessKey: string | null;
}

export interface Objective {
  id: string | number;
  year: number;
  position: number;
  title: string;
  indicator: string | null;
  formula: string | null;
  targetValue: number | null;
  targetUnit: string | null;
  ownerDepartment: Department | null;
  deadline: string | null;
  resources: string | null;
  evaluationMethod: string | null;
  status: string;
  approvedAt: string | null;
  approvedBy: string | null;
  disseminatedAt: string | null;
  processInstanceKey: string | null;
}

export interface Approval {
  decision: string;
  comment: string | null;
  actor: string;
  actorName: string | null;
  decidedAt: string;
  processInstanceKey: string | null;
}

export interface Acknowledgement {
  department: Department;
  actor: string | null;
  note: string | null;
  acknowledgedAt: string | null;
}

export interface ObjectivesRegister {
  items: Objective[];
  approvals: Approval[];
  acknowledgements: Acknowledgement[];
  years: number[];
}
