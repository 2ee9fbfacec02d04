import { h } from '../core/dom.js';
import { t } from '../i18n/index.js';

const textFields = ['bpmnProcessId', 'version', 'businessKey', 'participant'] as const;
const dateFields = ['startedFrom', 'startedTo', 'endedFrom', 'endedTo'] as const;
const states = ['active', 'completed', 'canceled', 'incident'] as const;

/** Query parameters of the instances page that the filter panel sets. */
export const filterParams = [
  'unit',
  ...textFields,
  ...dateFields,
  'state',
  'variableName',
  'variableMatch',
  'variableValue',
] as const;

/** Parses a typed value: a number or true or false becomes that value, anything else stays text. */
function typedValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?[0-9]+(\.[0-9]+)?$/.test(text)) return Number(text);
  return text;
}

/** Builds the body of `POST /api/process-instances/search` from the page's query parameters. */
export function searchBody(query: URLSearchParams): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const unit = query.get('unit');
  if (unit) body.unitId = unit;
  for (const field of [...textFields, ...dateFields]) {
    const value = query.get(field)?.trim();
    if (value) body[field] = field === 'version' && /^[0-9]+$/.test(value) ? Number(value) : value;
  }
  const chosen = query.getAll('state');
  if (chosen.length > 0) body.states = chosen;
  const name = query.get('variableName')?.trim();
  const value = query.get('variableValue') ?? '';
  if (name) {
    body.variable =
      query.get('variableMatch') === 'contains'
        ? { name, contains: value }
        : { name, equals: typedValue(value) };
  }
  return body;
}

function field(name: string, input: HTMLElement, hint?: string): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: `instances-filter-${name}` }, t(`auditAccess.filter.${name}`)),
    input,
    hint ? h('p', { class: 'hint', id: `instances-filter-${name}-hint` }, hint) : null,
  );
}

function input(name: string, query: URLSearchParams, type = 'text'): HTMLInputElement {
  return h('input', {
    id: `instances-filter-${name}`,
    name,
    type,
    value: query.get(name) ?? '',
  });
}

function stateChoices(query: URLSearchParams): HTMLElement {
  const chosen = new Set(query.getAll('state'));
  return h(
    'fieldset',
    { class: 'filter-states' },
    h('legend', null, t('auditAccess.filter.state')),
    states.map((state) =>
      h(
        'label',
        { class: 'checkbox' },
        h('input', { type: 'checkbox', name: 'state', value: state, checked: chosen.has(state) }),
        ' ',
        t(`auditAccess.state.${state}`),
      ),
    ),
  );
}

function variableFields(query: URLSearchParams): HTMLElement {
  const match = query.get('variableMatch') === 'contains' ? 'contains' : 'equals';
  return h(
    'fieldset',
    { class: 'filter-variable' },
    h('legend', null, t('auditAccess.filter.variable')),
    field('variableName', input('variableName', query)),
    field(
      'variableMatch',
      h(
        'select',
        { id: 'instances-filter-variableMatch', name: 'variableMatch' },
        ['equals', 'contains'].map((value) =>
          h('option', { value, selected: value === match }, t(`auditAccess.filter.match.${value}`)),
        ),
      ),
    ),
    field(
      'variableValue',
      h('input', {
        id: 'instances-filter-variableValue',
        name: 'variableValue',
        value: query.get('variableValue') ?? '',
        'aria-describedby': 'instances-filter-variableValue-hint',
      }),
      t('auditAccess.filter.valueHint'),
    ),
  );
}

/** Renders the filter panel; `apply` receives the chosen filters as query parameters. */
export function filterPanel(
  query: URLSearchParams,
  apply: (params: URLSearchParams) => void,
): HTMLElement {
  const form = h(
    'form',
    { class: 'instances-filter', 'aria-label': t('auditAccess.filter.title') },
    h(
      'div',
      { class: 'filter-grid' },
      textFields.map((name) =>
        field(name, input(name, query, name === 'version' ? 'number' : 'text')),
      ),
      dateFields.map((name) => field(name, input(name, query, 'date'))),
    ),
    stateChoices(query),
    variableFields(query),
    h(
      'div',
      { class: 'filter-actions' },
      h(
        'button',
        { type: 'submit', class: 'button button-primary' },
        t('auditAccess.filter.apply'),
      ),
      h('a', { class: 'button', href: '#/instances' }, t('auditAccess.filter.clear')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === 'string' && value.trim() !== '') params.append(name, value.trim());
    }
    if (!params.get('variableName')) {
      params.delete('variableMatch');
      params.delete('variableValue');
    }
    apply(params);
  });
  return form;
}
