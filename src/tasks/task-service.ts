import type { Knex } from 'knex';
import { procedureModule } from '../procedures/index.js';
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
  candidateList,
  describeCandidates,
  hasCandidates,
  isCandidate,
  notCandidateToClaim,
} from './task-permissions.js';
import {
  alreadyAssigned,
  assignedToOther,
  assigneeNotCandidate,
  delegationPending,
  formNotDeployed,
  noCandidatesToReturnTo,
  notCandidateToComplete,
  notYoursToUnclaim,
  onlyManagerAssigns,
  taskNoLongerYours,
  taskNotActive,
  taskNotFound,
  userNotInUnit,
} from './task-messages.js';
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
  namedUser,
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

  /** Loads a task the user may see; any other task is not found, with a message in `locale`. */
  async get(principal: Principal, key: string, locale: Locale = defaultLocale): Promise<UserTask> {
    if (!/^\d{1,18}$/.test(key)) throw taskNotFound(key, locale);
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
    throw taskNotFound(key, locale);
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
  async form(task: UserTask, locale: Locale = defaultLocale): Promise<FormSchema | null> {
    const formId = task.formId ?? task.formKey?.replace(/^camunda-forms:bpmn:/, '') ?? null;
    if (!formId) return null;
    const row = await this.db('forms')
      .where({ unit_id: task.unitId, form_id: formId })
      .orderBy('version', 'desc')
      .first('schema');
    if (!row) throw formNotDeployed(task, formId, locale);
    return row.schema as FormSchema;
  }

  /**
   * Assigns the task to `assignee`, or to their substitute while they are absent; only an
   * unassigned task or, with `allowOverride`, any task. Its errors are in `locale`.
   */
  async assign(
    principal: Principal,
    key: string,
    assignee: string,
    allowOverride = true,
    locale: Locale = defaultLocale,
  ): Promise<UserTask> {
    const task = await this.get(principal, key, locale);
    if (task.state !== 'CREATED') throw taskNotActive(task, locale);
    // Taking a task from the colleague it is assigned to is a leader's decision
    // too, as is handing a task to someone else.
    const takesOver = task.assignee !== null && task.assignee !== principal.username;
    // A leader may open a task that is not offered to them, but claims it only as a candidate.
    const isOwnCandidacy = isCandidate(principal.username, principal.groups, task);
    if (assignee !== principal.username || (takesOver && allowOverride) || !isOwnCandidacy) {
      await this.assertMayAssignOthers(principal, task, assignee, locale);
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
      const holder = current?.assignee
        ? await namedUser(this.db, task.unitId, current.assignee as string)
        : null;
      throw alreadyAssigned(task, holder, locale);
    }
    return this.get(principal, key, locale);
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
    const task = await this.get(principal, key, locale);
    if (task.state === 'CREATED' && !isCandidate(principal.username, principal.groups, task)) {
      const [named] = await withGroupNames(this.db, [task]);
      throw notCandidateToClaim(named, locale);
    }
    return this.assign(principal, key, principal.username, false, locale);
  }

  /** Returns the user's own task to the group. Its errors are in `locale`. */
  async unclaim(
    principal: Principal,
    key: string,
    locale: Locale = defaultLocale,
  ): Promise<UserTask> {
    const task = await this.get(principal, key, locale);
    if (task.assignee !== principal.username) throw notYoursToUnclaim(task, locale);
    if (task.state !== 'CREATED') throw taskNoLongerYours(task, locale);
    if (task.delegationState === 'PENDING') throw await this.delegationPending(task, locale);
    // No user could see a task without candidates, such as one that its model assigns with
    // `assignee="=initiator"`, once it is unassigned.
    if (!hasCandidates(task)) throw noCandidatesToReturnTo(task, locale);
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
      if (updated === 0) throw taskNoLongerYours(task, locale);
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
    return this.get(principal, key, locale);
  }

  /**
   * Completes the task with the submitted form data: the read-only fields are
   * dropped, the rest is validated against the form, then the instance moves on.
   * `locale` sets the language of the errors and of the field messages of EISO_ERR_FORM_INVALID.
   */
  async complete(
    principal: Principal,
    key: string,
    submitted: Variables,
    locale: Locale = defaultLocale,
  ): Promise<void> {
    const task = await this.get(principal, key, locale);
    if (task.state !== 'CREATED') throw taskNotActive(task, locale);
    if (task.assignee && task.assignee !== principal.username) {
      const assignee = await namedUser(this.db, task.unitId, task.assignee);
      throw assignedToOther(task, assignee, locale);
    }
    if (task.delegationState === 'PENDING') throw await this.delegationPending(task, locale);
    if (!(await this.mayComplete(principal, task))) {
      throw notCandidateToComplete(task, await this.candidates(task), locale);
    }

    const form = await this.form(task, locale);
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
    locale: Locale,
  ): Promise<void> {
    const target = await this.db('users')
      .where({ username: assignee, unit_id: principal.unitId, disabled: false })
      .first('id', 'display_name');
    if (!target) throw userNotInUnit(assignee, '/assignee', locale);
    const targetGroups = await this.db('memberships')
      .join('groups', 'groups.id', 'memberships.group_id')
      .where('memberships.user_id', target.id)
      .pluck('groups.code');
    if (!isCandidate(assignee, targetGroups.map(String), task)) {
      const named = { username: assignee, fullName: target.display_name as string };
      throw assigneeNotCandidate(task, named, await this.candidates(task), locale);
    }
    if (!managesTask(principal, task)) throw onlyManagerAssigns(locale);
  }

  // Names the candidates for an error message: group names in Vietnamese, group codes in English.
  private async candidates(task: UserTask): Promise<Record<Locale, string>> {
    const [named] = await withGroupNames(this.db, [task]);
    return { vi: candidateList(named, 'vi'), en: describeCandidates(task) };
  }

  private async delegationPending(task: UserTask, locale: Locale) {
    const owner = task.owner ? await namedUser(this.db, task.unitId, task.owner) : null;
    return delegationPending(task, owner, locale);
  }
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
