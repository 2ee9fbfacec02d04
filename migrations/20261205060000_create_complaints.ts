import type { Knex } from 'knex';
import { runStatements } from '../src/db/run-statements.js';

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, `SELECT 1;`);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, `SELECT 1;`);
}
