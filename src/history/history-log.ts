import { hash } from 'node:crypto';
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
  // The one-shot hash of the joined text: the same digest as two updates, at half the cost for
  // the small inputs of one event.
  return hash('sha256', previousHash + canonical, 'hex');
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

/** The deployed version an instance runs, recorded in each of its events. */
export interface EventProcessDefinition {
  key: string;
  bpmnProcessId: string;
  version: number;
}

/**
 * Appends events to an instance's history inside the caller's transaction.
 * The caller has locked the instance row (its revision check), so positions do not
 * race; the unique (instance, position) index rejects a second writer anyway.
 * Each event's data gains `processDefinition`, the version the instance runs when
 * the event is written, so that the hash covers which model the event belongs to.
 */
export async function appendHistory(
  trx: Knex.Transaction,
  unitId: string,
  processInstanceKey: string,
  events: HistoryEventInput[],
  now: Date,
): Promise<void> {
  if (events.length === 0) return;

  // One round trip for the instance's version and the end of its chain.
  const head = await trx('process_instances as i')
    .where('i.key', processInstanceKey)
    .first(
      'i.process_definition_key',
      'i.bpmn_process_id',
      'i.version',
      trx.raw(
        '(SELECT json_build_array(position, hash) FROM history_events WHERE process_instance_key = i.key ORDER BY position DESC LIMIT 1) AS last',
      ),
    );
  const processDefinition: EventProcessDefinition | null = head
    ? {
        key: String(head.process_definition_key),
        bpmnProcessId: head.bpmn_process_id as string,
        version: Number(head.version),
      }
    : null;
  const last = head?.last as [number, string] | null | undefined;
  let position = last ? Number(last[0]) : 0;
  let previousHash: string = last ? last[1] : genesisHash;
  const createdAt = now.toISOString();

  const rows = events.map((input) => {
    position += 1;
    const data = processDefinition ? { ...input.data, processDefinition } : input.data;
    const row = chainedRow(
      unitId,
      processInstanceKey,
      String(processInstanceKey),
      position,
      { ...input, data },
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

/**
 * Reads an instance's history in order. The rows come back as one JSON array
 * that is parsed at once: a long history (10 000 events) reads several times
 * faster than row by row, where the driver converts every cell.
 */
export async function readHistory(db: Knex, processInstanceKey: string): Promise<HistoryEvent[]> {
  const result = await db.raw(
    `SELECT coalesce(json_agg(json_build_array(
       id::text, "position", type, element_id, element_instance_key, actor, data,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       previous_hash, hash) ORDER BY "position")::text, '[]') AS events
     FROM history_events WHERE process_instance_key = ?`,
    [processInstanceKey],
  );
  const rows = JSON.parse(result.rows[0].events as string) as unknown[][];
  return rows.map((row) => ({
    id: row[0] as string,
    processInstanceKey,
    position: row[1] as number,
    type: row[2] as string,
    elementId: row[3] as string | null,
    elementInstanceKey: row[4] as string | null,
    actor: row[5] as string | null,
    data: row[6] as Record<string, unknown>,
    createdAt: row[7] as string,
    previousHash: row[8] as string,
    hash: row[9] as string,
  }));
}

/**
 * Selects the columns that `toHistoryEvent` maps. The time comes as the ISO text that was hashed
 * (UTC, millisecond precision, as eiso writes it), which spares parsing 10 000 dates for a long
 * history.
 */
export function historyColumns(db: Knex): Knex.Raw {
  return db.raw(
    `id, unit_id, process_instance_key, "position", type, element_id, element_instance_key,
     actor, data, previous_hash, hash,
     to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at_iso`,
  );
}

/**
 * Maps a `history_events` row. An event outside instances gets its chain's name,
 * `unit:<id>`, as its instance key, because that is what its hash covers.
 */
export function toHistoryEvent(row: Record<string, unknown>): HistoryEvent {
  const instanceKey = row.process_instance_key;
  return {
    id: String(row.id),
    processInstanceKey:
      instanceKey === null || instanceKey === undefined
        ? `unit:${String(row.unit_id)}`
        : String(instanceKey),
    position: Number(row.position),
    type: row.type as string,
    elementId: (row.element_id as string | null) ?? null,
    elementInstanceKey: (row.element_instance_key as string | null) ?? null,
    actor: (row.actor as string | null) ?? null,
    data: row.data as Record<string, unknown>,
    createdAt: row.created_at_iso as string,
    previousHash: row.previous_hash as string,
    hash: row.hash as string,
  };
}

/** Reason an event breaks its chain. */
export type ChainProblemReason =
  /** The event's fields no longer give its stored hash: it was edited. */
  | 'edited'
  /** Positions skip before this event: the events between were deleted. */
  | 'deleted'
  /** The event follows another event of the chain than the one it was hashed onto: rows moved. */
  | 'reordered'
  /** The event was hashed onto a hash that no event of the chain has. */
  | 'previous-hash-mismatch';

/** The first event that breaks a chain, and why. */
export interface ChainProblem {
  reason: ChainProblemReason;
  event: HistoryEvent;
  expectedPosition: number;
}

/** Start of a checked stretch of a chain: the position before it and the hash it follows. */
export interface ChainAnchor {
  position: number;
  hash: string;
}

/**
 * Recomputes a chain (or a stretch of it after `anchor`) from the stored events, in position
 * order, and returns the first event that does not match, or null when all do.
 */
export function findChainProblem(
  events: HistoryEvent[],
  anchor: ChainAnchor = { position: 0, hash: genesisHash },
): ChainProblem | null {
  let expectedPosition = anchor.position + 1;
  let previousHash = anchor.hash;
  let storedHashes: Set<string> | undefined;
  for (const event of events) {
    const problem = (reason: ChainProblemReason): ChainProblem => ({
      reason,
      event,
      expectedPosition,
    });
    if (event.position > expectedPosition) return problem('deleted');
    if (event.position < expectedPosition) return problem('reordered');
    if (event.previousHash !== previousHash) {
      storedHashes ??= new Set(events.map((other) => other.hash));
      return problem(storedHashes.has(event.previousHash) ? 'reordered' : 'previous-hash-mismatch');
    }
    const { id: _id, hash, previousHash: _previous, ...fields } = event;
    if (hashEvent(previousHash, fields) !== hash) return problem('edited');
    previousHash = hash;
    expectedPosition += 1;
  }
  return null;
}

/** Recomputes the chain and returns the position of the first event that does not match. */
export function verifyChain(events: HistoryEvent[]): {
  valid: boolean;
  firstInvalidPosition: number | null;
} {
  const problem = findChainProblem(events);
  return { valid: problem === null, firstInvalidPosition: problem?.event.position ?? null };
}
