import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { lockDataFolder } from './data-folder-lock.js';

// Return BIGINT (int8) columns as strings: keys follow the Camunda API, which
// carries them as strings, and counts are cast explicitly where needed.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => value);

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Folder of the PGlite data; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** Schema to run in on PostgreSQL, created when missing (one per test). */
  schema?: string;
  /** A PGlite data folder saved with `dumpDataDir`, to start from instead of an empty database. */
  pgliteDump?: Blob;
}

/** Opens a knex instance on PostgreSQL when a URL is given, else on embedded PGlite. */
export function connectDatabase(options: DatabaseOptions): Knex {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options.schema);
  return connectPglite(options.dataDir ?? 'memory://', options.pgliteDump);
}

function connectPostgres(connectionString: string, schema: string | undefined): Knex {
  return knexFactory({
    client: 'pg',
    connection: { connectionString },
    searchPath: schema ? [schema, 'public'] : undefined,
    pool: {
      min: 0,
      max: 10,
      afterCreate(
        connection: pg.Client,
        done: (error: Error | null, connection: pg.Client) => void,
      ) {
        if (!schema) return done(null, connection);
        connection.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`, (error) =>
          done(error, connection),
        );
      },
    },
  });
}

function connectPglite(dataDir: string, dump: Blob | undefined): Knex {
  const folder = dataDir === 'memory://' ? undefined : path.resolve(dataDir);
  if (folder) fs.mkdirSync(folder, { recursive: true });
  const releaseFolder = folder ? lockDataFolder(folder) : () => undefined;
  let pglite: PGlite | undefined;
  const db = knexFactory({
    client: ClientPgLite,
    dialect: 'postgres',
    // PGlite serves one transaction at a time, so a query waits for the connection while another
    // request's transaction runs. Knex's default of 60 s is too short on a loaded machine.
    acquireConnectionTimeout: 300_000,
    // A PGlite of our own, so that BIGINT columns come back as strings as they do from pg. Knex
    // calls this function twice, for the driver and again for the first pooled connection, so it
    // returns one PGlite. A second one would open the data folder beside the first, run its own
    // start and crash recovery in it, and never be closed.
    connection: () => {
      pglite ??= releasingOnClose(
        new PGlite(folder, {
          parsers: { [pgliteTypes.INT8]: (value: string) => value },
          loadDataDir: dump,
        }),
        releaseFolder,
      );
      return { pglite };
    },
  } as unknown as Knex.Config);
  // Starting PGlite (a WebAssembly Postgres) can take longer than the 30 s that tarn gives a new
  // connection on a loaded machine, and knex-pglite rejects a pool configuration, so the start
  // limit is raised on the pool itself. The same goes for closing: tarn stops waiting for a
  // destroy after 5 s, and `db.destroy()` would then resolve while PGlite still writes its
  // shutdown checkpoint, so a process that exits next would leave the folder half closed.
  const pool = (
    db.client as { pool?: { createTimeoutMillis: number; destroyTimeoutMillis: number } }
  ).pool;
  if (pool) {
    pool.createTimeoutMillis = 300_000;
    pool.destroyTimeoutMillis = 300_000;
  }
  return db;
}

// Releases the data folder once PGlite has closed it, whether or not the close succeeded.
function releasingOnClose(pglite: PGlite, release: () => void): PGlite {
  const close = pglite.close.bind(pglite);
  pglite.close = async () => {
    try {
      await close();
    } finally {
      release();
    }
  };
  return pglite;
}

/** True when `db` runs on PGlite, which serves one transaction at a time. */
export function isPglite(db: Knex): boolean {
  return db.client.config.client === ClientPgLite;
}

/** Saves the data folder of a PGlite database, for `pgliteDump`. */
export function dumpPglite(db: Knex): Promise<Blob> {
  const pglite = (db.client as { pglite?: PGlite }).pglite;
  if (!pglite) throw new Error('dumpPglite needs a database on PGlite');
  return pglite.dumpDataDir('none');
}
