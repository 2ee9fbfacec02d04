/**
 * The unit whose data the web client reads, when the user reads more than one unit, such as an
 * auditor of a supervising agency. `request` sends its id in the `x-eiso-unit` header, and the
 * server then serves that unit read-only. The choice lasts for the browser tab (sessionStorage)
 * and belongs to one user, so another login in the same tab starts in its own unit.
 *
 * NOTE: plain links, such as the PDF extracts of a register, and the notification stream send no
 * header, so they serve the user's own unit whatever the choice.
 */

/** Header that names the unit a request reads; the server's read-only plugin defines it. */
export const unitHeader = 'x-eiso-unit';

/** A unit that the user may read, as `GET /api/readable-units` returns it. */
export interface ReadableUnit {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  /** True for the user's own unit. */
  own: boolean;
}

const storageKey = 'eiso.readingUnit';

interface StoredChoice {
  username: string;
  unitId: string;
}

let current: StoredChoice | null = null;

function readStorage(): StoredChoice | null {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { username, unitId } = value as Partial<StoredChoice>;
    return typeof username === 'string' && typeof unitId === 'string' ? { username, unitId } : null;
  } catch {
    // Storage may be disabled or hold text that another version wrote.
    return null;
  }
}

/** Restores the tab's choice for `username`, and drops a choice that another user made. */
export function restoreReadingUnit(username: string): void {
  const stored = readStorage();
  current = stored?.username === username ? stored : null;
}

/** Chooses the unit to read, or the user's own unit with null. */
export function chooseReadingUnit(username: string, unitId: string | null): void {
  current = unitId === null ? null : { username, unitId };
  try {
    if (current) sessionStorage.setItem(storageKey, JSON.stringify(current));
    else sessionStorage.removeItem(storageKey);
  } catch {
    // Without storage the choice lasts until the page reloads.
  }
}

/** Returns the id of the chosen unit, or null while the user reads their own unit. */
export function readingUnitId(): string | null {
  return current?.unitId ?? null;
}
