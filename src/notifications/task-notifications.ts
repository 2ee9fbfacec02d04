import type { NotificationInput } from './notification-store.js';

/** The fields of a user task that decide who hears about it. */
export interface TaskRecipients {
  unitId: string;
  userTaskKey: string;
  processInstanceKey: string;
  name: string | null;
  assignee: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
}

/** Returns the hash route of a user task in the web app. */
export function taskLink(userTaskKey: string): string {
  return `#/tasks/${userTaskKey}`;
}

/**
 * Builds one notification of `kind` for the task's assignee, or, for an unassigned task, one per
 * candidate user and candidate group.
 */
export function taskNotifications(
  task: TaskRecipients,
  kind: NotificationInput['kind'],
  title: { vi: string; en: string },
): NotificationInput[] {
  const base = {
    unitId: task.unitId,
    kind,
    title: title.vi,
    titleEn: title.en,
    link: taskLink(task.userTaskKey),
    processInstanceKey: task.processInstanceKey,
  };
  if (task.assignee) return [{ ...base, recipientUser: task.assignee }];
  return [
    ...task.candidateUsers.map((user) => ({ ...base, recipientUser: user })),
    ...task.candidateGroups.map((group) => ({ ...base, recipientGroup: group })),
  ];
}

/**
 * Builds the `task-new` notifications of a user task the engine just opened. `causedBy` is the
 * user whose action opened it, such as the user who started the instance or completed the step
 * before. That user hears nothing of a task that their own action gave to them, while the other
 * candidates and the other members of its candidate groups still do.
 */
export function newTaskNotifications(
  task: TaskRecipients,
  causedBy: string | null = null,
): NotificationInput[] {
  const name = task.name ?? task.userTaskKey;
  const notifications = taskNotifications(task, 'task-new', {
    vi: `Công việc mới: ${name}`,
    en: `New task: ${name}`,
  });
  if (!causedBy) return notifications;
  return notifications
    .filter((notification) => notification.recipientUser !== causedBy)
    .map((notification) =>
      notification.recipientGroup ? { ...notification, excludedUser: causedBy } : notification,
    );
}
