import type { Knex } from 'knex';
import { EisoError, notFound } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import { defaultLocale, type Locale } from '../locale.js';

/** The group of a supervising agency whose members read the units that their agency supervises. */
export const supervisingAuditorGroup = 'supervising-auditor';

/**
 * Returns true when the server refuses every change by the principal: a member of the
 * supervising-auditor group, or a user reading a unit that their agency supervises.
 */
export function isReadOnlyPrincipal(principal: Principal): boolean {
  const user = principal.home ?? principal;
  return principal.home !== undefined || user.groups.includes(supervisingAuditorGroup);
}

/**
 * The units whose instances and history a user may read. Every reader of
 * instances, history, replays and exports asks this one function, so that
 * the rule is the same on every page and API.
 *
 * Every user reads all instances of their own unit, as before supervision
 * existed. A member of the supervising-auditor group also reads the units
 * that their agency supervises directly: supervision is not transitive.
 */
export async function readableUnitIds(db: Knex, principal: Principal): Promise<string[]> {
  const user = principal.home ?? principal;
  if (!user.groups.includes(supervisingAuditorGroup)) return [user.unitId];

  const supervised: (string | number)[] = await db('unit_supervisions')
    .where({ supervisor_unit_id: user.unitId })
    .orderBy('unit_id')
    .pluck('unit_id');
  return [user.unitId, ...supervised.map(String)];
}

/** A unit that the user may read, for the unit switcher. */
export interface ReadableUnit {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  /** True for the user's own unit, false for a unit their agency supervises. */
  own: boolean;
}

/** Lists the units that the user may read, their own unit first. */
export async function readableUnits(db: Knex, principal: Principal): Promise<ReadableUnit[]> {
  const ids = await readableUnitIds(db, principal);
  const rows = await db('units').whereIn('id', ids).select('id', 'code', 'name', 'name_en');
  const homeUnitId = (principal.home ?? principal).unitId;
  return ids.flatMap((id) => {
    const row = rows.find((candidate) => String(candidate.id) === id);
    if (!row) return [];
    return [
      { id, code: row.code, name: row.name, nameEn: row.name_en ?? null, own: id === homeUnitId },
    ];
  });
}

/**
 * Returns the principal with which a request reads `unitId`: the user themselves in their own
 * unit, or a reader without groups in a unit that their agency supervises. Throws 403, with its
 * message in `locale`, when the user may not read that unit.
 */
export async function principalForUnit(
  db: Knex,
  principal: Principal,
  unitId: string,
  locale: Locale = defaultLocale,
): Promise<Principal> {
  const user = principal.home ?? principal;
  if (unitId === user.unitId) return user;

  const readable = await readableUnitIds(db, user);
  if (!readable.includes(unitId)) {
    throw new EisoError(
      'EISO_ERR_FORBIDDEN',
      locale === 'vi'
        ? `Tài khoản ${user.username} không được xem đơn vị ${unitId}: hãy chọn đơn vị của mình hoặc một đơn vị mà cơ quan mình giám sát.`
        : `Unit ${unitId} is not readable by ${user.username}: choose your own unit or a unit that your agency supervises.`,
    );
  }
  return { ...user, unitId, departmentId: null, groups: [], home: user };
}

/** Loads one instance row with its definition's name and XML, or raises 404 when the user may not read it. */
export async function loadReadableInstance(
  db: Knex,
  principal: Principal,
  key: string,
): Promise<Record<string, unknown> & { unit_id: string; xml: string }> {
  const units = await readableUnitIds(db, principal);
  const row = await db('process_instances as i')
    .join('process_definitions as d', 'd.key', 'i.process_definition_key')
    .where('i.key', key)
    .whereIn('i.unit_id', units)
    .first('i.*', 'd.name as process_name', 'd.xml');
  if (!row) throw notFound('Process instance', key);
  return row;
}
