import type { Knex } from 'knex';
import { procedureModule } from '../procedures/index.js';
import { EisoError, notFound } from '../errors.js';
import type { Variables } from '../engine/process-engine.js';
import { appendHistory } from '../history/history-log.js';
import { assertFileReferences } from './form-file-references.js';
import type { Principal } from '../identity/principal.js';
import { assertValidSubmission, stripReadonlyFields } from '../forms/form-validator.js';
import type { FormSchema } from '../forms/form-schema.js';
import { defaultLocale, type Locale } from '../locale.js';
import type { Runtime } from '../runtime/runtime.js';
import { countLists, type TaskCounts } from './inbox-counts.js';
import { routeAssignment, writeAssignment } from './task-assignment.js';
import { managesTask } from './task-management.js';
import {
  describeCandidates,
  hasCandidates,
  isCandidate,
  notCandidateToClaim,
} from './task-permissions.js';
import { toUserTask, userTaskColumns, type UserTask } from './task-model.js';
import {
  applyCriteria,
  applyList,
  applySort,
  joinProcess,
  needsJoins,
  newestPageKeys,
  openableBy,
  visibleTo,
  type TaskCriteria,
  type TaskList,
  type TaskSort,
} from './inbox-query.js';
import {
  namesOfPage,
  pageNames,
  withGroupNames,
  type TaskGroupNames,
  type TaskPeopleNames,
} from './task-people.js';

export { visibleTo, type TaskList } from './inbox-query.js';
export { managesTask } from './task-management.js';
export { taskActions, type TaskActions } from './task-permissions.js';
export type { TaskCounts } from './inbox-counts.js';

/** A task of a list page, with its procedure and the process variables asked for as columns. */
export type TaskListItem = UserTask &
  TaskPeopleNames &
  TaskGroupNames & {
    processName: string | null;
    businessKey: string | null;
    variables?: Record<string, unknown>;
  };

/** One page of a list, with the number of tasks in every list under the same criteria. */
export interface TaskPage {
  items: TaskListItem[];
  total: number;
  counts: TaskCounts;
}

/** A request for one page of a list. */
export interface TaskListRequest {
  list: TaskList;
  page: number;
  pageSize: number;
  sort?: TaskSort;
  order?: 'asc' | 'desc';
  criteria?: TaskCriteria;
  /** Process variables to return with each task, for variable columns. */
  variableNames?: string[];
}

/** Inbox queries and the commands a user performs on tasks. */
export class TaskService {
  constructor(
    private readonly db: Knex,
    private readonly runtime: Runtime,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Lists one page of a predefined list under the criteria, in the requested order. */
  async list(principal: Principal, request: TaskListRequest): Promise<TaskPage> {
    const criteria = request.criteria ?? {};

    // The page is cut from user_tasks alone, so the joins touch only its rows.
    const page = this.db('user_tasks');
    const limit = request.pageSize;
    const offset = (request.page - 1) * request.pageSize;
    const newest = newestPageKeys(this.db, principal, { ...request, criteria, limit, offset });
    if (newest) {
      page.whereRaw('user_tasks.key IN (?)', [newest]);
      applySort(page, request.list, request.sort, request.order);
      page.select('user_tasks.*');
    } else {
      if (needsJoins(criteria)) joinProcess(page);
      applyList(page, principal, request.list, this.now());
      applyCriteria(page, criteria);
      applySort(page, request.list, request.sort, request.order);
      page.select('user_tasks.*').limit(limit).offset(offset);
    }

    const query = joinProcess(this.db.from(page.as('user_tasks')));
    applySort(query, request.list, request.sort, request.order);
    query
      .select(userTaskColumns.map((column) => `user_tasks.${column}`))
      .select('process_definitions.name as process_name', 'process_instances.business_key')
      .select(namesOfPage(this.db));
    const variableNames = request.variableNames ?? [];
    for (const [index, name] of variableNames.entries()) {
      query.select(
        this.db.raw(
          'coalesce(user_tasks.local_variables -> ?, process_instances.variables -> ?) AS ??',
          [name, name, `variable_${index}`],
        ),
      );
    }
    // On PostgreSQL the counts and the page run on two pooled connections at once.
    const [counts, rows] = await Promise.all([this.counts(principal, criteria), query]);
    return {
      items: rows.map((row: Record<string, unknown>) => ({
        ...toUserTask(row),
        ...pageNames(row),
        processName: (row.process_name as string | null) ?? null,
        businessKey: (row.business_key as string | null) ?? null,
        ...(variableNames.length > 0
          ? {
              variables: Object.fromEntries(
                variableNames.map((name, index) => [name, row[`variable_${index}`] ?? null]),
              ),
            }
          : {}),
      })),
      total: counts[request.list],
      counts,
    };
  }

  /** Counts each list under the criteria (see `countLists`). */
  counts(principal: Principal, criteria: TaskCriteria = {}): Promise<TaskCounts> {
    return countLists(this.db, principal, criteria, this.now());
  }

  /** Loads a task the user may see; any other task is not found. */
  async get(principal: Principal, key: string): Promise<UserTask> {
    if (!/^\d{1,18}$/.test(key)) throw notFound('User task', key);
    const query = visibleTo(this.db('user_tasks').where('user_tasks.key', key), principal);
    // A completed task stays visible to the user who completed it.
    const row =
      (await query.first(userTaskColumns.map((column) => `user_tasks.${column}`))) ??
      (await this.db('user_tasks')
        .where({ key, unit_id: principal.unitId, completed_by: principal.username })
        .first(userTaskColumns));
    if (row) return toUserTask(row);

    // A leader or a group head may open the tasks of the all list (see `openableBy`), to assign
    // them or change their dates, as the instance page of the unit already shows them.
    const managed = await openableBy(
      this.db('user_tasks').where('user_tasks.key', key),
      principal,
    ).first(userTaskColumns.map((column) => `user_tasks.${column}`));
    if (managed) return toUserTask(managed);
    throw notFound('User task', key);
  }

  /**
   * The data a task's form opens with: the instance's variables with the
   * task's local ones on top, less the values of its own input fields that
   * another completion wrote. An approval opens without the previous round's
   * decision and comment, and one department's acknowledgement without
   * another's; a returned draft keeps its content for editing. An iteration
   * keeps its own input element, such as the list of objectives that one
   * department measures.
   */
  async formData(task: UserTask, form: FormSchema | null): Promise<Variables> {
    const variables = await this.variables(task);
    if (!form) return variables;
    const isIteration = 'loopCounter' in task.localVariables;
    for (const key of inputKeys(form.components ?? [])) {
      const writtenByOthers = isIteration && !(key in task.localVariables);
      if (writtenByOthers || approvalFields.has(key)) delete variables[key];
    }
    return variables;
  }

  /** The task's variables: the instance's variables with the task's local ones on top. */
  async variables(task: UserTask): Promise<Variables> {
    const row = await this.db('process_instances')
      .where({ key: task.processInstanceKey })
      .first('variables');
    return { ...(row?.variables ?? {}), ...task.localVariables };
  }

  /** The latest deployed form that the task links to, or null for a task without a form. */
  async form(task: UserTask): Promise<FormSchema | null> {
    const formId = task.formId ?? task.formKey?.replace(/^camunda-forms:bpmn:/, '') ?? null;
    if (!formId) return null;
    const row = await this.db('forms')
      .where({ unit_id: task.unitId, form_id: formId })
      .orderBy('version', 'desc')
      .first('schema');
    if (!row) {
      throw new EisoError(
        'EISO_ERR_NOT_FOUND',
        `Form '${formId}' of user task ${task.key} is not deployed; deploy the form and try again.`,
      );
    }
    return row.schema as FormSchema;
  }

  /**
   * Assigns the task to `assignee`, or to their substitute while they are absent; only an
   * unassigned task or, with `allowOverride`, any task.
   */
  async assign(
    principal: Principal,
    key: string,
    assignee: string,
    allowOverride = true,
  ): Promise<UserTask> {
    const task = await this.get(principal, key);
    if (task.state !== 'CREATED')
      throw new EisoError(
        'EISO_ERR_TASK_NOT_ACTIVE',
        `User task ${key} is not active: it was completed or canceled.`,
      );
    // Taking a task from the colleague it is assigned to is a leader's decision
    // too, as is handing a task to someone else.
    const takesOver = task.assignee !== null && task.assignee !== principal.username;
    // A leader may open a task that is not offered to them, but claims it only as a candidate.
    const isOwnCandidacy = isCandidate(principal.username, principal.groups, task);
    if (assignee !== principal.username || (takesOver && allowOverride) || !isOwnCandidacy) {
      await this.assertMayAssignOthers(principal, task, assignee);
    }
    const routed = await routeAssignment(this.db, principal, assignee, this.now());
    const query = this.db('user_tasks').where({ key, state: 'CREATED' });
    if (!allowOverride) {
      query.andWhere((where) =>
        where.whereNull('assignee').orWhereIn('assignee', [assignee, routed.assignee]),
      );
    }

    const updated = await this.db.transaction((trx) =>
      writeAssignment(trx, query, {
        task,
        principal,
        requested: assignee,
        routed,
        now: this.now(),
      }),
    );
    if (updated === 0) {
      const current = await this.db('user_tasks').where({ key }).first('assignee');
      throw new EisoError(
        'EISO_ERR_TASK_ASSIGNED',
        `User task ${key} is already assigned to ${current?.assignee ?? 'someone else'}; reload the inbox.`,
      );
    }
    return this.get(principal, key);
  }

  /**
   * Claims an unassigned task for the user. Two users claiming at once: one wins, the other gets
   * 409. A user who is not a candidate gets a 400 in `locale`, even a leader who may open the task.
   */
  async claim(
    principal: Principal,
    key: string,
    locale: Locale = defaultLocale,
  ): Promise<UserTask> {
    const task = await this.get(principal, key);
    if (task.state === 'CREATED' && !isCandidate(principal.username, principal.groups, task)) {
      const [named] = await withGroupNames(this.db, [task]);
      throw notCandidateToClaim(named, locale);
    }
    return this.assign(principal, key, principal.username, false);
  }

  /** Returns the user's own task to the group. */
  async unclaim(principal: Principal, key: string): Promise<UserTask> {
    const task = await this.get(principal, key);
    if (task.assignee !== principal.username) {
      throw new EisoError(
        'EISO_ERR_TASK_ASSIGNED',
        `User task ${key} is not assigned to you, so you cannot unclaim it.`,
      );
    }
    if (task.state !== 'CREATED') throw taskNotActive(key);
    if (task.delegationState === 'PENDING') throw delegationPending(key, task);
    // No user could see a task without candidates, such as one that its model assigns with
    // `assignee="=initiator"`, once it is unassigned.
    if (!hasCandidates(task)) {
      throw new EisoError(
        'EISO_ERR_CONFLICT',
        `User task ${key} has no candidate groups or users, so it stays with you: complete it instead.`,
      );
    }
    await this.db.transaction(async (trx) => {
      const updated = await trx('user_tasks')
        .where({ key, state: 'CREATED', assignee: principal.username })
        .update({
          assignee: null,
          substitute_for: null,
          owner: null,
          delegation_state: null,
          delegation_proposal: null,
        });
      if (updated === 0) throw taskNotActive(key);
      await appendHistory(
        trx,
        task.unitId,
        task.processInstanceKey,
        [
          {
            type: 'USER_TASK_UNCLAIMED',
            elementId: task.elementId,
            elementInstanceKey: task.elementInstanceKey,
            actor: principal.username,
            data: { userTaskKey: key },
          },
        ],
        this.now(),
      );
    });
    return this.get(principal, key);
  }

  /**
   * Completes the task with the submitted form data: the read-only fields are
   * dropped, the rest is validated against the form, then the instance moves on.
   * `locale` sets the language of the field messages of EISO_ERR_FORM_INVALID.
   */
  async complete(
    principal: Principal,
    key: string,
    submitted: Variables,
    locale: Locale = defaultLocale,
  ): Promise<void> {
    const task = await this.get(principal, key);
    if (task.state !== 'CREATED')
      throw new EisoError(
        'EISO_ERR_TASK_NOT_ACTIVE',
        `User task ${key} is not active: it was completed or canceled.`,
      );
    if (task.assignee && task.assignee !== principal.username) {
      throw new EisoError(
        'EISO_ERR_TASK_ASSIGNED',
        `User task ${key} is assigned to ${task.assignee}; only the assignee can complete it.`,
      );
    }
    if (task.delegationState === 'PENDING') throw delegationPending(key, task);
    if (!(await this.mayComplete(principal, task))) {
      throw new EisoError(
        'EISO_ERR_FORBIDDEN',
        `User task ${key} is offered to ${describeCandidates(task)}; you are not one of them.`,
      );
    }

    const form = await this.form(task);
    let variables = submitted;
    if (form) {
      const context = { variables: await this.variables(task), locale };
      variables = stripReadonlyFields(form, submitted, context);
      assertValidSubmission(form, variables, context);
      await assertFileReferences(this.db, task, form, variables);
    }
    await procedureModule(task.bpmnProcessId)?.validateTaskCompletion?.({
      db: this.db,
      task,
      variables,
      locale,
      username: principal.username,
      now: this.now(),
    });
    await this.runtime.completeUserTask(task, variables, principal.username, principal.displayName);
  }

  // A candidate completes the task, and so does the substitute to whom it was routed for an
  // absent candidate.
  private async mayComplete(principal: Principal, task: UserTask): Promise<boolean> {
    if (isCandidate(principal.username, principal.groups, task)) return true;
    if (!task.substituteFor || task.assignee !== principal.username) return false;
    const absentGroups = await this.db('memberships')
      .join('groups', 'groups.id', 'memberships.group_id')
      .join('users', 'users.id', 'memberships.user_id')
      .where({ 'users.unit_id': task.unitId, 'users.username': task.substituteFor })
      .pluck('groups.code');
    return isCandidate(task.substituteFor, absentGroups.map(String), task);
  }

  private async assertMayAssignOthers(
    principal: Principal,
    task: UserTask,
    assignee: string,
  ): Promise<void> {
    const target = await this.db('users')
      .where({ username: assignee, unit_id: principal.unitId, disabled: false })
      .first('id');
    if (!target) {
      throw new EisoError(
        'EISO_ERR_VALIDATION',
        `User '${assignee}' does not exist in your unit; choose a user of the unit.`,
        [{ path: '/assignee', message: `User '${assignee}' does not exist in your unit.` }],
      );
    }
    const targetGroups = await this.db('memberships')
      .join('groups', 'groups.id', 'memberships.group_id')
      .where('memberships.user_id', target.id)
      .pluck('groups.code');
    if (!isCandidate(assignee, targetGroups.map(String), task)) {
      throw new EisoError(
        'EISO_ERR_VALIDATION',
        `User '${assignee}' may not work on this task: choose one of ${describeCandidates(task)}.`,
        [{ path: '/assignee', message: `User '${assignee}' is not a candidate of the task.` }],
      );
    }
    if (!managesTask(principal, task)) {
      throw new EisoError(
        'EISO_ERR_FORBIDDEN',
        "Only a leader or the head of the task's group may assign a task to someone else.",
      );
    }
  }
}

function delegationPending(key: string, task: UserTask): EisoError {
  return new EisoError(
    'EISO_ERR_CONFLICT',
    `User task ${key} is delegated by ${task.owner ?? 'its owner'}. The delegate resolves it to return it to the owner, who then completes it.`,
  );
}

function taskNotActive(key: string): EisoError {
  return new EisoError(
    'EISO_ERR_TASK_NOT_ACTIVE',
    `User task ${key} is not active or no longer assigned to you; reload the inbox.`,
  );
}

// Fields of the approval convention: each approval round decides anew.
const approvalFields = new Set(['decision', 'comment']);

// Keys of the input fields a form writes at its top level; a keyed group or a
// dynamic list writes one key holding its nested fields.
function inputKeys(components: FormSchema['components']): string[] {
  const keys: string[] = [];
  for (const component of components ?? []) {
    if (typeof component.key === 'string') keys.push(component.key);
    else if (typeof component.path === 'string') keys.push(component.path.split('.')[0]);
    else if (Array.isArray(component.components)) keys.push(...inputKeys(component.components));
  }
  return keys;
}
