import { getJson, requestJson } from '../core/api.js';
import { h } from '../core/dom.js';
import { localName } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { isReadOnly } from '../core/read-only.js';
import { navigate } from '../core/router.js';
import type { TaskFilter } from '../core/types.js';
import { alertBox, errorMessage } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { inboxHash, stateCriteria, stateFromCriteria, type InboxState } from './inbox-state.js';
import { storeColumns } from './inbox-table.js';

/** Loads the user's saved filters and the ones shared with their groups. */
export async function loadFilters(signal: AbortSignal): Promise<TaskFilter[]> {
  return (await getJson<{ items: TaskFilter[] }>('/api/task-filters', signal)).items;
}

function groupName(context: PageContext, code: string): string {
  const group = context.session.user.groups.find((item) => item.code === code);
  return group ? localName(group) : code;
}

function filterLabel(context: PageContext, filter: TaskFilter): string {
  return filter.groupCode
    ? t('inboxFilters.saved.shared', {
        name: filter.name,
        group: groupName(context, filter.groupCode),
      })
    : filter.name;
}

function applyFilter(state: InboxState, filter: TaskFilter): void {
  if (filter.columns.length > 0) storeColumns(filter.columns);
  navigate(
    inboxHash(stateFromCriteria(state.list, filter.criteria, filter.sort, filter.order, filter.id)),
  );
}

/**
 * Renders the saved filters: a picker, a delete button for the owner's own
 * filter, and a form that saves the current view privately or for one group.
 */
export function savedFilters(
  context: PageContext,
  state: InboxState,
  filters: TaskFilter[],
  columns: string[],
): HTMLElement {
  const status = h('div', { class: 'inbox-saved-status', 'aria-live': 'polite' });
  const selected = filters.find((filter) => filter.id === state.filterId) ?? null;
  const ownsSelected = selected?.owner === context.session.user.username;
  // A read-only user applies saved filters but saves and deletes none: the server refuses both.
  const readOnly = isReadOnly(context.session);

  const picker = h(
    'select',
    { id: 'inbox-saved-filter', name: 'savedFilter' },
    h('option', { value: '' }, t('inboxFilters.saved.none')),
    filters.map((filter) =>
      h(
        'option',
        { value: filter.id, selected: filter.id === state.filterId },
        filterLabel(context, filter),
      ),
    ),
  );
  picker.addEventListener('change', () => {
    const filter = filters.find((item) => item.id === picker.value);
    if (filter) applyFilter(state, filter);
    else navigate(inboxHash({ ...state, filterId: '' }));
  });

  const remove = h(
    'button',
    { type: 'button', class: 'button', disabled: !ownsSelected || readOnly },
    t('inboxFilters.saved.delete'),
  );
  remove.addEventListener('click', async () => {
    if (
      !selected ||
      !window.confirm(t('inboxFilters.saved.deleteConfirm', { name: selected.name }))
    )
      return;
    try {
      await requestJson('DELETE', `/api/task-filters/${encodeURIComponent(selected.id)}`);
      navigate(inboxHash({ ...state, filterId: '' }));
    } catch (error) {
      status.replaceChildren(alertBox('error', errorMessage(error)));
    }
  });

  const name = h('input', {
    id: 'inbox-filter-name',
    name: 'name',
    required: true,
    maxlength: 100,
    value: ownsSelected ? selected.name : '',
  });
  const share = h(
    'select',
    { id: 'inbox-filter-share', name: 'groupCode' },
    h('option', { value: '' }, t('inboxFilters.saved.private')),
    context.session.user.groups.map((group) =>
      h(
        'option',
        { value: group.code, selected: ownsSelected && selected.groupCode === group.code },
        localName(group),
      ),
    ),
  );
  const form = h(
    'form',
    { class: 'inbox-save-filter' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'inbox-filter-name' }, t('inboxFilters.saved.name')),
      name,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'inbox-filter-share' }, t('inboxFilters.saved.share')),
      share,
    ),
    h('button', { type: 'submit', class: 'button button-primary' }, t('inboxFilters.saved.save')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const [sort, order] = state.sort ? state.sort.split('-') : [null, null];
    const body = {
      name: name.value.trim(),
      groupCode: share.value || null,
      sort,
      order,
      columns,
      criteria: stateCriteria(state),
    };
    // Saving under the selected own filter's name replaces it; any other name creates a filter.
    const replaces = ownsSelected && selected.name === body.name;
    try {
      const saved = await requestJson<TaskFilter>(
        replaces ? 'PUT' : 'POST',
        replaces ? `/api/task-filters/${encodeURIComponent(selected.id)}` : '/api/task-filters',
        body,
      );
      navigate(inboxHash({ ...state, filterId: saved.id }));
    } catch (error) {
      status.replaceChildren(alertBox('error', errorMessage(error)));
    }
  });

  return h(
    'details',
    { class: 'inbox-saved', open: state.filterId !== '' },
    h('summary', null, t('inboxFilters.saved.label')),
    h(
      'div',
      { class: 'inbox-saved-pick' },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'inbox-saved-filter' }, t('inboxFilters.saved.label')),
        picker,
      ),
      remove,
    ),
    selected && !ownsSelected
      ? h('p', { class: 'muted' }, t('inboxFilters.saved.notOwner', { owner: selected.owner }))
      : null,
    readOnly ? null : h('h2', { class: 'inbox-save-title' }, t('inboxFilters.saved.saveTitle')),
    readOnly ? null : form,
    status,
  );
}
