import { isRealDate } from '../agency-time.js';
import type { Knex } from 'knex';
import { EisoError, type FieldError } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import { defaultLocale, type Locale } from '../locale.js';
import { taskDateInstant, taskDateProblems } from './task-date-checks.js';
import { onlyManagerChanges } from './task-messages.js';
import type { UserTask } from './task-model.js';
import { managesTask, type TaskService } from './task-service.js';
import { appendTaskEvent, assertActive } from './task-delegation.js';

/**
 * Changes to a task's attributes, as Camunda 8's `PATCH /v2/user-tasks/{key}` takes them: an
 * omitted or null attribute stays, an empty string clears a date and an empty list clears the
 * candidates.
 */
export interface TaskChangeset {
  dueDate?: string | null;
  followUpDate?: string | null;
  candidateGroups?: string[] | null;
  candidateUsers?: string[] | null;
  priority?: number | null;
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Updates the due date, follow-up date, candidates and priority of tasks. */
export class TaskAttributes {
  constructor(
    private readonly db: Knex,
    private readonly tasks: TaskService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Applies `changeset` to an open task; only a leader or the head of the task's group may.
   * Its errors are in `locale`.
   */
  async update(
    principal: Principal,
    key: string,
    changeset: TaskChangeset,
    action: string | null = null,
    locale: Locale = defaultLocale,
  ): Promise<UserTask> {
    const task = await this.tasks.get(principal, key, locale);
    assertActive(task, locale);
    if (!managesTask(principal, task)) throw onlyManagerChanges(locale);
    const { columns, changes } = await this.validate(principal.unitId, task, changeset, locale);
    if (Object.keys(columns).length === 0) return task;

    await this.db.transaction(async (trx) => {
      await trx('user_tasks').where({ key, state: 'CREATED' }).update(columns);
      await appendTaskEvent(trx, task, principal.username, 'USER_TASK_UPDATED', this.now(), {
        changes,
        action,
      });
    });
    return this.tasks.get(principal, key, locale);
  }

  private async validate(unitId: string, task: UserTask, changeset: TaskChangeset, locale: Locale) {
    const details: FieldError[] = [];
    const columns: Record<string, unknown> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const change = (field: keyof TaskChangeset, column: string, from: unknown, to: unknown) => {
      columns[column] = to;
      changes[field] = { from, to };
    };

    for (const [field, column] of [
      ['dueDate', 'due_date'],
      ['followUpDate', 'follow_up_date'],
    ] as const) {
      const value = changeset[field];
      if (value === undefined || value === null) continue;
      if (value === '') {
        change(field, column, task[field], null);
      } else if (!isoDateTime.test(value) || !isRealDate(value)) {
        details.push({
          path: `/changeset/${field}`,
          message: `${field} '${value}' is not an ISO 8601 date-time; send for example 2026-12-31T17:00:00+07:00, or an empty string to clear it.`,
        });
      } else {
        change(field, column, task[field], taskDateInstant(field, value));
      }
    }
    details.push(...taskDateProblems(task, columns, locale));

    const priority = changeset.priority;
    if (priority !== undefined && priority !== null) {
      if (!Number.isInteger(priority) || priority < 0 || priority > 100) {
        details.push({
          path: '/changeset/priority',
          message: `priority ${String(priority)} is invalid; send a whole number from 0 to 100.`,
        });
      } else {
        change('priority', 'priority', task.priority, priority);
      }
    }

    await this.validateCandidates(unitId, task, changeset, details, change);
    if (details.length > 0) {
      throw new EisoError(
        'EISO_ERR_VALIDATION',
        `Invalid changeset: ${details.map((detail) => detail.message).join(' ')}`,
        details,
      );
    }
    return { columns, changes };
  }

  private async validateCandidates(
    unitId: string,
    task: UserTask,
    changeset: TaskChangeset,
    details: FieldError[],
    change: (field: keyof TaskChangeset, column: string, from: unknown, to: unknown) => void,
  ): Promise<void> {
    const groups = changeset.candidateGroups;
    if (groups !== undefined && groups !== null) {
      const known = new Set(
        (
          await this.db('groups').where({ unit_id: unitId }).whereIn('code', groups).pluck('code')
        ).map(String),
      );
      const unknown = groups.filter((group) => !known.has(group));
      for (const group of unknown) {
        details.push({
          path: '/changeset/candidateGroups',
          message: `Candidate group '${group}' does not exist in your unit; use the code of one of its groups.`,
        });
      }
      if (unknown.length === 0) {
        change('candidateGroups', 'candidate_groups', task.candidateGroups, [...new Set(groups)]);
      }
    }

    const users = changeset.candidateUsers;
    if (users !== undefined && users !== null) {
      const known = new Set(
        (
          await this.db('users')
            .where({ unit_id: unitId, disabled: false })
            .whereIn('username', users)
            .pluck('username')
        ).map(String),
      );
      const unknown = users.filter((user) => !known.has(user));
      for (const user of unknown) {
        details.push({
          path: '/changeset/candidateUsers',
          message: `Candidate user '${user}' does not exist in your unit; use the username of one of its users.`,
        });
      }
      if (unknown.length === 0) {
        change('candidateUsers', 'candidate_users', task.candidateUsers, [...new Set(users)]);
      }
    }
  }
}
