import type { Knex } from 'knex';
import { notFound } from '../errors.js';
import type { Principal } from '../identity/principal.js';

/**
 * The units whose instances and history a user may read. Every reader of
 * instances, history, replays and exports asks this one function, so that
 * the rule is the same on every page and API.
 */
export async function readableUnitIds(_db: Knex, principal: Principal): Promise<string[]> {
  // NOTE: only the user's own unit for now; auditors of a supervising
  // agency read the units it supervises once supervision is recorded.
  return [principal.unitId];
}

/** One instance row with its definition's name and XML, or 404 when the user may not read it. */
export async function loadReadableInstance(
  db: Knex,
  principal: Principal,
  key: string,
): Promise<Record<string, unknown> & { unit_id: string; xml: string }> {
  const units = await readableUnitIds(db, principal);
  const row = await db('process_instances as i')
    .join('process_definitions as d', 'd.key', 'i.process_definition_key')
    .where('i.key', key)
    .whereIn('i.unit_id', units)
    .first('i.*', 'd.name as process_name', 'd.xml');
  if (!row) throw notFound('Process instance', key);
  return row;
}
