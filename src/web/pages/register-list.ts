import { getJson, isAbortError } from '../core/api.js';
import { h, replaceChildren } from '../core/dom.js';
import type { PageContext } from '../core/page.js';
import { navigate } from '../core/router.js';
import { errorPanel, loading, pageHeading, pager, tableRegion } from '../core/ui.js';
import { getLanguage, t } from '../i18n/index.js';
import {
  apiQuery,
  filterForm,
  listHash,
  readListState,
  type ListState,
} from '../registers/register-filters.js';
import {
  cellValue,
  loadRegister,
  localized,
  primaryColumn,
  recordHash,
  registerApi,
} from '../registers/register-format.js';
import type {
  RegisterColumn,
  RegisterDefinition,
  RegisterPage,
  RegisterRecord,
  SortOrder,
} from '../registers/register-types.js';

const pageSize = 20;

function currentSort(definition: RegisterDefinition, state: ListState) {
  const column = state.sort ?? definition.defaultSort.column;
  const order: SortOrder =
    state.order ??
    (column === definition.defaultSort.column ? definition.defaultSort.order : 'asc');
  return { column, order };
}

function sortHeader(
  definition: RegisterDefinition,
  state: ListState,
  column: RegisterColumn,
): HTMLTableCellElement {
  const label = localized(column.label);
  if (!column.sortable) {
    return h('th', { scope: 'col' }, label);
  }
  const sort = currentSort(definition, state);
  const active = sort.column === column.key;
  const next: SortOrder = active && sort.order === 'asc' ? 'desc' : 'asc';
  const ascending = sort.order === 'asc';
  let arrow = '↕';
  let ariaSort = 'none';
  if (active) {
    arrow = ascending ? '▲' : '▼';
    ariaSort = ascending ? 'ascending' : 'descending';
  }
  return h(
    'th',
    { scope: 'col', 'aria-sort': ariaSort },
    h(
      'button',
      {
        type: 'button',
        class: 'sort-button',
        title: t('registers.sortBy', { label }),
        onclick: () =>
          navigate(listHash(definition, { ...state, sort: column.key, order: next, page: 1 })),
      },
      label,
      h('span', { class: 'sort-arrow', 'aria-hidden': 'true' }, arrow),
    ),
  );
}

function recordRow(definition: RegisterDefinition, record: RegisterRecord): HTMLTableRowElement {
  const columns = definition.columns.filter((column) => column.inList);
  const primary = primaryColumn(definition);
  const statusKey = definition.lifecycle?.statusColumn ?? 'status';
  return h(
    'tr',
    { 'data-record-id': record.id },
    columns.map((column) => {
      const value = cellValue(column, record[column.key], column.key === statusKey);
      const content =
        column === primary ? h('a', { href: recordHash(definition, record.id) }, value) : value;
      return h('td', { class: `cell-${column.type}` }, content);
    }),
  );
}

function recordsTable(
  definition: RegisterDefinition,
  state: ListState,
  page: RegisterPage,
): HTMLElement {
  if (page.items.length === 0) {
    return h('div', { class: 'empty-state' }, h('p', null, t('registers.empty')));
  }
  const columns = definition.columns.filter((column) => column.inList);
  const table = h(
    'table',
    { class: 'table register-table' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        columns.map((column) => sortHeader(definition, state, column)),
      ),
    ),
    h(
      'tbody',
      null,
      page.items.map((record) => recordRow(definition, record)),
    ),
  );
  return tableRegion(t('registers.tableLabel', { title: localized(definition.title) }), table);
}

function toolbar(definition: RegisterDefinition, state: ListState): HTMLElement {
  const exportUrl = `${registerApi(definition, '/export.xlsx')}?${apiQuery(state, { lang: getLanguage() })}`;
  return h(
    'div',
    { class: 'register-toolbar' },
    definition.permissions.create
      ? h(
          'a',
          {
            class: 'button button-primary',
            href: `#/registers/${encodeURIComponent(definition.name)}/new`,
          },
          t('registers.new'),
        )
      : null,
    h(
      'a',
      { class: 'button', href: exportUrl, download: '', 'data-action': 'export' },
      t('registers.export'),
    ),
  );
}

/** Renders a register's records with filters, sortable columns, paging and the Excel export. */
export async function renderRegisterListPage(context: PageContext): Promise<void> {
  const name = context.route.params.name ?? '';
  context.setTitle(t('registers.title'));
  context.root.replaceChildren(pageHeading(t('registers.title')), loading());
  try {
    const definition = await loadRegister(name, context.signal);
    const state = readListState(definition, context.route);
    const url = `${registerApi(definition)}?${apiQuery(state, { page: state.page, pageSize })}`;
    const page = await getJson<RegisterPage>(url, context.signal);
    const title = localized(definition.title);
    context.setTitle(title);
    const go = (target: number) => navigate(listHash(definition, { ...state, page: target }));
    replaceChildren(
      context.root,
      h('p', { class: 'breadcrumb' }, h('a', { href: '#/registers' }, t('registers.title'))),
      pageHeading(title, toolbar(definition, state)),
      h(
        'p',
        { class: 'muted' },
        t('registers.clause', { clause: definition.clause }),
        ' · ',
        localized(definition.description),
      ),
      filterForm(definition, state, (filters) =>
        navigate(listHash(definition, { ...state, filters, page: 1 })),
      ),
      h(
        'p',
        { class: 'register-count', role: 'status' },
        t('registers.count', { count: page.total }),
      ),
      recordsTable(definition, state, page),
      pager(page.page, page.pageSize, page.total, go),
    );
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(
        pageHeading(t('registers.title')),
        errorPanel(error, context.reload),
      );
    }
  }
}
