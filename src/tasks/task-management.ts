import type { Principal } from '../identity/principal.js';
import type { UserTask } from './task-model.js';

/** Code of the group of the unit's leaders (director and deputies), who manage every task. */
export const boardGroup = 'board';

/** Tells whether the user leads the unit, as a member of the group `board`. */
export function leadsUnit(principal: Pick<Principal, 'groups'>): boolean {
  return principal.groups.includes(boardGroup);
}

/**
 * Returns the codes of the candidate groups whose tasks a group head manages. The head of a
 * department is in `head-<code>` and manages the tasks offered to `head-<code>`, `staff-<code>`
 * and `<code>`. A code that itself starts with `head-` or `staff-` is not read as a department.
 */
export function managedGroups(groups: readonly string[]): string[] {
  const managed = new Set<string>();
  for (const group of groups) {
    if (!group.startsWith('head-')) continue;
    const department = group.slice('head-'.length);
    managed.add(group);
    managed.add(`staff-${department}`);
    if (!department.startsWith('head-') && !department.startsWith('staff-')) {
      managed.add(department);
    }
  }
  return [...managed];
}

/** Tells whether the user leads the unit or heads one of the task's candidate groups. */
export function managesTask(principal: Pick<Principal, 'groups'>, task: UserTask): boolean {
  if (leadsUnit(principal)) return true;
  const managed = managedGroups(principal.groups);
  return task.candidateGroups.some((group) => managed.includes(group));
}
