import { ApiError, getJson, request } from '../core/api.js';
import { h } from '../core/dom.js';
import { setFlash } from '../core/flash.js';
import type { PageContext } from '../core/page.js';
import type { Session, Task } from '../core/types.js';
import { alertBox, errorMessage } from '../core/ui.js';
import { t } from '../i18n/index.js';
import type { ModelDraft } from './versions-api.js';

/** The user task of the change procedure in which the board decides on a draft. */
const approvalElementId = 'Task_Approve';

type Decision = 'approve' | 'return';

/** Returns the open approval task of a submitted draft, or null when there is none. */
async function openApprovalTask(draft: ModelDraft, signal: AbortSignal): Promise<Task | null> {
  if (draft.status !== 'submitted' || draft.processInstanceKey === null) {
    return null;
  }
  const instance = await getJson<{ tasks: Task[] }>(
    `/api/process-instances/${encodeURIComponent(draft.processInstanceKey)}`,
    signal,
  );
  return (
    instance.tasks.find(
      (task) => task.elementId === approvalElementId && task.state === 'CREATED',
    ) ?? null
  );
}

// Shows the error with the message of each field, as the inbox form does beside its fields.
function decisionError(error: unknown): HTMLElement {
  const details = error instanceof ApiError ? error.details : [];
  return alertBox(
    'error',
    h('p', null, errorMessage(error)),
    details.length > 0
      ? h(
          'ul',
          null,
          details.map((detail) => h('li', null, detail.message)),
        )
      : null,
  );
}

// The server decides with the task's own rules; this only hides buttons that it would refuse.
function mayDecide(session: Session, task: Task): boolean {
  const { username, groups } = session.user;
  if (task.assignee) {
    return task.assignee === username;
  }
  const codes = groups.map((group) => group.code);
  return (
    task.candidateUsers.includes(username) ||
    task.candidateGroups.some((group) => codes.includes(group))
  );
}

/**
 * Renders the board's decision on a submitted draft: a comment and the buttons to approve or
 * return it. Both complete the open approval task through the inbox's endpoint, so the task's form
 * and the procedure's rules, such as a comment on a return, apply as in the inbox. Returns null
 * when the user has no open approval task of the draft.
 */
export async function draftDecisionPanel(
  context: PageContext,
  draft: ModelDraft,
): Promise<HTMLElement | null> {
  const task = await openApprovalTask(draft, context.signal);
  if (!task || !mayDecide(context.session, task)) {
    return null;
  }

  const status = h('div', { class: 'mv-decision-status' });
  const comment = h('textarea', {
    id: 'mv-decision-comment',
    rows: 3,
    maxlength: 4000,
    'aria-describedby': 'mv-decision-help',
  });
  const buttons: HTMLButtonElement[] = [];

  const decide = async (decision: Decision) => {
    status.replaceChildren();
    buttons.forEach((button) => (button.disabled = true));
    try {
      const variables: Record<string, unknown> = { decision };
      const text = comment.value.trim();
      if (text !== '') variables.comment = text;
      await request('POST', `/api/tasks/${encodeURIComponent(task.key)}/complete`, {
        variables,
      });
      setFlash('success', t(`modelVersions.draft.decision.done.${decision}`));
      context.reload();
    } catch (error) {
      status.replaceChildren(decisionError(error));
      buttons.forEach((button) => (button.disabled = false));
    }
  };
  const button = (decision: Decision, className: string) => {
    const element = h(
      'button',
      { type: 'button', class: className, onclick: () => void decide(decision) },
      t(`modelVersions.draft.decision.${decision}`),
    );
    buttons.push(element);
    return element;
  };

  return h(
    'section',
    { class: 'mv-section mv-decision', 'aria-labelledby': 'mv-decision-title' },
    h('h2', { id: 'mv-decision-title' }, t('modelVersions.draft.decision.title')),
    h('p', { id: 'mv-decision-help' }, t('modelVersions.draft.decision.help')),
    h('label', { for: 'mv-decision-comment' }, t('modelVersions.draft.decision.comment')),
    comment,
    h(
      'div',
      { class: 'mv-toolbar' },
      button('approve', 'button button-primary'),
      button('return', 'button'),
    ),
    status,
  );
}
