import { getJson, isAbortError, requestJson } from '../core/api.js';
import { loadDirectory, type Directory } from '../core/directory.js';
import { h, replaceChildren } from '../core/dom.js';
import type { PageContext } from '../core/page.js';
import { isReadOnly } from '../core/read-only.js';
import type { Task, TaskList, TaskPage } from '../core/types.js';
import { alertBox, errorMessage, errorPanel, loading, pageHeading, pager } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { loadFilters, savedFilters } from './inbox-saved-filters.js';
import {
  activeFilterCount,
  inboxHash,
  inboxLists,
  readState,
  tasksUrl,
  type InboxState,
} from './inbox-state.js';
import { storedColumns, taskTable, variableColumns } from './inbox-table.js';
import { columnChooser, filterPanel, searchAndSort } from './inbox-toolbar.js';
import { navigate } from '../core/router.js';
import { assigneeText } from './task-labels.js';

const pageSize = 20;

// Without the directory the filter pickers offer only the current values, and the inbox still works.
const emptyDirectory: Directory = { users: [], groups: [], procedures: [] };

function tabLabel(list: TaskList): string {
  return list === 'mine' || list === 'group'
    ? t(`inbox.tabs.${list}`)
    : t(`inboxFilters.tabs.${list}`);
}

function tabBar(state: InboxState, counts: TaskPage['counts']): HTMLElement {
  const links = inboxLists.map((list) =>
    h(
      'a',
      {
        href: inboxHash({ ...state, list, page: 1 }),
        class: list === 'overdue' && counts.overdue > 0 ? 'tab tab-alert' : 'tab',
        'aria-current': list === state.list ? 'page' : null,
      },
      tabLabel(list),
      ' ',
      h(
        'span',
        { class: 'count', 'aria-label': t('inbox.countLabel', { count: counts[list] }) },
        String(counts[list]),
      ),
    ),
  );
  return h('nav', { class: 'tabs inbox-tabs', 'aria-label': t('inbox.tabsLabel') }, links);
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

// The server decides which of claim and unclaim the user may take, with the rules of those actions.
function actionCell(context: PageContext, task: Task, status: HTMLElement): HTMLElement {
  if (isReadOnly(context.session)) return h('span', { class: 'muted' }, assigneeText(task));
  if (task.canUnclaim) {
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
  if (task.canClaim) {
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

function emptyState(state: InboxState): HTMLElement {
  const filtered = activeFilterCount(state) > 0 || state.search !== '';
  const key = filtered ? 'filtered' : state.list;
  const title =
    key === 'mine' || key === 'group' ? t(`inbox.empty.${key}`) : t(`inboxFilters.empty.${key}`);
  const hint =
    key === 'mine' || key === 'group'
      ? t(`inbox.empty.${key}Hint`)
      : t(`inboxFilters.empty.${key}Hint`);
  const cleared = {
    ...state,
    criteria: {},
    priority: '' as const,
    variables: [],
    search: '',
    filterId: '',
    page: 1,
  };
  const action = filtered
    ? h('p', null, h('a', { href: inboxHash(cleared) }, t('inboxFilters.clear')))
    : state.list === 'mine'
      ? h(
          'p',
          null,
          h(
            'a',
            { href: inboxHash({ ...cleared, list: 'group' }) },
            t('inbox.empty.mineGroupLink'),
          ),
          ' · ',
          h('a', { href: '#/start' }, t('inbox.empty.startLink')),
        )
      : h('p', null, h('a', { href: '#/start' }, t('inbox.empty.startLink')));
  return h(
    'div',
    { class: 'empty-state' },
    h('p', { class: 'empty-title' }, title),
    h('p', null, hint),
    action,
  );
}

/**
 * Renders the inbox: five lists with counts, search, sort, a filter panel,
 * saved filters and a column chooser, all kept in the URL.
 */
export async function renderInboxPage(context: PageContext): Promise<void> {
  const state = readState(context);
  const columns = storedColumns();
  context.setTitle(t('inbox.title'));
  context.root.replaceChildren(pageHeading(t('inbox.title')), loading());
  try {
    const url = tasksUrl(state, pageSize, variableColumns(columns));
    const [result, filters, directory] = await Promise.all([
      getJson<TaskPage>(url, context.signal),
      loadFilters(context.signal),
      loadDirectory(context.session.user.username).catch(() => emptyDirectory),
    ]);
    const status = h('div', { class: 'inbox-status', 'aria-live': 'polite' });
    const go = (page: number): void => navigate(inboxHash({ ...state, page }));
    replaceChildren(
      context.root,
      pageHeading(t('inbox.title')),
      tabBar(state, result.counts),
      h(
        'div',
        { class: 'inbox-controls' },
        searchAndSort(state),
        h(
          'div',
          { class: 'inbox-control-row' },
          filterPanel(directory, state),
          columnChooser(columns, context.reload),
          savedFilters(context, state, filters, columns),
        ),
      ),
      status,
      result.items.length === 0
        ? emptyState(state)
        : taskTable(result.items, columns, (task) => actionCell(context, task, status)),
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
