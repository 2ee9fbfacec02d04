import type { Knex } from 'knex';
import type { Logger } from '../logger.js';
import { isAddressedTo, readVersions, type NotificationReader } from './notification-inbox.js';

/** Receives each new `notifications` row addressed to its reader, and each read-state change. */
export interface FeedSubscriber {
  reader: NotificationReader;
  onNotification(row: Record<string, unknown>): void;
  /** Called when the reader marked notifications read, in any session and on any node. */
  onReadStateChange?(): void;
}

// Ids come from a sequence, so a transaction that commits late can make a row appear below the
// highest id already seen. Each poll rereads this many ids below the cursor and skips the ids it
// already delivered.
const lookBackIds = 500;
const batchSize = 500;

/**
 * Detects new notification rows and changes of the subscribers' read state in the database, and
 * hands them to the subscribers of this process. One poller serves every subscriber, and it reads
 * the tables, not an in-process event, so changes made on other service nodes sharing the
 * database arrive too.
 *
 * NOTE: a row committed more than `lookBackIds` ids behind the cursor is never pushed live. It
 * still appears in the notification list and the unread count.
 */
export class NotificationFeed {
  private readonly subscribers = new Set<FeedSubscriber>();
  private readonly delivered = new Set<string>();
  /** The last read version seen of each subscribed user, by user id. */
  private readonly seenReadVersions = new Map<string, string>();
  private cursor: bigint | undefined;
  private handle: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly db: Knex,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  /**
   * Adds a subscriber and returns the function that removes it. Every row written after the
   * returned promise resolves reaches the subscriber.
   */
  async subscribe(subscriber: FeedSubscriber): Promise<() => void> {
    const { userId } = subscriber.reader;
    // The version before the subscription starts is the baseline, so every later change counts.
    if (!this.seenReadVersions.has(userId)) {
      const versions = await readVersions(this.db, [userId]);
      this.seenReadVersions.set(userId, versions.get(userId) ?? '0');
    }
    this.subscribers.add(subscriber);
    this.startPolling();
    await this.runPoll();
    return () => {
      this.subscribers.delete(subscriber);
      if (![...this.subscribers].some((other) => other.reader.userId === userId)) {
        this.seenReadVersions.delete(userId);
      }
      if (this.subscribers.size === 0) this.stopPolling();
    };
  }

  /** Stops polling and waits for a poll that is under way. */
  async close(): Promise<void> {
    this.subscribers.clear();
    this.stopPolling();
    await this.polling;
  }

  /**
   * Reads the rows written since the last poll and hands them to the subscribers, then calls
   * `onReadStateChange` of the subscribers whose read state changed. Returns the number of rows
   * handed out.
   */
  async poll(): Promise<number> {
    const count = await this.pollNotifications();
    await this.pollReadVersions();
    return count;
  }

  private async pollNotifications(): Promise<number> {
    if (this.cursor === undefined) {
      const row = await this.db('notifications').max({ max: 'id' }).first();
      this.cursor = BigInt((row?.max as string | null) ?? 0);
      return 0;
    }
    const from = this.cursor > BigInt(lookBackIds) ? this.cursor - BigInt(lookBackIds) : 0n;
    const rows = await this.db('notifications')
      .where('id', '>', from.toString())
      .orderBy('id')
      .limit(batchSize + lookBackIds)
      .select(
        'id',
        'unit_id',
        'recipient_user',
        'recipient_group',
        'excluded_user',
        'kind',
        'title',
      )
      .select('title_en')
      .select('link', 'process_instance_key', 'created_at');
    let count = 0;
    for (const row of rows) {
      const id = String(row.id);
      if (BigInt(id) > this.cursor) this.cursor = BigInt(id);
      if (this.delivered.has(id) || BigInt(id) <= from) continue;
      this.delivered.add(id);
      count++;
      this.dispatch(row);
    }
    this.pruneDelivered(from);
    return count;
  }

  private async pollReadVersions(): Promise<void> {
    const userIds = [...this.seenReadVersions.keys()];
    if (userIds.length === 0) return;
    const versions = await readVersions(this.db, userIds);
    for (const [userId, version] of versions) {
      // A user whose last subscriber left during the read is no longer tracked.
      const seen = this.seenReadVersions.get(userId);
      if (seen === undefined || seen === version) continue;
      this.seenReadVersions.set(userId, version);
      this.dispatchReadStateChange(userId);
    }
  }

  private dispatchReadStateChange(userId: string): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.reader.userId !== userId || !subscriber.onReadStateChange) continue;
      try {
        subscriber.onReadStateChange();
      } catch (error) {
        this.logger.error({ err: error, userId }, 'notification subscriber failed');
      }
    }
  }

  private dispatch(row: Record<string, unknown>): void {
    for (const subscriber of this.subscribers) {
      if (!isAddressedTo(row, subscriber.reader)) continue;
      try {
        subscriber.onNotification(row);
      } catch (error) {
        this.logger.error({ err: error, notificationId: row.id }, 'notification subscriber failed');
      }
    }
  }

  private pruneDelivered(from: bigint): void {
    for (const id of this.delivered) if (BigInt(id) <= from) this.delivered.delete(id);
  }

  private startPolling(): void {
    if (this.handle) return;
    this.handle = setInterval(() => void this.runPoll(), this.intervalMs);
    this.handle.unref();
  }

  private runPoll(): Promise<void> {
    this.polling ??= this.poll()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, 'notification poll failed'))
      .finally(() => (this.polling = undefined));
    return this.polling;
  }

  private stopPolling(): void {
    clearInterval(this.handle);
    this.handle = undefined;
    // The next subscriber starts from the rows written after it subscribed.
    this.cursor = undefined;
    this.delivered.clear();
    this.seenReadVersions.clear();
  }
}
