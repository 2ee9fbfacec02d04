import type { Knex } from 'knex';
import { agencyDate, agencyDayStart } from '../agency-time.js';
import {
  addDays,
  closeDigestDays,
  digestBefore,
  digestHash,
  eventsByDay,
  lastClosedDay,
  readDigests,
} from './digests.js';
import {
  findChainProblem,
  genesisHash,
  historyColumns,
  readHistory,
  toHistoryEvent,
  type ChainAnchor,
  type ChainProblemReason,
  type HistoryEvent,
} from './history-log.js';

/** Reason the history fails verification. */
export type VerificationReason =
  | ChainProblemReason
  /** A day's events no longer give its stored digest: events of that day were added, removed or rehashed. */
  | 'digest-mismatch'
  /** A closed day between two digests has none: its digest row was deleted. */
  | 'digest-missing';

/** The first thing that does not match, with what an auditor needs to find it. */
export interface VerificationProblem {
  reason: VerificationReason;
  /** The chain's name: an instance key, or `unit:<id>` for the unit's own events. */
  chainId: string | null;
  processInstanceKey: string | null;
  eventId: string | null;
  position: number | null;
  /** The position the chain expected at this event. */
  expectedPosition: number | null;
  type: string | null;
  createdAt: string | null;
  /** The Vietnam day of a digest problem, or of the event. */
  day: string | null;
  /** For a digest problem: the events the digest recorded and the events found now. */
  recordedEventCount?: number;
  foundEventCount?: number;
}

/** The outcome of one verification. */
export interface VerificationResult {
  valid: boolean;
  checkedEvents: number;
  checkedDays: number;
  firstProblem: VerificationProblem | null;
}

function eventProblem(
  reason: ChainProblemReason,
  event: HistoryEvent,
  expectedPosition: number,
): VerificationProblem {
  const instance = event.processInstanceKey.startsWith('unit:') ? null : event.processInstanceKey;
  return {
    reason,
    chainId: event.processInstanceKey,
    processInstanceKey: instance,
    eventId: event.id,
    position: event.position,
    expectedPosition,
    type: event.type,
    createdAt: event.createdAt,
    day: agencyDate(event.createdAt),
  };
}

/** Recomputes an instance's whole chain from its first event. */
export async function verifyInstance(
  db: Knex,
  processInstanceKey: string,
): Promise<VerificationResult> {
  const events = await readHistory(db, processInstanceKey);
  const problem = findChainProblem(events);
  return {
    valid: problem === null,
    checkedEvents: events.length,
    checkedDays: 0,
    firstProblem: problem
      ? eventProblem(problem.reason, problem.event, problem.expectedPosition)
      : null,
  };
}

/**
 * Verifies a unit's history between two Vietnam days (inclusive). Every event of the period in
 * every chain (the instances' and the unit's own) is checked against the event before it, even
 * when that one is older. The daily digests of the period are checked against the digest before
 * them, after closed days without a digest are digested. Periods checked one after the other
 * cover the whole history, because each one starts from what the one before checked.
 */
export async function verifyUnitPeriod(
  db: Knex,
  unitId: string,
  from: string,
  to: string,
  now: Date,
): Promise<VerificationResult> {
  await closeDigestDays(db, unitId, now);

  const rows = await db('history_events')
    .where({ unit_id: unitId })
    .andWhere('created_at', '>=', agencyDayStart(from).toISOString())
    .andWhere('created_at', '<', agencyDayStart(addDays(to, 1)).toISOString())
    .orderBy('id')
    .select(historyColumns(db));
  const events = rows.map(toHistoryEvent);

  const chainProblem = await findPeriodChainProblem(db, unitId, events);
  const digestProblem = await findDigestProblem(db, unitId, from, to, events, now);
  const closedDays = Math.max(0, daysBetween(from, minDay(to, lastClosedDay(now))) + 1);
  return {
    valid: chainProblem === null && digestProblem === null,
    checkedEvents: events.length,
    checkedDays: closedDays,
    firstProblem: earlier(chainProblem, digestProblem),
  };
}

// The problem of the earlier day; on the same day the event, because it names more.
function earlier(
  chain: VerificationProblem | null,
  digest: VerificationProblem | null,
): VerificationProblem | null {
  if (!chain || !digest) return chain ?? digest;
  return (digest.day ?? '') < (chain.day ?? '') ? digest : chain;
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// Checks each chain that has events in the period, from the stored event just before its first
// one there. The stretch is read by position, so that an event stamped outside the period (a
// clock set back) does not look like a gap.
async function findPeriodChainProblem(
  db: Knex,
  unitId: string,
  events: HistoryEvent[],
): Promise<VerificationProblem | null> {
  const stretches = new Map<string, { first: number; last: number }>();
  for (const event of events) {
    const stretch = stretches.get(event.processInstanceKey);
    if (!stretch) {
      stretches.set(event.processInstanceKey, { first: event.position, last: event.position });
    } else {
      stretch.first = Math.min(stretch.first, event.position);
      stretch.last = Math.max(stretch.last, event.position);
    }
  }

  const problems: VerificationProblem[] = [];
  const chains = [...stretches.entries()];
  for (let start = 0; start < chains.length; start += 200) {
    const batch = chains.slice(start, start + 200);
    const stored = await readStretches(db, unitId, batch);
    for (const [chainId, stretch] of batch) {
      const chain = stored.get(chainId) ?? [];
      const problem = checkStretch(chain, stretch.first);
      if (problem) problems.push(problem);
    }
  }
  problems.sort((a, b) => Number(a.eventId) - Number(b.eventId));
  return problems[0] ?? null;
}

function checkStretch(chain: HistoryEvent[], first: number): VerificationProblem | null {
  let anchor: ChainAnchor = { position: 0, hash: genesisHash };
  let rest = chain;
  if (first > 1) {
    const before = chain[0];
    if (before && before.position === first - 1) {
      anchor = { position: before.position, hash: before.hash };
      rest = chain.slice(1);
    } else {
      // The event the stretch follows is gone.
      const firstEvent = chain.find((event) => event.position === first) ?? chain[0];
      return eventProblem('deleted', firstEvent, first - 1);
    }
  }
  const problem = findChainProblem(rest, anchor);
  return problem ? eventProblem(problem.reason, problem.event, problem.expectedPosition) : null;
}

async function readStretches(
  db: Knex,
  unitId: string,
  chains: [string, { first: number; last: number }][],
): Promise<Map<string, HistoryEvent[]>> {
  const rows = await db('history_events')
    .where({ unit_id: unitId })
    .andWhere((query) => {
      for (const [chainId, { first, last }] of chains) {
        query.orWhere((chain) => {
          if (chainId.startsWith('unit:')) chain.whereNull('process_instance_key');
          else chain.where('process_instance_key', chainId);
          chain.whereBetween('position', [Math.max(1, first - 1), last]);
        });
      }
    })
    .orderBy(['process_instance_key', 'position'])
    .select(historyColumns(db));
  const byChain = new Map<string, HistoryEvent[]>();
  for (const event of rows.map(toHistoryEvent)) {
    const list = byChain.get(event.processInstanceKey) ?? [];
    list.push(event);
    byChain.set(event.processInstanceKey, list);
  }
  return byChain;
}

// Recomputes each digest of the period from the events read and checks that the digests follow
// one another day after day from the digest before the period.
async function findDigestProblem(
  db: Knex,
  unitId: string,
  from: string,
  to: string,
  events: HistoryEvent[],
  now: Date,
): Promise<VerificationProblem | null> {
  const digests = await readDigests(db, unitId, from, to);
  const before = await digestBefore(db, unitId, from);
  const byDay = eventsByDay(events);
  const through = minDay(to, lastClosedDay(now));

  let previousHash = before ? before.digestHash : genesisHash;
  // Before a unit's first digest, days need none; after it, every closed day has one.
  let expectedDay = before ? addDays(before.day, 1) : (digests[0]?.day ?? null);
  for (const digest of digests) {
    const dayEvents = byDay.get(digest.day) ?? [];
    const problem = (reason: VerificationReason, day: string): VerificationProblem => ({
      reason,
      chainId: null,
      processInstanceKey: null,
      eventId: null,
      position: null,
      expectedPosition: null,
      type: null,
      createdAt: null,
      day,
      recordedEventCount: digest.eventCount,
      foundEventCount: dayEvents.length,
    });
    if (expectedDay !== null && expectedDay < digest.day && expectedDay >= from)
      return problem('digest-missing', expectedDay);
    if (digest.previousHash !== previousHash) return problem('previous-hash-mismatch', digest.day);
    if (digestHash(previousHash, unitId, digest.day, dayEvents) !== digest.digestHash)
      return problem('digest-mismatch', digest.day);
    previousHash = digest.digestHash;
    expectedDay = addDays(digest.day, 1);
  }
  if (expectedDay !== null && expectedDay <= through && expectedDay >= from) {
    return {
      reason: 'digest-missing',
      chainId: null,
      processInstanceKey: null,
      eventId: null,
      position: null,
      expectedPosition: null,
      type: null,
      createdAt: null,
      day: expectedDay,
    };
  }
  return null;
}
