import { EisoError } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import type { Locale } from '../locale.js';
import type { UserTask } from './task-model.js';
import type { TaskGroupNames } from './task-people.js';

/** The claim and unclaim actions that a user may take on a task, as the list pages offer them. */
export interface TaskActions {
  /** The task is open, unassigned and offered to the user, so `claim` accepts it. */
  canClaim: boolean;
  /** The task is the user's own and has candidates to return to, so `unclaim` accepts it. */
  canUnclaim: boolean;
}

/** Tells whether the task names candidate groups or users. */
export function hasCandidates(task: UserTask): boolean {
  return task.candidateGroups.length > 0 || task.candidateUsers.length > 0;
}

/**
 * Tells whether `username`, a member of `groups`, may work on the task. A task without
 * candidates is open to its assignee. Otherwise only its candidate users and the members of its
 * candidate groups may work on it.
 */
export function isCandidate(username: string, groups: string[], task: UserTask): boolean {
  if (!hasCandidates(task)) return true;
  return (
    task.candidateUsers.includes(username) ||
    task.candidateGroups.some((group) => groups.includes(group))
  );
}

/**
 * Decides the claim and unclaim actions with the rules that `TaskService.claim` and
 * `TaskService.unclaim` apply. A user who reads a supervised unit changes nothing in it.
 */
export function taskActions(principal: Principal, task: UserTask): TaskActions {
  const isOpen = task.state === 'CREATED' && principal.home === undefined;
  const username = principal.username;
  return {
    canClaim: isOpen && task.assignee === null && isCandidate(username, principal.groups, task),
    canUnclaim:
      isOpen &&
      task.assignee === username &&
      hasCandidates(task) &&
      task.delegationState !== 'PENDING',
  };
}

/** Lists the candidate groups by code and the candidate users, for the English messages. */
export function describeCandidates(task: UserTask): string {
  return [...task.candidateGroups.map((group) => `group ${group}`), ...task.candidateUsers].join(
    ', ',
  );
}

/**
 * Names the candidate groups in `locale`, falling back to the code of a group that the unit does
 * not have, then the candidate users.
 */
export function candidateList(task: UserTask & TaskGroupNames, locale: Locale): string {
  const named = new Map(task.candidateGroupNames.map((group) => [group.code, group]));
  const groups = task.candidateGroups.map((code) => {
    const group = named.get(code);
    if (locale === 'vi') return `nhóm ${group?.name ?? code}`;
    return `group ${group?.nameEn ?? group?.name ?? code}`;
  });
  const users = task.candidateUsers.map((username) =>
    locale === 'vi' ? `người dùng ${username}` : `user ${username}`,
  );
  return [...groups, ...users].join(', ');
}

/** Creates the 400 for a claim by a user who is not a candidate of the task, in `locale`. */
export function notCandidateToClaim(task: UserTask & TaskGroupNames, locale: Locale): EisoError {
  const name = task.name ?? task.elementId;
  const candidates = candidateList(task, locale);
  const message =
    locale === 'vi'
      ? `Bạn không thể nhận công việc '${name}' vì bạn không thuộc những người được giao việc này ` +
        `(${candidates}). Hãy để một người trong số đó nhận việc, hoặc đề nghị lãnh đạo hay ` +
        'trưởng nhóm giao việc cho một người trong số đó.'
      : `You cannot claim task '${name}' because you are not one of its candidates ` +
        `(${candidates}). Let one of them claim it, or ask a leader or the head of its group to ` +
        'assign it to one of them.';
  const detail =
    locale === 'vi'
      ? 'Bạn không thuộc những người được giao công việc này.'
      : 'You are not a candidate of the task.';
  return new EisoError('EISO_ERR_VALIDATION', message, [{ path: '/assignee', message: detail }]);
}
