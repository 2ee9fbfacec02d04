import type { Knex } from 'knex';
import type { ListQuery } from './list-query.js';
import type { ColumnDefinition, RegisterDefinition } from './register-definition.js';

/** A record of a register: its id and its values by column key, in their API form. */
export interface RegisterRecord {
  id: string;
  values: Record<string, unknown>;
}

type Database = Knex | Knex.Transaction;

function qualified(definition: RegisterDefinition, column: ColumnDefinition): string {
  return `${definition.table}.${column.column}`;
}

// Dates are read as text, because pg turns a `date` into a Date at local midnight and PGlite at
// UTC midnight, and either would shift the day in some time zone.
function selection(db: Database, definition: RegisterDefinition): (string | Knex.Raw)[] {
  const columns = definition.columns.map((column) => {
    if (column.expression) return db.raw(`(${column.expression}) as ??`, [column.column]);
    if (column.type === 'date')
      return db.raw('??::text as ??', [qualified(definition, column), column.column]);
    return qualified(definition, column);
  });
  return [`${definition.table}.id`, ...columns];
}

function fromDatabase(column: ColumnDefinition, value: unknown): unknown {
  if (value === null || value === undefined) {
    if (column.type === 'textList' || column.type === 'table') return [];
    return null;
  }
  switch (column.type) {
    case 'integer':
    case 'number':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'timestamp':
      return new Date(value as string | Date).toISOString();
    case 'textList':
    case 'table':
      return typeof value === 'string' ? JSON.parse(value) : value;
    default:
      return value;
  }
}

function toRecord(definition: RegisterDefinition, row: Record<string, unknown>): RegisterRecord {
  const values: Record<string, unknown> = {};
  for (const column of definition.columns)
    values[column.key] = fromDatabase(column, row[column.column]);
  return { id: String(row.id), values };
}

/** Converts values by column key into a row of the register's table. */
export function toRow(
  definition: RegisterDefinition,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const column = definition.columns.find((entry) => entry.key === key);
    if (!column) continue;
    // pg would send a JavaScript array as a PostgreSQL array, so jsonb columns get JSON text.
    const json = column.type === 'textList' || column.type === 'table';
    row[column.column] = json ? JSON.stringify(value ?? []) : value;
  }
  return row;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

// A computed column has no column of the table to compare, so a filter compares its expression.
function filterOperand(
  definition: RegisterDefinition,
  column: ColumnDefinition,
): { sql: string; bindings: string[] } {
  if (column.expression) return { sql: `(${column.expression})`, bindings: [] };
  return { sql: '??', bindings: [qualified(definition, column)] };
}

function applyFilters(
  builder: Knex.QueryBuilder,
  definition: RegisterDefinition,
  filters: ListQuery['filters'],
): void {
  const operandOf = (key: string) =>
    filterOperand(
      definition,
      definition.columns.find((column) => column.key === key) as ColumnDefinition,
    );
  const operators = { equals: '=', from: '>=', to: '<=' } as const;
  for (const filter of definition.filters) {
    const value = filters[filter.key];
    if (value === undefined) continue;
    if (filter.kind !== 'search') {
      const { sql, bindings } = operandOf(filter.columns[0]);
      builder.whereRaw(`${sql} ${operators[filter.kind]} ?`, [...bindings, value]);
      continue;
    }
    const pattern = `%${escapeLike(String(value))}%`;
    builder.where((inner) => {
      for (const key of filter.columns) {
        const { sql, bindings } = operandOf(key);
        inner.orWhereRaw(`eiso_fold(${sql}::text) LIKE eiso_fold(?)`, [...bindings, pattern]);
      }
    });
  }
}

function sortExpression(definition: RegisterDefinition, key: string): string {
  const column = definition.columns.find((entry) => entry.key === key) as ColumnDefinition;
  // A computed column is sorted by its output name, which PostgreSQL resolves in ORDER BY.
  return column.expression ? column.column : qualified(definition, column);
}

/**
 * Lists a unit's records with the query's filters and sort; `limit` and `offset` default to the
 * query's page. Returns the records and the number of records that match the filters.
 */
export async function listRecords(
  db: Database,
  definition: RegisterDefinition,
  unitId: string,
  query: ListQuery,
  window: { limit: number; offset: number } = {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  },
): Promise<{ records: RegisterRecord[]; total: number }> {
  const scoped = () =>
    db(definition.table)
      .where(`${definition.table}.unit_id`, unitId)
      .modify((builder) => applyFilters(builder, definition, query.filters));

  const [{ count }] = await scoped().count({ count: '*' });
  const rows: Record<string, unknown>[] = await scoped()
    .select(selection(db, definition))
    .orderBy(sortExpression(definition, query.sort.column), query.sort.order, 'last')
    .orderBy(`${definition.table}.id`, 'asc')
    .limit(window.limit)
    .offset(window.offset);
  return { records: rows.map((row) => toRecord(definition, row)), total: Number(count) };
}

/** Reads one record of a unit, or null when the unit has no record with this id. */
export async function findRecord(
  db: Database,
  definition: RegisterDefinition,
  unitId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<RegisterRecord | null> {
  const query = db(definition.table)
    .where({ [`${definition.table}.id`]: id, [`${definition.table}.unit_id`]: unitId })
    .first(selection(db, definition));
  const row = await (options.forUpdate ? query.forUpdate() : query);
  return row ? toRecord(definition, row) : null;
}

/** Inserts a row and returns the new record's id. */
export async function insertRow(
  trx: Knex.Transaction,
  definition: RegisterDefinition,
  row: Record<string, unknown>,
): Promise<string> {
  const [inserted] = await trx(definition.table).insert(row).returning('id');
  return String(inserted.id);
}

/** Updates one row of a unit. */
export async function updateRow(
  trx: Knex.Transaction,
  definition: RegisterDefinition,
  unitId: string,
  id: string,
  row: Record<string, unknown>,
): Promise<void> {
  await trx(definition.table).where({ id, unit_id: unitId }).update(row);
}

/** Returns the ids of a unit's records whose status is `status`, except `exceptId`. */
export async function idsWithStatus(
  trx: Knex.Transaction,
  definition: RegisterDefinition,
  unitId: string,
  statusColumn: string,
  status: string,
  exceptId: string | null,
): Promise<string[]> {
  const ids = await trx(definition.table)
    .where({ unit_id: unitId, [statusColumn]: status })
    .modify((builder) => {
      if (exceptId) builder.whereNot('id', exceptId);
    })
    .orderBy('id')
    .pluck('id');
  return ids.map(String);
}

/** Returns the name of a unit in `language`, falling back to the Vietnamese name. */
export async function unitName(db: Database, unitId: string, language: 'vi' | 'en') {
  const unit = await db('units').where({ id: unitId }).first('name', 'name_en');
  if (!unit) return '';
  return language === 'en' && unit.name_en ? (unit.name_en as string) : (unit.name as string);
}

/**
 * Takes the unit's row lock for the rest of the transaction, so that register writes of one
 * unit run one after another: their history events then chain in order, and two approvals of a
 * single-approved register cannot both win.
 */
export async function lockUnit(trx: Knex.Transaction, unitId: string): Promise<void> {
  await trx('units').where({ id: unitId }).forUpdate().first('id');
}
