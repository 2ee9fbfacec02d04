import type { Knex } from 'knex';
import { notFound } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import { defaultLocale, type Locale } from '../locale.js';
import { filterNameTaken, notFilterOwner, notGroupMember } from './task-messages.js';
import { namedUser } from './task-people.js';
import { assertValidCriteria, type TaskCriteria, type TaskSort } from './inbox-query.js';

/** A saved inbox filter: criteria, sort and columns under a name. */
export interface TaskFilter {
  id: string;
  name: string;
  owner: string;
  /** Code of the group the filter is shared with, or null for a private filter. */
  groupCode: string | null;
  sort: TaskSort | null;
  order: 'asc' | 'desc' | null;
  /** Column ids in display order; `variable:<name>` shows a process variable. */
  columns: string[];
  criteria: TaskCriteria;
  createdAt: string;
  updatedAt: string;
}

/** The fields a user sets when creating or replacing a filter. */
export type TaskFilterInput = Pick<
  TaskFilter,
  'name' | 'groupCode' | 'sort' | 'order' | 'columns' | 'criteria'
>;

function toTaskFilter(row: Record<string, unknown>): TaskFilter {
  return {
    id: String(row.id),
    name: row.name as string,
    owner: row.owner as string,
    groupCode: (row.group_code as string | null) ?? null,
    sort: (row.sort as TaskSort | null) ?? null,
    order: (row.sort_order as 'asc' | 'desc' | null) ?? null,
    columns: (row.columns as string[]) ?? [],
    criteria: (row.criteria as TaskCriteria) ?? {},
    createdAt: new Date(row.created_at as string).toISOString(),
    updatedAt: new Date(row.updated_at as string).toISOString(),
  };
}

/**
 * Saved inbox filters. A user sees their own filters and those shared with a
 * group they belong to; only the owner changes or deletes a filter.
 */
export class TaskFilterService {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Lists the user's own filters, then the ones shared with their groups, by name. */
  async list(principal: Principal): Promise<TaskFilter[]> {
    const rows = await this.visible(principal)
      .orderByRaw('(owner = ?) DESC', [principal.username])
      .orderBy('name')
      .orderBy('id')
      .select('*');
    return rows.map(toTaskFilter);
  }

  async create(
    principal: Principal,
    input: TaskFilterInput,
    locale: Locale = defaultLocale,
  ): Promise<TaskFilter> {
    this.assertValidInput(principal, input, locale);
    await this.assertNameFree(principal, input.name, null, locale);
    const [row] = await this.db('task_filters')
      .insert({ unit_id: principal.unitId, owner: principal.username, ...toRow(input) })
      .returning('*');
    return toTaskFilter(row);
  }

  async update(
    principal: Principal,
    id: string,
    input: TaskFilterInput,
    locale: Locale = defaultLocale,
  ): Promise<TaskFilter> {
    await this.ownFilter(principal, id, locale);
    this.assertValidInput(principal, input, locale);
    await this.assertNameFree(principal, input.name, id, locale);
    const [row] = await this.db('task_filters')
      .where({ id })
      .update({ ...toRow(input), updated_at: this.now() })
      .returning('*');
    return toTaskFilter(row);
  }

  async delete(principal: Principal, id: string, locale: Locale = defaultLocale): Promise<void> {
    await this.ownFilter(principal, id, locale);
    await this.db('task_filters').where({ id }).delete();
  }

  private visible(principal: Principal): Knex.QueryBuilder {
    return this.db('task_filters')
      .where('unit_id', principal.unitId)
      .andWhere((where) => {
        where.where('owner', principal.username);
        if (principal.groups.length > 0) where.orWhereIn('group_code', principal.groups);
      });
  }

  // A filter the user cannot see is not found; one they see but do not own is forbidden.
  private async ownFilter(principal: Principal, id: string, locale: Locale): Promise<TaskFilter> {
    if (!/^\d{1,18}$/.test(id)) throw notFound('Task filter', id);
    const row = await this.visible(principal).where('id', id).first('*');
    if (!row) throw notFound('Task filter', id);
    const filter = toTaskFilter(row);
    if (filter.owner !== principal.username) {
      const owner = await namedUser(this.db, principal.unitId, filter.owner);
      throw notFilterOwner(id, owner, locale);
    }
    return filter;
  }

  private assertValidInput(principal: Principal, input: TaskFilterInput, locale: Locale): void {
    if (input.groupCode !== null && !principal.groups.includes(input.groupCode)) {
      throw notGroupMember(input.groupCode, principal.groups, locale);
    }
    assertValidCriteria(input.criteria, '/criteria');
  }

  private async assertNameFree(
    principal: Principal,
    name: string,
    id: string | null,
    locale: Locale,
  ): Promise<void> {
    const query = this.db('task_filters').where({
      unit_id: principal.unitId,
      owner: principal.username,
      name,
    });
    if (id !== null) query.whereNot('id', id);
    if (await query.first('id')) throw filterNameTaken(name, locale);
  }
}

function toRow(input: TaskFilterInput): Record<string, unknown> {
  return {
    name: input.name,
    group_code: input.groupCode,
    sort: input.sort,
    sort_order: input.order,
    columns: JSON.stringify(input.columns),
    criteria: JSON.stringify(input.criteria),
  };
}
