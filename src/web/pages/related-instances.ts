import { getJson } from '../core/api.js';
import { h } from '../core/dom.js';
import { formatDateTime } from '../core/format.js';
import type { InstanceSummary } from '../core/types.js';
import { errorMessage, headerRow, tableRegion } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { instanceStateBadge } from './instances.js';

/** Registers whose records list the instances that touched them. */
const relatedRegisters = new Set(['objectives', 'audit-findings', 'risks']);

type RelatedInstance = InstanceSummary & { links: string[] };

function row(instance: RelatedInstance): HTMLTableRowElement {
  const key = encodeURIComponent(instance.key);
  return h(
    'tr',
    null,
    h('td', null, h('a', { href: `#/instances/${key}` }, instance.processName)),
    h('td', null, instance.businessKey ?? instance.key),
    h('td', null, instanceStateBadge(instance.state, instance.hasIncident)),
    h('td', null, formatDateTime(instance.startedAt)),
    h('td', null, instance.links.map((link) => t(`auditAccess.related.links.${link}`)).join(', ')),
    h('td', null, h('a', { href: `#/instances/${key}/replay` }, t('auditAccess.related.replay'))),
  );
}

/**
 * Renders the section "Quy trình liên quan" of a register record: the instances that wrote it or
 * name it, each with links to the instance and its replay. Returns null for other registers.
 */
export async function relatedInstancesSection(
  register: string,
  recordId: string,
  signal: AbortSignal,
): Promise<HTMLElement | null> {
  if (!relatedRegisters.has(register)) return null;
  const title = t('auditAccess.related.title');
  const section = h('section', { class: 'related-instances' }, h('h2', null, title));
  try {
    const { items } = await getJson<{ items: RelatedInstance[] }>(
      `/api/registers/${encodeURIComponent(register)}/${encodeURIComponent(recordId)}/process-instances`,
      signal,
    );
    if (items.length === 0) {
      section.append(h('p', null, t('auditAccess.related.empty')));
      return section;
    }
    const columns = ['procedure', 'businessKey', 'state', 'startedAt'].map((column) =>
      t(`instances.columns.${column}`),
    );
    const table = h(
      'table',
      { class: 'table' },
      headerRow([...columns, t('auditAccess.related.linkColumn'), t('auditAccess.related.replay')]),
      h('tbody', null, items.map(row)),
    );
    section.append(tableRegion(title, table));
  } catch (error) {
    section.append(h('p', { class: 'alert alert-error' }, errorMessage(error)));
  }
  return section;
}
