import type { Principal } from '../../identity/principal.js';
import type { ListQuery } from './list-query.js';
import type { RegisterRecord } from './record-store.js';
import type { JsonSchema, RegisterDefinition } from './register-definition.js';
import { permissionsOf } from './register-registry.js';

function requiredKeys(schema: JsonSchema | undefined): string[] {
  return (schema?.required as string[] | undefined) ?? [];
}

/** Presents a register's definition with what the principal may do in it. */
export function presentDefinition(definition: RegisterDefinition, principal: Principal) {
  const required = requiredKeys(definition.schema);
  const properties = (definition.schema?.properties ?? {}) as Record<string, JsonSchema>;
  return {
    name: definition.name,
    clause: definition.clause,
    title: definition.title,
    description: definition.description,
    readOnly: definition.schema === undefined,
    columns: definition.columns.map((column) => ({
      key: column.key,
      type: column.type,
      label: column.label,
      options: column.options ?? null,
      fields: column.fields ?? null,
      readOnly: Boolean(column.readOnly || column.expression || !definition.schema),
      required: required.includes(column.key),
      maxLength: (properties[column.key]?.maxLength as number | undefined) ?? null,
      inList: column.inList ?? true,
      sortable: column.sortable ?? false,
    })),
    filters: definition.filters,
    defaultSort: definition.defaultSort,
    lifecycle: definition.lifecycle ?? null,
    access: { write: definition.access.write, approve: definition.access.approve },
    permissions: permissionsOf(principal, definition),
    schema: definition.schema ?? null,
  };
}

/** Returns true when the record's status forbids editing its content. */
export function isLockedRecord(definition: RegisterDefinition, record: RegisterRecord): boolean {
  const lifecycle = definition.lifecycle;
  if (!lifecycle) return true;
  const status = record.values[lifecycle.statusColumn];
  return status === lifecycle.approvedStatus || status === lifecycle.archivedStatus;
}

/** Presents one record: its id, its values by column key, and whether it is locked. */
export function presentRecord(definition: RegisterDefinition, record: RegisterRecord) {
  return { id: record.id, ...record.values, locked: isLockedRecord(definition, record) };
}

/** Presents one page of a list with the sort and filters that produced it. */
export function presentList(
  definition: RegisterDefinition,
  result: { records: RegisterRecord[]; total: number },
  query: ListQuery,
) {
  return {
    items: result.records.map((record) => presentRecord(definition, record)),
    total: result.total,
    page: query.page,
    pageSize: query.pageSize,
    sort: query.sort,
    filters: query.filters,
  };
}
