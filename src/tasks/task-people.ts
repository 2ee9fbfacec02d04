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

// The list page reads the names in its own statement: one round trip less
// per name source, which is most of what the names cost on a page of 50.
const personColumns = [
  ['assignee', 'assignee_name'],
  ['owner', 'owner_name'],
  ['substitute_for', 'substitute_for_name'],
  ['completed_by', 'completed_by_name'],
] as const;

/**
 * Columns that name the people and candidate groups of the `user_tasks` rows
 * of a query, read in the same statement; `pageNames` turns them into the
 * fields that `withPeopleNames` and `withGroupNames` add.
 */
export function namesOfPage(db: Knex): Knex.Raw[] {
  return [
    ...personColumns.map(([column, alias]) =>
      db.raw(
        `(SELECT display_name FROM users WHERE users.username = user_tasks.${column}
           AND users.unit_id = user_tasks.unit_id) AS ${alias}`,
      ),
    ),
    db.raw(
      `(SELECT coalesce(json_agg(json_build_array(groups.code, groups.name, groups.name_en)
           ORDER BY array_position(user_tasks.candidate_groups, groups.code)), '[]'::json)
         FROM groups WHERE groups.unit_id = user_tasks.unit_id
           AND groups.code = ANY (user_tasks.candidate_groups)) AS candidate_group_names`,
    ),
  ];
}

/** Reads the names that `namesOfPage` selected from one row. */
export function pageNames(row: Record<string, unknown>): TaskPeopleNames & TaskGroupNames {
  const groups = row.candidate_group_names;
  const parsed = (typeof groups === 'string' ? JSON.parse(groups) : (groups ?? [])) as [
    string,
    string,
    string | null,
  ][];
  return {
    assigneeName: (row.assignee_name as string | null) ?? null,
    ownerName: (row.owner_name as string | null) ?? null,
    substituteForName: (row.substitute_for_name as string | null) ?? null,
    completedByName: (row.completed_by_name as string | null) ?? null,
    candidateGroupNames: parsed.map(([code, name, nameEn]) => ({ code, name, nameEn })),
  };
}

/** Reads the full name of a user of the unit for a message; a missing user keeps the username. */
export async function namedUser(db: Knex, unitId: string, username: string) {
  const row = await db('users').where({ unit_id: unitId, username }).first('display_name');
  return { username, fullName: (row?.display_name as string | undefined) ?? username };
}
