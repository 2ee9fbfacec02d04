import { isRealDate } from '../agency-time.js';
import type { Knex } from 'knex';
import { EisoError, notFound, type FieldError } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import { defaultLocale, type Locale } from '../locale.js';
import { leadsUnit } from './task-management.js';
import { assertUserOfUnit, displayNamesOf } from './unit-users.js';

/**
 * An absence rule: from `fromDate` to `toDate` (calendar dates in Vietnam, both included) the
 * tasks that the engine or a user assigns or delegates to `username` go to `substitute` instead.
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

/** Whom a task given to a user goes to, and the absent user it stands for, if any. */
export interface RoutedAssignee {
  assignee: string;
  /** The absent user whose substitute rule routed the task; null when `assignee` is present. */
  substituteFor: string | null;
}

/** Routes a task given to `username` on `date` (`YYYY-MM-DD`) to their substitute when they are absent. */
export async function routeToSubstitute(
  db: Knex | Knex.Transaction,
  unitId: string,
  username: string,
  date: string,
): Promise<RoutedAssignee> {
  const substitute = await findSubstitute(db, unitId, username, date);
  return substitute
    ? { assignee: substitute, substituteFor: username }
    : { assignee: username, substituteFor: null };
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
    if (!leadsUnit(principal)) {
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

  /**
   * Creates a rule for the caller, or for any user of the unit when the caller is a leader.
   * Throws a 409 when the dates intersect those of another rule of the same user, of a rule of
   * the substitute (who is then absent too) or of a rule naming the user as substitute. So a task
   * never passes along a chain of absences.
   */
  async create(
    principal: Principal,
    input: SubstituteRuleInput,
    locale: Locale = defaultLocale,
  ): Promise<SubstituteRule> {
    const username = input.username ?? principal.username;
    if (username !== principal.username && !leadsUnit(principal)) {
      throw new EisoError(
        'EISO_ERR_FORBIDDEN',
        locale === 'vi'
          ? 'Chỉ lãnh đạo đơn vị mới đặt được người thay thế cho người khác; hãy đặt người thay thế cho chính mình.'
          : 'Only a leader may set a substitute for another user; set one for yourself instead.',
      );
    }
    validateDates(input, locale);
    if (input.substitute === username) {
      const message =
        locale === 'vi'
          ? `Người thay thế phải là một người khác '${username}'; hãy chọn người khác.`
          : `The substitute must be another user than '${username}'.`;
      throw new EisoError('EISO_ERR_VALIDATION', message, [{ path: '/substitute', message }]);
    }
    await assertUserOfUnit(this.db, principal.unitId, username, '/username', locale);
    await assertUserOfUnit(this.db, principal.unitId, input.substitute, '/substitute', locale);

    const id = await this.db.transaction(async (trx) => {
      // Rules that conflict share one of the two users, so locking both users' rows, in id
      // order, makes concurrent conflicting requests wait for each other.
      await trx('users')
        .where({ unit_id: principal.unitId })
        .whereIn('username', [username, input.substitute])
        .orderBy('id')
        .forUpdate()
        .select('id');
      await assertNoConflict(trx, principal.unitId, username, input, locale);
      const [inserted] = await trx('substitutes')
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
      return inserted.id as string;
    });
    const row = await this.db('substitutes').where({ id }).first(ruleColumns(this.db));
    const [rule] = await this.present(principal.unitId, [row]);
    return rule;
  }

  /** Deletes a rule of the caller's own, or any rule of the unit when the caller is a leader. */
  async remove(principal: Principal, id: string): Promise<void> {
    if (!/^\d{1,18}$/.test(id)) throw notFound('Substitute rule', id);
    const query = this.db('substitutes').where({ id, unit_id: principal.unitId });
    if (!leadsUnit(principal)) query.andWhere('username', principal.username);
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
function ruleColumns(db: Knex | Knex.Transaction) {
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

// Throws a 409 naming the field and the dates of the first rule that conflicts with `input`.
async function assertNoConflict(
  trx: Knex.Transaction,
  unitId: string,
  username: string,
  input: SubstituteRuleInput,
  locale: Locale,
): Promise<void> {
  const overlapping = (where: Record<string, string>) =>
    trx('substitutes')
      .where({ unit_id: unitId, ...where })
      .andWhere('from_date', '<=', input.toDate)
      .andWhere('to_date', '>=', input.fromDate)
      .orderBy('from_date')
      .first(ruleColumns(trx));
  const vi = locale === 'vi';
  const period = (rule: Record<string, unknown>) =>
    vi
      ? `từ ${vietnamDate(rule.from_text)} đến ${vietnamDate(rule.to_text)}`
      : `from ${rule.from_text} to ${rule.to_text}`;
  const requested = vi
    ? `từ ${vietnamDate(input.fromDate)} đến ${vietnamDate(input.toDate)}`
    : `${input.fromDate} to ${input.toDate}`;

  const own = await overlapping({ username });
  if (own) {
    throw conflict(
      '/fromDate',
      vi
        ? `${username} đã có quy tắc thay thế ${period(own)} (người thay: ${own.substitute}), trùng với khoảng ${requested}; hãy sửa hoặc xóa quy tắc đó, hoặc chọn ngày khác.`
        : `${username} already has a substitute rule ${period(own)} (${own.substitute}), which overlaps ${requested}; change or delete that rule, or choose other dates.`,
    );
  }
  const substituteAbsent = await overlapping({ username: input.substitute });
  if (substituteAbsent) {
    throw conflict(
      '/substitute',
      vi
        ? `${input.substitute} vắng mặt ${period(substituteAbsent)} và đã có người thay thế riêng; hãy chọn người có mặt ${requested}.`
        : `${input.substitute} is absent ${period(substituteAbsent)} and has a substitute of their own; choose a substitute who is present from ${requested}.`,
    );
  }
  const substituteOfOther = await overlapping({ substitute: username });
  if (substituteOfOther) {
    throw conflict(
      '/username',
      vi
        ? `${username} đang là người thay thế cho ${substituteOfOther.username} ${period(substituteOfOther)}; hãy sửa quy tắc đó trước, để công việc không chuyển tiếp sang người thứ ba.`
        : `${username} is the substitute of ${substituteOfOther.username} ${period(substituteOfOther)}; have that rule changed first, so that tasks do not pass on to a third user.`,
    );
  }
}

// Writes a YYYY-MM-DD date as Vietnamese readers write it, DD/MM/YYYY.
function vietnamDate(value: unknown): string {
  const [year, month, day] = String(value).split('-');
  return `${day}/${month}/${year}`;
}

function conflict(path: string, message: string): EisoError {
  return new EisoError('EISO_ERR_CONFLICT', message, [{ path, message }]);
}

const dateLabels = { fromDate: 'Từ ngày (fromDate)', toDate: 'Đến ngày (toDate)' };

function validateDates(input: SubstituteRuleInput, locale: Locale): void {
  const vi = locale === 'vi';
  const details: FieldError[] = [];
  for (const field of ['fromDate', 'toDate'] as const) {
    const value = input[field];
    if (!calendarDate.test(value) || !isRealDate(value)) {
      details.push({
        path: `/${field}`,
        message: vi
          ? `${dateLabels[field]} '${value}' không phải là ngày; hãy nhập theo dạng YYYY-MM-DD.`
          : `${field} '${value}' is not a date; send it as YYYY-MM-DD.`,
      });
    }
  }
  if (details.length === 0 && input.fromDate > input.toDate) {
    details.push({
      path: '/toDate',
      message: vi
        ? `${dateLabels.toDate} ${vietnamDate(input.toDate)} ở trước ${dateLabels.fromDate} ${vietnamDate(input.fromDate)}; hãy chọn ngày kết thúc muộn hơn.`
        : `toDate ${input.toDate} is before fromDate ${input.fromDate}; send a later toDate.`,
    });
  }
  if (details.length > 0) {
    const summary = details.map((detail) => detail.message).join(' ');
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      vi ? `Quy tắc thay thế không hợp lệ: ${summary}` : `Invalid substitute rule: ${summary}`,
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
