import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** One event to append to an instance's history. */
export interface HistoryEventInput {
  type: string;
  elementId?: string | null;
  elementInstanceKey?: string | null;
  actor?: string | null;
  data?: Record<string, unknown>;
}

/** A stored history event with its place in the hash chain. */
export interface HistoryEvent {
  id: string;
  processInstanceKey: string;
  position: number;
  type: string;
  elementId: string | null;
  elementInstanceKey: string | null;
  actor: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  previousHash: string;
  hash: string;
}

/** The hash that starts every chain. */
export const genesisHash = '0'.repeat(64);

/**
 * Computes the hash of one event: SHA-256 over the previous hash and the
 * event's fields in a fixed order, so that a third party can recompute it.
 */
export function hashEvent(
  previousHash: string,
  event: Omit<HistoryEvent, 'id' | 'hash' | 'previousHash'>,
): string {
  const canonical = JSON.stringify([
    event.processInstanceKey,
    event.position,
    event.type,
    event.elementId,
    event.elementInstanceKey,
    event.actor,
    canonicalize(event.data),
    event.createdAt,
  ]);
  return createHash('sha256').update(previousHash).update(canonical).digest('hex');
}

// JSON with object keys sorted at every level, so that the hash does not
// depend on the order in which the database returns jsonb keys.
function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = canonicalize((value as Record<string, unknown>)[key]);
  return sorted;
}

/**
 * Builds the row of one history event, hashed onto `previousHash`. `chainId`
 * is what the hash covers as the chain's name: the instance key, or
 * `unit:<id>` for the events of a unit outside instances.
 */
export function chainedRow(
  unitId: string,
  processInstanceKey: string | null,
  chainId: string,
  position: number,
  input: HistoryEventInput,
  previousHash: string,
  createdAt: string,
) {
  const event = {
    processInstanceKey: chainId,
    position,
    type: input.type,
    elementId: input.elementId ?? null,
    elementInstanceKey: input.elementInstanceKey ?? null,
    actor: input.actor ?? null,
    data: input.data ?? {},
    createdAt,
  };
  return {
    unit_id: unitId,
    process_instance_key: processInstanceKey,
    position,
    type: event.type,
    element_id: event.elementId,
    element_instance_key: event.elementInstanceKey,
    actor: event.actor,
    data: JSON.stringify(event.data),
    created_at: createdAt,
    previous_hash: previousHash,
    hash: hashEvent(previousHash, event),
  };
}

/**
 * Appends events to an instance's history inside the caller's transaction.
 * The caller has locked the instance row (its revision check), so positions do not
 * race; the unique (instance, position) index rejects a second writer anyway.
 */
export async function appendHistory(
  trx: Knex.Transaction,
  unitId: string,
  processInstanceKey: string,
  events: HistoryEventInput[],
  now: Date,
): Promise<void> {
  if (events.length === 0) return;

  const last = await trx('history_events')
    .where({ process_instance_key: processInstanceKey })
    .orderBy('position', 'desc')
    .first('position', 'hash');
  let position = last ? Number(last.position) : 0;
  let previousHash: string = last ? last.hash : genesisHash;
  const createdAt = now.toISOString();

  const rows = events.map((input) => {
    position += 1;
    const row = chainedRow(
      unitId,
      processInstanceKey,
      String(processInstanceKey),
      position,
      input,
      previousHash,
      createdAt,
    );
    previousHash = row.hash;
    return row;
  });

  // A plain insert: batchInsert wraps itself in a savepoint, two more
  // statements on every command.
  await trx('history_events').insert(rows);
}

/** Reads an instance's history in order. */
export async function readHistory(db: Knex, processInstanceKey: string): Promise<HistoryEvent[]> {
  const rows = await db('history_events')
    .where({ process_instance_key: processInstanceKey })
    .orderBy('position');
  return rows.map((row) => ({
    id: String(row.id),
    processInstanceKey: String(row.process_instance_key),
    position: Number(row.position),
    type: row.type,
    elementId: row.element_id,
    elementInstanceKey: row.element_instance_key,
    actor: row.actor,
    data: row.data,
    createdAt: new Date(row.created_at).toISOString(),
    previousHash: row.previous_hash,
    hash: row.hash,
  }));
}

/** Recomputes the chain and returns the position of the first event that does not match. */
export function verifyChain(events: HistoryEvent[]): {
  valid: boolean;
  firstInvalidPosition: number | null;
} {
  let previousHash = genesisHash;
  for (const [index, event] of events.entries()) {
    const expectedPosition = index + 1;
    const { id: _id, hash, previousHash: storedPrevious, ...fields } = event;
    if (
      event.position !== expectedPosition ||
      storedPrevious !== previousHash ||
      hashEvent(previousHash, fields) !== hash
    ) {
      return { valid: false, firstInvalidPosition: event.position };
    }
    previousHash = hash;
  }
  return { valid: true, firstInvalidPosition: null };
}
