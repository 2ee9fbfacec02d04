import type { Knex } from 'knex';
import type { UserTask } from './task-model.js';
import { managedGroups, managesTask } from './task-management.js';

/** A user of a unit with the codes of their groups. */
export interface UnitMember {
  username: string;
  displayName: string;
  disabled: boolean;
  groups: string[];
}

/** Loads the users of a unit, disabled ones included, with their groups, by display name. */
export async function loadUnitMembers(db: Knex, unitId: string): Promise<UnitMember[]> {
  const rows = await db('users')
    .leftJoin('memberships', 'memberships.user_id', 'users.id')
    .leftJoin('groups', 'groups.id', 'memberships.group_id')
    .where('users.unit_id', unitId)
    .orderBy('users.display_name')
    .orderBy('users.username')
    .select('users.username', 'users.display_name', 'users.disabled', 'groups.code');
  const members = new Map<string, UnitMember>();
  for (const row of rows) {
    const username = String(row.username);
    const member = members.get(username) ?? {
      username,
      displayName: String(row.display_name),
      disabled: row.disabled === true,
      groups: [],
    };
    if (row.code) member.groups.push(String(row.code));
    members.set(username, member);
  }
  return [...members.values()];
}

/**
 * Tells whether a user may open the open task, by the rule of `openableBy`. Its assignee, owner
 * and candidates may, and so may the leaders and the group heads who manage it. The head of a
 * group may also open the tasks of its members: assigned to, delegated by or offered to them.
 * `members` are all users of the unit.
 */
export function mayOpenTask(member: UnitMember, task: UserTask, members: UnitMember[]): boolean {
  const { username, groups } = member;
  return (
    task.assignee === username ||
    task.owner === username ||
    task.candidateUsers.includes(username) ||
    task.candidateGroups.some((group) => groups.includes(group)) ||
    managesTask({ groups }, task) ||
    headsPersonOfTask(member, task, members)
  );
}

function headsPersonOfTask(member: UnitMember, task: UserTask, members: UnitMember[]): boolean {
  const managed = managedGroups(member.groups);
  if (managed.length === 0) return false;
  const people = new Set([task.assignee, task.owner, ...task.candidateUsers]);
  return members.some(
    (other) => people.has(other.username) && other.groups.some((group) => managed.includes(group)),
  );
}
