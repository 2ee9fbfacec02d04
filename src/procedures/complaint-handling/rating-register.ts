import {
  enumOf,
  optionalText,
  recordSchema,
  requiredDate,
  requiredText,
  standardLifecycle,
  statusColumn,
  systemColumns,
} from '../../registers/framework/definition-helpers.js';
import type {
  ColumnDefinition,
  EnumOption,
  JsonSchema,
  RegisterDefinition,
} from '../../registers/framework/register-definition.js';
import { intakeChannels, ratingCriteria, scoreRange } from './complaint-options.js';

// A recorded rating counts in the summary until the ISO secretary excludes it, for example as a
// duplicate. Confirming it only marks that the paper or portal survey was checked.
const ratingStatuses: EnumOption[] = [
  { value: 'draft', label: { vi: 'Mới ghi nhận', en: 'Recorded' } },
  { value: 'approved', label: { vi: 'Đã xác nhận', en: 'Confirmed' } },
  { value: 'archived', label: { vi: 'Loại khỏi thống kê', en: 'Excluded' } },
];

const scoreColumns: ColumnDefinition[] = ratingCriteria.map((criterion) => ({
  key: criterion.key,
  column: criterion.column,
  type: 'integer',
  label: criterion.label,
  sortable: true,
  width: 12,
}));

const scoreSchemas: Record<string, JsonSchema> = Object.fromEntries(
  ratingCriteria.map((criterion) => [
    criterion.key,
    { type: 'integer', minimum: scoreRange.min, maximum: scoreRange.max },
  ]),
);

/**
 * Clause 9.1.2: satisfaction ratings of citizens and businesses, one row per survey answer, with
 * a score from 1 to 5 for each SIPAS criterion. Recording a rating starts no procedure; the
 * complaint-handling summary averages them per department and per month.
 */
export const satisfactionRatingsRegister: RegisterDefinition = {
  name: 'satisfaction-ratings',
  clause: '9.1.2',
  title: { vi: 'Sổ đánh giá sự hài lòng', en: 'Satisfaction ratings' },
  description: {
    vi: 'Kết quả đánh giá sự hài lòng của người dân, doanh nghiệp theo 5 tiêu chí của Chỉ số hài lòng về sự phục vụ hành chính (SIPAS), điểm từ 1 (rất không hài lòng) đến 5 (rất hài lòng).',
    en: 'Satisfaction ratings of citizens and businesses on the five criteria of the satisfaction index of public administrative services (SIPAS), each scored from 1 (very dissatisfied) to 5 (very satisfied).',
  },
  table: 'satisfaction_ratings',
  columns: [
    {
      key: 'ratingDate',
      column: 'rating_date',
      type: 'date',
      label: { vi: 'Ngày đánh giá', en: 'Rated on' },
      sortable: true,
    },
    {
      key: 'service',
      column: 'service',
      type: 'text',
      label: { vi: 'Thủ tục, dịch vụ', en: 'Procedure or service' },
      sortable: true,
      width: 36,
    },
    {
      key: 'departmentCode',
      column: 'department_code',
      type: 'text',
      label: { vi: 'Mã phòng', en: 'Department code' },
      sortable: true,
      width: 10,
    },
    {
      key: 'department',
      column: 'department_name',
      expression:
        'select units.name from units where units.agency_id = satisfaction_ratings.unit_id and units.code = satisfaction_ratings.department_code',
      type: 'text',
      label: { vi: 'Phòng', en: 'Department' },
      inList: false,
      width: 28,
    },
    {
      key: 'channel',
      column: 'channel',
      type: 'enum',
      label: { vi: 'Hình thức đánh giá', en: 'Channel' },
      options: intakeChannels,
      sortable: true,
      width: 16,
    },
    ...scoreColumns,
    {
      key: 'comment',
      column: 'comment',
      type: 'longText',
      label: { vi: 'Góp ý', en: 'Comment' },
      inList: false,
      width: 40,
    },
    statusColumn(ratingStatuses),
    ...systemColumns(),
  ],
  filters: [
    {
      key: 'q',
      kind: 'search',
      columns: ['service', 'comment'],
      label: { vi: 'Tìm kiếm', en: 'Search' },
    },
    {
      key: 'department',
      kind: 'equals',
      columns: ['departmentCode'],
      label: { vi: 'Mã phòng', en: 'Department code' },
    },
    {
      key: 'channel',
      kind: 'equals',
      columns: ['channel'],
      label: { vi: 'Hình thức đánh giá', en: 'Channel' },
    },
    {
      key: 'status',
      kind: 'equals',
      columns: ['status'],
      label: { vi: 'Trạng thái', en: 'Status' },
    },
    {
      key: 'ratedFrom',
      kind: 'from',
      columns: ['ratingDate'],
      label: { vi: 'Đánh giá từ ngày', en: 'Rated from' },
    },
    {
      key: 'ratedTo',
      kind: 'to',
      columns: ['ratingDate'],
      label: { vi: 'Đánh giá đến ngày', en: 'Rated until' },
    },
  ],
  defaultSort: { column: 'ratingDate', order: 'desc' },
  // NOTE: the front-desk staff who collect survey forms belong to per-department groups
  // (`staff-<code>`), which a static list cannot name, so the ISO secretary records ratings.
  access: { write: ['iso-secretary', 'board'], approve: ['iso-secretary', 'board'] },
  schema: recordSchema(
    ['ratingDate', 'service', 'departmentCode', 'channel', ...ratingCriteria.map((c) => c.key)],
    {
      ratingDate: requiredDate(),
      service: requiredText(500),
      // NOTE: the register framework cannot check a code against the unit's departments, so an
      // unknown code is stored and the summary lists it under the code itself.
      departmentCode: requiredText(20),
      channel: enumOf(intakeChannels),
      ...scoreSchemas,
      comment: optionalText(2000),
      status: enumOf(ratingStatuses),
    },
  ),
  lifecycle: standardLifecycle(),
};
