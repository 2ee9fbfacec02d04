import type { Knex } from 'knex';
import { EisoError, notFound } from '../../errors.js';
import type { ListQuery } from './list-query.js';
import { findRecord, listRecords, unitName, type RegisterRecord } from './record-store.js';
import type { RegisterExport } from './register-export.js';
import type { Language, RegisterDefinition } from './register-definition.js';

/** Largest number of records that one Excel export writes. */
export const maxExportRecords = 10_000;

/** Reads one page of a unit's register with the query's filters and sort. */
export function readRegisterPage(
  db: Knex,
  definition: RegisterDefinition,
  unitId: string,
  query: ListQuery,
): Promise<{ records: RegisterRecord[]; total: number }> {
  return listRecords(db, definition, unitId, query);
}

/** Reads one record of the unit; another unit's record is not found (404), like a missing one. */
export async function readRegisterRecord(
  db: Knex,
  definition: RegisterDefinition,
  unitId: string,
  id: string,
): Promise<RegisterRecord> {
  const record = await findRecord(db, definition, unitId, id);
  if (!record) throw notFound('Record', `${definition.name}/${id}`);
  return record;
}

/**
 * Reads every record that the query's filters match, in its sort, with the agency's name, for
 * an Excel export. More than `maxExportRecords` records are rejected, so the user narrows the
 * filters instead of receiving a file cut short without notice.
 */
export async function readRegisterExport(
  trx: Knex.Transaction,
  definition: RegisterDefinition,
  unitId: string,
  query: ListQuery,
  language: Language,
  exportedAt: Date,
): Promise<RegisterExport> {
  const { records, total } = await listRecords(trx, definition, unitId, query, {
    limit: maxExportRecords + 1,
    offset: 0,
  });
  if (total > maxExportRecords) {
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      `The export of register ${definition.name} would have ${total} records, more than the maximum of ${maxExportRecords}; add filters and export again.`,
    );
  }
  const agencyName = await unitName(trx, unitId, language);
  return { agencyName, records, query, exportedAt, language };
}
