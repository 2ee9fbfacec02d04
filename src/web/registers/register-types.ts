/** Shapes of the register API (`/api/registers`) as the web app reads them. */

/** A text in Vietnamese and English. */
export interface LocalizedText {
  vi: string;
  en: string;
}

export type ColumnType =
  | 'text'
  | 'longText'
  | 'integer'
  | 'number'
  | 'date'
  | 'timestamp'
  | 'boolean'
  | 'enum'
  | 'textList'
  | 'table';

export interface EnumOption {
  value: string;
  label: LocalizedText;
}

export interface Subfield {
  key: string;
  type: 'text' | 'longText';
  label: LocalizedText;
}

export interface RegisterColumn {
  key: string;
  type: ColumnType;
  label: LocalizedText;
  options: EnumOption[] | null;
  fields: Subfield[] | null;
  /** Set by the server (approval, audit), so forms do not show it. */
  readOnly: boolean;
  required: boolean;
  maxLength: number | null;
  inList: boolean;
  sortable: boolean;
}

export interface RegisterFilter {
  key: string;
  kind: 'equals' | 'search' | 'from' | 'to';
  columns: string[];
  label: LocalizedText;
}

export interface RegisterLifecycle {
  statusColumn: string;
  initialStatus: string;
  approvedStatus: string;
  archivedStatus: string;
  singleApproved: boolean;
}

export type SortOrder = 'asc' | 'desc';

export interface RegisterDefinition {
  name: string;
  clause: string;
  title: LocalizedText;
  description: LocalizedText;
  readOnly: boolean;
  columns: RegisterColumn[];
  filters: RegisterFilter[];
  defaultSort: { column: string; order: SortOrder };
  lifecycle: RegisterLifecycle | null;
  permissions: { read: boolean; create: boolean; edit: boolean; approve: boolean };
}

/** A record: its id, whether its status locks it, and its values by column key. */
export type RegisterRecord = { id: string; locked: boolean } & Record<string, unknown>;

export interface RegisterPage {
  items: RegisterRecord[];
  total: number;
  page: number;
  pageSize: number;
  sort: { column: string; order: SortOrder };
}
