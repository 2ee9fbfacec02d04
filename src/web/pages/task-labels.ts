import { h } from '../core/dom.js';
import {
  classifyDueDate,
  formatDateTime,
  localName,
  priorityLabel,
  priorityLevel,
} from '../core/format.js';
import type { Task } from '../core/types.js';
import { t } from '../i18n/index.js';

/** Renders the due date with an overdue or due-soon note in words, not only in colour. */
export function dueDateCell(task: Task): HTMLElement {
  const state = classifyDueDate(task.dueDate);
  if (state === 'none') {
    return h('span', { class: 'muted' }, t('task.noDueDate'));
  }
  const note = state === 'overdue' || state === 'due-soon' ? t(`task.due.${state}`) : null;
  return h(
    'span',
    { class: `due due-${state}` },
    h('time', { datetime: task.dueDate ?? '' }, formatDateTime(task.dueDate)),
    note ? h('span', { class: 'due-note' }, note) : null,
  );
}

/** Renders the priority as thấp, trung bình, cao or khẩn (low, medium, high, critical). */
export function priorityCell(task: Task): HTMLElement {
  return h(
    'span',
    { class: `priority priority-${priorityLevel(task.priority)}` },
    priorityLabel(task.priority),
  );
}

/**
 * Returns the assignee, or for a task completed without one, the user who completed it. An
 * open task without an assignee is "not claimed" in the current language.
 */
export function assigneeText(task: Task): string {
  const holder = task.assigneeName ?? task.assignee;
  if (holder) return holder;
  if (task.completedBy) return task.completedByName ?? task.completedBy;
  return t('task.unassigned');
}

/** Returns the names of the task's candidate groups; a group the server could not name keeps its code. */
export function candidateGroupsText(task: Task): string {
  const named = new Map((task.candidateGroupNames ?? []).map((group) => [group.code, group]));
  return task.candidateGroups
    .map((code) => {
      const group = named.get(code);
      return group ? localName(group) : code;
    })
    .join(', ');
}

/** Returns the translated state of a task (created, completed, canceled), or the raw state. */
export function taskStateText(state: string): string {
  const key = `task.states.${state.toLowerCase()}`;
  const text = t(key);
  return text === key ? state : text;
}
