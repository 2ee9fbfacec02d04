import type { Knex } from 'knex';
import { appendHistory } from '../history/history-log.js';
import type { Principal } from '../identity/principal.js';
import { defaultLocale, type Locale } from '../locale.js';
import { insertNotifications } from '../notifications/notification-store.js';
import type { UserTask } from './task-model.js';
import { assignedNotification, routeAssignment } from './task-assignment.js';
import {
  alreadyDelegated,
  delegationComesBack,
  notDelegatedToYou,
  notYoursToDelegate,
  selfDelegation,
  taskChangedConcurrently,
  taskNotActive,
} from './task-messages.js';
import { namedUser } from './task-people.js';
import { checkProposal } from './delegation-proposal.js';
import type { TaskService } from './task-service.js';
import { assertUserOfUnit } from './unit-users.js';

/**
 * Delegation of a user task: the assignee (the owner) hands the task to another user of the
 * unit, who resolves it, optionally with a proposal of the form data. The task then returns to
 * the owner, who completes it.
 */
export class TaskDelegation {
  constructor(
    private readonly db: Knex,
    private readonly tasks: TaskService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Delegates the caller's own task to `delegate`, a user of the caller's unit, or to their
   * substitute while they are absent. Its errors are in `locale`.
   */
  async delegate(
    principal: Principal,
    key: string,
    delegate: string,
    locale: Locale = defaultLocale,
  ): Promise<UserTask> {
    const task = await this.tasks.get(principal, key, locale);
    assertActive(task, locale);
    if (task.assignee !== principal.username) throw notYoursToDelegate(task, locale);
    if (task.delegationState === 'PENDING') {
      const current = await namedUser(this.db, task.unitId, task.assignee);
      throw alreadyDelegated(task, current, locale);
    }
    if (delegate === principal.username) throw selfDelegation(locale);
    await assertUserOfUnit(this.db, principal.unitId, delegate, '/delegate', locale);
    // An absent delegate's substitute works on the task in their place.
    const routed = await routeAssignment(this.db, principal, delegate, this.now());
    if (routed.assignee === principal.username) {
      const absent = await namedUser(this.db, task.unitId, delegate);
      throw delegationComesBack(absent, locale);
    }

    await this.db.transaction(async (trx) => {
      const updated = await trx('user_tasks')
        .where({ key, state: 'CREATED', assignee: principal.username })
        .update({
          owner: principal.username,
          assignee: routed.assignee,
          substitute_for: routed.substituteFor,
          delegation_state: 'PENDING',
          delegation_proposal: null,
        });
      if (updated === 0) throw taskChangedConcurrently(task, locale);
      await appendTaskEvent(trx, task, principal.username, 'USER_TASK_DELEGATED', this.now(), {
        owner: principal.username,
        delegate: routed.assignee,
        ...(routed.substituteFor ? { substituteFor: routed.substituteFor } : {}),
      });
      const notification = await assignedNotification(trx, task, routed, principal);
      await insertNotifications(trx, [notification], this.now());
    });
    return this.tasks.get(principal, key, locale);
  }

  /**
   * Resolves a task delegated to the caller and returns it to its owner. `submitted` is form
   * data that the owner sees prefilled, checked by `checkProposal`; null resolves without one.
   */
  async resolve(
    principal: Principal,
    key: string,
    submitted: Record<string, unknown> | null,
    locale: Locale = defaultLocale,
  ): Promise<void> {
    const task = await this.tasks.get(principal, key, locale);
    assertActive(task, locale);
    if (task.delegationState !== 'PENDING' || task.assignee !== principal.username) {
      throw notDelegatedToYou(task, locale);
    }
    const owner = task.owner as string;
    const proposal =
      submitted === null
        ? null
        : checkProposal(
            task,
            await this.tasks.form(task),
            submitted,
            await this.tasks.variables(task),
            locale,
          );

    await this.db.transaction(async (trx) => {
      const updated = await trx('user_tasks')
        .where({ key, state: 'CREATED', assignee: principal.username, delegation_state: 'PENDING' })
        .update({
          assignee: owner,
          substitute_for: null,
          delegation_state: 'RESOLVED',
          delegation_proposal: proposal === null ? null : JSON.stringify(proposal),
        });
      if (updated === 0) throw taskChangedConcurrently(task, locale);
      await appendTaskEvent(trx, task, principal.username, 'USER_TASK_RESOLVED', this.now(), {
        owner,
        delegate: principal.username,
        proposal,
      });
      const label = task.name ?? task.elementId;
      await insertNotifications(
        trx,
        [
          {
            unitId: task.unitId,
            kind: 'task-assigned',
            recipientUser: owner,
            title: `${principal.displayName} đã xử lý xong công việc được ủy quyền: ${label}`,
            titleEn: `${principal.displayName} resolved the delegated task: ${label}`,
            link: `#/tasks/${task.key}`,
            processInstanceKey: task.processInstanceKey,
          },
        ],
        this.now(),
      );
    });
  }
}

/** Appends one event about a user task to its instance's history. */
export function appendTaskEvent(
  trx: Knex.Transaction,
  task: UserTask,
  actor: string,
  type: string,
  now: Date,
  data: Record<string, unknown>,
): Promise<void> {
  return appendHistory(
    trx,
    task.unitId,
    task.processInstanceKey,
    [
      {
        type,
        elementId: task.elementId,
        elementInstanceKey: task.elementInstanceKey,
        actor,
        data: { userTaskKey: task.key, ...data },
      },
    ],
    now,
  );
}

/** Throws a 409 in `locale` unless the task is open. */
export function assertActive(task: UserTask, locale: Locale = defaultLocale): void {
  if (task.state !== 'CREATED') throw taskNotActive(task, locale);
}
