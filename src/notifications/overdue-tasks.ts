import type { Knex } from 'knex';
import { agencyDate } from '../agency-time.js';
import type { Logger } from '../logger.js';
import { modelWatchesDeadline } from './model-deadlines.js';
import { insertNotifications, type NotificationInput } from './notification-store.js';
import { taskLink, taskNotifications, type TaskRecipients } from './task-notifications.js';

const batchSize = 50;

/** Group of the agency's leaders, who hear of an overdue task that no department head owns. */
export const boardGroup = 'board';

function vietnameseDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/**
 * Reports every open user task past its due date once: an `overdue` notification to its assignee
 * or candidates, and an `escalation` notification to the head of its department. A task whose
 * model has its own timer for lateness is only marked, because that timer reminds and escalates. Tasks are
 * claimed with `FOR UPDATE SKIP LOCKED` and marked in the same transaction, so no task is reported
 * twice, however many nodes tick. Returns the number of tasks reported.
 */
export async function reportOverdueTasks(db: Knex, logger: Logger, now: Date): Promise<number> {
  let reported = 0;
  for (;;) {
    const count = await db.transaction(async (trx) => {
      const tasks = await trx('user_tasks')
        .where({ state: 'CREATED' })
        .andWhere('due_date', '<', now)
        .andWhere((query) => query.whereNull('overdue_notified_at').orWhereNull('escalated_at'))
        .orderBy('due_date')
        .limit(batchSize)
        .forUpdate()
        .skipLocked();
      for (const task of tasks) await reportTask(trx, task, now);
      return tasks.length;
    });
    reported += count;
    if (count < batchSize) break;
  }
  if (reported > 0) logger.info({ tasks: reported }, 'overdue tasks reported');
  return reported;
}

async function reportTask(
  trx: Knex.Transaction,
  row: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const task: TaskRecipients = {
    unitId: String(row.unit_id),
    userTaskKey: String(row.key),
    processInstanceKey: String(row.process_instance_key),
    name: (row.name as string | null) ?? null,
    assignee: (row.assignee as string | null) ?? null,
    candidateUsers: (row.candidate_users as string[] | null) ?? [],
    candidateGroups: (row.candidate_groups as string[] | null) ?? [],
  };
  const name = task.name ?? task.userTaskKey;
  const due = agencyDate(row.due_date as string);
  const notifications: NotificationInput[] = [];
  const watched = await modelWatchesDeadline(
    trx,
    String(row.process_definition_key),
    row.element_id as string,
  );

  if (!watched && !row.overdue_notified_at) {
    notifications.push(
      ...taskNotifications(task, 'overdue', {
        vi: `Công việc quá hạn: ${name} (hạn ${vietnameseDate(due)})`,
        en: `Overdue task: ${name} (due ${due})`,
      }),
    );
  }
  if (!watched && !row.escalated_at) {
    const holder = task.assignee ?? [...task.candidateUsers, ...task.candidateGroups].join(', ');
    notifications.push({
      unitId: task.unitId,
      kind: 'escalation',
      recipientGroup: await escalationGroup(trx, task),
      title: `Công việc quá hạn cần chỉ đạo: ${name} (hạn ${vietnameseDate(due)}, ${holder})`,
      titleEn: `Overdue task to follow up: ${name} (due ${due}, ${holder})`,
      link: taskLink(task.userTaskKey),
      processInstanceKey: task.processInstanceKey,
    });
  }
  await insertNotifications(trx, notifications, now);
  await trx('user_tasks')
    .where({ key: row.key as string })
    .update({
      overdue_notified_at: row.overdue_notified_at ?? now.toISOString(),
      escalated_at: row.escalated_at ?? now.toISOString(),
    });
}

/**
 * Returns the group that hears of an overdue task: `head-<dept>` for a candidate group
 * `staff-<dept>` or `head-<dept>`, else the head group of the assignee's (or first candidate
 * user's) department, else the board.
 */
export async function escalationGroup(
  trx: Knex | Knex.Transaction,
  task: TaskRecipients,
): Promise<string> {
  const candidates = task.candidateGroups
    .map((group) => /^(?:staff|head)-(.+)$/.exec(group)?.[1])
    .filter((code): code is string => code !== undefined)
    .map((code) => `head-${code}`);

  const holder = task.assignee ?? task.candidateUsers[0];
  if (holder) {
    const department = await trx('users')
      .join('units', 'units.id', 'users.department_id')
      .where({ 'users.username': holder, 'users.unit_id': task.unitId })
      .first('units.code');
    if (department) candidates.push(`head-${department.code as string}`);
  }
  if (candidates.length === 0) return boardGroup;

  const existing = new Set(
    await trx('groups').where({ unit_id: task.unitId }).whereIn('code', candidates).pluck('code'),
  );
  return candidates.find((code) => existing.has(code)) ?? boardGroup;
}
