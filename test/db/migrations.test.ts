import { describe, expect, it } from 'vitest';
import { migrateDownAll, migrateToLatest } from '../../src/db/migrate.js';
import { createTestDatabase } from '../helpers/test-app.js';

async function tableNames(
  db: Awaited<ReturnType<typeof createTestDatabase>>['db'],
): Promise<string[]> {
  const result = await db.raw(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT LIKE 'knex_%' ORDER BY table_name`,
  );
  return result.rows.map((row: { table_name: string }) => row.table_name);
}

describe('migrations', () => {
  it('run up, down and up again', async () => {
    const database = await createTestDatabase({ empty: true });
    try {
      await migrateToLatest(database.db);
      const created = await tableNames(database.db);

      await migrateDownAll(database.db);
      const afterDown = await tableNames(database.db);
      await migrateToLatest(database.db);

      expect(created).toContain('process_instances');
      expect(created).toContain('history_events');
      expect(afterDown).toEqual([]);
      expect(await tableNames(database.db)).toEqual(created);
    } finally {
      await database.drop();
    }
  });
});
