import type { Knex } from 'knex';
import type { Locale } from '../locale.js';
import type { Principal } from './principal.js';
import { verifyDecoy, verifyPassword } from './passwords.js';

/** Loads the principal of an enabled user, with the codes of their groups. */
export async function loadPrincipal(
  db: Knex,
  where: { id: string } | { username: string },
): Promise<Principal | null> {
  const row = await db('users').where(where).andWhere({ disabled: false }).first();
  if (!row) return null;

  const groups = await db('memberships')
    .join('groups', 'groups.id', 'memberships.group_id')
    .where('memberships.user_id', row.id)
    .pluck('groups.code');
  return {
    userId: String(row.id),
    username: row.username,
    displayName: row.display_name,
    title: row.title ?? null,
    unitId: String(row.unit_id),
    departmentId: row.department_id ? String(row.department_id) : null,
    groups: groups.map(String),
  };
}

/** Checks a username and password; returns the principal or null. */
export async function authenticate(
  db: Knex,
  username: string,
  password: string,
): Promise<Principal | null> {
  const row = await db('users').where({ username, disabled: false }).first('id', 'password_hash');
  if (!row) return verifyDecoy(password).then(() => null);
  if (!(await verifyPassword(row.password_hash, password))) return null;
  return loadPrincipal(db, { id: String(row.id) });
}

/** Languages a user may choose for their e-mail. Vietnamese is the default of a new user. */
export const userLocales: Locale[] = ['vi', 'en'];

/** Returns the language a user chose for their e-mail, Vietnamese unless they chose English. */
export async function readUserLocale(db: Knex, userId: string): Promise<Locale> {
  const row = await db('users').where({ id: userId }).first('locale');
  return row?.locale === 'en' ? 'en' : 'vi';
}

/** Stores the language of a user's e-mail, which the mail sender reads when it renders a mail. */
export async function writeUserLocale(db: Knex, userId: string, locale: Locale): Promise<void> {
  await db('users').where({ id: userId }).update({ locale });
}
