import type {
  ColumnDefinition,
  EnumOption,
  Label,
  RegisterDefinition,
} from '../../registers/framework/register-definition.js';
import { levelLabels, type RiskLevel } from './risk-matrix.js';

/** The four bands of the matrix as enum options. */
export const levelOptions: EnumOption[] = (Object.keys(levelLabels) as RiskLevel[]).map(
  (level) => ({ value: level, label: levelLabels[level] }),
);

/** The treatment options of ISO 9001:2015 clause 6.1.2 (note 1) that eiso records. */
export const treatmentOptions: EnumOption[] = [
  { value: 'avoid', label: { vi: 'Né tránh rủi ro', en: 'Avoid' } },
  { value: 'reduce', label: { vi: 'Giảm thiểu rủi ro', en: 'Reduce' } },
  { value: 'share', label: { vi: 'Chia sẻ rủi ro', en: 'Share' } },
  { value: 'accept', label: { vi: 'Chấp nhận rủi ro', en: 'Accept' } },
];

/** Priority classes that the secretary gives the treatment of a risk. */
export const priorityOptions: EnumOption[] = [
  { value: 'urgent', label: { vi: 'Xử lý ngay', en: 'Treat at once' } },
  { value: 'planned', label: { vi: 'Xử lý theo kế hoạch', en: 'Treat as planned' } },
  { value: 'monitor', label: { vi: 'Theo dõi', en: 'Monitor' } },
];

/** Stages of a risk in the procedure, from identification to closing. */
export const riskStatusOptions: EnumOption[] = [
  { value: 'identified', label: { vi: 'Đã nhận diện', en: 'Identified' } },
  { value: 'assessed', label: { vi: 'Đã đánh giá', en: 'Assessed' } },
  { value: 'planned', label: { vi: 'Đã lập kế hoạch xử lý', en: 'Treatment planned' } },
  { value: 'treating', label: { vi: 'Đang xử lý', en: 'Being treated' } },
  { value: 'treated', label: { vi: 'Đã thực hiện xử lý', en: 'Treated' } },
  { value: 'monitoring', label: { vi: 'Đang theo dõi', en: 'Monitored' } },
  { value: 'closed', label: { vi: 'Đã đóng', en: 'Closed' } },
];

/** Groups that may correct a risk or an opportunity outside the procedure. */
export const registerEditors = ['iso-secretary', 'board'];

/**
 * Returns the columns that both registers start with: the code, the department (its code for
 * filters and its name for reading), the process and the description of the record.
 */
export function leadingColumns(table: string, description: Label): ColumnDefinition[] {
  return [
    {
      key: 'code',
      column: 'code',
      type: 'text',
      label: { vi: 'Mã', en: 'Code' },
      sortable: true,
      width: 14,
    },
    {
      key: 'department',
      column: 'department_code',
      type: 'text',
      label: { vi: 'Mã phòng', en: 'Department code' },
      inList: false,
      sortable: true,
      width: 10,
    },
    {
      key: 'departmentName',
      column: 'department_name',
      expression: `select units.name from units where units.id = ${table}.department_id`,
      type: 'text',
      label: { vi: 'Phòng, đơn vị', en: 'Department' },
      width: 28,
    },
    {
      key: 'process',
      column: 'process',
      type: 'text',
      label: { vi: 'Quá trình', en: 'Process' },
      sortable: true,
      width: 28,
    },
    { key: 'description', column: 'description', type: 'longText', label: description, width: 48 },
  ];
}

/** Columns that both registers share after their own: owner, assessment and audit columns. */
export function trailingColumns(): ColumnDefinition[] {
  const hidden = { readOnly: true, inList: false } as const;
  return [
    {
      key: 'assessedOn',
      column: 'assessed_on',
      type: 'date',
      label: { vi: 'Ngày đánh giá', en: 'Assessed on' },
      ...hidden,
      sortable: true,
    },
    {
      key: 'assessmentKey',
      column: 'assessment_key',
      type: 'text',
      label: { vi: 'Đợt đánh giá', en: 'Assessment' },
      ...hidden,
      width: 16,
    },
    {
      key: 'sourceReference',
      column: 'source_reference',
      type: 'text',
      label: { vi: 'Phát sinh từ', en: 'Raised by' },
      ...hidden,
      width: 24,
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
      sortable: true,
      width: 18,
    },
  ];
}

const rating = (key: string, column: string, vi: string, en: string, inList = true) =>
  ({
    key,
    column,
    type: 'integer',
    label: { vi, en },
    inList,
    sortable: true,
    width: 10,
  }) satisfies ColumnDefinition;

/**
 * Clause 6.1: the risks of the agency, scored on the unit's likelihood × severity matrix before
 * and after treatment, with the treatment, its owner and the next review date. The
 * risk-management procedure writes the records; the score and the level are always computed on
 * the server from the matrix.
 */
export const risksRegister: RegisterDefinition = {
  name: 'risks',
  clause: '6.1',
  title: { vi: 'Sổ đăng ký rủi ro', en: 'Risk register' },
  description: {
    vi: 'Các rủi ro do các phòng nhận diện, được đánh giá theo ma trận khả năng xảy ra × mức độ ảnh hưởng, kèm biện pháp xử lý, người chịu trách nhiệm, mức rủi ro còn lại và ngày xem xét lại.',
    en: 'Risks identified by the departments, scored on the likelihood × severity matrix, with their treatment, owner, residual risk and next review date.',
  },
  table: 'risks',
  columns: [
    ...leadingColumns('risks', { vi: 'Rủi ro', en: 'Risk' }),
    {
      key: 'cause',
      column: 'cause',
      type: 'longText',
      label: { vi: 'Nguyên nhân', en: 'Cause' },
      inList: false,
      width: 36,
    },
    {
      key: 'consequence',
      column: 'consequence',
      type: 'longText',
      label: { vi: 'Hậu quả', en: 'Consequence' },
      inList: false,
      width: 36,
    },
    rating('likelihood', 'likelihood', 'Khả năng xảy ra', 'Likelihood'),
    rating('severity', 'severity', 'Mức độ ảnh hưởng', 'Severity'),
    rating('score', 'score', 'Điểm rủi ro', 'Score'),
    {
      key: 'level',
      column: 'level',
      type: 'enum',
      label: { vi: 'Mức rủi ro', en: 'Level' },
      options: levelOptions,
      sortable: true,
      width: 12,
    },
    {
      key: 'priority',
      column: 'priority',
      type: 'enum',
      label: { vi: 'Thứ tự ưu tiên', en: 'Priority' },
      options: priorityOptions,
      inList: false,
      sortable: true,
      width: 18,
    },
    {
      key: 'treatmentOption',
      column: 'treatment_option',
      type: 'enum',
      label: { vi: 'Phương án xử lý', en: 'Treatment option' },
      options: treatmentOptions,
      sortable: true,
      width: 18,
    },
    {
      key: 'treatmentActions',
      column: 'treatment_actions',
      type: 'longText',
      label: { vi: 'Biện pháp xử lý', en: 'Treatment actions' },
      inList: false,
      width: 48,
    },
    {
      key: 'treatmentDue',
      column: 'treatment_due',
      type: 'date',
      label: { vi: 'Thời hạn xử lý', en: 'Treatment due' },
      inList: false,
      sortable: true,
    },
    {
      key: 'owner',
      column: 'owner_name',
      type: 'text',
      label: { vi: 'Người chịu trách nhiệm', en: 'Owner' },
      sortable: true,
      width: 22,
    },
    {
      key: 'treatmentApprovedBy',
      column: 'treatment_approved_by_name',
      type: 'text',
      label: { vi: 'Lãnh đạo phê duyệt kế hoạch xử lý', en: 'Treatment approved by' },
      inList: false,
      width: 22,
    },
    {
      key: 'treatmentApprovedAt',
      column: 'treatment_approved_at',
      type: 'timestamp',
      label: { vi: 'Thời điểm phê duyệt', en: 'Approved at' },
      inList: false,
    },
    {
      key: 'implementationNote',
      column: 'implementation_note',
      type: 'longText',
      label: { vi: 'Kết quả thực hiện', en: 'Implementation' },
      inList: false,
      width: 40,
    },
    rating(
      'residualLikelihood',
      'residual_likelihood',
      'Khả năng xảy ra sau xử lý',
      'Residual likelihood',
      false,
    ),
    rating(
      'residualSeverity',
      'residual_severity',
      'Mức độ ảnh hưởng sau xử lý',
      'Residual severity',
      false,
    ),
    rating('residualScore', 'residual_score', 'Điểm sau xử lý', 'Residual score'),
    {
      key: 'residualLevel',
      column: 'residual_level',
      type: 'enum',
      label: { vi: 'Mức rủi ro còn lại', en: 'Residual level' },
      options: levelOptions,
      sortable: true,
      width: 12,
    },
    {
      key: 'reviewDate',
      column: 'review_date',
      type: 'date',
      label: { vi: 'Ngày xem xét lại', en: 'Review date' },
      sortable: true,
    },
    {
      key: 'lastReviewedOn',
      column: 'last_reviewed_on',
      type: 'date',
      label: { vi: 'Lần xem xét gần nhất', en: 'Last reviewed' },
      inList: false,
      sortable: true,
    },
    {
      key: 'reviewNote',
      column: 'review_note',
      type: 'longText',
      label: { vi: 'Nhận xét khi xem xét lại', en: 'Review note' },
      inList: false,
      width: 40,
    },
    {
      key: 'status',
      column: 'status',
      type: 'enum',
      label: { vi: 'Trạng thái', en: 'Status' },
      options: riskStatusOptions,
      sortable: true,
      width: 16,
    },
    ...trailingColumns(),
  ],
  filters: [
    {
      key: 'q',
      kind: 'search',
      columns: ['code', 'process', 'description', 'cause', 'treatmentActions'],
      label: { vi: 'Tìm kiếm', en: 'Search' },
    },
    {
      key: 'department',
      kind: 'equals',
      columns: ['department'],
      label: { vi: 'Mã phòng', en: 'Department code' },
    },
    { key: 'level', kind: 'equals', columns: ['level'], label: { vi: 'Mức rủi ro', en: 'Level' } },
    {
      key: 'residualLevel',
      kind: 'equals',
      columns: ['residualLevel'],
      label: { vi: 'Mức rủi ro còn lại', en: 'Residual level' },
    },
    {
      key: 'status',
      kind: 'equals',
      columns: ['status'],
      label: { vi: 'Trạng thái', en: 'Status' },
    },
    {
      key: 'treatmentOption',
      kind: 'equals',
      columns: ['treatmentOption'],
      label: { vi: 'Phương án xử lý', en: 'Treatment option' },
    },
    {
      key: 'likelihood',
      kind: 'equals',
      columns: ['likelihood'],
      label: { vi: 'Khả năng xảy ra', en: 'Likelihood' },
    },
    {
      key: 'severity',
      kind: 'equals',
      columns: ['severity'],
      label: { vi: 'Mức độ ảnh hưởng', en: 'Severity' },
    },
    {
      key: 'residualLikelihood',
      kind: 'equals',
      columns: ['residualLikelihood'],
      label: { vi: 'Khả năng xảy ra sau xử lý', en: 'Residual likelihood' },
    },
    {
      key: 'residualSeverity',
      kind: 'equals',
      columns: ['residualSeverity'],
      label: { vi: 'Mức độ ảnh hưởng sau xử lý', en: 'Residual severity' },
    },
    {
      key: 'reviewFrom',
      kind: 'from',
      columns: ['reviewDate'],
      label: { vi: 'Xem xét lại từ ngày', en: 'Review from' },
    },
    {
      key: 'reviewTo',
      kind: 'to',
      columns: ['reviewDate'],
      label: { vi: 'Xem xét lại đến ngày', en: 'Review until' },
    },
  ],
  defaultSort: { column: 'score', order: 'desc' },
  access: { write: [], approve: [] },
};
