import { groupOptions, procedureOptions, userOptions, type Directory } from '../core/directory.js';
import { h } from '../core/dom.js';
import { navigate } from '../core/router.js';
import { t } from '../i18n/index.js';
import {
  activeFilterCount,
  inboxHash,
  priorityBands,
  sortOptions,
  textCriteria,
  type InboxState,
  type PriorityBand,
} from './inbox-state.js';
import { columnLabel, fixedColumns, storeColumns } from './inbox-table.js';

const dateFields = new Set<string>([
  'createdFrom',
  'createdTo',
  'dueFrom',
  'dueTo',
  'followUpFrom',
  'followUpTo',
]);

function go(state: InboxState): void {
  navigate(inboxHash({ ...state, page: 1 }));
}

function labelled(id: string, label: string, control: HTMLElement): HTMLElement {
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

/** Renders the search box and the sort selector. */
export function searchAndSort(state: InboxState): HTMLElement {
  const input = h('input', {
    type: 'search',
    name: 'search',
    value: state.search,
    placeholder: t('inboxFilters.searchPlaceholder'),
    maxlength: 200,
  });
  const form = h(
    'form',
    { class: 'inbox-search', role: 'search' },
    labelled('inbox-search', t('inboxFilters.searchLabel'), input),
    h('button', { type: 'submit', class: 'button' }, t('inboxFilters.searchButton')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go({ ...state, search: input.value.trim() });
  });
  const sort = h(
    'select',
    { name: 'sort' },
    sortOptions.map((option) =>
      h(
        'option',
        { value: option, selected: (state.sort || 'created-desc') === option },
        t(`inboxFilters.sorts.${option}`),
      ),
    ),
  );
  sort.addEventListener('change', () => go({ ...state, sort: sort.value as InboxState['sort'] }));
  return h(
    'div',
    { class: 'inbox-toolbar' },
    form,
    labelled('inbox-sort', t('inboxFilters.sortLabel'), sort),
  );
}

// The pickers of the filter panel: each lists names and sends the code or username.
function pickerField(directory: Directory, field: string, value: string): HTMLSelectElement | null {
  if (field === 'assignee') {
    return h(
      'select',
      { name: field },
      h('option', { value: '' }, t('inboxFilters.anyAssignee')),
      userOptions(directory, value),
    );
  }
  if (field === 'candidateGroup') {
    return h(
      'select',
      { name: field },
      h('option', { value: '' }, t('inboxFilters.anyGroup')),
      groupOptions(directory, value),
    );
  }
  if (field === 'bpmnProcessId') {
    return h(
      'select',
      { name: field },
      h('option', { value: '' }, t('inboxFilters.anyProcedure')),
      procedureOptions(directory, value),
    );
  }
  return null;
}

function criterionField(directory: Directory, state: InboxState, field: string): HTMLElement {
  const id = `inbox-filter-${field}`;
  const label = t(`inboxFilters.fields.${field}`);
  const value = state.criteria[field as keyof InboxState['criteria']] ?? '';
  const picker = pickerField(directory, field, value);
  if (picker) return labelled(id, label, picker);
  const input = h('input', {
    type: dateFields.has(field) ? 'date' : 'text',
    name: field,
    value: value.slice(0, dateFields.has(field) ? 10 : undefined),
  });
  return labelled(id, label, input);
}

/**
 * Renders the filter toggle and the collapsible filter panel, closed by default. The assignee,
 * candidate group and procedure are picked by name from the unit's `directory`.
 */
export function filterPanel(directory: Directory, state: InboxState): HTMLElement {
  const count = activeFilterCount(state);
  const priority = h(
    'select',
    { name: 'priority' },
    h('option', { value: '' }, t('inboxFilters.anyPriority')),
    Object.keys(priorityBands).map((band) =>
      h('option', { value: band, selected: band === state.priority }, t(`priority.${band}`)),
    ),
  );
  const variables = h(
    'textarea',
    { name: 'variables', rows: 2, 'aria-describedby': 'inbox-variables-hint' },
    state.variables.join('\n'),
  );
  const form = h(
    'form',
    { class: 'inbox-filter-form' },
    h(
      'div',
      { class: 'inbox-filter-grid' },
      textCriteria.map((field) => criterionField(directory, state, field)),
      labelled('inbox-filter-priority', t('inboxFilters.fields.priority'), priority),
      h(
        'div',
        { class: 'field inbox-filter-variables' },
        h('label', { for: 'inbox-filter-variables' }, t('inboxFilters.fields.variables')),
        Object.assign(variables, { id: 'inbox-filter-variables' }),
        h(
          'p',
          { id: 'inbox-variables-hint', class: 'muted' },
          t('inboxFilters.fields.variablesHint'),
        ),
      ),
    ),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'submit', class: 'button button-primary' }, t('inboxFilters.apply')),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onclick: () => go({ ...state, criteria: {}, priority: '', variables: [], search: '' }),
        },
        t('inboxFilters.clear'),
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const criteria: InboxState['criteria'] = {};
    for (const field of textCriteria) {
      const value = String(data.get(field) ?? '').trim();
      if (value) criteria[field] = value;
    }
    go({
      ...state,
      criteria,
      priority: String(data.get('priority') ?? '') as PriorityBand | '',
      variables: String(data.get('variables') ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.includes('=')),
    });
  });

  const panel = h(
    'section',
    {
      id: 'inbox-filter-panel',
      class: 'inbox-filter-panel',
      'aria-label': t('inboxFilters.panelLabel'),
      hidden: true,
    },
    form,
  );
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'button',
      'aria-expanded': 'false',
      'aria-controls': 'inbox-filter-panel',
    },
    count > 0 ? t('inboxFilters.filtersActive', { count }) : t('inboxFilters.filtersButton'),
  );
  toggle.addEventListener('click', () => {
    const open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  });
  return h('div', { class: 'inbox-filters' }, toggle, panel);
}

/** Renders the column chooser: the fixed columns as checkboxes and process variable columns. */
export function columnChooser(columns: string[], reload: () => void): HTMLElement {
  const apply = (next: string[]): void => {
    storeColumns(next.length > 0 ? next : ['name']);
    reload();
  };
  const checkboxes = fixedColumns.map((column) =>
    h(
      'label',
      { class: 'checkbox' },
      h('input', {
        type: 'checkbox',
        checked: columns.includes(column),
        onchange: (event: Event) => {
          const checked = (event.target as HTMLInputElement).checked;
          apply(checked ? [...columns, column] : columns.filter((item) => item !== column));
        },
      }),
      ' ',
      columnLabel(column),
    ),
  );
  const variableInputs = columns
    .filter((column) => column.startsWith('variable:'))
    .map((column) =>
      h(
        'button',
        {
          type: 'button',
          class: 'button button-small',
          onclick: () => apply(columns.filter((item) => item !== column)),
        },
        t('inboxFilters.removeColumn', { name: columnLabel(column) }),
      ),
    );
  const nameInput = h('input', {
    type: 'text',
    name: 'variableColumn',
    pattern: '[A-Za-z_][A-Za-z0-9_.\\-]*',
    maxlength: 100,
  });
  const addForm = h(
    'form',
    { class: 'inbox-add-column' },
    labelled('inbox-variable-column', t('inboxFilters.variableColumn'), nameInput),
    h('button', { type: 'submit', class: 'button' }, t('inboxFilters.addColumn')),
  );
  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    if (name && nameInput.checkValidity() && !columns.includes(`variable:${name}`)) {
      apply([...columns, `variable:${name}`]);
    }
  });
  return h(
    'details',
    { class: 'inbox-columns' },
    h('summary', null, t('inboxFilters.columnsButton')),
    h(
      'fieldset',
      null,
      h('legend', null, t('inboxFilters.columnsLegend')),
      checkboxes,
      variableInputs,
    ),
    addForm,
  );
}
