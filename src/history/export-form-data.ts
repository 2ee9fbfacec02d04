import {
  fieldLabelsOf,
  fieldOrder,
  optionsOf,
  type FieldLabel,
} from '../forms/form-field-labels.js';
import { formTextCatalog } from '../forms/form-text-catalog.js';
import type { FormSchemaJson } from '../forms/form-texts.js';
import type { Language } from '../registers/framework/register-definition.js';
import { exportTexts } from './export-labels.js';
import type { SubmittedForm } from './submitted-forms.js';

const maxValueLength = 120;
// A list shows its count and its first items, so that a long list does not fill the column.
const maxListItems = 3;

/** Form labels and step variables used to label a completed task's data in the readable exports. */
export interface FormDataContext {
  language: Language;
  labels: Map<string, FieldLabel>;
  /** Variable values when the task was completed, which dynamic options are read from. */
  variables: Map<string, unknown>;
}

/** Cuts a stored value to one short line of text, as JSON unless it is a string. */
export function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return '';
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
}

/** Reads the field labels of a form that tasks were submitted with, in `language`. */
export function submittedFormLabels(
  form: SubmittedForm,
  language: Language,
): Map<string, FieldLabel> {
  return fieldLabelsOf(form.schema as FormSchemaJson, form.formId, language, formTextCatalog());
}

/**
 * Summarizes a completed user task's data as `field label: option label` pairs in the form's
 * order. Fields that the form does not know keep `variable=value`.
 */
export function formDataSummary(values: Record<string, unknown>, context: FormDataContext): string {
  return fieldsText(values, context.labels, context, '; ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldsText(
  values: Record<string, unknown>,
  labels: Map<string, FieldLabel>,
  context: FormDataContext,
  separator: string,
): string {
  return fieldOrder(values, labels)
    .map((name) => {
      const field = labels.get(name);
      if (!field) return `${name}=${shortValue(values[name])}`;
      return `${field.label}: ${valueText(values[name], field, context)}`;
    })
    .join(separator);
}

function valueText(value: unknown, field: FieldLabel, context: FormDataContext): string {
  if (field.children.size > 0 && Array.isArray(value)) return listText(value, field, context);
  if (field.children.size > 0 && isRecord(value))
    return `(${fieldsText(value, field.children, context, ', ')})`;

  const options = optionsOf(field, context.variables);
  if (options.size > 0 && Array.isArray(value)) {
    // A checklist or taglist stores the values of every chosen option.
    return value.map((item) => options.get(String(item)) ?? leafText(item, context)).join(', ');
  }
  return options.get(String(value)) ?? leafText(value, context);
}

// `2 mục: 1) Tên mục tiêu: …, Đơn vị chủ trì: Văn phòng Sở; 2) …`
function listText(items: unknown[], field: FieldLabel, context: FormDataContext): string {
  const words = exportTexts(context.language).formData;
  const count =
    items.length === 1 ? words.oneItem : words.items.replace('{count}', String(items.length));
  if (items.length === 0) return count;

  const shown = items.slice(0, maxListItems).map((item, index) => {
    const text = isRecord(item)
      ? fieldsText(item, field.children, context, ', ')
      : leafText(item, context);
    return `${index + 1}) ${text}`;
  });
  if (items.length > maxListItems) shown.push('…');
  return `${count}: ${shown.join('; ')}`;
}

function leafText(value: unknown, context: FormDataContext): string {
  const words = exportTexts(context.language).formData;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  return shortValue(value);
}
