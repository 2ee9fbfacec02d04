import type { Knex } from 'knex';
import { procedureModules } from '../procedures/index.js';
import type { DemoAgencyContext } from '../procedures/procedure-module.js';
import type { AgencySpec, SeededAgency } from './demo-agency.js';
import { seedDemoOversight } from './demo-oversight.js';

/**
 * Writes the sample records of every procedure's registers for a seeded demo agency, in one
 * transaction, so that a new user opens registers that already show a year of work. It also adds
 * the demo's internal auditor and supervising agency.
 */
export async function seedDemoRecords(
  db: Knex,
  spec: AgencySpec,
  seeded: SeededAgency,
  now: Date,
): Promise<void> {
  const agency: DemoAgencyContext = {
    unitId: seeded.unitId,
    departmentIds: seeded.departmentIds,
    secretary: spec.secretary.username,
    director: { username: spec.director.username, displayName: spec.director.displayName },
    heads: Object.fromEntries(
      spec.departments.map((department) => [
        department.code,
        { username: department.head.username, displayName: department.head.displayName },
      ]),
    ),
    now,
  };
  await db.transaction(async (trx) => {
    for (const module of procedureModules) await module.seedDemo?.(trx, agency);
    await seedDemoOversight(trx, seeded);
  });
}
