import { isRealDate } from '../agency-time.js';
import type { Knex } from 'knex';
import { EisoError, notFound, type FieldError } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import { assertUserOfUnit, displayNamesOf } from './unit-users.js';

/**
 * An absence rule: from `fromDate` to `toDate` (calendar dates in Vietnam, both included) the
 * tasks that the engine assigns to `username` go to `substitute` instead.
 */
export interface SubstituteRule {
  id: string;
  username: string;
  substitute: string;
  fromDate: string;
  toDate: string;
  createdBy: string;
  createdAt: string;
  /** Full names of `username`, `substitute` and `createdBy`; null for a user no longer found. */
  absentUserName: string | null;
  substituteName: string | null;
  createdByName: string | null;
}

export interface SubstituteRuleInput {
  username?: string;
  substitute: string;
  fromDate: string;
  toDate: string;
}

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

/** Returns the substitute of `username` on `date` (`YYYY-MM-DD`), or null when none is set. */
export async function findSubstitute(
  db: Knex | Knex.Transaction,
  unitId: string,
  username: string,
  date: string,
): Promise<string | null> {
  const row = await db('substitutes')
    .where({ unit_id: unitId, username })
    .andWhere('from_date', '<=', date)
    .andWhere('to_date', '>=', date)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .first('substitute');
  return (row?.substitute as string | undefined) ?? null;
}

/** The absence rules of a unit: each user manages their own, a leader manages everyone's. */
export class SubstituteRules {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Lists the caller's own rules and those naming them as substitute. A leader gets every rule of the unit. */
  async list(principal: Principal): Promise<SubstituteRule[]> {
    const query = this.db('substitutes').where({ unit_id: principal.unitId });
    if (!isLeader(principal)) {
      query.andWhere((where) =>
        where.where('username', principal.username).orWhere('substitute', principal.username),
      );
    }
    const rows = await query
      .orderBy('from_date', 'desc')
      .orderBy('id', 'desc')
      .select(ruleColumns(this.db));
    return this.present(principal.unitId, rows);
  }

  /** Creates a rule for the caller, or for any user of the unit when the caller is a leader. */
  async create(principal: Principal, input: SubstituteRuleInput): Promise<SubstituteRule> {
    const username = input.username ?? principal.username;
    if (username !== principal.username && !isLeader(principal)) {
      throw new EisoError(
        'EISO_ERR_FORBIDDEN',
        'Only a leader may set a substitute for another user; set one for yourself instead.',
      );
    }
    validateDates(input);
    if (input.substitute === username) {
      const message = `The substitute must be another user than '${username}'.`;
      throw new EisoError('EISO_ERR_VALIDATION', message, [{ path: '/substitute', message }]);
    }
    await assertUserOfUnit(this.db, principal.unitId, username, '/username');
    await assertUserOfUnit(this.db, principal.unitId, input.substitute, '/substitute');

    const [inserted] = await this.db('substitutes')
      .insert({
        unit_id: principal.unitId,
        username,
        substitute: input.substitute,
        from_date: input.fromDate,
        to_date: input.toDate,
        created_by: principal.username,
        created_at: this.now().toISOString(),
      })
      .returning('id');
    const row = await this.db('substitutes').where({ id: inserted.id }).first(ruleColumns(this.db));
    const [rule] = await this.present(principal.unitId, [row]);
    return rule;
  }

  /** Deletes a rule of the caller's own, or any rule of the unit when the caller is a leader. */
  async remove(principal: Principal, id: string): Promise<void> {
    if (!/^\d{1,18}$/.test(id)) throw notFound('Substitute rule', id);
    const query = this.db('substitutes').where({ id, unit_id: principal.unitId });
    if (!isLeader(principal)) query.andWhere('username', principal.username);
    const deleted = await query.delete();
    if (deleted === 0) throw notFound('Substitute rule', id);
  }

  private async present(
    unitId: string,
    rows: Record<string, unknown>[],
  ): Promise<SubstituteRule[]> {
    const usernames = rows.flatMap((row) => [row.username, row.substitute, row.created_by]);
    const names = await displayNamesOf(this.db, unitId, usernames as string[]);
    return rows.map((row) => {
      const rule = presentRule(row);
      return {
        ...rule,
        absentUserName: names.get(rule.username) ?? null,
        substituteName: names.get(rule.substitute) ?? null,
        createdByName: names.get(rule.createdBy) ?? null,
      };
    });
  }
}

// Calendar dates as text: node-postgres turns a `date` into a local midnight, PGlite into UTC.
function ruleColumns(db: Knex) {
  return [
    'id',
    'username',
    'substitute',
    'created_by',
    'created_at',
    db.raw("to_char(from_date, 'YYYY-MM-DD') as from_text"),
    db.raw("to_char(to_date, 'YYYY-MM-DD') as to_text"),
  ];
}

function isLeader(principal: Principal): boolean {
  return principal.groups.includes('board');
}

function validateDates(input: SubstituteRuleInput): void {
  const details: FieldError[] = [];
  for (const field of ['fromDate', 'toDate'] as const) {
    const value = input[field];
    if (!calendarDate.test(value) || !isRealDate(value)) {
      details.push({
        path: `/${field}`,
        message: `${field} '${value}' is not a date; send it as YYYY-MM-DD.`,
      });
    }
  }
  if (details.length === 0 && input.fromDate > input.toDate) {
    details.push({
      path: '/toDate',
      message: `toDate ${input.toDate} is before fromDate ${input.fromDate}; send a later toDate.`,
    });
  }
  if (details.length > 0) {
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      `Invalid substitute rule: ${details.map((detail) => detail.message).join(' ')}`,
      details,
    );
  }
}

function presentRule(
  row: Record<string, unknown>,
): Omit<SubstituteRule, 'absentUserName' | 'substituteName' | 'createdByName'> {
  return {
    id: String(row.id),
    username: row.username as string,
    substitute: row.substitute as string,
    fromDate: row.from_text as string,
    toDate: row.to_text as string,
    createdBy: row.created_by as string,
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}
