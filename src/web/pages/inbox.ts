import { getJson, isAbortError, requestJson } from '../core/api.js';
import { h, replaceChildren } from '../core/dom.js';
import type { PageContext } from '../core/page.js';
import { buildHash, navigate } from '../core/router.js';
import type { Task, TaskList, TaskPage } from '../core/types.js';
import {
  alertBox,
  errorMessage,
  errorPanel,
  headerRow,
  loading,
  pageHeading,
  pager,
  tableRegion,
} from '../core/ui.js';
import { t } from '../i18n/index.js';
import { assigneeText, dueDateCell, priorityCell } from './task-labels.js';

const pageSize = 20;
const tabs: Exclude<TaskList, 'all'>[] = ['mine', 'group'];

interface InboxState {
  list: Exclude<TaskList, 'all'>;
  page: number;
}

function readState(context: PageContext): InboxState {
  const list = context.route.query.get('list') === 'group' ? 'group' : 'mine';
  const page = Math.max(1, Number(context.route.query.get('page')) || 1);
  return { list, page };
}

function inboxHash(state: InboxState): string {
  return buildHash('/inbox', { list: state.list, page: state.page > 1 ? state.page : undefined });
}

function tabBar(state: InboxState, counts: TaskPage['counts']): HTMLElement {
  const links = tabs.map((list) =>
    h(
      'a',
      {
        href: inboxHash({ list, page: 1 }),
        class: 'tab',
        'aria-current': list === state.list ? 'page' : null,
      },
      t(`inbox.tabs.${list}`),
      ' ',
      h(
        'span',
        { class: 'count', 'aria-label': t('inbox.countLabel', { count: counts[list] }) },
        String(counts[list]),
      ),
    ),
  );
  return h('nav', { class: 'tabs', 'aria-label': t('inbox.tabsLabel') }, links);
}

async function changeClaim(
  context: PageContext,
  task: Task,
  action: 'claim' | 'unclaim',
  status: HTMLElement,
): Promise<void> {
  try {
    await requestJson<Task>('POST', `/api/tasks/${encodeURIComponent(task.key)}/${action}`);
    context.reload();
  } catch (error) {
    status.replaceChildren(alertBox('error', errorMessage(error)));
  }
}

function actionCell(context: PageContext, task: Task, status: HTMLElement): HTMLElement {
  const user = context.session.user.username;
  if (task.assignee === user) {
    return h(
      'button',
      {
        type: 'button',
        class: 'button',
        onclick: () => void changeClaim(context, task, 'unclaim', status),
      },
      t('task.unclaim'),
    );
  }
  if (!task.assignee) {
    return h(
      'button',
      {
        type: 'button',
        class: 'button button-primary',
        onclick: () => void changeClaim(context, task, 'claim', status),
      },
      t('task.claim'),
    );
  }
  return h('span', { class: 'muted' }, assigneeText(task));
}

function taskRow(context: PageContext, task: Task, status: HTMLElement): HTMLTableRowElement {
  const href = `#/tasks/${encodeURIComponent(task.key)}`;
  const row = h(
    'tr',
    { class: 'clickable', 'data-task-key': task.key },
    h('td', null, h('a', { href }, task.name)),
    h('td', null, task.processName),
    h('td', null, task.businessKey ?? ''),
    h('td', null, dueDateCell(task)),
    h('td', null, priorityCell(task)),
    h('td', { class: 'actions' }, actionCell(context, task, status)),
  );
  row.addEventListener('click', (event) => {
    if (!(event.target instanceof Element) || !event.target.closest('a, button')) {
      navigate(href);
    }
  });
  return row;
}

function emptyState(list: InboxState['list']): HTMLElement {
  const action =
    list === 'mine'
      ? h(
          'p',
          null,
          h('a', { href: inboxHash({ list: 'group', page: 1 }) }, t('inbox.empty.mineGroupLink')),
          ' · ',
          h('a', { href: '#/start' }, t('inbox.empty.startLink')),
        )
      : h('p', null, h('a', { href: '#/start' }, t('inbox.empty.startLink')));
  return h(
    'div',
    { class: 'empty-state' },
    h('p', { class: 'empty-title' }, t(`inbox.empty.${list}`)),
    h('p', null, t(`inbox.empty.${list}Hint`)),
    action,
  );
}

function taskTable(context: PageContext, tasks: Task[], status: HTMLElement): HTMLElement {
  const labels = ['name', 'procedure', 'businessKey', 'dueDate', 'priority', 'actions'].map((key) =>
    t(`inbox.columns.${key}`),
  );
  const table = h(
    'table',
    { class: 'table' },
    headerRow(labels),
    h(
      'tbody',
      null,
      tasks.map((task) => taskRow(context, task, status)),
    ),
  );
  return tableRegion(t('inbox.tableLabel'), table);
}

/** Renders the inbox: my tasks and my groups' tasks, with claim and unclaim. */
export async function renderInboxPage(context: PageContext): Promise<void> {
  const state = readState(context);
  context.setTitle(t('inbox.title'));
  context.root.replaceChildren(pageHeading(t('inbox.title')), loading());
  try {
    const url = `/api/tasks?list=${state.list}&page=${state.page}&pageSize=${pageSize}`;
    const result = await getJson<TaskPage>(url, context.signal);
    const status = h('div', { class: 'inbox-status' });
    const go = (page: number): void => navigate(inboxHash({ ...state, page }));
    replaceChildren(
      context.root,
      pageHeading(t('inbox.title')),
      tabBar(state, result.counts),
      status,
      result.items.length === 0 ? emptyState(state.list) : taskTable(context, result.items, status),
      pager(state.page, pageSize, result.total, go),
    );
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(
        pageHeading(t('inbox.title')),
        errorPanel(error, context.reload),
      );
    }
  }
}
