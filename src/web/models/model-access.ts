import type { Session } from '../core/types.js';
import { isReadOnly } from '../core/read-only.js';

/** Groups that adapt the unit's procedures and forms: the ISO secretary and the board. */
export const modelEditorGroups = ['iso-secretary', 'board'];

/** Returns true when the user may open the models list and the editors. */
export function mayEditModels(session: Session): boolean {
  if (isReadOnly(session)) return false;
  return session.user.groups.some((group) => modelEditorGroups.includes(group.code));
}
