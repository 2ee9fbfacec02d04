/** A field (form-js component) of a form, found by its id. */
export interface FormField {
  /** The component's `id`, else its key or path, else its position. */
  id: string;
  type: string;
  key: string | null;
  /** The text that names the field: its label, else its key, else its text's first line. */
  label: string;
  /** The own properties of the component, without its nested components. */
  properties: Record<string, unknown>;
  /** The id of the group or list that contains the field, or null at the top level. */
  parentId: string | null;
}

/** One property of a field that differs between two versions. */
export interface PropertyChange {
  property: string;
  before: unknown;
  after: unknown;
}

/** A field that both versions have, with the properties that differ. */
export interface ChangedField {
  before: FormField;
  after: FormField;
  changes: PropertyChange[];
}

/** The field-level difference of two versions of a form. */
export interface FormFieldDiff {
  added: FormField[];
  removed: FormField[];
  changed: ChangedField[];
  /** Changed properties of the form itself, such as its `name`. */
  form: PropertyChange[];
}

interface Component {
  id?: unknown;
  key?: unknown;
  path?: unknown;
  type?: unknown;
  label?: unknown;
  dateLabel?: unknown;
  text?: unknown;
  components?: unknown;
  [property: string]: unknown;
}

// The form-js editor sets these to its own version when it saves, which does not change the form.
const ignoredFormProperties = new Set(['components', 'exporter', 'schemaVersion']);

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function labelOf(component: Component, id: string): string {
  const firstLine = text(component.text)
    ?.split('\n')[0]
    ?.replace(/^#+\s*/, '')
    .trim();
  return (
    text(component.label) ??
    text(component.dateLabel) ??
    text(component.key) ??
    text(component.path) ??
    (firstLine || null) ??
    id
  );
}

/** Lists every component of a schema, nested ones after their parent, with a unique id each. */
export function formFields(schema: unknown): FormField[] {
  const fields: FormField[] = [];
  const seen = new Set<string>();
  const visit = (components: unknown, parentId: string | null) => {
    if (!Array.isArray(components)) return;
    components.forEach((entry: unknown, index) => {
      if (!entry || typeof entry !== 'object') return;
      const component = entry as Component;
      let id =
        text(component.id) ??
        text(component.key) ??
        text(component.path) ??
        `${parentId ?? ''}#${index}`;
      // Ids are unique in a valid form, but a duplicate still gets a row of its own.
      while (seen.has(id)) id = `${id}'`;
      seen.add(id);
      const { components: children, ...properties } = component;
      fields.push({
        id,
        type: text(component.type) ?? '',
        key: text(component.key),
        label: labelOf(component, id),
        properties,
        parentId,
      });
      visit(children, id);
    });
  };
  visit((schema as { components?: unknown } | null)?.components, null);
  return fields;
}

function changesBetween(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ignored: Set<string> = new Set(),
): PropertyChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return names
    .filter((name) => !ignored.has(name))
    .filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]))
    .map((property) => ({ property, before: before[property], after: after[property] }));
}

function parse(content: string | null): unknown {
  if (content === null) return null;
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return null;
  }
}

/**
 * Compares two versions of a form-js schema field by field: the fields only the new version has,
 * the ones it dropped, and for the others the properties that differ. A field moved into another
 * group shows as a change of its `parent`. `before` is null for a new form.
 */
export function diffFormFields(before: string | null, after: string): FormFieldDiff {
  const beforeSchema = parse(before);
  const afterSchema = parse(after);
  const beforeFields = formFields(beforeSchema);
  const afterFields = formFields(afterSchema);
  const beforeById = new Map(beforeFields.map((field) => [field.id, field]));
  const afterIds = new Set(afterFields.map((field) => field.id));

  const changed: ChangedField[] = [];
  for (const field of afterFields) {
    const previous = beforeById.get(field.id);
    if (!previous) continue;
    const changes = changesBetween(previous.properties, field.properties);
    if (previous.parentId !== field.parentId) {
      changes.push({ property: 'parent', before: previous.parentId, after: field.parentId });
    }
    if (changes.length > 0) changed.push({ before: previous, after: field, changes });
  }

  const asRecord = (schema: unknown) =>
    schema && typeof schema === 'object' ? (schema as Record<string, unknown>) : {};
  return {
    added: afterFields.filter((field) => !beforeById.has(field.id)),
    removed: beforeFields.filter((field) => !afterIds.has(field.id)),
    changed,
    form:
      before === null
        ? []
        : changesBetween(asRecord(beforeSchema), asRecord(afterSchema), ignoredFormProperties),
  };
}

/** True when two versions of a form have no field-level difference. */
export function isEmptyDiff(diff: FormFieldDiff): boolean {
  return (
    diff.added.length === 0 &&
    diff.removed.length === 0 &&
    diff.changed.length === 0 &&
    diff.form.length === 0
  );
}
