import type { Knex } from 'knex';
import { EisoError, notFound } from '../errors.js';
import { appendUnitHistory } from '../history/unit-history.js';
import type { Principal } from './principal.js';

/** Groups whose members change the unit's group memberships. */
export const membershipAdminGroups = ['board'];

// Groups whose last member cannot be removed (removeMembership rejects it): the board changes
// memberships, and the ISO secretary starts and drafts the procedures.
const alwaysStaffedGroups = [...membershipAdminGroups, 'iso-secretary'];

/** A membership change as the API returns it. */
export interface MembershipChange {
  groupCode: string;
  username: string;
}

/** Throws 403 unless the principal may change memberships. */
export function assertMembershipAdmin(principal: Principal): void {
  if (principal.groups.some((group) => membershipAdminGroups.includes(group))) return;
  throw new EisoError(
    'EISO_ERR_FORBIDDEN',
    'Only the board may change who belongs to a group of the unit.',
  );
}

async function loadGroupAndUser(
  trx: Knex.Transaction,
  unitId: string,
  groupCode: string,
  username: string,
) {
  const group = await trx('groups')
    .where({ unit_id: unitId, code: groupCode })
    .first('id', 'code', 'name');
  if (!group) throw notFound('Group', groupCode);
  const user = await trx('users')
    .where({ unit_id: unitId, username })
    .first('id', 'username', 'display_name');
  if (!user) throw notFound('User', username);
  return { group, user };
}

/**
 * Adds a user of the unit to one of its groups and records MEMBERSHIP_ADDED in the unit's
 * history, in one transaction.
 */
export async function addMembership(
  db: Knex,
  principal: Principal,
  groupCode: string,
  username: string,
  now: Date,
): Promise<MembershipChange> {
  return db.transaction(async (trx) => {
    const { group, user } = await loadGroupAndUser(trx, principal.unitId, groupCode, username);
    const inserted = await trx('memberships')
      .insert({ group_id: group.id, user_id: user.id })
      .onConflict(['group_id', 'user_id'])
      .ignore()
      .returning('user_id');
    if (inserted.length === 0) {
      throw new EisoError(
        'EISO_ERR_CONFLICT',
        `User ${username} already belongs to group ${groupCode}.`,
      );
    }
    await appendUnitHistory(
      trx,
      principal.unitId,
      membershipEvent('MEMBERSHIP_ADDED', principal, group, user),
      now,
    );
    return { groupCode, username };
  });
}

/**
 * Removes a user from a group of the unit and records MEMBERSHIP_REMOVED in the unit's history.
 * Rejects removing the last member of the board, because memberships could no longer change,
 * of the ISO secretary, who starts the procedures, and of a group offered open tasks, because no
 * one could claim them.
 */
export async function removeMembership(
  db: Knex,
  principal: Principal,
  groupCode: string,
  username: string,
  now: Date,
): Promise<MembershipChange> {
  return db.transaction(async (trx) => {
    const { group, user } = await loadGroupAndUser(trx, principal.unitId, groupCode, username);
    const members = await trx('memberships')
      .where({ group_id: group.id })
      .forUpdate()
      .pluck('user_id');
    if (!members.map(String).includes(String(user.id))) {
      throw notFound('Membership', `${username} in ${groupCode}`);
    }
    if (members.length === 1) {
      const openTasks = await trx('user_tasks')
        .where({ unit_id: principal.unitId, state: 'CREATED' })
        .whereRaw('candidate_groups @> ARRAY[?]::text[]', [groupCode])
        .count({ count: '*' })
        .first();
      const offered = Number(openTasks?.count ?? 0);
      if (alwaysStaffedGroups.includes(groupCode) || offered > 0) {
        const reason =
          offered > 0
            ? `${offered} open task(s) are offered to the group`
            : 'the unit needs this group';
        throw new EisoError(
          'EISO_ERR_CONFLICT',
          `User ${username} is the last member of group ${groupCode} and ${reason}; add another member first.`,
        );
      }
    }
    await trx('memberships').where({ group_id: group.id, user_id: user.id }).delete();
    await appendUnitHistory(
      trx,
      principal.unitId,
      membershipEvent('MEMBERSHIP_REMOVED', principal, group, user),
      now,
    );
    return { groupCode, username };
  });
}

function membershipEvent(
  type: 'MEMBERSHIP_ADDED' | 'MEMBERSHIP_REMOVED',
  principal: Principal,
  group: Record<string, unknown>,
  user: Record<string, unknown>,
) {
  return {
    type,
    actor: principal.username,
    data: {
      groupCode: group.code as string,
      groupName: group.name as string,
      username: user.username as string,
      userDisplayName: user.display_name as string,
      actorName: principal.displayName,
    },
  };
}
