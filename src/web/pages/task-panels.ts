import { isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import { formatDateTime } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import type { Task } from '../core/types.js';
import { alertBox, errorMessage, errorPanel, loading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import {
  addComment,
  loadComments,
  loadHistory,
  type Person,
  type TaskComment,
  type TaskHistoryEntry,
} from './task-collaboration-api.js';

/** Runs `load` and shows its result in `panel`, or an error with a retry button. */
async function fill<T>(
  panel: HTMLElement,
  context: PageContext,
  load: () => Promise<T>,
  render: (value: T) => Node[],
): Promise<void> {
  panel.replaceChildren(loading());
  try {
    const value = await load();
    panel.replaceChildren(...render(value));
  } catch (error) {
    if (!isAbortError(error)) {
      panel.replaceChildren(errorPanel(error, () => void fill(panel, context, load, render)));
    }
  }
}

function commentItem(comment: TaskComment): HTMLElement {
  return h(
    'li',
    { class: 'collab-comment' },
    h(
      'p',
      { class: 'collab-meta' },
      h('strong', null, comment.authorName ?? comment.author),
      ' · ',
      h('time', { datetime: comment.createdAt }, formatDateTime(comment.createdAt)),
    ),
    h('p', { class: 'collab-comment-body' }, comment.body),
  );
}

/** Renders a list of comments, oldest first; the instance page shows it too. */
export function commentList(comments: TaskComment[], showTask = false): HTMLElement {
  if (comments.length === 0) return h('p', { class: 'muted' }, t('collab.comments.none'));
  return h(
    'ol',
    { class: 'collab-comments' },
    comments.map((comment) => {
      const item = commentItem(comment);
      if (showTask && comment.taskName) {
        item.prepend(h('p', { class: 'collab-task-name' }, comment.taskName));
      }
      return item;
    }),
  );
}

// Offers the users whose username or name starts with what follows the `@` before the caret.
function mentionSuggestions(
  textarea: HTMLTextAreaElement,
  people: Person[],
  list: HTMLElement,
): void {
  const before = textarea.value.slice(0, textarea.selectionStart);
  const match = /(?:^|\s)@([\w.-]*)$/.exec(before);
  if (!match) {
    list.replaceChildren();
    list.hidden = true;
    return;
  }
  const prefix = match[1].toLowerCase();
  const found = people
    .filter(
      (person) =>
        person.mayOpen &&
        (person.username.toLowerCase().startsWith(prefix) ||
          person.displayName.toLowerCase().includes(prefix)),
    )
    .slice(0, 6);
  list.hidden = found.length === 0;
  list.replaceChildren(
    ...found.map((person) =>
      h(
        'li',
        null,
        h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            onclick: () => {
              const start = before.length - prefix.length;
              textarea.value = `${textarea.value.slice(0, start)}${person.username} ${textarea.value.slice(textarea.selectionStart)}`;
              list.hidden = true;
              textarea.focus();
            },
          },
          `@${person.username} · ${person.displayName}`,
        ),
      ),
    ),
  );
}

/** Builds the comments tab: the list and a form whose `@` offers the users who may open the task. */
export function commentsPanel(context: PageContext, task: Task, people: Person[]): HTMLElement {
  const list = h('div', { class: 'collab-list' });
  const textarea = h('textarea', {
    id: 'collab-comment',
    name: 'comment',
    rows: 3,
    // No maxlength: the browser counts it in UTF-16 code units, the server in code points.
    'aria-describedby': 'collab-comment-hint',
  });
  const suggestions = h('ul', { class: 'collab-mentions', role: 'listbox', hidden: true });
  textarea.addEventListener('input', () => mentionSuggestions(textarea, people, suggestions));
  const status = h('div');
  const submit = h(
    'button',
    { type: 'submit', class: 'button button-primary' },
    t('collab.comments.add'),
  );
  const form = h(
    'form',
    { class: 'collab-comment-form' },
    h('label', { for: 'collab-comment' }, t('collab.comments.label')),
    textarea,
    suggestions,
    h('p', { id: 'collab-comment-hint', class: 'muted' }, t('collab.comments.hint')),
    status,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      submit.disabled = true;
      status.replaceChildren();
      try {
        const posted = await addComment(task, textarea.value);
        textarea.value = '';
        if (posted.notNotified.length > 0) {
          status.replaceChildren(
            alertBox(
              'warning',
              h('p', null, t('collab.comments.notNotified')),
              h(
                'ul',
                null,
                posted.notNotified.map((mention) => h('li', null, mention.message)),
              ),
            ),
          );
        }
        await fill(
          list,
          context,
          () => loadComments(task, context.signal),
          (items) => [commentList(items)],
        );
      } catch (error) {
        status.replaceChildren(alertBox('error', errorMessage(error)));
      } finally {
        submit.disabled = false;
      }
    })();
  });
  void fill(
    list,
    context,
    () => loadComments(task, context.signal),
    (items) => [commentList(items)],
  );
  // A completed or canceled task keeps its comments but takes no new ones.
  if (task.state !== 'CREATED') return h('div', null, list);
  return h('div', null, list, form);
}

function historyDetail(entry: TaskHistoryEntry): string {
  const data = entry.data;
  const person = (field: string) => entry.names?.[field] ?? String(data[field] ?? '');
  // An assignment, a delegation or a new task that a substitute rule routed names the absent user.
  const withSubstitute = (detail: string) => {
    if (typeof data.substituteFor !== 'string') return detail;
    const note = t('inbox.substituteFor', { absent: person('substituteFor') });
    return detail ? `${detail}, ${note}` : note;
  };
  switch (entry.type) {
    case 'USER_TASK_CREATED':
      return data.substituteFor ? withSubstitute(person('assignee')) : '';
    case 'USER_TASK_ASSIGNED':
      return withSubstitute(t('collab.history.toAssignee', { assignee: person('assignee') }));
    case 'USER_TASK_DELEGATED':
      return withSubstitute(t('collab.history.toDelegate', { delegate: person('delegate') }));
    case 'USER_TASK_RESOLVED':
      return t('collab.history.toOwner', { owner: person('owner') });
    case 'USER_TASK_UPDATED':
      return Object.keys((data.changes as Record<string, unknown>) ?? {})
        .map((field) => t(`collab.fields.${field}`))
        .join(', ');
    case 'USER_TASK_ATTACHMENT_ADDED':
    case 'USER_TASK_ATTACHMENT_DELETED':
      return String(data.fileName ?? '');
    case 'USER_TASK_COMMENTED':
      return String(data.body ?? '').slice(0, 120);
    default:
      return '';
  }
}

function historyLabel(type: string): string {
  const key = `collab.history.types.${type}`;
  const text = t(key);
  return text === key ? type : text;
}

/** Builds the history tab: each event of the task with who and when. */
export function historyPanel(context: PageContext, task: Task): HTMLElement {
  const list = h('div', { class: 'collab-list' });
  void fill(
    list,
    context,
    () => loadHistory(task, context.signal),
    (entries) => [
      h(
        'ol',
        { class: 'collab-history' },
        entries.map((entry) =>
          h(
            'li',
            { 'data-type': entry.type },
            h('strong', null, historyLabel(entry.type)),
            ' · ',
            entry.actorName ?? entry.actor ?? t('collab.history.system'),
            ' · ',
            h('time', { datetime: entry.createdAt }, formatDateTime(entry.createdAt)),
            historyDetail(entry)
              ? h('span', { class: 'collab-meta' }, ` — ${historyDetail(entry)}`)
              : null,
          ),
        ),
      ),
    ],
  );
  return list;
}
