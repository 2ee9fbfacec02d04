import type { Knex } from 'knex';
import { migrations } from '../../migrations/index.js';

/** Serves the migrations from the static list, so they load the same from `src/` and `dist/`. */
class StaticMigrationSource implements Knex.MigrationSource<string> {
  getMigrations(): Promise<string[]> {
    return Promise.resolve(Object.keys(migrations));
  }

  getMigrationName(migration: string): string {
    return migration;
  }

  getMigration(migration: string): Promise<Knex.Migration> {
    return Promise.resolve(migrations[migration]);
  }
}

const migrationConfig: Knex.MigratorConfig = {
  migrationSource: new StaticMigrationSource(),
  tableName: 'knex_migrations',
  disableTransactions: false,
};

/** Applies every pending migration, each in its own transaction. */
export async function migrateToLatest(db: Knex): Promise<void> {
  await db.migrate.latest(migrationConfig);
}

/** Reverts every applied migration, newest first. */
export async function migrateDownAll(db: Knex): Promise<void> {
  await db.migrate.rollback(migrationConfig, true);
}
