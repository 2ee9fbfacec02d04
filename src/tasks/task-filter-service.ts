import type { Knex } from 'knex';
import { EisoError, notFound } from '../errors.js';
import type { Principal } from '../identity/principal.js';
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

  async create(principal: Principal, input: TaskFilterInput): Promise<TaskFilter> {
    this.assertValidInput(principal, input);
    await this.assertNameFree(principal, input.name, null);
    const [row] = await this.db('task_filters')
      .insert({ unit_id: principal.unitId, owner: principal.username, ...toRow(input) })
      .returning('*');
    return toTaskFilter(row);
  }

  async update(principal: Principal, id: string, input: TaskFilterInput): Promise<TaskFilter> {
    await this.ownFilter(principal, id);
    this.assertValidInput(principal, input);
    await this.assertNameFree(principal, input.name, id);
    const [row] = await this.db('task_filters')
      .where({ id })
      .update({ ...toRow(input), updated_at: this.now() })
      .returning('*');
    return toTaskFilter(row);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.ownFilter(principal, id);
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
  private async ownFilter(principal: Principal, id: string): Promise<TaskFilter> {
    if (!/^\d{1,18}$/.test(id)) throw notFound('Task filter', id);
    const row = await this.visible(principal).where('id', id).first('*');
    if (!row) throw notFound('Task filter', id);
    const filter = toTaskFilter(row);
    if (filter.owner !== principal.username) {
      throw new EisoError(
        'EISO_ERR_FORBIDDEN',
        `Task filter ${id} belongs to ${filter.owner}; only its owner may change or delete it. Save a copy under a new name instead.`,
      );
    }
    return filter;
  }

  private assertValidInput(principal: Principal, input: TaskFilterInput): void {
    if (input.groupCode !== null && !principal.groups.includes(input.groupCode)) {
      throw new EisoError(
        'EISO_ERR_VALIDATION',
        `You are not a member of group '${input.groupCode}'; share the filter with one of your groups: ${principal.groups.join(', ') || 'none'}.`,
        [{ path: '/groupCode', message: `You are not a member of group '${input.groupCode}'.` }],
      );
    }
    assertValidCriteria(input.criteria, '/criteria');
  }

  private async assertNameFree(
    principal: Principal,
    name: string,
    id: string | null,
  ): Promise<void> {
    const query = this.db('task_filters').where({
      unit_id: principal.unitId,
      owner: principal.username,
      name,
    });
    if (id !== null) query.whereNot('id', id);
    if (await query.first('id')) {
      throw new EisoError(
        'EISO_ERR_CONFLICT',
        `You already have a task filter named '${name}'; choose another name.`,
        [{ path: '/name', message: `A filter named '${name}' already exists.` }],
      );
    }
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
