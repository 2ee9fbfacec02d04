import { EisoError } from '../errors.js';
import type { Principal } from '../identity/principal.js';
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

/** Throws 403 unless the user may start the procedure. */
export function assertMayStart(principal: Principal, bpmnProcessId: string): void {
  if (mayStart(principal, bpmnProcessId)) return;
  const groups = (starterGroupsOf(bpmnProcessId) as string[]).join(', ');
  throw new EisoError(
    'EISO_ERR_FORBIDDEN',
    `Only the groups ${groups} may start procedure ${bpmnProcessId}.`,
  );
}
