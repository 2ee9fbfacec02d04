import type { Knex } from 'knex';

/** A group of a unit with its Vietnamese name and, where the unit has one, its English name. */
export interface UnitGroup {
  code: string;
  name: string;
  nameEn: string | null;
}

/** Lists the groups of a unit, ordered by name. */
export async function listUnitGroups(db: Knex, unitId: string): Promise<UnitGroup[]> {
  const rows = await db('groups')
    .where('unit_id', unitId)
    .orderBy('name')
    .orderBy('code')
    .select('code', 'name', 'name_en');
  return rows.map(presentGroup);
}

/** Returns the groups among `codes` that exist in the units, by unit id and then by code. */
export async function groupsByCode(
  db: Knex,
  unitIds: string[],
  codes: Iterable<string>,
): Promise<Map<string, Map<string, UnitGroup>>> {
  const requested = [...new Set(codes)];
  const result = new Map<string, Map<string, UnitGroup>>();
  if (requested.length === 0 || unitIds.length === 0) return result;
  const rows = await db('groups')
    .whereIn('unit_id', unitIds)
    .whereIn('code', requested)
    .select('unit_id', 'code', 'name', 'name_en');
  for (const row of rows) {
    const unitId = String(row.unit_id);
    const groups = result.get(unitId) ?? new Map<string, UnitGroup>();
    groups.set(row.code as string, presentGroup(row));
    result.set(unitId, groups);
  }
  return result;
}

function presentGroup(row: Record<string, unknown>): UnitGroup {
  return {
    code: row.code as string,
    name: row.name as string,
    nameEn: (row.name_en as string | null) ?? null,
  };
}
