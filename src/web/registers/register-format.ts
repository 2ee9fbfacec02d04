import { getJson } from '../core/api.js';
import { h } from '../core/dom.js';
import type { Child } from '../core/dom.js';
import { formatDate, formatDateTime, formatNumber } from '../core/format.js';
import { badge } from '../core/ui.js';
import { getLanguage, t } from '../i18n/index.js';
import type {
  LocalizedText,
  RegisterColumn,
  RegisterDefinition,
  RegisterRecord,
} from './register-types.js';

/** Returns the text in the language of the user interface. */
export function localized(text: LocalizedText): string {
  return text[getLanguage()];
}

/** Loads the definitions of the registers that the user may see. */
export async function loadRegisters(signal?: AbortSignal): Promise<RegisterDefinition[]> {
  const body = await getJson<{ items: RegisterDefinition[] }>('/api/registers', signal);
  return body.items;
}

/** An error for a register name that the user may not see or that does not exist. */
export class UnknownRegisterError extends Error {
  constructor(name: string) {
    super(t('registers.notFound', { name }));
    this.name = 'UnknownRegisterError';
  }
}

/** Loads one register's definition, or throws UnknownRegisterError. */
export async function loadRegister(
  name: string,
  signal?: AbortSignal,
): Promise<RegisterDefinition> {
  const definition = (await loadRegisters(signal)).find((entry) => entry.name === name);
  if (!definition) {
    throw new UnknownRegisterError(name);
  }
  return definition;
}

/** Returns the URL path of a register's API, such as `/api/registers/context-issues`. */
export function registerApi(definition: RegisterDefinition, suffix = ''): string {
  return `/api/registers/${encodeURIComponent(definition.name)}${suffix}`;
}

/** Returns the hash of a record's detail page. */
export function recordHash(definition: RegisterDefinition, id: string): string {
  return `#/registers/${encodeURIComponent(definition.name)}/${encodeURIComponent(id)}`;
}

/** Returns the label of an enum value, or the value itself when it is not an option. */
export function optionText(column: RegisterColumn, value: unknown): string {
  const option = column.options?.find((entry) => entry.value === value);
  return option ? localized(option.label) : String(value ?? '');
}

/** Returns true when a value shows nothing: null, an empty text or an empty list. */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Renders the status of a record as a badge whose text carries the meaning. */
export function statusBadge(column: RegisterColumn, value: unknown): HTMLElement {
  return badge(`status-${String(value)}`, optionText(column, value));
}

function listValue(column: RegisterColumn, value: unknown): Child {
  if (column.type === 'textList') {
    return h(
      'ul',
      { class: 'value-list' },
      (value as string[]).map((item) => h('li', null, item)),
    );
  }
  const fields = column.fields ?? [];
  return h(
    'ul',
    { class: 'value-list' },
    (value as Record<string, string>[]).map((row) =>
      h(
        'li',
        null,
        fields.map((field, index) =>
          index === 0 ? h('strong', null, row[field.key] ?? '') : [': ', row[field.key] ?? ''],
        ),
      ),
    ),
  );
}

/** Renders a value for the detail view, or a dash when it is empty. */
export function displayValue(column: RegisterColumn, value: unknown, status = false): Child {
  if (isEmptyValue(value)) {
    return h('span', { class: 'muted' }, '—');
  }
  switch (column.type) {
    case 'date':
      return h('time', { datetime: String(value) }, formatDate(String(value)));
    case 'timestamp':
      return h('time', { datetime: String(value) }, formatDateTime(String(value)));
    case 'boolean':
      return value ? t('registers.yes') : t('registers.no');
    case 'enum':
      return status ? statusBadge(column, value) : optionText(column, value);
    case 'integer':
    case 'number':
      // A year is a name, not a quantity: 2026, never 2.026.
      return column.key === 'year' ? String(value) : formatNumber(Number(value));
    case 'textList':
    case 'table':
      return listValue(column, value);
    default:
      return String(value);
  }
}

/** Maximum length of a text in a list cell, beyond which it is cut with an ellipsis. */
const maxListTextLength = 180;

/** Renders a value for a list cell: long texts are cut and lists are counted. */
export function cellValue(column: RegisterColumn, value: unknown, status = false): Child {
  if (column.type === 'longText' && typeof value === 'string' && value.length > maxListTextLength) {
    return `${value.slice(0, maxListTextLength).trimEnd()}…`;
  }
  if ((column.type === 'textList' || column.type === 'table') && Array.isArray(value)) {
    return value.length ? t('registers.items', { count: value.length }) : '';
  }
  return displayValue(column, value, status);
}

/** Returns the column whose value names a record in lists and headings. */
export function primaryColumn(definition: RegisterDefinition): RegisterColumn | undefined {
  return definition.columns.find((column) => column.type === 'text' || column.type === 'longText');
}

/** Returns true when the record's status lets the user edit its content. */
export function canEdit(definition: RegisterDefinition, record: RegisterRecord): boolean {
  return definition.permissions.edit && !record.locked;
}
