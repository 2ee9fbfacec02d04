import type { Knex } from 'knex';
import { EisoError, type LocalizedText } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import { groupsByCode } from '../identity/unit-groups.js';
import { procedureModule } from '../procedures/index.js';

// A procedure without a module (deployed by the unit itself) may be started by
// the ISO secretary and the board.
const defaultStarterGroups = ['iso-secretary', 'board'];

/** Returns the groups whose members may start the procedure, or `everyone`. */
export function starterGroupsOf(bpmnProcessId: string): string[] | 'everyone' {
  return procedureModule(bpmnProcessId)?.starterGroups ?? defaultStarterGroups;
}

/** True when the user belongs to a group that may start the procedure. */
export function mayStart(principal: Principal, bpmnProcessId: string): boolean {
  const groups = starterGroupsOf(bpmnProcessId);
  return groups === 'everyone' || groups.some((group) => principal.groups.includes(group));
}

/**
 * Returns the display name of a procedure in each language: its module's title, else the name of
 * its latest deployed version in the unit, else its BPMN process id.
 */
export async function procedureTitle(
  db: Knex | Knex.Transaction,
  unitId: string,
  bpmnProcessId: string,
): Promise<LocalizedText> {
  const title = procedureModule(bpmnProcessId)?.title;
  if (title) return title;
  const row = await db('process_definitions')
    .where({ unit_id: unitId, bpmn_process_id: bpmnProcessId })
    .orderBy('version', 'desc')
    .first('name');
  const name = (row?.name as string | null | undefined) || bpmnProcessId;
  return { vi: name, en: name };
}

/** Throws 403 unless the user may start the procedure, naming the groups that may. */
export async function assertMayStart(
  db: Knex,
  principal: Principal,
  bpmnProcessId: string,
): Promise<void> {
  if (mayStart(principal, bpmnProcessId)) return;

  const codes = starterGroupsOf(bpmnProcessId) as string[];
  const known = (await groupsByCode(db, [principal.unitId], codes)).get(principal.unitId);
  const names = codes.map((code) => known?.get(code));
  const vi = names.map((group, index) => group?.name ?? codes[index]);
  const en = names.map((group, index) => group?.nameEn ?? group?.name ?? codes[index]);
  const title = await procedureTitle(db, principal.unitId, bpmnProcessId);
  throw new EisoError('EISO_ERR_FORBIDDEN', {
    vi: `Chỉ thành viên của ${vi.join(', ')} được khởi động quy trình "${title.vi}". Hãy nhờ một người trong các nhóm đó khởi động.`,
    en: `Only members of ${en.join(', ')} may start procedure "${title.en}". Ask someone in those groups to start it.`,
  });
}
