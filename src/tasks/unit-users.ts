import type { Knex } from 'knex';
import { EisoError } from '../errors.js';

/** Throws a 400 naming the field at `path` unless `username` is an enabled user of the unit. */
export async function assertUserOfUnit(
  db: Knex,
  unitId: string,
  username: string,
  path: string,
): Promise<void> {
  const user = await db('users').where({ username, unit_id: unitId, disabled: false }).first('id');
  if (!user) {
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      `User '${username}' does not exist in your unit; choose a user of the unit.`,
      [{ path, message: `User '${username}' does not exist in your unit.` }],
    );
  }
}
