import type {
  ColumnDefinition,
  EnumOption,
  Label,
} from '../../registers/framework/register-definition.js';

/** Kinds of controlled document. A form (biểu mẫu) belongs to the procedure its code names. */
export const documentTypeOptions: EnumOption[] = [
  { value: 'manual', label: { vi: 'Sổ tay chất lượng', en: 'Quality manual' } },
  { value: 'procedure', label: { vi: 'Quy trình', en: 'Procedure' } },
  { value: 'guide', label: { vi: 'Hướng dẫn', en: 'Guide' } },
  { value: 'form', label: { vi: 'Biểu mẫu', en: 'Form' } },
  { value: 'external', label: { vi: 'Tài liệu bên ngoài', en: 'External document' } },
];

/**
 * Statuses of one issue of a document. Drafting, review and approval run in the procedure;
 * `cancelled` marks a draft whose procedure instance ended before approval.
 */
export const versionStatusOptions: EnumOption[] = [
  { value: 'draft', label: { vi: 'Dự thảo', en: 'Draft' } },
  { value: 'in-review', label: { vi: 'Đang xem xét', en: 'In review' } },
  { value: 'pending-approval', label: { vi: 'Chờ phê duyệt', en: 'Pending approval' } },
  { value: 'issued', label: { vi: 'Đang ban hành', en: 'Issued' } },
  { value: 'obsolete', label: { vi: 'Hết hiệu lực', en: 'Obsolete' } },
  { value: 'withdrawn', label: { vi: 'Đã hủy bỏ', en: 'Withdrawn' } },
  { value: 'cancelled', label: { vi: 'Dự thảo bị hủy', en: 'Cancelled draft' } },
];

/** What a change does to a document: issue a new one, revise the current issue, or withdraw it. */
export const changeTypeOptions: EnumOption[] = [
  { value: 'new', label: { vi: 'Ban hành mới', en: 'New document' } },
  { value: 'revision', label: { vi: 'Sửa đổi, bổ sung', en: 'Revision' } },
  { value: 'withdrawal', label: { vi: 'Hủy bỏ', en: 'Withdrawal' } },
];

/** How long a document is kept after it stops being current, as ISO 8601 durations. */
export const retentionPeriodOptions: EnumOption[] = [
  { value: 'P1Y', label: { vi: '01 năm', en: '1 year' } },
  { value: 'P2Y', label: { vi: '02 năm', en: '2 years' } },
  { value: 'P3Y', label: { vi: '03 năm', en: '3 years' } },
  { value: 'P5Y', label: { vi: '05 năm', en: '5 years' } },
  { value: 'P10Y', label: { vi: '10 năm', en: '10 years' } },
  { value: 'P20Y', label: { vi: '20 năm', en: '20 years' } },
  { value: 'permanent', label: { vi: 'Vĩnh viễn', en: 'Permanent' } },
];

/** Kinds of external (legal) document. */
export const externalKindOptions: EnumOption[] = [
  { value: 'law', label: { vi: 'Luật', en: 'Law' } },
  { value: 'decree', label: { vi: 'Nghị định', en: 'Decree' } },
  { value: 'decision', label: { vi: 'Quyết định', en: 'Decision' } },
  { value: 'circular', label: { vi: 'Thông tư', en: 'Circular' } },
  { value: 'standard', label: { vi: 'Tiêu chuẩn', en: 'Standard' } },
  { value: 'other', label: { vi: 'Văn bản khác', en: 'Other' } },
];

/**
 * Whether the agency applies an external document. The values are those of the register
 * framework's lifecycle: confirming a document puts it in use, archiving marks it no longer in
 * force.
 */
export const externalStatusOptions: EnumOption[] = [
  { value: 'draft', label: { vi: 'Chờ xác nhận', en: 'To be confirmed' } },
  { value: 'approved', label: { vi: 'Đang áp dụng', en: 'In use' } },
  { value: 'archived', label: { vi: 'Hết hiệu lực', en: 'No longer in force' } },
];

/** Pattern of a document code such as `QT-01`, `QT-HT-01` or `BM-QT01-02`. */
export const documentCodePattern = '^[A-Z0-9]+([.-][A-Z0-9]+)*$';

/** Longest document code, in characters. */
export const maxDocumentCodeLength = 40;

/** Returns the label of `value` among `options`, or the value itself when it is not one. */
export function optionLabel(options: EnumOption[], value: string, language: keyof Label): string {
  return options.find((option) => option.value === value)?.label[language] ?? value;
}

/**
 * Returns the columns that name who drafted, reviewed and approved a change, the three
 * signatures of a controlled document. The approver is shown in lists.
 */
export function signerColumns(): ColumnDefinition[] {
  const signer = (key: string, column: string, label: Label, inList: boolean) =>
    ({ key, column, type: 'text', label, inList, width: 22 }) as const;
  return [
    signer('draftedByName', 'drafted_by_name', { vi: 'Người soạn thảo', en: 'Drafted by' }, false),
    signer('reviewedByName', 'reviewed_by_name', { vi: 'Người xem xét', en: 'Reviewed by' }, false),
    signer(
      'approvedByName',
      'approved_by_name',
      { vi: 'Người phê duyệt', en: 'Approved by' },
      true,
    ),
  ];
}
