import '../styles/form-diff.css';
import { h } from '../core/dom.js';
import { t } from '../i18n/index.js';
import {
  diffFormFields,
  isEmptyDiff,
  type ChangedField,
  type FormField,
  type PropertyChange,
} from './form-field-diff.js';
import { jsonDiffView } from './json-diff.js';

// A long value, such as a text component's Markdown, is cut to this many characters.
const maxValueLength = 300;

/** Returns the translation of `key`, or `fallback` when the catalog has none. */
function translated(key: string, fallback: string): string {
  const text = t(key);
  return text === key ? fallback : text;
}

function typeLabel(type: string): string {
  return translated(`modelVersions.formDiff.types.${type}`, type);
}

function propertyLabel(property: string): string {
  return translated(`modelVersions.formDiff.properties.${property}`, property);
}

function valueText(value: unknown): string {
  if (value === undefined || value === null || value === '') {
    return t('modelVersions.formDiff.none');
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength)}…` : text;
}

function fieldLine(field: FormField): HTMLElement[] {
  return [
    h('strong', null, field.label),
    h(
      'span',
      { class: 'muted' },
      ` · ${typeLabel(field.type)}`,
      field.key ? [' · ', h('code', null, field.key)] : null,
    ),
  ];
}

function changeTable(changes: PropertyChange[], caption: string): HTMLElement {
  return h(
    'table',
    { class: 'mv-form-changes' },
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('modelVersions.formDiff.property')),
        h('th', { scope: 'col' }, t('modelVersions.formDiff.before')),
        h('th', { scope: 'col' }, t('modelVersions.formDiff.after')),
      ),
    ),
    h(
      'tbody',
      null,
      changes.map((change) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, propertyLabel(change.property)),
          h('td', null, h('del', null, valueText(change.before))),
          h('td', null, h('ins', null, valueText(change.after))),
        ),
      ),
    ),
  );
}

function changedField(field: ChangedField): HTMLElement {
  return h(
    'li',
    { class: 'mv-form-field mv-form-field-changed' },
    h('p', null, fieldLine(field.after)),
    changeTable(field.changes, field.after.label),
  );
}

function fieldSection(kind: 'added' | 'removed', fields: FormField[]): HTMLElement | null {
  if (fields.length === 0) return null;
  const wrap = kind === 'added' ? 'ins' : 'del';
  return h(
    'section',
    { class: `mv-form-section mv-form-${kind}` },
    h('h3', null, t(`modelVersions.formDiff.${kind}`, { count: fields.length })),
    h(
      'ul',
      null,
      fields.map((field) =>
        h('li', { class: `mv-form-field mv-form-field-${kind}` }, h(wrap, null, fieldLine(field))),
      ),
    ),
  );
}

/**
 * Renders the field-level difference of two versions of a form: the fields added and removed,
 * each changed field with its changed properties before and after, and changes of the form
 * itself. The line diff of the JSON stays available, folded, for the technical reader.
 */
export function formDiffView(before: string | null, after: string, label: string): HTMLElement {
  const diff = diffFormFields(before, after);
  const changed =
    diff.changed.length === 0
      ? null
      : h(
          'section',
          { class: 'mv-form-section mv-form-changed' },
          h('h3', null, t('modelVersions.formDiff.changed', { count: diff.changed.length })),
          h('ul', null, diff.changed.map(changedField)),
        );
  const form =
    diff.form.length === 0
      ? null
      : h(
          'section',
          { class: 'mv-form-section' },
          h('h3', null, t('modelVersions.formDiff.form')),
          changeTable(diff.form, t('modelVersions.formDiff.form')),
        );
  const empty =
    before !== null && isEmptyDiff(diff)
      ? h('p', { class: 'empty-state' }, t('modelVersions.json.noChanges'))
      : null;

  return h(
    'div',
    { class: 'mv-form-diff', role: 'region', 'aria-label': label },
    empty,
    fieldSection('added', diff.added),
    fieldSection('removed', diff.removed),
    changed,
    form,
    h(
      'details',
      { class: 'mv-json-details' },
      h('summary', null, t('modelVersions.formDiff.showJson')),
      jsonDiffView(before, after, t('modelVersions.formDiff.jsonLabel')),
    ),
  );
}
