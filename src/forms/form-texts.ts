/**
 * English texts of form-js schemas, applied by both the browser, which bundles them, and the
 * server, which reads them from disk. Each procedure keeps them in
 * `src/web/i18n/forms/<procedure>.en.json`, keyed by form id and then by field key, path or id.
 */

/** English texts of one form field: a bare string is the label. */
export type FieldTexts =
  | string
  | {
      label?: string;
      dateLabel?: string;
      timeLabel?: string;
      description?: string;
      text?: string;
      /** Option labels by option value, for radio, select and checklist fields. */
      values?: Record<string, string>;
      /** Column labels by column key, for tables. */
      columns?: Record<string, string>;
    };

/** English texts of one form's fields, by field key, path or id. */
export type FormTexts = Record<string, FieldTexts>;

/** English texts of every form, by form id. */
export type FormTextCatalog = Record<string, FormTexts>;

/** A form-js schema as stored: any JSON object, read defensively. */
export type FormSchemaJson = Record<string, unknown>;

interface SchemaComponent {
  id?: string;
  key?: string;
  path?: string;
  label?: string;
  dateLabel?: string;
  timeLabel?: string;
  description?: string;
  text?: string;
  values?: { label: string; value: unknown }[];
  columns?: { label: string; key: string }[];
  components?: SchemaComponent[];
}

const textProperties = ['label', 'dateLabel', 'timeLabel', 'description', 'text'] as const;

function relabel<T extends { label: string }>(
  items: T[] | undefined,
  labels: Record<string, string>,
  keyOf: (item: T) => string,
): T[] | undefined {
  return items?.map((item) => {
    const label = labels[keyOf(item)];
    return label ? { ...item, label } : item;
  });
}

function applyTexts(component: SchemaComponent, entry: FieldTexts): void {
  if (typeof entry === 'string') {
    component.label = entry;
    return;
  }
  for (const property of textProperties) {
    component[property] = entry[property] ?? component[property];
  }
  if (entry.values) {
    component.values = relabel(component.values, entry.values, (option) => String(option.value));
  }
  if (entry.columns) {
    component.columns = relabel(component.columns, entry.columns, (column) => column.key);
  }
}

function translateComponent(component: SchemaComponent, texts: FormTexts): void {
  const entry = [component.key, component.path, component.id]
    .map((name) => (name ? texts[name] : undefined))
    .find((candidate) => candidate !== undefined);
  if (entry !== undefined) {
    applyTexts(component, entry);
  }
  component.components?.forEach((child) => translateComponent(child, texts));
}

/**
 * Returns a copy of a form-js schema with the English texts of `catalog`, matched by form id
 * (`formId`, else the schema's own id) and then by field key, path or id. Fields missing there
 * keep the Vietnamese text of the .form file.
 */
export function translateSchema<T extends FormSchemaJson>(
  schema: T,
  formId: string | null,
  catalog: FormTextCatalog,
): T {
  const id = formId ?? (typeof schema.id === 'string' ? schema.id : '');
  const texts = catalog[id];
  if (!texts) {
    return schema;
  }
  const copy = structuredClone(schema);
  translateComponent(copy as SchemaComponent, texts);
  return copy;
}
