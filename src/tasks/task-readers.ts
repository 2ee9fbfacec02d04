import type { Knex } from 'knex';
import type { UserTask } from './task-model.js';
import { managesTask } from './task-management.js';

/** An enabled user of a unit with the codes of their groups. */
export interface UnitMember {
  username: string;
  displayName: string;
  groups: string[];
}

/** Loads the enabled users of a unit with their groups, ordered by display name. */
export async function loadUnitMembers(db: Knex, unitId: string): Promise<UnitMember[]> {
  const rows = await db('users')
    .leftJoin('memberships', 'memberships.user_id', 'users.id')
    .leftJoin('groups', 'groups.id', 'memberships.group_id')
    .where({ 'users.unit_id': unitId, 'users.disabled': false })
    .orderBy('users.display_name')
    .orderBy('users.username')
    .select('users.username', 'users.display_name', 'groups.code');
  const members = new Map<string, UnitMember>();
  for (const row of rows) {
    const username = String(row.username);
    const member = members.get(username) ?? {
      username,
      displayName: String(row.display_name),
      groups: [],
    };
    if (row.code) member.groups.push(String(row.code));
    members.set(username, member);
  }
  return [...members.values()];
}

/**
 * Tells whether a user may open the task, by the rule of `TaskService.get` for an open task:
 * its assignee, owner and candidates, and the leaders and group heads who manage it.
 */
export function mayOpenTask(member: UnitMember, task: UserTask): boolean {
  const { username, groups } = member;
  return (
    task.assignee === username ||
    task.owner === username ||
    task.candidateUsers.includes(username) ||
    task.candidateGroups.some((group) => groups.includes(group)) ||
    managesTask({ groups }, task)
  );
}
