import type { Knex } from 'knex';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { planDeliveries } from './mail/mail-outbox.js';
import { sendDigests, sendImmediateMail } from './mail/mail-sender.js';
import { reportOverdueTasks } from './overdue-tasks.js';

/** Counts of the work done by one delivery round. */
export interface DeliveryRound {
  overdueTasks: number;
  plannedNotifications: number;
  immediateMails: number;
  digests: number;
}

/**
 * Delivers notifications on each scheduler tick: reports overdue tasks, writes the e-mail outbox
 * of new notifications, sends the due immediate e-mails and, from the digest hour on, the daily
 * digests. Every step reads and claims its work in the database, so several nodes may run it.
 */
export class NotificationDelivery {
  private readonly mailer: Mailer | null;

  constructor(
    private readonly db: Knex,
    private readonly config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl' | 'digestHour'>,
    private readonly logger: Logger,
  ) {
    this.mailer = createMailer(config.smtpUrl, config.mailFrom, logger);
  }

  /** Runs one delivery round at the scheduler's time `now`. */
  async run(now: Date): Promise<DeliveryRound> {
    const overdueTasks = await reportOverdueTasks(this.db, this.logger, now);
    let plannedNotifications = 0;
    for (let planned = -1; planned !== 0;) {
      planned = await planDeliveries(this.db, now, this.mailer !== null);
      plannedNotifications += planned;
    }
    if (!this.mailer) return { overdueTasks, plannedNotifications, immediateMails: 0, digests: 0 };

    const links = { publicUrl: this.config.publicUrl };
    const immediateMails = await sendImmediateMail(this.db, this.mailer, links, this.logger, now);
    const digests = await sendDigests(
      this.db,
      this.mailer,
      links,
      this.logger,
      now,
      this.config.digestHour,
    );
    return { overdueTasks, plannedNotifications, immediateMails, digests };
  }

  close(): void {
    this.mailer?.close();
  }
}
