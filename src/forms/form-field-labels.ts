/**
 * Labels of a form's fields and options, by variable name, so that a completed user task's data
 * reads as the form showed it. The replay page and the audit-trail exports both use this module,
 * so it imports nothing that needs the browser or the server.
 */
import type { LabelLanguage } from '../history/element-labels.js';
import { translateSchema, type FormSchemaJson, type FormTextCatalog } from './form-texts.js';

/** The label of one form field, its option labels and, for a list, the labels of its items. */
export interface FieldLabel {
  label: string;
  /** Option labels by option value, for select, radio, checklist and taglist fields. */
  options: Map<string, string>;
  /** The variable that contains the options of a field with dynamic options, such as `departmentOptions`. */
  optionsVariable: string | null;
  /** Labels of the fields of each item, for a dynamic list. */
  children: Map<string, FieldLabel>;
}

interface SchemaComponent {
  type?: string;
  key?: string;
  path?: string;
  label?: string;
  dateLabel?: string;
  values?: { label: string; value: unknown }[];
  valuesKey?: string;
  components?: SchemaComponent[];
}

/**
 * Reads the labels of a form's fields by variable name, in `language`, with the English texts
 * taken from `catalog` by form id. Fields of a group without a path keep their own names, so the group's
 * fields are merged into its parent.
 */
export function fieldLabelsOf(
  schema: FormSchemaJson,
  formId: string,
  language: LabelLanguage,
  catalog: FormTextCatalog,
): Map<string, FieldLabel> {
  const localized = language === 'en' ? translateSchema(schema, formId, catalog) : schema;
  return collect((localized as SchemaComponent).components ?? []);
}

function collect(components: SchemaComponent[]): Map<string, FieldLabel> {
  const labels = new Map<string, FieldLabel>();
  for (const component of components) {
    const nested = component.components ?? [];
    const name = component.key ?? component.path;
    if (!name) {
      for (const [childName, child] of collect(nested)) labels.set(childName, child);
      continue;
    }
    labels.set(name, {
      label: plainLabel(component) ?? name,
      options: new Map(
        (component.values ?? []).map((option) => [String(option.value), option.label]),
      ),
      optionsVariable: component.valuesKey ?? null,
      children: collect(nested),
    });
  }
  return labels;
}

// A label that is a FEEL expression (`=...`) is computed from data that a completed task no
// longer has.
function plainLabel(component: SchemaComponent): string | null {
  const label = component.label ?? component.dateLabel;
  return label && !label.startsWith('=') ? label : null;
}

/** Reads option labels by value from a dynamic options variable: a list of `{ label, value }`. */
export function optionLabelsOf(options: unknown): Map<string, string> {
  const labels = new Map<string, string>();
  if (!Array.isArray(options)) return labels;
  for (const option of options) {
    if (typeof option !== 'object' || option === null) continue;
    const { label, value } = option as { label?: unknown; value?: unknown };
    if (typeof label === 'string' && value !== undefined) labels.set(String(value), label);
  }
  return labels;
}

/**
 * Returns the option labels of a field: its own, or those in the variable that its `valuesKey`
 * names, read from `variables` as they were when the task was completed.
 */
export function optionsOf(
  field: FieldLabel | undefined,
  variables: Map<string, unknown>,
): Map<string, string> {
  if (!field) return new Map();
  if (field.options.size > 0 || !field.optionsVariable) return field.options;
  return optionLabelsOf(variables.get(field.optionsVariable));
}

/**
 * Orders submitted field names as the form does. The database stores the data as jsonb, which
 * sorts object keys, so the form's fields come first in the order of its schema, and names that
 * the form does not know follow.
 */
export function fieldOrder(
  values: Record<string, unknown>,
  labels: Map<string, FieldLabel>,
): string[] {
  const known = [...labels.keys()].filter((name) => Object.hasOwn(values, name));
  const unknown = Object.keys(values).filter((name) => !labels.has(name));
  return [...known, ...unknown];
}
