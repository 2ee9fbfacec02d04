import type { Knex } from 'knex';
import { chainedRow, genesisHash, type HistoryEventInput } from './history-log.js';

/** The chain name that a unit's own events are hashed under. */
export function unitChainId(unitId: string): string {
  return `unit:${unitId}`;
}

/**
 * Appends an event that belongs to a unit but to no instance (a deployment,
 * a login, a membership change) to the unit's own hash chain. The unit's row
 * is locked until the caller's transaction ends, so that concurrent writers
 * (two logins at once) extend the chain one after the other; a caller without
 * a transaction gets one of its own.
 */
export async function appendUnitHistory(
  trx: Knex.Transaction | Knex,
  unitId: string,
  input: HistoryEventInput,
  now = new Date(),
): Promise<void> {
  if (!trx.isTransaction) {
    await trx.transaction((inner) => appendUnitHistory(inner, unitId, input, now));
    return;
  }

  // FOR NO KEY UPDATE does not block the inserts that reference the unit.
  await trx('units').where({ id: unitId }).forNoKeyUpdate().first('id');
  const last = await trx('history_events')
    .where({ unit_id: unitId })
    .whereNull('process_instance_key')
    .orderBy('position', 'desc')
    .first('position', 'hash');
  const position = last ? Number(last.position) + 1 : 1;
  const previousHash: string = last ? last.hash : genesisHash;
  const row = chainedRow(
    unitId,
    null,
    unitChainId(unitId),
    position,
    input,
    previousHash,
    now.toISOString(),
  );
  await trx('history_events').insert(row);
}
