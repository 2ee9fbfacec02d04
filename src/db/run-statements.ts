import type { Knex } from 'knex';

/**
 * Runs a script of SQL statements one by one. PGlite's extended protocol takes
 * one statement per query, so migrations split their scripts here. Statements
 * are separated by a semicolon at the end of a line.
 */
export async function runStatements(knex: Knex, script: string): Promise<void> {
  const statements = script
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);

  for (const statement of statements) await knex.raw(statement);
}
