import type { Knex } from 'knex';
import { groupsByCode, type UnitGroup } from '../identity/unit-groups.js';
import type { UserTask } from './task-model.js';

/** Full names of the people a task names, for pages that show names instead of usernames. */
export interface TaskPeopleNames {
  assigneeName: string | null;
  ownerName: string | null;
  substituteForName: string | null;
  completedByName: string | null;
}

/**
 * Adds the full names of each task's assignee, owner, absent user and completer, read from the
 * users of the tasks' unit in one query. A username without a user keeps a null name.
 */
export async function withPeopleNames<Task extends UserTask>(
  db: Knex,
  tasks: Task[],
): Promise<(Task & TaskPeopleNames)[]> {
  const usernames = new Set<string>();
  for (const task of tasks) {
    for (const username of [task.assignee, task.owner, task.substituteFor, task.completedBy]) {
      if (username) usernames.add(username);
    }
  }
  const names = new Map<string, string>();
  const unitIds = [...new Set(tasks.map((task) => task.unitId))];
  if (usernames.size > 0) {
    const rows = await db('users')
      .whereIn('unit_id', unitIds)
      .whereIn('username', [...usernames])
      .select('username', 'display_name');
    for (const row of rows) names.set(row.username as string, row.display_name as string);
  }
  const nameOf = (username: string | null | undefined) =>
    username ? (names.get(username) ?? null) : null;
  return tasks.map((task) => ({
    ...task,
    assigneeName: nameOf(task.assignee),
    ownerName: nameOf(task.owner),
    substituteForName: nameOf(task.substituteFor),
    completedByName: nameOf(task.completedBy),
  }));
}

/** Names of a task's candidate groups, for pages that show names instead of group codes. */
export interface TaskGroupNames {
  /** The candidate groups that exist in the task's unit, in the order of `candidateGroups`. */
  candidateGroupNames: UnitGroup[];
}

/** Adds the names of each task's candidate groups, read in one query. */
export async function withGroupNames<Task extends UserTask>(
  db: Knex,
  tasks: Task[],
): Promise<(Task & TaskGroupNames)[]> {
  const unitIds = [...new Set(tasks.map((task) => task.unitId))];
  const groups = await groupsByCode(
    db,
    unitIds,
    tasks.flatMap((task) => task.candidateGroups),
  );
  return tasks.map((task) => {
    const ofUnit = groups.get(task.unitId);
    const named = task.candidateGroups.map((code) => ofUnit?.get(code));
    return {
      ...task,
      candidateGroupNames: named.filter((group): group is UnitGroup => group !== undefined),
    };
  });
}
