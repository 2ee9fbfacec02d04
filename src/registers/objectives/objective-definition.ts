import type { RegisterDefinition } from '../framework/register-definition.js';

/**
 * Clause 6.2: the quality objectives, read-only here because the quality-objectives procedure
 * writes them (drafting, approval, dissemination). The objectives page shows the approvals and
 * acknowledgements beside them.
 */
export const objectivesRegister: RegisterDefinition = {
  name: 'objectives',
  clause: '6.2',
  title: { vi: 'Mục tiêu chất lượng', en: 'Quality objectives' },
  description: {
    vi: 'Mục tiêu chất lượng hằng năm do quy trình xây dựng mục tiêu chất lượng lập, phê duyệt và phổ biến.',
    en: 'Yearly quality objectives, drafted, approved and disseminated by the quality-objectives procedure.',
  },
  table: 'objectives',
  columns: [
    {
      key: 'year',
      column: 'year',
      type: 'integer',
      label: { vi: 'Năm', en: 'Year' },
      sortable: true,
      width: 8,
    },
    {
      key: 'position',
      column: 'position',
      type: 'integer',
      label: { vi: 'Thứ tự', en: 'Position' },
      sortable: true,
      width: 8,
    },
    {
      key: 'title',
      column: 'title',
      type: 'text',
      label: { vi: 'Mục tiêu', en: 'Objective' },
      sortable: true,
      width: 40,
    },
    {
      key: 'indicator',
      column: 'indicator',
      type: 'longText',
      label: { vi: 'Chỉ số đo lường', en: 'Indicator' },
      width: 36,
    },
    {
      key: 'targetValue',
      column: 'target_value',
      type: 'number',
      label: { vi: 'Chỉ tiêu', en: 'Target' },
      width: 10,
    },
    {
      key: 'targetUnit',
      column: 'target_unit',
      type: 'text',
      label: { vi: 'Đơn vị tính', en: 'Unit' },
      width: 10,
    },
    {
      key: 'ownerDepartment',
      column: 'owner_department',
      expression: 'select units.name from units where units.id = objectives.owner_department_id',
      type: 'text',
      label: { vi: 'Đơn vị chủ trì', en: 'Owner department' },
      sortable: true,
      width: 28,
    },
    {
      key: 'deadline',
      column: 'deadline',
      type: 'date',
      label: { vi: 'Thời hạn', en: 'Deadline' },
      sortable: true,
    },
    {
      key: 'status',
      column: 'status',
      type: 'enum',
      label: { vi: 'Trạng thái', en: 'Status' },
      options: [
        { value: 'draft', label: { vi: 'Dự thảo', en: 'Draft' } },
        { value: 'approved', label: { vi: 'Đã phê duyệt', en: 'Approved' } },
        { value: 'disseminated', label: { vi: 'Đã phổ biến', en: 'Disseminated' } },
      ],
      sortable: true,
      width: 14,
    },
    {
      key: 'approvedBy',
      column: 'approved_by',
      type: 'text',
      label: { vi: 'Người phê duyệt', en: 'Approved by' },
      inList: false,
      width: 16,
    },
    {
      key: 'approvedAt',
      column: 'approved_at',
      type: 'timestamp',
      label: { vi: 'Thời điểm phê duyệt', en: 'Approved at' },
      inList: false,
    },
    {
      key: 'disseminatedAt',
      column: 'disseminated_at',
      type: 'timestamp',
      label: { vi: 'Thời điểm phổ biến', en: 'Disseminated at' },
      inList: false,
    },
  ],
  filters: [
    {
      key: 'q',
      kind: 'search',
      columns: ['title', 'indicator'],
      label: { vi: 'Tìm kiếm', en: 'Search' },
    },
    { key: 'year', kind: 'equals', columns: ['year'], label: { vi: 'Năm', en: 'Year' } },
    {
      key: 'status',
      kind: 'equals',
      columns: ['status'],
      label: { vi: 'Trạng thái', en: 'Status' },
    },
  ],
  defaultSort: { column: 'year', order: 'desc' },
  access: { write: [], approve: [] },
};
