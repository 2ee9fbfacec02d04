import { h } from '../core/dom.js';
import { setFlash } from '../core/flash.js';
import type { PageContext } from '../core/page.js';
import { navigate } from '../core/router.js';
import type { TaskDetail, Variables } from '../core/types.js';
import { alertBox, errorMessage } from '../core/ui.js';
import { t } from '../i18n/index.js';
import {
  assignTask,
  delegateTask,
  loadPeople,
  type Person,
  resolveTask,
  updateTask,
} from './task-collaboration-api.js';
import { attachmentsPanel } from './task-attachments-panel.js';
import { commentsPanel, historyPanel } from './task-panels.js';

/** Returns a note on delegation or substitution, or null when neither applies. */
export function delegationBanner(detail: TaskDetail, username: string): HTMLElement | null {
  const { task } = detail;
  const substitution = task.substituteFor
    ? alertBox(
        'info',
        t('collab.substituteFor', { name: task.substituteForName ?? task.substituteFor }),
      )
    : null;
  if (task.delegationState === 'PENDING') {
    const key =
      task.assignee === username ? 'collab.delegation.toYou' : 'collab.delegation.pending';
    const delegation = alertBox(
      'info',
      t(key, {
        owner: task.ownerName ?? task.owner ?? '',
        delegate: task.assigneeName ?? task.assignee ?? '',
      }),
    );
    // A delegation that a substitute rule routed also names the absent user whom the delegate
    // replaces.
    return substitution ? h('div', null, delegation, substitution) : delegation;
  }
  if (task.delegationState === 'RESOLVED' && task.owner === username) {
    return alertBox('info', t('collab.delegation.resolved'));
  }
  return substitution;
}

/** Builds the tabs for the form, comments, attachments and history; the form tab opens first. */
export function taskTabs(
  context: PageContext,
  detail: TaskDetail,
  formPanel: HTMLElement,
  people: Person[],
): HTMLElement {
  const panels: [string, string, () => HTMLElement][] = [
    ['form', t('collab.tabs.form'), () => formPanel],
    ['comments', t('collab.tabs.comments'), () => commentsPanel(context, detail.task, people)],
    ['attachments', t('collab.tabs.attachments'), () => attachmentsPanel(context, detail)],
    ['history', t('collab.tabs.history'), () => historyPanel(context, detail.task)],
  ];
  const tablist = h('div', { class: 'collab-tabs', role: 'tablist' });
  const container = h('div', { class: 'collab-panels' });
  const rendered = new Map<string, HTMLElement>();
  const select = (id: string) => {
    for (const button of tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
      const selected = button.dataset.tab === id;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
    }
    for (const [panelId, panel] of rendered) panel.hidden = panelId !== id;
    if (!rendered.has(id)) {
      const [, , build] = panels.find(([panelId]) => panelId === id)!;
      const panel = h(
        'div',
        { role: 'tabpanel', id: `tab-panel-${id}`, 'aria-labelledby': `tab-${id}` },
        build(),
      );
      rendered.set(id, panel);
      container.append(panel);
    }
  };
  for (const [id, label] of panels) {
    tablist.append(
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${id}`,
          'data-tab': id,
          'aria-controls': `tab-panel-${id}`,
          onclick: () => select(id),
        },
        label,
      ),
    );
  }
  select('form');
  return h('div', { class: 'collab' }, tablist, container);
}

/** Loads the users of the unit, for the pickers and @mentions; an error leaves them empty. */
export async function peopleOf(detail: TaskDetail, signal: AbortSignal): Promise<Person[]> {
  try {
    return await loadPeople(detail.task, signal);
  } catch {
    return [];
  }
}

function picker(
  id: string,
  label: string,
  people: Person[],
): [HTMLLabelElement, HTMLSelectElement] {
  const select = h(
    'select',
    { id, name: id },
    h('option', { value: '' }, t('collab.choose')),
    people.map((person) => h('option', { value: person.username }, person.displayName)),
  );
  return [h('label', { for: id }, label), select];
}

async function run(
  status: HTMLElement,
  action: () => Promise<unknown>,
  after: () => void,
): Promise<void> {
  status.replaceChildren();
  try {
    await action();
    after();
  } catch (error) {
    status.replaceChildren(alertBox('error', errorMessage(error)));
  }
}

function assignTool(
  context: PageContext,
  detail: TaskDetail,
  people: Person[],
  status: HTMLElement,
) {
  const [label, select] = picker(
    'collab-assignee',
    t('collab.assign.label'),
    people.filter((person) => person.candidate),
  );
  const button = h('button', { type: 'button', class: 'button' }, t('collab.assign.submit'));
  button.addEventListener('click', () => {
    if (!select.value) return;
    void run(status, () => assignTask(detail.task, select.value), context.reload);
  });
  return h('div', { class: 'collab-tool' }, label, select, button);
}

function delegateTool(
  context: PageContext,
  detail: TaskDetail,
  people: Person[],
  status: HTMLElement,
) {
  const others = people.filter((person) => person.username !== context.session.user.username);
  const [label, select] = picker('collab-delegate', t('collab.delegate.label'), others);
  const button = h('button', { type: 'button', class: 'button' }, t('collab.delegate.submit'));
  button.addEventListener('click', () => {
    if (!select.value) return;
    void run(status, () => delegateTask(detail.task, select.value), context.reload);
  });
  return h('div', { class: 'collab-tool' }, label, select, button);
}

// `datetime-local` shows local time without a zone; the API takes an ISO date-time.
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function datesTool(context: PageContext, detail: TaskDetail, status: HTMLElement) {
  const { task } = detail;
  const due = h('input', {
    type: 'datetime-local',
    id: 'collab-due',
    value: toLocalInput(task.dueDate),
  });
  const followUp = h('input', {
    type: 'datetime-local',
    id: 'collab-follow-up',
    value: toLocalInput(task.followUpDate),
  });
  const priority = h('input', {
    type: 'number',
    id: 'collab-priority',
    min: 0,
    max: 100,
    step: 1,
    value: task.priority ?? 50,
  });
  const button = h('button', { type: 'button', class: 'button' }, t('collab.dates.submit'));
  button.addEventListener('click', () => {
    const changes = {
      dueDate: due.value ? new Date(due.value).toISOString() : '',
      followUpDate: followUp.value ? new Date(followUp.value).toISOString() : '',
      priority: Number(priority.value),
    };
    void run(status, () => updateTask(task, changes), context.reload);
  });
  return h(
    'fieldset',
    { class: 'collab-tool collab-dates' },
    h('legend', null, t('collab.dates.legend')),
    h('label', { for: 'collab-due' }, t('collab.fields.dueDate')),
    due,
    h('label', { for: 'collab-follow-up' }, t('collab.fields.followUpDate')),
    followUp,
    h('label', { for: 'collab-priority' }, t('collab.fields.priority')),
    priority,
    button,
  );
}

/** Builds the tools of the task for the signed-in user: assign, delegate, dates and priority. */
export function collaborationTools(
  context: PageContext,
  detail: TaskDetail,
  people: Person[],
): HTMLElement | null {
  const { task } = detail;
  if (task.state !== 'CREATED') return null;
  const username = context.session.user.username;
  const status = h('div');
  const tools: HTMLElement[] = [];
  if (detail.permissions?.manage) tools.push(assignTool(context, detail, people, status));
  if (task.assignee === username && task.delegationState !== 'PENDING') {
    tools.push(delegateTool(context, detail, people, status));
  }
  if (detail.permissions?.manage) tools.push(datesTool(context, detail, status));
  if (tools.length === 0) return null;
  return h(
    'section',
    { class: 'collab-tools', 'aria-label': t('collab.toolsLabel') },
    ...tools,
    status,
  );
}

/** Builds the button that returns a delegated task to its owner, with the form data as a proposal. */
export function resolveButton(
  detail: TaskDetail,
  proposal: () => Variables | null,
  status: HTMLElement,
): HTMLElement {
  const button = h(
    'button',
    { type: 'button', class: 'button button-primary', 'data-action': 'resolve' },
    t('collab.delegation.resolve'),
  );
  button.addEventListener('click', () => {
    button.disabled = true;
    void run(
      status,
      () => resolveTask(detail.task, proposal()),
      () => {
        setFlash(
          'success',
          t('collab.delegation.resolvedFlash', {
            owner: detail.task.ownerName ?? detail.task.owner ?? '',
          }),
        );
        navigate('#/inbox');
      },
    ).finally(() => (button.disabled = false));
  });
  return button;
}
