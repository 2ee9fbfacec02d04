import type { Knex } from 'knex';
import { defaultLocale, type Locale } from '../locale.js';
import { userNotInUnit } from './task-messages.js';

/**
 * Throws a 400 in `locale` naming the field at `path` unless `username` is an enabled user of the
 * unit.
 */
export async function assertUserOfUnit(
  db: Knex,
  unitId: string,
  username: string,
  path: string,
  locale: Locale = defaultLocale,
): Promise<void> {
  const user = await db('users').where({ username, unit_id: unitId, disabled: false }).first('id');
  if (!user) throw userNotInUnit(username, path, locale);
}

/** A user of a unit as pickers show them: the full name, job title and department. */
export interface UnitUser {
  username: string;
  displayName: string;
  title: string | null;
  department: { code: string; name: string; nameEn: string | null } | null;
}

/**
 * Lists the enabled users of a unit, ordered by department and full name. Users without a
 * department, such as the board, come first.
 */
export async function listUnitUsers(db: Knex, unitId: string): Promise<UnitUser[]> {
  const rows = await db('users')
    .leftJoin('units as department', 'department.id', 'users.department_id')
    .where({ 'users.unit_id': unitId, 'users.disabled': false })
    .orderByRaw('department.sort_order NULLS FIRST')
    .orderBy('users.display_name')
    .orderBy('users.username')
    .select(
      'users.username',
      'users.display_name',
      'users.title',
      'department.code as department_code',
      'department.name as department_name',
      'department.name_en as department_name_en',
    );
  return rows.map((row) => ({
    username: row.username as string,
    displayName: row.display_name as string,
    title: (row.title as string | null) ?? null,
    department: row.department_code
      ? {
          code: row.department_code as string,
          name: row.department_name as string,
          nameEn: (row.department_name_en as string | null) ?? null,
        }
      : null,
  }));
}

/** Returns the full name of each of `usernames` that is a user of the unit. */
export async function displayNamesOf(
  db: Knex,
  unitId: string,
  usernames: Iterable<string>,
): Promise<Map<string, string>> {
  const requested = [...new Set(usernames)];
  if (requested.length === 0) return new Map();
  const rows = await db('users')
    .where('unit_id', unitId)
    .whereIn('username', requested)
    .select('username', 'display_name');
  return new Map(rows.map((row) => [row.username as string, row.display_name as string]));
}
