import type { Knex } from 'knex';
import { EisoError } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import { defaultLocale, type Locale } from '../locale.js';
import { insertNotifications } from '../notifications/notification-store.js';
import { appendTaskEvent } from './task-delegation.js';
import type { UserTask } from './task-model.js';
import { loadUnitMembers, mayOpenTask } from './task-readers.js';
import type { TaskService } from './task-service.js';

/**
 * Maximum length of a comment, in Unicode code points: an emoji such as 👍 counts as one, as
 * users count it, and as the JSON schema's `maxLength` counts it.
 */
export const maxCommentLength = 4000;

/** Returns the length of `text` in Unicode code points, not UTF-16 code units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** A comment on a user task, with the display name of its author. */
export interface TaskComment {
  id: string;
  userTaskKey: string;
  taskName: string | null;
  author: string;
  authorName: string | null;
  body: string;
  mentions: string[];
  createdAt: string;
}

/** A mentioned name that was not notified, with the reason as a code and as a message. */
export interface UnnotifiedMention {
  username: string;
  reason: 'unknownUser' | 'cannotOpenTask';
  message: string;
}

/** A new comment, with the mentioned names that were not notified. */
export interface PostedComment extends TaskComment {
  notNotified: UnnotifiedMention[];
}

// A mention is `@` followed by a username, at the start or after a character that cannot end
// an e-mail address or another word.
const mentionPattern = /(?:^|[^\w.@])@([a-z0-9][a-z0-9._-]*[a-z0-9]|[a-z0-9])/gi;

/** Returns the distinct usernames that `body` mentions, in order of first mention. */
export function parseMentions(body: string): string[] {
  const names = [...body.matchAll(mentionPattern)].map((match) => match[1].toLowerCase());
  return [...new Set(names)];
}

/** Comments on user tasks, with @mentions that notify the mentioned users. */
export class TaskComments {
  constructor(
    private readonly db: Knex,
    private readonly tasks: TaskService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Adds a comment to an open task the caller may see; each mentioned user of the unit is
   * notified. A completed or canceled task takes no comments, as it takes no attachments.
   */
  async add(
    principal: Principal,
    key: string,
    text: string,
    locale: Locale = defaultLocale,
  ): Promise<PostedComment> {
    const task = await this.tasks.get(principal, key);
    if (task.state !== 'CREATED') throw closedTask(task, locale);
    const body = text.trim();
    const length = characterCount(body);
    if (length === 0 || length > maxCommentLength) throw invalidLength(length, locale);
    const self = principal.username.toLowerCase();
    const named = parseMentions(body).filter((name) => name !== self);
    const { mentions, notNotified } = await this.sortMentions(task, named, locale);

    const id = await this.db.transaction(async (trx) => {
      const [row] = await trx('task_comments')
        .insert({
          unit_id: task.unitId,
          user_task_key: task.key,
          process_instance_key: task.processInstanceKey,
          author: principal.username,
          body,
          mentions,
          created_at: this.now().toISOString(),
        })
        .returning('id');
      const commentId = String(row.id);
      await appendTaskEvent(trx, task, principal.username, 'USER_TASK_COMMENTED', this.now(), {
        commentId,
        body,
        mentions,
      });
      const label = task.name ?? task.elementId;
      await insertNotifications(
        trx,
        mentions.map((username) => ({
          unitId: task.unitId,
          kind: 'mention' as const,
          recipientUser: username,
          title: `${principal.displayName} nhắc đến bạn trong công việc: ${label}`,
          titleEn: `${principal.displayName} mentioned you on the task: ${label}`,
          link: `#/tasks/${task.key}`,
          processInstanceKey: task.processInstanceKey,
        })),
        this.now(),
      );
      return commentId;
    });
    const [comment] = await this.query().where('task_comments.id', id);
    return { ...presentComment(comment), notNotified };
  }

  /**
   * Sorts the lowercase `usernames` into the users of the task's unit who may open the task, in
   * the order of `usernames`, and the names that are not notified with the reason. A mention of
   * anyone else would notify them of a task they cannot open.
   */
  private async sortMentions(
    task: UserTask,
    usernames: string[],
    locale: Locale,
  ): Promise<{ mentions: string[]; notNotified: UnnotifiedMention[] }> {
    if (usernames.length === 0) return { mentions: [], notNotified: [] };
    const members = await loadUnitMembers(this.db, task.unitId);
    const enabled = members.filter((member) => !member.disabled);
    const byName = new Map(enabled.map((member) => [member.username.toLowerCase(), member]));
    const mentions: string[] = [];
    const notNotified: UnnotifiedMention[] = [];
    for (const name of usernames) {
      const member = byName.get(name);
      if (!member) notNotified.push(unnotified(name, 'unknownUser', locale));
      else if (!mayOpenTask(member, task, members)) {
        notNotified.push(unnotified(member.username, 'cannotOpenTask', locale));
      } else mentions.push(member.username);
    }
    return { mentions, notNotified };
  }

  /** Lists the comments of a task the caller may see, oldest first. */
  async listForTask(principal: Principal, key: string): Promise<TaskComment[]> {
    const task = await this.tasks.get(principal, key);
    const rows = await this.query().where('task_comments.user_task_key', task.key);
    return rows.map(presentComment);
  }

  /** Lists the comments on every task of an instance of the caller's unit, oldest first. */
  async listForInstance(principal: Principal, instanceKey: string): Promise<TaskComment[]> {
    const rows = await this.query().where({
      'task_comments.process_instance_key': instanceKey,
      'task_comments.unit_id': principal.unitId,
    });
    return rows.map(presentComment);
  }

  private query(): Knex.QueryBuilder {
    return this.db('task_comments')
      .leftJoin('users', 'users.username', 'task_comments.author')
      .join('user_tasks', 'user_tasks.key', 'task_comments.user_task_key')
      .orderBy('task_comments.created_at')
      .orderBy('task_comments.id')
      .select(
        'task_comments.*',
        'users.display_name as author_name',
        'user_tasks.name as task_name',
      );
  }
}

function unnotified(
  username: string,
  reason: UnnotifiedMention['reason'],
  locale: Locale,
): UnnotifiedMention {
  const messages = {
    unknownUser: {
      vi: `Không có người dùng '${username}' trong đơn vị nên không ai được báo.`,
      en: `No user '${username}' exists in the unit, so nobody was notified.`,
    },
    cannotOpenTask: {
      vi: `${username} không được mở công việc này nên không được báo.`,
      en: `${username} may not open this task, so they were not notified.`,
    },
  };
  return { username, reason, message: messages[reason][locale] };
}

function closedTask(task: UserTask, locale: Locale): EisoError {
  const name = task.name ?? task.elementId;
  const message =
    locale === 'vi'
      ? `Công việc '${name}' đã kết thúc nên không nhận thêm ý kiến. Hãy gửi ý kiến ở công việc ` +
        'đang mở của hồ sơ này.'
      : `Task '${name}' is completed or canceled, so it takes no more comments. Comment on an ` +
        'open task of the same case instead.';
  return new EisoError('EISO_ERR_TASK_NOT_ACTIVE', message);
}

function invalidLength(length: number, locale: Locale): EisoError {
  const message =
    locale === 'vi'
      ? `Ý kiến có ${length} ký tự; hãy viết từ 1 đến ${maxCommentLength} ký tự.`
      : `The comment has ${length} characters; write 1 to ${maxCommentLength}.`;
  return new EisoError('EISO_ERR_VALIDATION', message, [{ path: '/body', message }]);
}

function presentComment(row: Record<string, unknown>): TaskComment {
  return {
    id: String(row.id),
    userTaskKey: String(row.user_task_key),
    taskName: (row.task_name as string | null) ?? null,
    author: row.author as string,
    authorName: (row.author_name as string | null) ?? null,
    body: row.body as string,
    mentions: (row.mentions as string[] | null) ?? [],
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}
