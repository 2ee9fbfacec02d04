import Handlebars from 'handlebars';
import type { JobContext, WorkerRegistry } from '../jobs/job-worker.js';
import { insertNotifications, type NotificationKind } from './notification-store.js';

/** Job type of the service task that writes an in-app notification. */
export const notifyJobType = 'eiso.notify';

const kinds = new Set(['reminder', 'escalation', 'info']);

// Header templates come from deployed models, which only the ISO secretary and
// the board deploy. They are compiled without HTML escaping, because the web app
// writes the result as text, never as markup.
const templateCache = new Map<string, HandlebarsTemplateDelegate>();

function render(template: string, variables: Record<string, unknown>): string {
  let compiled = templateCache.get(template);
  if (!compiled) {
    compiled = Handlebars.compile(template, { noEscape: true, strict: false });
    if (templateCache.size > 500) templateCache.clear();
    templateCache.set(template, compiled);
  }
  return compiled(variables).trim();
}

/** One recipient of a notification: a user or every member of a group. */
export interface Recipient {
  user: string | null;
  group: string | null;
}

/** Parses `group:board, user:secretary` into recipients; throws on any other form. */
export function parseRecipients(text: string): Recipient[] {
  const recipients = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const match = /^(group|user):([\w.@-]{1,100})$/.exec(entry);
      if (!match) {
        throw new Error(
          `notification recipient '${entry}' must be group:<code> or user:<username>`,
        );
      }
      return match[1] === 'group'
        ? { user: null, group: match[2] }
        : { user: match[2], group: null };
    });
  if (recipients.length === 0)
    throw new Error(
      "header 'recipients' is empty: name at least one group:<code> or user:<username>",
    );
  return recipients;
}

/**
 * Writes one notification per recipient from the task's headers: `recipients`, `title`
 * (Vietnamese), `titleEn`, `kind` (reminder, escalation or info) and an optional `link`, each a
 * handlebars template over the job's variables.
 */
async function notify(job: JobContext): Promise<void> {
  const { headers, variables } = job;
  if (!headers.recipients) throw new Error("eiso.notify needs the header 'recipients'");
  if (!headers.title) throw new Error("eiso.notify needs the header 'title'");
  const kind = headers.kind ?? 'info';
  if (!kinds.has(kind)) {
    throw new Error(`header 'kind' must be reminder, escalation or info, got '${kind}'`);
  }
  const context = { ...variables, businessKey: job.businessKey };
  const recipients = parseRecipients(render(headers.recipients, context));
  const title = render(headers.title, context);
  const titleEn = headers.titleEn ? render(headers.titleEn, context) : null;
  const link = headers.link
    ? render(headers.link, context)
    : `#/instances/${job.processInstanceKey}`;

  await insertNotifications(
    job.trx,
    recipients.map((recipient) => ({
      unitId: job.unitId,
      recipientUser: recipient.user,
      recipientGroup: recipient.group,
      kind: kind as NotificationKind,
      title,
      titleEn,
      link,
      processInstanceKey: job.processInstanceKey,
    })),
    job.now,
  );
  job.logger.info(
    { processInstanceKey: job.processInstanceKey, kind, recipients: recipients.length },
    'notification written',
  );
}

/** Registers the worker of `eiso.notify`. */
export function registerNotifyWorker(registry: WorkerRegistry): void {
  registry.register(notifyJobType, notify);
}
