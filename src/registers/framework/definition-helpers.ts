import type {
  ColumnDefinition,
  EnumOption,
  JsonSchema,
  Label,
  RegisterAccess,
  RegisterLifecycle,
  SubfieldDefinition,
} from './register-definition.js';

// A required text must contain a character other than white space, so "   " is rejected.
const nonBlank = '\\S';

/** Schema of a required single-line or multi-line text. */
export function requiredText(maxLength: number): JsonSchema {
  return { type: 'string', minLength: 1, maxLength, pattern: nonBlank };
}

/** Schema of an optional text, which `null` clears. */
export function optionalText(maxLength: number): JsonSchema {
  return { type: ['string', 'null'], maxLength };
}

/** Schema of a required `YYYY-MM-DD` date. */
export function requiredDate(): JsonSchema {
  return { type: 'string', format: 'date' };
}

/** Schema of an optional `YYYY-MM-DD` date, which `null` clears. */
export function optionalDate(): JsonSchema {
  return { type: ['string', 'null'], format: 'date' };
}

/** Schema of one of the values of `options`. */
export function enumOf(options: EnumOption[]): JsonSchema {
  return { type: 'string', enum: options.map((option) => option.value) };
}

/** Schema of a list of non-blank texts. */
export function textList(minItems: number, maxItems: number, maxLength: number): JsonSchema {
  return { type: 'array', minItems, maxItems, items: requiredText(maxLength) };
}

/** Schema of a list of objects whose fields are all required texts. */
export function tableOf(fields: SubfieldDefinition[], maxItems: number): JsonSchema {
  return {
    type: 'array',
    maxItems,
    items: {
      type: 'object',
      additionalProperties: false,
      required: fields.map((field) => field.key),
      properties: Object.fromEntries(
        fields.map((field) => [field.key, requiredText(field.type === 'text' ? 500 : 4000)]),
      ),
    },
  };
}

/** Schema of a whole record: no property beyond `properties`. */
export function recordSchema(required: string[], properties: Record<string, JsonSchema>) {
  return { type: 'object', additionalProperties: false, required, properties };
}

/** The ISO secretary keeps the registers and the board approves them. */
export const secretaryWritesBoardApproves: RegisterAccess = {
  write: ['iso-secretary', 'board'],
  approve: ['board'],
};

/** Returns the draft, approved, archived lifecycle, with the status in the `status` column. */
export function standardLifecycle(singleApproved = false): RegisterLifecycle {
  return {
    statusColumn: 'status',
    initialStatus: 'draft',
    approvedStatus: 'approved',
    archivedStatus: 'archived',
    singleApproved,
  };
}

/**
 * Returns the options of the standard lifecycle. The label of `approved` may differ, such as
 * "current" for a policy.
 */
export function statusOptions(approved?: Label): EnumOption[] {
  return [
    { value: 'draft', label: { vi: 'Dự thảo', en: 'Draft' } },
    { value: 'approved', label: approved ?? { vi: 'Đã phê duyệt', en: 'Approved' } },
    { value: 'archived', label: { vi: 'Lưu trữ', en: 'Archived' } },
  ];
}

/** Returns the status column of the standard lifecycle. */
export function statusColumn(options: EnumOption[]): ColumnDefinition {
  return {
    key: 'status',
    column: 'status',
    type: 'enum',
    label: { vi: 'Trạng thái', en: 'Status' },
    options,
    sortable: true,
    width: 14,
  };
}

/**
 * Columns that the framework writes on every editable register: who approved and when, who
 * created and last changed the record. Every editable register's table has them.
 */
export function systemColumns(): ColumnDefinition[] {
  const hidden = { readOnly: true, inList: false } as const;
  return [
    {
      key: 'approvedByName',
      column: 'approved_by_name',
      type: 'text',
      label: { vi: 'Người phê duyệt', en: 'Approved by' },
      readOnly: true,
      inList: false,
      width: 22,
    },
    {
      key: 'approvedAt',
      column: 'approved_at',
      type: 'timestamp',
      label: { vi: 'Thời điểm phê duyệt', en: 'Approved at' },
      readOnly: true,
      inList: false,
      sortable: true,
      width: 18,
    },
    {
      key: 'createdBy',
      column: 'created_by',
      type: 'text',
      label: { vi: 'Người tạo', en: 'Created by' },
      ...hidden,
      inExport: false,
    },
    {
      key: 'createdAt',
      column: 'created_at',
      type: 'timestamp',
      label: { vi: 'Ngày tạo', en: 'Created at' },
      ...hidden,
      inExport: false,
      sortable: true,
    },
    {
      key: 'updatedBy',
      column: 'updated_by',
      type: 'text',
      label: { vi: 'Người cập nhật', en: 'Updated by' },
      ...hidden,
      inExport: false,
    },
    {
      key: 'updatedAt',
      column: 'updated_at',
      type: 'timestamp',
      label: { vi: 'Cập nhật lần cuối', en: 'Last updated' },
      ...hidden,
      width: 18,
      sortable: true,
    },
  ];
}
