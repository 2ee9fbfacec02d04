import type { Form } from '@bpmn-io/form-js';

/**
 * The parts of form-js 1.23's internal services that the task page uses. form-js publishes no
 * types for them, so these interfaces list only the members read here.
 */
export interface FieldInstance {
  id: string;
  valuePath: (string | number)[];
  indexes: Record<string, number> | null;
}

export interface FieldDefinition {
  id: string;
  type: string;
  key?: string;
  label?: string;
  /** The label of a `datetime` field's date input. */
  dateLabel?: string;
  _parent?: string;
}

interface FieldInstanceRegistry {
  getAllKeyed(): FieldInstance[];
}

interface FieldRegistry {
  get(id: string): FieldDefinition | undefined;
}

/** Returns the rendered, visible, keyed field instances of a form. */
export function fieldInstances(form: Form): FieldInstance[] {
  return form.get<FieldInstanceRegistry>('formFieldInstanceRegistry').getAllKeyed();
}

/** Returns the schema definition of a field by its id. */
export function fieldDefinition(form: Form, id: string): FieldDefinition | undefined {
  return form.get<FieldRegistry>('formFieldRegistry').get(id);
}

/** Returns the DOM id that form-js gives a field instance (its `prefixId` helper). */
export function fieldDomId(form: Form, instance: FieldInstance): string {
  const suffix = Object.values(instance.indexes ?? {})
    .map((index) => `_${index}`)
    .join('');
  return `fjs-form-${form._id}-${instance.id}${suffix}`;
}

/** Finds the input of a field instance. Date inputs add `-date` to the id and radio items `-<index>`. */
export function fieldInput(
  form: Form,
  container: Element,
  instance: FieldInstance,
): HTMLElement | null {
  const domId = fieldDomId(form, instance);
  for (const id of [domId, `${domId}-date`, `${domId}-0`]) {
    const element = container.ownerDocument.getElementById(id);
    if (element && container.contains(element)) {
      return element;
    }
  }
  return null;
}

/** Returns the error path of a field instance in the form state: the field id, then its indexes. */
export function errorPath(instance: FieldInstance): (string | number)[] {
  return [instance.id, ...Object.values(instance.indexes ?? {})];
}
