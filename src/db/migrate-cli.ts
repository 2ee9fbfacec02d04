import { loadConfig } from '../config.js';
import { connectDatabase } from './connect.js';
import { migrateToLatest } from './migrate.js';

// `npm run migrate`: applies the pending migrations to the configured database
// (DATABASE_URL, or the PGlite folder) without starting the service, for
// example as the table owner before the service runs under a narrower role.
const config = loadConfig();
const db = connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateToLatest(db);
  process.stdout.write('eiso: the database is up to date.\n');
} catch (error) {
  process.stderr.write(`eiso: migration failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
