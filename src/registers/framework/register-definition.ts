/** A language of the user interface and of exports. */
export type Language = 'vi' | 'en';

/** A text in Vietnamese and English. */
export interface Label {
  vi: string;
  en: string;
}

/**
 * Storage and display type of a column. `textList` is a list of strings and `table` a list of
 * objects with `fields`, both stored as jsonb.
 */
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

/** One allowed value of an `enum` column. */
export interface EnumOption {
  value: string;
  label: Label;
}

/** One field of the objects in a `table` column. */
export interface SubfieldDefinition {
  key: string;
  type: 'text' | 'longText';
  label: Label;
}

/** A column of a register: its API key, its database column, its type and its labels. */
export interface ColumnDefinition {
  /** Property name in the API and in the record's JSON Schema, in camelCase. */
  key: string;
  /** Column of the register's table. */
  column: string;
  type: ColumnType;
  label: Label;
  /** Allowed values of an `enum` column, in display order. */
  options?: EnumOption[];
  /** Fields of a `table` column. */
  fields?: SubfieldDefinition[];
  /**
   * SQL expression that computes the value instead of `column`, for read-only registers that
   * show a joined value. It comes from code only, never from a request.
   */
  expression?: string;
  /** Set by the system (approval, audit), so it is neither in the schema nor in forms. */
  readOnly?: boolean;
  /** Shown in the list table; defaults to true. */
  inList?: boolean;
  /** Written to the Excel export; defaults to true. */
  inExport?: boolean;
  /** The list may be sorted by this column; defaults to false. */
  sortable?: boolean;
  /** Width of the column in the Excel export, in characters. */
  width?: number;
}

/**
 * A filter of the list: `equals` compares one column with the value, `search` matches a text in
 * any of `columns` (case-insensitive), `from` and `to` bound a date column.
 */
export interface FilterDefinition {
  /** Query parameter name. */
  key: string;
  kind: 'equals' | 'search' | 'from' | 'to';
  /** Column keys: exactly one, except for `search`. */
  columns: string[];
  label: Label;
}

/** Groups of the user's unit that may read, write and approve; without `read`, every user reads. */
export interface RegisterAccess {
  read?: string[];
  /** Groups that may create records and edit drafts. */
  write: string[];
  /** Groups that may set the status to an approved or archived value. */
  approve: string[];
}

/** The lifecycle of an editable register's records. */
export interface RegisterLifecycle {
  /** Key of the enum column that contains the status. */
  statusColumn: string;
  /** Status of a new record when the request gives none. */
  initialStatus: string;
  /** Status that approves a record: it sets the approval columns. */
  approvedStatus: string;
  /** Status that retires a record. */
  archivedStatus: string;
  /**
   * Only one record of a unit may be approved at a time (the current quality policy, the current
   * scope): approving one archives the one approved before.
   */
  singleApproved?: boolean;
}

/** A JSON Schema object as ajv compiles it. */
export type JsonSchema = Record<string, unknown>;

/** The declarative description of one ISO 9001 register, from which routes, forms and exports follow. */
export interface RegisterDefinition {
  /** URL name, such as `context-issues`. */
  name: string;
  /** The ISO 9001 clause that requires the register, such as `4.1`. */
  clause: string;
  title: Label;
  description: Label;
  table: string;
  columns: ColumnDefinition[];
  filters: FilterDefinition[];
  defaultSort: { column: string; order: 'asc' | 'desc' };
  access: RegisterAccess;
  /**
   * JSON Schema of a record as the create request sends it. An update takes the same properties,
   * none of them required. Absent for read-only registers.
   */
  schema?: JsonSchema;
  /** Absent for read-only registers, which a procedure writes instead. */
  lifecycle?: RegisterLifecycle;
}

/** Picks the text of a label in `language`. */
export function labelIn(label: Label, language: Language): string {
  return label[language];
}
