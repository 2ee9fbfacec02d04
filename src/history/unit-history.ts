import type { Knex } from 'knex';
import { chainedRow, genesisHash, type HistoryEventInput } from './history-log.js';

/**
 * Appends an event that belongs to a unit but to no instance (a deployment,
 * a login, a membership change) to the unit's own hash chain.
 */
export async function appendUnitHistory(
  trx: Knex.Transaction | Knex,
  unitId: string,
  input: HistoryEventInput,
  now = new Date(),
): Promise<void> {
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
    `unit:${unitId}`,
    position,
    input,
    previousHash,
    now.toISOString(),
  );
  await trx('history_events').insert(row);
}
