import { h } from '../core/dom.js';
import { t } from '../i18n/index.js';
import { localized } from './register-format.js';
import type { EnumOption, RegisterColumn, Subfield } from './register-types.js';

/** A field's part of the request; `present: false` leaves the property out. */
export type FieldValue = { present: true; value: unknown } | { present: false };

/** One generated form field: its row, how to read it, and where its error shows. */
export interface FieldControl {
  column: RegisterColumn;
  element: HTMLElement;
  read(): FieldValue;
  showError(message: string | null): void;
  focus(): void;
}

type Input = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

let tableRowCounter = 0;

function fieldId(column: RegisterColumn): string {
  return `field-${column.key}`;
}

function labelText(column: RegisterColumn): (string | HTMLElement)[] {
  const text = localized(column.label);
  if (!column.required) {
    return [text];
  }
  return [text, ' ', h('span', { class: 'required-mark' }, `(${t('registers.form.required')})`)];
}

function textValue(column: RegisterColumn, input: Input): FieldValue {
  const value = input.value.trim();
  if (value) {
    return { present: true, value };
  }
  // An emptied optional field is cleared; an empty required one is sent so the server names it.
  return { present: true, value: column.required ? '' : null };
}

function scalarInput(column: RegisterColumn, value: unknown): Input {
  const id = fieldId(column);
  const common = { id, name: column.key, 'aria-describedby': `${id}-error` };
  const text = value === null || value === undefined ? '' : String(value);
  switch (column.type) {
    case 'longText':
      return h('textarea', { ...common, rows: 4, maxlength: column.maxLength ?? undefined }, text);
    case 'integer':
    case 'number':
      return h('input', {
        ...common,
        type: 'number',
        inputmode: column.type === 'integer' ? 'numeric' : 'decimal',
        step: column.type === 'integer' ? 1 : 'any',
        value: text,
      });
    case 'date':
      return h('input', { ...common, type: 'date', value: text });
    case 'textList':
      return h('textarea', { ...common, rows: 5 }, Array.isArray(value) ? value.join('\n') : '');
    default:
      return h('input', {
        ...common,
        type: 'text',
        maxlength: column.maxLength ?? undefined,
        value: text,
      });
  }
}

function selectInput(column: RegisterColumn, value: unknown, options: EnumOption[]): Input {
  const id = fieldId(column);
  const current = value === null || value === undefined ? '' : String(value);
  const placeholder = current
    ? []
    : [h('option', { value: '', selected: true }, t('registers.form.choose'))];
  return h(
    'select',
    { id, name: column.key, 'aria-describedby': `${id}-error` },
    placeholder,
    options.map((option) =>
      h(
        'option',
        { value: option.value, selected: option.value === current },
        localized(option.label),
      ),
    ),
  );
}

function readScalar(column: RegisterColumn, input: Input): FieldValue {
  const raw = input.value.trim();
  switch (column.type) {
    case 'integer':
    case 'number':
      return raw ? { present: true, value: Number(raw) } : { present: false };
    case 'date':
      if (raw) return { present: true, value: raw };
      return column.required ? { present: false } : { present: true, value: null };
    case 'enum':
      return raw ? { present: true, value: raw } : { present: false };
    case 'textList':
      return {
        present: true,
        value: raw
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      };
    default:
      return textValue(column, input);
  }
}

function errorLine(column: RegisterColumn): HTMLElement {
  return h('p', { class: 'field-error', id: `${fieldId(column)}-error`, hidden: true });
}

function setError(error: HTMLElement, inputs: Input[], message: string | null): void {
  error.textContent = message ?? '';
  error.hidden = !message;
  for (const input of inputs) {
    if (message) {
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
  }
}

function booleanControl(column: RegisterColumn, value: unknown): FieldControl {
  const id = fieldId(column);
  const input = h('input', {
    id,
    name: column.key,
    type: 'checkbox',
    checked: value === true,
    'aria-describedby': `${id}-error`,
  });
  const error = errorLine(column);
  const element = h(
    'div',
    { class: 'form-row form-check', 'data-field': column.key },
    h('label', { for: id }, input, ' ', localized(column.label)),
    error,
  );
  return {
    column,
    element,
    read: () => ({ present: true, value: input.checked }),
    showError: (message) => setError(error, [input], message),
    focus: () => input.focus(),
  };
}

function tableItem(column: RegisterColumn, row: Record<string, string>): HTMLLIElement {
  tableRowCounter += 1;
  const inputs = (column.fields ?? []).map((field: Subfield) => {
    const id = `field-${column.key}-${tableRowCounter}-${field.key}`;
    const value = row[field.key] ?? '';
    const input =
      field.type === 'longText'
        ? h('textarea', { id, name: field.key, rows: 2 }, value)
        : h('input', { id, name: field.key, type: 'text', value });
    return h('div', { class: 'form-row' }, h('label', { for: id }, localized(field.label)), input);
  });
  const item = h('li', { class: 'table-item' }, inputs);
  const remove = h(
    'button',
    { type: 'button', class: 'link-button', onclick: () => item.remove() },
    t('registers.form.removeRow'),
  );
  item.append(remove);
  return item;
}

function tableControl(column: RegisterColumn, value: unknown): FieldControl {
  const rows = Array.isArray(value) ? (value as Record<string, string>[]) : [];
  const list = h(
    'ol',
    { class: 'table-items' },
    rows.map((row) => tableItem(column, row)),
  );
  const error = errorLine(column);
  const add = h(
    'button',
    {
      type: 'button',
      class: 'button',
      onclick: () => {
        const item = tableItem(column, {});
        list.append(item);
        item.querySelector<HTMLElement>('input, textarea')?.focus();
      },
    },
    t('registers.form.addRow'),
  );
  const element = h(
    'fieldset',
    { class: 'form-row table-field', 'data-field': column.key },
    h('legend', null, labelText(column)),
    list,
    add,
    error,
  );
  const fields = column.fields ?? [];
  const read = (): FieldValue => {
    const items = [...list.querySelectorAll('li')].map((item) =>
      Object.fromEntries(
        fields.map((field) => {
          const input = item.querySelector<Input>(`[name="${field.key}"]`);
          return [field.key, input?.value.trim() ?? ''];
        }),
      ),
    );
    return { present: true, value: items.filter((item) => Object.values(item).some(Boolean)) };
  };
  return {
    column,
    element,
    read,
    showError: (message) =>
      setError(error, [...list.querySelectorAll<Input>('input, textarea')], message),
    focus: () => (list.querySelector<HTMLElement>('input, textarea') ?? add).focus(),
  };
}

/**
 * Builds the form field of a column from its type: text, text area, number, date, check box,
 * select, a text area with one item per line, or a list of rows. `options` restricts a select.
 */
export function fieldControl(
  column: RegisterColumn,
  value: unknown,
  options: EnumOption[] | null = column.options,
): FieldControl {
  if (column.type === 'boolean') {
    return booleanControl(column, value);
  }
  if (column.type === 'table') {
    return tableControl(column, value);
  }
  const input =
    column.type === 'enum' ? selectInput(column, value, options ?? []) : scalarInput(column, value);
  const error = errorLine(column);
  const hint =
    column.type === 'textList'
      ? h('p', { class: 'field-hint' }, t('registers.form.listHint'))
      : null;
  const element = h(
    'div',
    { class: 'form-row', 'data-field': column.key },
    h('label', { for: input.id }, labelText(column)),
    hint,
    input,
    error,
  );
  return {
    column,
    element,
    read: () => readScalar(column, input),
    showError: (message) => setError(error, [input], message),
    focus: () => input.focus(),
  };
}
