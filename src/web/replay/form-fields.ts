import type { FormSchema } from '../core/types.js';
import { translateSchema } from '../forms/translate-schema.js';
import { getLanguage } from '../i18n/index.js';

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
 * Reads the labels of a form's fields by variable name, in the current language. Fields of a
 * group without a path keep their own names, so the group's fields are merged into its parent.
 */
export function fieldLabelsOf(schema: FormSchema, formId: string): Map<string, FieldLabel> {
  const localized = getLanguage() === 'en' ? translateSchema(schema, formId) : schema;
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

// A label that is a FEEL expression (`=...`) is computed from data the replay does not have.
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
