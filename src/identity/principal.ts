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
}
