import type { Knex } from 'knex';
import type { Principal } from '../identity/principal.js';
import type { TaskService } from './task-service.js';
import { displayNamesOf } from './unit-users.js';

/** One event in a task's history, with the full names of the actor and the users it names. */
export interface TaskHistoryEntry {
  position: number;
  type: string;
  actor: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  /** Full names of the users that `data` names, by field, such as `assignee` or `delegate`. */
  names: Record<string, string>;
  createdAt: string;
}

// Fields of the task events whose value is a username.
const usernameFields = ['assignee', 'previousAssignee', 'delegate', 'owner', 'uploadedBy'];

/**
 * Reads the history events of one user task: those of its instance that carry its element
 * instance key and start with `USER_TASK_`, such as created, claimed, delegated, resolved,
 * updated, commented, attachment added or deleted, and completed.
 */
export async function readTaskHistory(
  db: Knex,
  tasks: TaskService,
  principal: Principal,
  key: string,
): Promise<TaskHistoryEntry[]> {
  const task = await tasks.get(principal, key);
  const rows = await db('history_events')
    .leftJoin('users', 'users.username', 'history_events.actor')
    .where({
      'history_events.process_instance_key': task.processInstanceKey,
      'history_events.element_instance_key': task.elementInstanceKey,
    })
    .andWhere('history_events.type', 'like', 'USER\\_TASK\\_%')
    .orderBy('history_events.position')
    .select(
      'history_events.position',
      'history_events.type',
      'history_events.actor',
      'history_events.data',
      'history_events.created_at',
      'users.display_name as actor_name',
    );
  const usernames = rows.flatMap((row) => namedUsers(row.data as Record<string, unknown>));
  const displayNames = await displayNamesOf(db, task.unitId, usernames);
  return rows.map((row) => {
    const data = withoutFormData(row.data as Record<string, unknown>);
    const names: Record<string, string> = {};
    for (const field of usernameFields) {
      const name = typeof data[field] === 'string' ? displayNames.get(data[field]) : undefined;
      if (name) names[field] = name;
    }
    return {
      position: Number(row.position),
      type: row.type as string,
      actor: (row.actor as string | null) ?? null,
      actorName: (row.actor_name as string | null) ?? null,
      data,
      names,
      createdAt: new Date(row.created_at as string).toISOString(),
    };
  });
}

function namedUsers(data: Record<string, unknown>): string[] {
  return usernameFields
    .map((field) => data[field])
    .filter((value): value is string => typeof value === 'string');
}

// The completion's variables can be large and the form shows them; the tab lists who and when.
function withoutFormData(data: Record<string, unknown>): Record<string, unknown> {
  const { variables: _variables, localVariables: _local, ...rest } = data;
  return rest;
}
