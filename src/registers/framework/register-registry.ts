import { EisoError, notFound } from '../../errors.js';
import type { Principal } from '../../identity/principal.js';
import { isReadOnlyPrincipal } from '../../history/instance-access.js';
import type { ColumnDefinition, JsonSchema, RegisterDefinition } from './register-definition.js';

/** Permissions of a principal in one register. */
export interface RegisterPermissions {
  read: boolean;
  create: boolean;
  edit: boolean;
  approve: boolean;
}

function inAnyGroup(principal: Principal, groups: string[]): boolean {
  return groups.some((group) => principal.groups.includes(group));
}

/** Returns what the principal may do in `definition`. */
export function permissionsOf(
  principal: Principal,
  definition: RegisterDefinition,
): RegisterPermissions {
  const { access } = definition;
  const read = access.read === undefined || inAnyGroup(principal, access.read);
  const writable =
    read &&
    definition.schema !== undefined &&
    !isReadOnlyPrincipal(principal) &&
    inAnyGroup(principal, access.write);
  return {
    read,
    create: writable,
    edit: writable,
    approve: writable && inAnyGroup(principal, access.approve),
  };
}

/** Throws 403 unless the principal may create and edit records of `definition`. */
export function assertMayWrite(principal: Principal, definition: RegisterDefinition): void {
  if (permissionsOf(principal, definition).create) return;
  if (!definition.schema) {
    throw new EisoError(
      'EISO_ERR_FORBIDDEN',
      `Register ${definition.name} is read-only here: its procedure writes the records.`,
    );
  }
  throw new EisoError(
    'EISO_ERR_FORBIDDEN',
    `Only the groups ${definition.access.write.join(', ')} may create or edit records of register ${definition.name}.`,
  );
}

/** Returns the keys of the columns that a create or update request may set. */
export function editableColumns(definition: RegisterDefinition): ColumnDefinition[] {
  return definition.columns.filter((column) => !column.readOnly && !column.expression);
}

/** The registers that the app serves, by name. */
export class RegisterRegistry {
  private readonly definitions = new Map<string, RegisterDefinition>();

  /** Adds a definition after checking that its columns, schema, filters and sort agree. */
  add(definition: RegisterDefinition): this {
    if (this.definitions.has(definition.name))
      throw new Error(`Register ${definition.name} is defined twice.`);
    checkDefinition(definition);
    this.definitions.set(definition.name, definition);
    return this;
  }

  /** Returns every definition in the order they were added. */
  all(): RegisterDefinition[] {
    return [...this.definitions.values()];
  }

  /** Returns the definitions that the principal may read. */
  visibleTo(principal: Principal): RegisterDefinition[] {
    return this.all().filter((definition) => permissionsOf(principal, definition).read);
  }

  /** Returns a register that the principal may read; an unknown or hidden one is not found (404). */
  get(principal: Principal, name: string): RegisterDefinition {
    const definition = this.definitions.get(name);
    if (!definition || !permissionsOf(principal, definition).read) throw notFound('Register', name);
    return definition;
  }
}

function schemaProperties(schema: JsonSchema): Record<string, JsonSchema> {
  return (schema.properties ?? {}) as Record<string, JsonSchema>;
}

// A mismatch between the schema and the columns would let a request set a column that forms and
// exports do not show, or show a field that no request can set, so it stops the app at start.
function checkDefinition(definition: RegisterDefinition): void {
  const fail = (problem: string): never => {
    throw new Error(`Register ${definition.name}: ${problem}`);
  };
  const keys = new Set(definition.columns.map((column) => column.key));
  if (keys.size !== definition.columns.length) fail('two columns have the same key.');

  for (const column of definition.columns) {
    if (column.type === 'enum' && !column.options?.length)
      fail(`enum column ${column.key} has no options.`);
    if (column.type === 'table' && !column.fields?.length)
      fail(`table column ${column.key} has no fields.`);
  }
  for (const filter of definition.filters) {
    const validCount =
      filter.kind === 'search' ? filter.columns.length >= 1 : filter.columns.length === 1;
    if (!validCount) fail(`filter ${filter.key} has the wrong number of columns.`);
    for (const key of filter.columns)
      if (!keys.has(key)) fail(`filter ${filter.key} names unknown column ${key}.`);
  }
  const sorted = definition.columns.find((column) => column.key === definition.defaultSort.column);
  if (!sorted?.sortable)
    fail(`default sort column ${definition.defaultSort.column} is not sortable.`);

  if (definition.schema) checkSchema(definition, definition.schema, fail);
  else if (definition.lifecycle) fail('a lifecycle needs a schema.');
}

function checkSchema(
  definition: RegisterDefinition,
  schema: JsonSchema,
  fail: (problem: string) => never,
): void {
  const properties = schemaProperties(schema);
  const editable = editableColumns(definition).map((column) => column.key);
  for (const key of Object.keys(properties))
    if (!editable.includes(key)) fail(`schema property ${key} is not an editable column.`);
  for (const key of editable)
    if (!(key in properties)) fail(`editable column ${key} is missing from the schema.`);
  if (schema.additionalProperties !== false)
    fail('the schema must set additionalProperties false.');

  for (const column of definition.columns.filter((entry) => entry.type === 'enum')) {
    const allowed = properties[column.key]?.enum as string[] | undefined;
    const options = column.options?.map((option) => option.value) ?? [];
    if (allowed && allowed.join() !== options.join())
      fail(`the schema enum of ${column.key} differs from its options.`);
  }
  const lifecycle = definition.lifecycle;
  if (!lifecycle) fail('an editable register needs a lifecycle.');
  const status = definition.columns.find((column) => column.key === lifecycle.statusColumn);
  const values = status?.options?.map((option) => option.value) ?? [];
  for (const value of [lifecycle.initialStatus, lifecycle.approvedStatus, lifecycle.archivedStatus])
    if (!values.includes(value))
      fail(`status ${value} is not an option of ${lifecycle.statusColumn}.`);
}
