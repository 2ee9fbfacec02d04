import { h } from '../core/dom.js';
import type { Child } from '../core/dom.js';
import { formatDateTime } from '../core/format.js';
import { navigate } from '../core/router.js';
import type { TaskPage } from '../core/types.js';
import { tableRegion } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { assigneeText, candidateGroupsText, dueDateCell, priorityCell } from './task-labels.js';

type Item = TaskPage['items'][number];

/** Columns the inbox can show; `variable:<name>` shows a process variable. */
export const fixedColumns = [
  'name',
  'procedure',
  'businessKey',
  'assignee',
  'candidateGroups',
  'created',
  'due',
  'followUp',
  'priority',
] as const;

export const defaultColumns = ['name', 'procedure', 'businessKey', 'due', 'priority'];

const storageKey = 'eiso.inbox.columns';

/** Returns the columns the user chose last, or the default ones. */
export function storedColumns(): string[] {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as unknown;
    if (Array.isArray(stored) && stored.every((column) => typeof column === 'string')) {
      return stored.length > 0 ? stored : defaultColumns;
    }
  } catch {
    // A damaged entry falls back to the default columns.
  }
  return defaultColumns;
}

export function storeColumns(columns: string[]): void {
  localStorage.setItem(storageKey, JSON.stringify(columns));
}

/** Returns the names of the process variables among the columns. */
export function variableColumns(columns: string[]): string[] {
  return columns
    .filter((column) => column.startsWith('variable:'))
    .map((column) => column.slice('variable:'.length));
}

/** Returns the translated header of a column. */
export function columnLabel(column: string): string {
  if (column.startsWith('variable:')) {
    return t('inboxFilters.columns.variable', { name: column.slice('variable:'.length) });
  }
  const inboxKeys: Record<string, string> = {
    name: 'inbox.columns.name',
    procedure: 'inbox.columns.procedure',
    businessKey: 'inbox.columns.businessKey',
    priority: 'inbox.columns.priority',
  };
  return t(inboxKeys[column] ?? `inboxFilters.columns.${column}`);
}

function variableText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function cellContent(column: string, task: Item, href: string): Child {
  switch (column) {
    case 'name':
      return h('a', { href, tabindex: -1 }, task.name);
    case 'procedure':
      return task.processName;
    case 'businessKey':
      return task.businessKey ?? '';
    case 'assignee':
      return assigneeText(task);
    case 'candidateGroups':
      return candidateGroupsText(task);
    case 'created':
      return h('time', { datetime: task.createdAt }, formatDateTime(task.createdAt));
    case 'due':
      return dueDateCell(task);
    case 'followUp':
      return task.followUpDate
        ? h('time', { datetime: task.followUpDate }, formatDateTime(task.followUpDate))
        : '';
    case 'priority':
      return priorityCell(task);
    default:
      return variableText(task.variables?.[column.slice('variable:'.length)]);
  }
}

function dueClass(task: Item): string | null {
  if (!task.dueDate || task.completedAt) return null;
  const remaining = new Date(task.dueDate).getTime() - Date.now();
  if (remaining < 0) return 'row-overdue';
  return remaining < 2 * 24 * 60 * 60 * 1000 ? 'row-due-soon' : null;
}

function taskRow(
  task: Item,
  columns: string[],
  index: number,
  actions: (task: Item) => Child,
): HTMLTableRowElement {
  const href = `#/tasks/${encodeURIComponent(task.key)}`;
  const row = h(
    'tr',
    {
      class: ['clickable', 'inbox-row', dueClass(task)].filter(Boolean).join(' '),
      'data-task-key': task.key,
      'data-href': href,
      // Roving focus: one row is in the tab order, the arrow keys move between rows.
      tabindex: index === 0 ? 0 : -1,
      'aria-label': task.name,
    },
    columns.map((column) =>
      h(
        'td',
        { 'data-label': columnLabel(column), class: `column-${column.replace(':', '-')}` },
        cellContent(column, task, href),
      ),
    ),
    h('td', { class: 'actions', 'data-label': t('inbox.columns.actions') }, actions(task)),
  );
  row.addEventListener('click', (event) => {
    if (!(event.target instanceof Element) || !event.target.closest('a, button')) navigate(href);
  });
  return row;
}

function moveFocus(rows: HTMLTableRowElement[], from: number, to: number): void {
  const target = rows[Math.max(0, Math.min(rows.length - 1, to))];
  if (!target) return;
  rows[from]?.setAttribute('tabindex', '-1');
  target.setAttribute('tabindex', '0');
  target.focus();
}

/** Moves between rows with the arrow, Home and End keys and opens a task with Enter. */
function handleKeys(tbody: HTMLTableSectionElement, event: KeyboardEvent): void {
  const row = (event.target as Element).closest('tr');
  if (!row || event.target !== row) return;
  const rows = [...tbody.querySelectorAll<HTMLTableRowElement>('tr.inbox-row')];
  const index = rows.indexOf(row as HTMLTableRowElement);
  const targets: Record<string, number> = {
    ArrowDown: index + 1,
    ArrowUp: index - 1,
    Home: 0,
    End: rows.length - 1,
  };
  if (event.key in targets) {
    event.preventDefault();
    moveFocus(rows, index, targets[event.key]);
  } else if (event.key === 'Enter') {
    event.preventDefault();
    navigate(row.getAttribute('data-href') ?? '#/inbox');
  }
}

/** Renders the task table with the chosen columns; rows are focusable and keyboard-navigable. */
export function taskTable(
  tasks: Item[],
  columns: string[],
  actions: (task: Item) => Child,
): HTMLElement {
  const tbody = h(
    'tbody',
    null,
    tasks.map((task, index) => taskRow(task, columns, index, actions)),
  );
  tbody.addEventListener('keydown', (event) => handleKeys(tbody, event));
  const table = h(
    'table',
    { class: 'table inbox-table', 'aria-describedby': 'inbox-keyboard-hint' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        [...columns.map(columnLabel), t('inbox.columns.actions')].map((label) =>
          h('th', { scope: 'col' }, label),
        ),
      ),
    ),
    tbody,
  );
  return h(
    'div',
    { class: 'inbox-results' },
    h(
      'p',
      { id: 'inbox-keyboard-hint', class: 'inbox-hint muted' },
      t('inboxFilters.keyboardHint'),
    ),
    tableRegion(t('inbox.tableLabel'), table),
  );
}
