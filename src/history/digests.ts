import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { agencyDate, agencyDayStart } from '../agency-time.js';
import type { Logger } from '../logger.js';
import { genesisHash } from './history-log.js';

/**
 * Time after midnight (Vietnam) before the day before is digested, so that a transaction that
 * stamped its events just before midnight has committed.
 */
export const digestGraceMs = 10 * 60_000;

const dayMs = 86_400_000;

/** A stored daily digest of a unit. */
export interface HistoryDigest {
  id: string;
  unitId: string;
  /** Vietnam calendar date, `YYYY-MM-DD`. */
  day: string;
  eventCount: number;
  lastEventId: string | null;
  previousHash: string;
  digestHash: string;
}

/** The hash and id of one event, in the order a digest covers them (by id). */
export interface DigestedEvent {
  id: string;
  hash: string;
}

/**
 * Computes a day's digest: SHA-256 over the previous digest's hash, then the JSON array
 * `[unitId, day, eventCount, lastEventId]`, then each event hash of the day in id order. The
 * first digest of a unit follows 64 zeros, like the first event of a chain.
 */
export function digestHash(
  previousHash: string,
  unitId: string,
  day: string,
  events: DigestedEvent[],
): string {
  const lastEventId = events.length > 0 ? events[events.length - 1].id : null;
  const hash = createHash('sha256')
    .update(previousHash)
    .update(JSON.stringify([unitId, day, events.length, lastEventId]));
  for (const event of events) hash.update(event.hash);
  return hash.digest('hex');
}

/** Returns the calendar date `days` after `day` (both `YYYY-MM-DD`). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Returns the last Vietnam day that is closed at `now`, so that it can be digested. */
export function lastClosedDay(now: Date): string {
  return addDays(agencyDate(new Date(now.getTime() - digestGraceMs)), -1);
}

/** Groups events (ordered by id) by the Vietnam day of their time. */
export function eventsByDay(
  events: { id: string; hash: string; createdAt: string }[],
): Map<string, DigestedEvent[]> {
  const days = new Map<string, DigestedEvent[]>();
  for (const event of events) {
    const day = agencyDate(event.createdAt);
    const list = days.get(day) ?? [];
    list.push({ id: event.id, hash: event.hash });
    days.set(day, list);
  }
  return days;
}

/** Reads a unit's digests between two days (inclusive), by day. */
export async function readDigests(
  db: Knex,
  unitId: string,
  from: string,
  to: string,
): Promise<HistoryDigest[]> {
  const rows = await db('history_digests')
    .where({ unit_id: unitId })
    .andWhere('day', '>=', from)
    .andWhere('day', '<=', to)
    .orderBy('day')
    .select(digestColumns(db));
  return rows.map(toDigest);
}

/** Reads the unit's last digest before a day, or null. */
export async function digestBefore(
  db: Knex,
  unitId: string,
  day: string,
): Promise<HistoryDigest | null> {
  const row = await db('history_digests')
    .where({ unit_id: unitId })
    .andWhere('day', '<', day)
    .orderBy('day', 'desc')
    .first(digestColumns(db));
  return row ? toDigest(row) : null;
}

// `day` as text: node-postgres turns a date into a JavaScript Date at local midnight, which
// shifts the day in any time zone west of UTC.
function digestColumns(db: Knex) {
  return [
    'id',
    'unit_id',
    db.raw(`to_char(day, 'YYYY-MM-DD') AS day`),
    'event_count',
    'last_event_id',
    'previous_hash',
    'digest_hash',
  ];
}

function toDigest(row: Record<string, unknown>): HistoryDigest {
  return {
    id: String(row.id),
    unitId: String(row.unit_id),
    day: row.day as string,
    eventCount: Number(row.event_count),
    lastEventId: row.last_event_id === null ? null : String(row.last_event_id),
    previousHash: row.previous_hash as string,
    digestHash: row.digest_hash as string,
  };
}

/**
 * Digests every closed day of a unit that has no digest yet, from the day after its last digest
 * (or the day of its first event) through `lastClosedDay(now)`, empty days included, so that a
 * missing row shows. Returns the number of days digested. A row that another node wrote first
 * is kept: both computed it from the same events.
 */
export async function closeDigestDays(db: Knex, unitId: string, now: Date): Promise<number> {
  const through = lastClosedDay(now);
  const last = await db('history_digests')
    .where({ unit_id: unitId })
    .orderBy('day', 'desc')
    .first(db.raw(`to_char(day, 'YYYY-MM-DD') AS day`), 'digest_hash');
  let first: string;
  if (last) {
    first = addDays(last.day as string, 1);
  } else {
    const earliest = await db('history_events').where({ unit_id: unitId }).min('created_at as at');
    if (!earliest[0]?.at) return 0;
    first = agencyDate(earliest[0].at as string);
  }

  let previousHash: string = last ? (last.digest_hash as string) : genesisHash;
  let days = 0;
  // A month at a time, so that catching up on a long history keeps few events in memory.
  while (first <= through) {
    const end = addDays(first, 30) < through ? addDays(first, 30) : through;
    const digests = await computeDigests(db, unitId, first, end, previousHash, now);
    for (let start = 0; start < digests.length; start += 500) {
      await db('history_digests')
        .insert(digests.slice(start, start + 500))
        .onConflict(['unit_id', 'day'])
        .ignore();
    }
    previousHash = digests[digests.length - 1].digest_hash;
    days += digests.length;
    first = addDays(end, 1);
  }
  return days;
}

async function computeDigests(
  db: Knex,
  unitId: string,
  first: string,
  last: string,
  previousHash: string,
  now: Date,
) {
  const rows = await db('history_events')
    .where({ unit_id: unitId })
    .andWhere('created_at', '>=', agencyDayStart(first).toISOString())
    .andWhere('created_at', '<', agencyDayStart(addDays(last, 1)).toISOString())
    .orderBy('id')
    .select('id', 'hash', 'created_at');
  const byDay = eventsByDay(
    rows.map((row) => ({
      id: String(row.id),
      hash: row.hash as string,
      createdAt: new Date(row.created_at as string).toISOString(),
    })),
  );
  const digests = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    const events = byDay.get(day) ?? [];
    const hash = digestHash(previousHash, unitId, day, events);
    digests.push({
      unit_id: unitId,
      day,
      event_count: events.length,
      last_event_id: events.length > 0 ? events[events.length - 1].id : null,
      previous_hash: previousHash,
      digest_hash: hash,
      created_at: now.toISOString(),
    });
    previousHash = hash;
  }
  return digests;
}

/** Digests the closed days of every unit that has history. */
export async function closeAllDigestDays(db: Knex, now: Date): Promise<number> {
  const units = await db('units')
    .whereExists(db('history_events').select(db.raw('1')).whereRaw('unit_id = units.id'))
    .pluck('id');
  let days = 0;
  for (const unitId of units) days += await closeDigestDays(db, String(unitId), now);
  return days;
}

/**
 * The scheduler's work for digests: once per closed day (and once at start), digest the days
 * that closed. Returns the tick task.
 */
export function dailyDigestTask(db: Knex, logger: Logger): (now: Date) => Promise<void> {
  let closedThrough: string | null = null;
  return async (now) => {
    const through = lastClosedDay(now);
    if (closedThrough !== null && closedThrough >= through) return;
    const days = await closeAllDigestDays(db, now);
    closedThrough = through;
    if (days > 0) logger.info({ days, through }, 'history digests written');
  };
}
