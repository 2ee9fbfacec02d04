import type { SessionClient } from './http-client.js';

/** An open user task and the session of the user whose inbox lists it. */
export interface PendingTask {
  key: string;
  elementId: string;
  processInstanceKey: string;
  session: SessionClient;
}

interface InboxPage {
  items: { key: string; elementId: string; processInstanceKey: string }[];
}

// The largest page that `GET /api/tasks` serves.
const inboxPageSize = 200;

// How long a client waits before it looks again when every queued task
// belongs to an instance that another client is working on.
const retryDelayMs = 2;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Hands out the open tasks of the users' group inboxes, each task to one
 * client only, so clients complete tasks without claiming them and never
 * race for the same task. It reads the inboxes only when no queued task can
 * be handed out and a completion since the last read may have opened tasks.
 *
 * It hands out one task per instance at a time, as users who act at
 * different moments would. Two completions on one instance at once make one
 * of them fail with 409 and run again, which would count the engine work
 * twice.
 */
export class TaskFeed {
  /** Inbox reads (`GET /api/tasks`) that the feed sent. */
  inboxReads = 0;
  /** Set when the feed found that no open task is left, before the deadline. */
  drained = false;
  private readonly queue: PendingTask[] = [];
  private readonly seen = new Set<string>();
  private readonly busyInstances = new Set<string>();
  private inFlight = 0;
  private completedSinceRead = 0;
  private lastReadFound = -1;
  private reading: Promise<void> | null = null;

  constructor(private readonly sessions: SessionClient[]) {}

  /**
   * Returns the next task, or null when no task is open and none is being
   * completed, or when `deadline` (a `performance.now()` value) has passed.
   * Every task returned must be passed to `release` once it is done.
   */
  async take(deadline: number): Promise<PendingTask | null> {
    while (performance.now() < deadline) {
      const task = this.takeQueued();
      if (task) return task;

      if (this.reading) {
        await this.reading;
      } else if (this.completedSinceRead > 0 || this.lastReadFound < 0) {
        await this.readInboxes();
      } else if (this.inFlight === 0 && this.queue.length === 0) {
        // The last read started after every completion and found nothing new.
        this.drained = true;
        return null;
      } else {
        await delay(retryDelayMs);
      }
    }
    return null;
  }

  /** Marks a task returned by `take` as done, whether it completed or failed. */
  release(task: PendingTask): void {
    this.inFlight--;
    this.completedSinceRead++;
    this.busyInstances.delete(task.processInstanceKey);
  }

  private takeQueued(): PendingTask | null {
    const index = this.queue.findIndex((task) => !this.busyInstances.has(task.processInstanceKey));
    if (index < 0) return null;
    const [task] = this.queue.splice(index, 1);
    this.busyInstances.add(task.processInstanceKey);
    this.inFlight++;
    return task;
  }

  private readInboxes(): Promise<void> {
    this.completedSinceRead = 0;
    this.reading = Promise.all(this.sessions.map((session) => this.readInbox(session)))
      .then((counts) => {
        this.lastReadFound = counts.reduce((sum, count) => sum + count, 0);
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  private async readInbox(session: SessionClient): Promise<number> {
    const response = await session.get(`/api/tasks?list=group&pageSize=${inboxPageSize}`);
    this.inboxReads++;
    if (response.status !== 200) {
      throw new Error(
        `reading the inbox of ${session.username} failed with ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    let found = 0;
    for (const item of (response.body as InboxPage).items) {
      if (this.seen.has(item.key)) continue;
      this.seen.add(item.key);
      const { key, elementId, processInstanceKey } = item;
      this.queue.push({ key, elementId, processInstanceKey, session });
      found++;
    }
    return found;
  }
}
