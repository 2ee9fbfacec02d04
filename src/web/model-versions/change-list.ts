import { h } from '../core/dom.js';
import { headerRow, tableRegion } from '../core/ui.js';
import { t } from '../i18n/index.js';
import type { BpmnElementInfo } from './bpmn-elements.js';
import type { DiffMarker } from './diff-diagram.js';
import { elementTypeLabel, propertyLabel } from './labels.js';
import type { ModelDiff, PropertyChange } from './versions-api.js';

/** One row of the list of changes: an element and how it differs. */
export interface ChangeEntry {
  kind: DiffMarker;
  id: string;
  type: string;
  name: string | null;
  changes: PropertyChange[];
}

/**
 * Lists the differences in the order of the legend: added, removed, changed, moved. The diff
 * names moved elements by id only, so their type and name come from the newer document.
 */
export function changeEntries(
  diff: ModelDiff,
  afterElements: Map<string, BpmnElementInfo>,
): ChangeEntry[] {
  const moved = diff.moved.map((id) => {
    const info = afterElements.get(id);
    return { id, type: info?.type ?? '', name: info?.name ?? null, changes: [] };
  });
  return [
    ...diff.added.map((element) => ({ kind: 'added' as const, ...element, changes: [] })),
    ...diff.removed.map((element) => ({ kind: 'removed' as const, ...element, changes: [] })),
    ...diff.changed.map((element) => ({ kind: 'changed' as const, ...element })),
    ...moved.map((element) => ({ kind: 'moved' as const, ...element })),
  ];
}

/** Maps each element id to its marker, for the two diagrams of a comparison. */
export function markersOf(entries: ChangeEntry[]): {
  before: Map<string, DiffMarker>;
  after: Map<string, DiffMarker>;
} {
  const before = new Map<string, DiffMarker>();
  const after = new Map<string, DiffMarker>();
  for (const entry of entries) {
    if (entry.kind !== 'added') {
      before.set(entry.id, entry.kind);
    }
    if (entry.kind !== 'removed') {
      after.set(entry.id, entry.kind);
    }
  }
  return { before, after };
}

/** Renders the badge that names how an element differs, in words as well as in colour. */
export function changeKindBadge(kind: DiffMarker): HTMLElement {
  return h('span', { class: `mv-kind mv-kind-${kind}` }, t(`modelVersions.diff.kind.${kind}`));
}

function valueText(value: string | null): HTMLElement {
  return value === null || value === ''
    ? h('span', { class: 'mv-empty' }, t('modelVersions.diff.empty'))
    : h('span', { class: 'mv-value' }, value);
}

function propertyRows(changes: PropertyChange[]): HTMLElement | null {
  if (changes.length === 0) {
    return null;
  }
  const rows = changes.map((change) => {
    const label = propertyLabel(change.property);
    return h(
      'div',
      { class: 'mv-property' },
      h('dt', null, label ?? h('code', null, change.property)),
      h(
        'dd',
        null,
        h('span', { class: 'mv-visually-hidden' }, `${t('modelVersions.diff.before')}: `),
        h('del', null, valueText(change.before)),
        h('span', { 'aria-hidden': 'true', class: 'mv-arrow' }, ' → '),
        h('span', { class: 'mv-visually-hidden' }, `${t('modelVersions.diff.after')}: `),
        h('ins', null, valueText(change.after)),
      ),
    );
  });
  return h('dl', { class: 'mv-properties' }, rows);
}

/**
 * Renders the list of changes as a table. Each element's name is a button that calls
 * `onSelect`, which shows the element in the diagrams.
 */
export function changeTable(
  entries: ChangeEntry[],
  onSelect: (entry: ChangeEntry) => void,
): HTMLElement {
  if (entries.length === 0) {
    return h('p', { class: 'empty-state' }, t('modelVersions.diff.noChanges'));
  }
  const columns = ['change', 'element', 'type', 'details'].map((column) =>
    t(`modelVersions.diff.columns.${column}`),
  );
  const rows = entries.map((entry) =>
    h(
      'tr',
      { 'data-element-id': entry.id, 'data-change': entry.kind },
      h('td', null, changeKindBadge(entry.kind)),
      h(
        'td',
        null,
        h(
          'button',
          { type: 'button', class: 'link-button mv-element', onclick: () => onSelect(entry) },
          entry.name ?? entry.id,
        ),
        entry.name ? h('div', { class: 'mv-element-id' }, h('code', null, entry.id)) : null,
      ),
      h('td', null, entry.type ? elementTypeLabel(entry.type) : ''),
      h('td', null, propertyRows(entry.changes)),
    ),
  );
  return tableRegion(
    t('modelVersions.diff.listTitle'),
    h('table', { class: 'table mv-changes' }, headerRow(columns), h('tbody', null, rows)),
  );
}
