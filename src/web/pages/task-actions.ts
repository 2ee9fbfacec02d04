import { ApiError, request, requestJson } from '../core/api.js';
import { h } from '../core/dom.js';
import type { Task, Variables } from '../core/types.js';
import { alertBox, errorMessage } from '../core/ui.js';
import { t } from '../i18n/index.js';
import type { FormIssue } from '../forms/task-form.js';

function taskUrl(task: Task, action: string): string {
  return `/api/tasks/${encodeURIComponent(task.key)}/${action}`;
}

/** Claims a task for the signed-in user. */
export function claimTask(task: Task): Promise<Task> {
  return requestJson<Task>('POST', taskUrl(task, 'claim'));
}

/** Gives a claimed task back to its candidate groups. */
export function unclaimTask(task: Task): Promise<Task> {
  return requestJson<Task>('POST', taskUrl(task, 'unclaim'));
}

/** Completes a task with the variables that the form submitted. */
export async function completeTask(task: Task, variables: Variables): Promise<void> {
  await request('POST', taskUrl(task, 'complete'), { variables });
}

/** Renders an error summary that lists each invalid field. Each label focuses its field. */
export function issueSummary(title: string, issues: FormIssue[]): HTMLElement {
  const items = issues.map((issue) =>
    h(
      'li',
      null,
      issue.focus
        ? h('button', { type: 'button', class: 'link-button', onclick: issue.focus }, issue.label)
        : h('strong', null, issue.label),
      ': ',
      issue.message,
    ),
  );
  return h(
    'div',
    { class: 'alert alert-error error-summary', role: 'alert', tabindex: -1 },
    h('h2', null, title),
    h('ul', null, items),
  );
}

/** Renders the alert for a 409, when another user completed or changed the task meanwhile. */
export function conflictBox(reload: () => void): HTMLElement {
  return alertBox(
    'warning',
    h('h2', null, t('task.conflict.title')),
    h('p', null, t('task.conflict.message')),
    h(
      'p',
      null,
      h('button', { type: 'button', class: 'button', onclick: reload }, t('task.conflict.reload')),
      ' ',
      h('a', { href: '#/inbox' }, t('task.backToInbox')),
    ),
  );
}

/** Returns the alert for a failed claim, unclaim or completion that is not a validation error. */
export function actionErrorBox(error: unknown, reload: () => void): HTMLElement {
  if (error instanceof ApiError && error.status === 409) {
    return conflictBox(reload);
  }
  return alertBox('error', errorMessage(error));
}
