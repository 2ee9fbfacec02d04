import type { Knex } from 'knex';
import { notFound } from '../../../errors.js';
import type { FormSchema } from '../../../forms/form-schema.js';
import type { Principal } from '../../../identity/principal.js';
import { toUserTask, userTaskColumns } from '../../../tasks/task-model.js';
import { visibleTo, type TaskService } from '../../../tasks/task-service.js';
import {
  applySort,
  column,
  searchPage,
  tenantColumn,
  whereAnyMatches,
  whereMatches,
  whereVariablesMatch,
  type FilterProperty,
  type SearchRequest,
  type SearchResult,
  type VariableFilter,
} from './search-query.js';
import { defaultTenantId } from './search-schemas.js';

/** `UserTaskFilter` of Camunda, with `bpmnProcessId` as another name of `processDefinitionId`. */
export interface UserTaskFilter {
  state?: FilterProperty<string>;
  assignee?: FilterProperty<string>;
  priority?: FilterProperty<number>;
  elementId?: string;
  name?: string;
  candidateGroup?: FilterProperty<string>;
  candidateUser?: FilterProperty<string>;
  tenantId?: FilterProperty<string>;
  processDefinitionId?: string;
  bpmnProcessId?: string;
  creationDate?: FilterProperty<string>;
  completionDate?: FilterProperty<string>;
  followUpDate?: FilterProperty<string>;
  dueDate?: FilterProperty<string>;
  processInstanceVariables?: VariableFilter[];
  localVariables?: VariableFilter[];
  userTaskKey?: string;
  processDefinitionKey?: string;
  processInstanceKey?: string;
}

export const userTaskSortColumns = {
  creationDate: 'user_tasks.created_at',
  completionDate: 'user_tasks.completed_at',
  followUpDate: 'user_tasks.follow_up_date',
  dueDate: 'user_tasks.due_date',
  priority: 'user_tasks.priority',
  name: 'user_tasks.name',
} as const;

export type UserTaskSortField = keyof typeof userTaskSortColumns;

/** `UserTaskResult` of Camunda; absent values are left out, as Camunda does. */
export interface UserTaskResult {
  userTaskKey: string;
  name?: string;
  state: 'CREATED' | 'COMPLETED' | 'CANCELED';
  assignee?: string;
  elementId: string;
  candidateGroups: string[];
  candidateUsers: string[];
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersion?: number;
  processName?: string;
  processInstanceKey: string;
  creationDate: string;
  completionDate?: string;
  followUpDate?: string;
  dueDate?: string;
  priority: number;
  tenantId: string;
  formKey?: string;
}

/** `FormResult` of Camunda. */
export interface FormResult {
  formKey: string;
  formId: string;
  version: number;
  schema: FormSchema;
  tenantId: string;
}

type Row = Record<string, unknown>;

// Tasks that the caller may see, as in the inbox, and those the caller
// completed, which stay visible to them as `TaskService.get` allows.
function visibleTasks(db: Knex, principal: Principal): Knex.QueryBuilder {
  return db('user_tasks')
    .leftJoin('process_definitions', 'process_definitions.key', 'user_tasks.process_definition_key')
    .leftJoin('process_instances', 'process_instances.key', 'user_tasks.process_instance_key')
    .where((visible) => {
      visible
        .where((offered) => {
          visibleTo(offered, principal);
        })
        .orWhere({
          'user_tasks.unit_id': principal.unitId,
          'user_tasks.completed_by': principal.username,
        });
    });
}

function applyFilter(query: Knex.QueryBuilder, filter: UserTaskFilter = {}): Knex.QueryBuilder {
  whereMatches(query, column('user_tasks.state'), filter.state);
  whereMatches(query, column('user_tasks.assignee'), filter.assignee);
  whereMatches(query, column('user_tasks.priority'), filter.priority);
  whereMatches(query, column('user_tasks.element_id'), filter.elementId);
  whereMatches(query, column('user_tasks.name'), filter.name);
  whereAnyMatches(query, column('user_tasks.candidate_groups'), filter.candidateGroup);
  whereAnyMatches(query, column('user_tasks.candidate_users'), filter.candidateUser);
  whereMatches(query, tenantColumn, filter.tenantId);
  whereMatches(query, column('user_tasks.bpmn_process_id'), filter.processDefinitionId);
  whereMatches(query, column('user_tasks.bpmn_process_id'), filter.bpmnProcessId);
  whereMatches(query, column('user_tasks.created_at'), filter.creationDate);
  whereMatches(query, column('user_tasks.completed_at'), filter.completionDate);
  whereMatches(query, column('user_tasks.follow_up_date'), filter.followUpDate);
  whereMatches(query, column('user_tasks.due_date'), filter.dueDate);
  whereVariablesMatch(query, 'process_instances.variables', filter.processInstanceVariables);
  whereVariablesMatch(query, 'user_tasks.local_variables', filter.localVariables);
  whereMatches(query, column('user_tasks.key'), filter.userTaskKey);
  whereMatches(query, column('user_tasks.process_definition_key'), filter.processDefinitionKey);
  whereMatches(query, column('user_tasks.process_instance_key'), filter.processInstanceKey);
  return query;
}

// A task links to its form by id (or by a `camunda-forms:bpmn:` form key, which
// `TaskService.form` reads the same way). Like Camunda, the API reports the key
// of the form version that the task shows, which is the latest one.
const linkedFormKey = `(select f.key from forms f
  where f.unit_id = user_tasks.unit_id
    and f.form_id = coalesce(user_tasks.form_id, regexp_replace(user_tasks.form_key, '^camunda-forms:bpmn:', ''))
  order by f.version desc limit 1) as linked_form_key`;

function selectColumns(db: Knex, query: Knex.QueryBuilder): Knex.QueryBuilder {
  return query.select(
    ...userTaskColumns.map((name) => `user_tasks.${name}`),
    'process_definitions.name as process_name',
    'process_definitions.version as process_version',
    db.raw(linkedFormKey),
  );
}

function optional<T>(value: T | null | undefined): T | undefined {
  return value ?? undefined;
}

/** Presents a task row as Camunda's `UserTaskResult`. */
export function presentUserTask(row: Row): UserTaskResult {
  const task = toUserTask(row);
  return {
    userTaskKey: task.key,
    name: optional(task.name),
    state: task.state,
    assignee: optional(task.assignee),
    elementId: task.elementId,
    candidateGroups: task.candidateGroups,
    candidateUsers: task.candidateUsers,
    processDefinitionId: task.bpmnProcessId,
    processDefinitionKey: task.processDefinitionKey,
    processDefinitionVersion:
      row.process_version === null || row.process_version === undefined
        ? undefined
        : Number(row.process_version),
    processName: optional(row.process_name as string | null),
    processInstanceKey: task.processInstanceKey,
    creationDate: task.createdAt,
    completionDate: optional(task.completedAt),
    followUpDate: optional(task.followUpDate),
    dueDate: optional(task.dueDate),
    priority: task.priority,
    tenantId: defaultTenantId,
    formKey:
      row.linked_form_key === null || row.linked_form_key === undefined
        ? undefined
        : String(row.linked_form_key),
  };
}

/** The user task reads of `/v2`, always limited to the tasks the caller may see. */
export class UserTaskQueries {
  constructor(
    private readonly db: Knex,
    private readonly tasks: TaskService,
  ) {}

  /** One page of the visible tasks that match the request. */
  search(
    principal: Principal,
    request: SearchRequest<UserTaskFilter, UserTaskSortField>,
  ): Promise<SearchResult<UserTaskResult>> {
    const filtered = applyFilter(visibleTasks(this.db, principal), request.filter);
    const select = (query: Knex.QueryBuilder) => {
      applySort(selectColumns(this.db, query), request.sort, userTaskSortColumns, 'user_tasks.key');
      return query;
    };
    return searchPage(filtered, request.page, select, presentUserTask);
  }

  /** Reads a task that the caller may see, or throws not found. */
  async get(principal: Principal, key: string): Promise<UserTaskResult> {
    const row = await selectColumns(
      this.db,
      visibleTasks(this.db, principal).where('user_tasks.key', key),
    ).first();
    if (!row) throw notFound('User task', key);
    return presentUserTask(row);
  }

  /** Reads the form that a visible task shows, or returns null when the task has none. */
  async form(principal: Principal, key: string): Promise<FormResult | null> {
    const task = await this.tasks.get(principal, key);
    const schema = await this.tasks.form(task);
    if (!schema) return null;
    const row = await this.db('forms')
      .where({ unit_id: task.unitId, form_id: schema.id })
      .orderBy('version', 'desc')
      .first('key', 'version');
    if (!row) throw notFound('Form', schema.id);
    return {
      formKey: String(row.key),
      formId: schema.id,
      version: Number(row.version),
      schema,
      tenantId: defaultTenantId,
    };
  }
}
