/** The authenticated user of a request. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  title: string | null;
  unitId: string;
  departmentId: string | null;
  /** Codes of the groups the user belongs to. */
  groups: string[];
  /**
   * The user as they are in their own unit, while they read a unit that their agency supervises.
   * Then `unitId` is the supervised unit, `groups` is empty and every change is refused.
   */
  home?: Principal;
}
