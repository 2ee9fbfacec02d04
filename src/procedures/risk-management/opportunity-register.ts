import type {
  ColumnDefinition,
  EnumOption,
  RegisterDefinition,
} from '../../registers/framework/register-definition.js';
import { leadingColumns, levelOptions, trailingColumns } from './risk-register.js';

/** Stages of an opportunity, from identification to its result. */
export const opportunityStatusOptions: EnumOption[] = [
  { value: 'identified', label: { vi: 'Đã nhận diện', en: 'Identified' } },
  { value: 'assessed', label: { vi: 'Đã đánh giá', en: 'Assessed' } },
  { value: 'planned', label: { vi: 'Đã lập kế hoạch', en: 'Planned' } },
  { value: 'deferred', label: { vi: 'Chưa thực hiện', en: 'Deferred' } },
  { value: 'in-progress', label: { vi: 'Đang thực hiện', en: 'In progress' } },
  { value: 'realised', label: { vi: 'Đã mang lại kết quả', en: 'Realised' } },
  { value: 'not-realised', label: { vi: 'Chưa đạt kết quả', en: 'Not realised' } },
];

const rating = (key: string, column: string, vi: string, en: string) =>
  ({
    key,
    column,
    type: 'integer',
    label: { vi, en },
    sortable: true,
    width: 10,
  }) satisfies ColumnDefinition;

/**
 * Clause 6.1: the opportunities of the agency, apart from its risks as ISO 9001:2026 keeps them.
 * Each is scored as benefit × feasibility, with the action that pursues it and its result.
 */
export const opportunitiesRegister: RegisterDefinition = {
  name: 'opportunities',
  clause: '6.1',
  title: { vi: 'Sổ đăng ký cơ hội', en: 'Opportunity register' },
  description: {
    vi: 'Các cơ hội cải tiến do các phòng nhận diện, được đánh giá theo lợi ích × tính khả thi, kèm hành động nắm bắt cơ hội và kết quả.',
    en: 'Opportunities identified by the departments, scored as benefit × feasibility, with the action that pursues each one and its result.',
  },
  table: 'opportunities',
  columns: [
    ...leadingColumns('opportunities', { vi: 'Cơ hội', en: 'Opportunity' }),
    rating('benefit', 'benefit', 'Lợi ích', 'Benefit'),
    rating('feasibility', 'feasibility', 'Tính khả thi', 'Feasibility'),
    rating('score', 'score', 'Điểm cơ hội', 'Score'),
    {
      key: 'priority',
      column: 'priority',
      type: 'enum',
      label: { vi: 'Mức ưu tiên', en: 'Priority' },
      options: levelOptions,
      sortable: true,
      width: 12,
    },
    {
      key: 'action',
      column: 'action',
      type: 'longText',
      label: { vi: 'Hành động nắm bắt cơ hội', en: 'Action' },
      width: 44,
    },
    {
      key: 'actionDue',
      column: 'action_due',
      type: 'date',
      label: { vi: 'Thời hạn', en: 'Due' },
      sortable: true,
    },
    {
      key: 'owner',
      column: 'owner_name',
      type: 'text',
      label: { vi: 'Người chịu trách nhiệm', en: 'Owner' },
      inList: false,
      sortable: true,
      width: 22,
    },
    {
      key: 'implementationNote',
      column: 'implementation_note',
      type: 'longText',
      label: { vi: 'Kết quả thực hiện', en: 'Implementation' },
      inList: false,
      width: 40,
    },
    {
      key: 'resultNote',
      column: 'result_note',
      type: 'longText',
      label: { vi: 'Đánh giá kết quả', en: 'Result' },
      inList: false,
      width: 40,
    },
    {
      key: 'status',
      column: 'status',
      type: 'enum',
      label: { vi: 'Trạng thái', en: 'Status' },
      options: opportunityStatusOptions,
      sortable: true,
      width: 16,
    },
    ...trailingColumns(),
  ],
  filters: [
    {
      key: 'q',
      kind: 'search',
      columns: ['code', 'process', 'description', 'action'],
      label: { vi: 'Tìm kiếm', en: 'Search' },
    },
    {
      key: 'department',
      kind: 'equals',
      columns: ['department'],
      label: { vi: 'Mã phòng', en: 'Department code' },
    },
    {
      key: 'priority',
      kind: 'equals',
      columns: ['priority'],
      label: { vi: 'Mức ưu tiên', en: 'Priority' },
    },
    {
      key: 'status',
      kind: 'equals',
      columns: ['status'],
      label: { vi: 'Trạng thái', en: 'Status' },
    },
    {
      key: 'dueFrom',
      kind: 'from',
      columns: ['actionDue'],
      label: { vi: 'Thời hạn từ ngày', en: 'Due from' },
    },
    {
      key: 'dueTo',
      kind: 'to',
      columns: ['actionDue'],
      label: { vi: 'Thời hạn đến ngày', en: 'Due until' },
    },
  ],
  defaultSort: { column: 'score', order: 'desc' },
  access: { write: [], approve: [] },
};
