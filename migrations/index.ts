import type { Knex } from 'knex';
import * as createCoreTables from './20261204000000_create_core_tables.js';
import * as createContextRegisters from './20261204100000_create_context_registers.js';

/** The migrations in order. A landed migration is never edited: add a new one. */
export const migrations: Record<string, Knex.Migration> = {
  '20261204000000_create_core_tables': createCoreTables,
  '20261204100000_create_context_registers': createContextRegisters,
};
