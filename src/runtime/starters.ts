import { EisoError } from '../errors.js';
import type { Principal } from '../identity/principal.js';

// Which groups may start which procedure; a procedure not listed here may be
// started by the ISO secretary and the board.
const starterGroups: Record<string, string[]> = {
  'quality-objectives': ['iso-secretary'],
};

const defaultStarterGroups = ['iso-secretary', 'board'];

/** Returns the groups whose members may start the procedure. */
export function starterGroupsOf(bpmnProcessId: string): string[] {
  return starterGroups[bpmnProcessId] ?? defaultStarterGroups;
}

/** True when the user belongs to a group that may start the procedure. */
export function mayStart(principal: Principal, bpmnProcessId: string): boolean {
  return starterGroupsOf(bpmnProcessId).some((group) => principal.groups.includes(group));
}

/** Throws 403 unless the user may start the procedure. */
export function assertMayStart(principal: Principal, bpmnProcessId: string): void {
  if (mayStart(principal, bpmnProcessId)) return;
  const groups = starterGroupsOf(bpmnProcessId).join(', ');
  throw new EisoError(
    'EISO_ERR_FORBIDDEN',
    `Only the groups ${groups} may start procedure ${bpmnProcessId}.`,
  );
}
