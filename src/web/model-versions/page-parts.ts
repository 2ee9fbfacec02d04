import { h } from '../core/dom.js';
import { buildHash } from '../core/router.js';
import { t } from '../i18n/index.js';
import type { ModelEntry, ModelKind } from './versions-api.js';

/** Returns the route of the versions page of a process or form. */
export function versionsHash(kind: ModelKind, id: string): string {
  return `#/models/${kind}/${encodeURIComponent(id)}/versions`;
}

/** Returns the route that compares two versions of a process or form. */
export function diffHash(kind: ModelKind, id: string, from: number, to: number): string {
  return buildHash(`/models/${kind}/${encodeURIComponent(id)}/diff`, { from, to });
}

/** Returns the route that migrates the running instances of one version to another. */
export function migrationHash(id: string, from: number, to?: number): string {
  return buildHash(`/models/process/${encodeURIComponent(id)}/migration`, { from, to });
}

/** Returns the route of the review page of a draft. */
export function draftReviewHash(draftId: string): string {
  return `#/models/drafts/${encodeURIComponent(draftId)}`;
}

/** Returns the name of a process or form, or its id when it has no name. */
export function modelName(entry: ModelEntry | null, id: string): string {
  return entry?.name ?? id;
}

/** Reads a positive integer from the query, or returns null. */
export function queryVersion(query: URLSearchParams, name: string): number | null {
  const value = Number(query.get(name));
  return Number.isInteger(value) && value > 0 ? value : null;
}

/** Renders the link back to the versions page. */
export function backToVersions(kind: ModelKind, id: string): HTMLElement {
  return h(
    'p',
    { class: 'mv-back' },
    h('a', { href: versionsHash(kind, id) }, t('modelVersions.backToVersions')),
  );
}

/** Options of the two-version picker. */
export interface VersionPickerOptions {
  idPrefix: string;
  legend: string;
  fromLabel: string;
  toLabel: string;
  submitLabel: string;
  fromVersions: number[];
  toVersions: number[];
  from: number | null;
  to: number | null;
  onSubmit(from: number, to: number): void;
}

function versionSelect(id: string, label: string, versions: number[], selected: number | null) {
  const select = h(
    'select',
    { id, name: id },
    versions.map((version) =>
      h(
        'option',
        { value: version, selected: version === selected },
        t('modelVersions.versionNumber', { version }),
      ),
    ),
  );
  return { select, row: h('div', { class: 'form-row' }, h('label', { for: id }, label), select) };
}

/** Renders a small form that picks two versions, such as the two to compare. */
export function versionPicker(options: VersionPickerOptions): HTMLElement {
  const from = versionSelect(
    `${options.idPrefix}-from`,
    options.fromLabel,
    options.fromVersions,
    options.from,
  );
  const to = versionSelect(
    `${options.idPrefix}-to`,
    options.toLabel,
    options.toVersions,
    options.to,
  );
  return h(
    'form',
    {
      class: 'mv-picker',
      onsubmit: (event: Event) => {
        event.preventDefault();
        options.onSubmit(Number(from.select.value), Number(to.select.value));
      },
    },
    h(
      'fieldset',
      null,
      h('legend', null, options.legend),
      h(
        'div',
        { class: 'mv-picker-fields' },
        from.row,
        to.row,
        h('button', { type: 'submit', class: 'button' }, options.submitLabel),
      ),
    ),
  );
}
