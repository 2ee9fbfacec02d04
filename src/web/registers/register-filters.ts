import { h } from '../core/dom.js';
import { buildHash } from '../core/router.js';
import type { RouteMatch } from '../core/router.js';
import { t } from '../i18n/index.js';
import { localized } from './register-format.js';
import type { RegisterDefinition, RegisterFilter, SortOrder } from './register-types.js';

/** State of a register list: filter values, sort and page, all kept in the hash. */
export interface ListState {
  filters: Record<string, string>;
  sort: string | undefined;
  order: SortOrder | undefined;
  page: number;
}

/** Reads the list state from the route's query, keeping only the register's own filters. */
export function readListState(definition: RegisterDefinition, route: RouteMatch): ListState {
  const filters: Record<string, string> = {};
  for (const filter of definition.filters) {
    const value = route.query.get(filter.key);
    if (value) {
      filters[filter.key] = value;
    }
  }
  const sort = route.query.get('sort') ?? undefined;
  const order = route.query.get('order');
  return {
    filters,
    sort: definition.columns.some((column) => column.key === sort && column.sortable)
      ? sort
      : undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
    page: Math.max(1, Number(route.query.get('page')) || 1),
  };
}

/** Returns the hash of a register list in `state`. */
export function listHash(definition: RegisterDefinition, state: ListState): string {
  return buildHash(`/registers/${definition.name}`, {
    ...state.filters,
    sort: state.sort,
    order: state.order,
    page: state.page > 1 ? state.page : undefined,
  });
}

/** Returns the query string that the list and export requests send for `state`. */
export function apiQuery(state: ListState, extra: Record<string, string | number> = {}): string {
  const search = new URLSearchParams(state.filters);
  if (state.sort) {
    search.set('sort', state.sort);
  }
  if (state.order) {
    search.set('order', state.order);
  }
  for (const [key, value] of Object.entries(extra)) {
    search.set(key, String(value));
  }
  return search.toString();
}

function selectControl(id: string, value: string, options: [string, string][]): HTMLSelectElement {
  return h(
    'select',
    { id, name: id },
    [['', t('registers.filters.all')] as [string, string], ...options].map(([optionValue, text]) =>
      h('option', { value: optionValue, selected: optionValue === value }, text),
    ),
  );
}

function filterControl(
  definition: RegisterDefinition,
  filter: RegisterFilter,
  value: string,
): HTMLInputElement | HTMLSelectElement {
  const id = `filter-${filter.key}`;
  const column = definition.columns.find((entry) => entry.key === filter.columns[0]);
  if (filter.kind === 'from' || filter.kind === 'to') {
    return h('input', { id, name: id, type: 'date', value });
  }
  if (filter.kind === 'search') {
    return h('input', { id, name: id, type: 'search', value, maxlength: 200 });
  }
  if (column?.type === 'boolean') {
    return selectControl(id, value, [
      ['true', t('registers.yes')],
      ['false', t('registers.no')],
    ]);
  }
  if (column?.type === 'enum') {
    const options = (column.options ?? []).map((option): [string, string] => [
      option.value,
      localized(option.label),
    ]);
    return selectControl(id, value, options);
  }
  const type = column?.type === 'integer' ? 'number' : 'text';
  return h('input', { id, name: id, type, value });
}

/** Renders the filter form; `apply` receives the new filter values when the user submits it. */
export function filterForm(
  definition: RegisterDefinition,
  state: ListState,
  apply: (filters: Record<string, string>) => void,
): HTMLElement | null {
  if (definition.filters.length === 0) {
    return null;
  }
  const controls = definition.filters.map((filter) => ({
    filter,
    control: filterControl(definition, filter, state.filters[filter.key] ?? ''),
  }));
  const onSubmit = (event: Event): void => {
    event.preventDefault();
    const filters: Record<string, string> = {};
    for (const { filter, control } of controls) {
      const value = control.value.trim();
      if (value) {
        filters[filter.key] = value;
      }
    }
    apply(filters);
  };
  const clear = h(
    'a',
    { class: 'button', href: listHash(definition, { ...state, filters: {}, page: 1 }) },
    t('registers.filters.clear'),
  );
  const form = h(
    'form',
    {
      class: 'filter-form',
      role: 'search',
      'aria-label': t('registers.filters.label'),
      onsubmit: onSubmit,
    },
    h(
      'div',
      { class: 'filter-fields' },
      controls.map(({ filter, control }) =>
        h(
          'div',
          { class: 'form-row' },
          h('label', { for: control.id }, localized(filter.label)),
          control,
        ),
      ),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button-primary' }, t('registers.filters.apply')),
      clear,
    ),
  );
  // On a narrow screen the filters would push the table below the fold, so they start folded
  // there unless some are in use.
  const active = Object.keys(state.filters).length;
  const summary = active
    ? t('registers.filters.summaryActive', { count: active })
    : t('registers.filters.label');
  return h(
    'details',
    { class: 'filter-panel', open: active > 0 || window.matchMedia('(min-width: 601px)').matches },
    h('summary', null, summary),
    form,
  );
}
