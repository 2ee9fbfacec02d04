import type { Knex } from 'knex';
import { agencyDate } from '../agency-time.js';
import { appendHistory } from '../history/history-log.js';
import type { Principal } from '../identity/principal.js';
import {
  insertNotifications,
  type NotificationInput,
} from '../notifications/notification-store.js';
import { routeToSubstitute, type RoutedAssignee } from './substitutes.js';
import type { UserTask } from './task-model.js';

/**
 * Returns whom a task that `principal` gives to `requested` goes to: the requested user, or
 * their substitute when a substitute rule marks them absent today. Claiming a task for oneself
 * is never routed.
 */
export async function routeAssignment(
  db: Knex,
  principal: Principal,
  requested: string,
  now: Date,
): Promise<RoutedAssignee> {
  if (requested === principal.username) return { assignee: requested, substituteFor: null };
  return routeToSubstitute(db, principal.unitId, requested, agencyDate(now));
}

/** One assignment to write: the user who assigns, the requested assignee and the routed one. */
export interface AssignmentChange {
  task: UserTask;
  principal: Principal;
  requested: string;
  routed: RoutedAssignee;
  now: Date;
}

/**
 * Writes an assignment in the caller's transaction with `update`, the query that selects the
 * task row while it may still be assigned. A new assignment ends a delegation, so the new
 * assignee owns the task. Notifies the new assignee unless they assigned the task to
 * themselves. Appends `USER_TASK_CLAIMED` or `USER_TASK_ASSIGNED` to the history, with the
 * absent user in `substituteFor` when the assignment was routed. Returns the number of rows
 * updated.
 */
export async function writeAssignment(
  trx: Knex.Transaction,
  update: Knex.QueryBuilder,
  change: AssignmentChange,
): Promise<number> {
  const { task, principal, requested, routed, now } = change;
  const count = await update.transacting(trx).update({
    assignee: routed.assignee,
    substitute_for: routed.substituteFor,
    owner: null,
    delegation_state: null,
    delegation_proposal: null,
  });
  if (count === 0) return 0;

  if (routed.assignee !== principal.username) {
    const notification = await assignedNotification(trx, task, routed, principal);
    await insertNotifications(trx, [notification], now);
  }
  await appendHistory(
    trx,
    task.unitId,
    task.processInstanceKey,
    [
      {
        type: requested === principal.username ? 'USER_TASK_CLAIMED' : 'USER_TASK_ASSIGNED',
        elementId: task.elementId,
        elementInstanceKey: task.elementInstanceKey,
        actor: principal.username,
        data: {
          userTaskKey: task.key,
          assignee: routed.assignee,
          previousAssignee: task.assignee,
          ...(routed.substituteFor ? { substituteFor: routed.substituteFor } : {}),
        },
      },
    ],
    now,
  );
  return count;
}

/**
 * Builds the `task-assigned` notification to a user who receives a task from someone else. The
 * notification of a routed task names the absent user.
 */
export async function assignedNotification(
  db: Knex | Knex.Transaction,
  task: UserTask,
  routed: RoutedAssignee,
  actor: Principal,
): Promise<NotificationInput> {
  const label = task.name ?? task.elementId;
  let title = `${actor.displayName} giao cho bạn công việc: ${label}`;
  let titleEn = `${actor.displayName} assigned a task to you: ${label}`;
  if (routed.substituteFor) {
    const absent = await db('users')
      .where({ unit_id: task.unitId, username: routed.substituteFor })
      .first('display_name');
    const name = (absent?.display_name as string | undefined) ?? routed.substituteFor;
    title += ` (thay cho ${name}, đang vắng)`;
    titleEn += ` (as substitute for ${name}, who is absent)`;
  }
  return {
    unitId: task.unitId,
    kind: 'task-assigned',
    recipientUser: routed.assignee,
    title,
    titleEn,
    link: `#/tasks/${task.key}`,
    processInstanceKey: task.processInstanceKey,
  };
}
