import { isAbortError, requestJson } from '../core/api.js';
import { h } from '../core/dom.js';
import { formatDateTime } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { navigate } from '../core/router.js';
import type { InstancePage, InstanceSummary } from '../core/types.js';
import {
  badge,
  errorPanel,
  headerRow,
  loading,
  pageHeading,
  pager,
  tableRegion,
} from '../core/ui.js';
import { t } from '../i18n/index.js';
import { filterPanel, searchBody } from './instances-filter.js';

const pageSize = 20;

/** Renders a badge for an instance state, or an incident badge when the instance has one. */
export function instanceStateBadge(state: string, hasIncident: boolean): HTMLElement {
  if (hasIncident) {
    return badge('incident', t('instances.state.incident'));
  }
  const key = `instances.state.${state.toLowerCase()}`;
  const text = t(key);
  return badge(`state-${state.toLowerCase()}`, text === key ? state : text);
}

function instanceRow(instance: InstanceSummary): HTMLTableRowElement {
  const href = `#/instances/${encodeURIComponent(instance.key)}`;
  return h(
    'tr',
    null,
    h('td', null, h('a', { href }, instance.processName)),
    h('td', null, instance.businessKey ?? instance.key),
    h('td', null, instanceStateBadge(instance.state, instance.hasIncident)),
    h('td', null, formatDateTime(instance.startedAt)),
    h(
      'td',
      { title: instance.startedBy ?? '' },
      instance.startedByName ?? instance.startedBy ?? '',
    ),
    h('td', null, formatDateTime(instance.endedAt)),
  );
}

function instancesTable(items: InstanceSummary[]): HTMLElement {
  if (items.length === 0) {
    return h(
      'div',
      { class: 'empty-state' },
      h('p', null, t('instances.empty')),
      h('p', null, h('a', { href: '#/start' }, t('inbox.empty.startLink'))),
    );
  }
  const columns = ['procedure', 'businessKey', 'state', 'startedAt', 'startedBy', 'endedAt'].map(
    (column) => t(`instances.columns.${column}`),
  );
  const table = h(
    'table',
    { class: 'table' },
    headerRow(columns),
    h('tbody', null, items.map(instanceRow)),
  );
  return tableRegion(t('instances.title'), table);
}

interface SearchResult extends InstancePage {
  counts: { active: number; completed: number; canceled: number; incident: number };
}

function stateCounts(result: SearchResult): HTMLElement {
  const entries = (['active', 'completed', 'canceled', 'incident'] as const).map((state) =>
    h('li', null, t(`auditAccess.state.${state}`), ': ', h('strong', null, result.counts[state])),
  );
  return h(
    'div',
    { class: 'instances-counts', role: 'status' },
    h('p', null, t('auditAccess.found', { total: result.total })),
    h('ul', { 'aria-label': t('auditAccess.countsLabel') }, entries),
  );
}

/**
 * Renders the process instances that match the filters in the page's query, newest first, in the
 * unit that the header's unit switcher shows.
 */
export async function renderInstancesPage(context: PageContext): Promise<void> {
  const { query } = context.route;
  const page = Math.max(1, Number(query.get('page')) || 1);
  const title = t('instances.title');
  context.setTitle(title);
  context.root.replaceChildren(pageHeading(title), loading());
  const apply = (params: URLSearchParams): void => navigate(`#/instances?${params.toString()}`);
  try {
    const result = await requestJson<SearchResult>(
      'POST',
      '/api/process-instances/search',
      { ...searchBody(query), page, pageSize },
      context.signal,
    );
    const go = (next: number): void => {
      const params = new URLSearchParams(query);
      params.set('page', String(next));
      apply(params);
    };
    context.root.replaceChildren(
      pageHeading(title),
      filterPanel(query, apply),
      stateCounts(result),
      instancesTable(result.items),
      pager(page, pageSize, result.total, go) ?? '',
    );
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(
        pageHeading(title),
        filterPanel(query, apply),
        errorPanel(error, context.reload),
      );
    }
  }
}
