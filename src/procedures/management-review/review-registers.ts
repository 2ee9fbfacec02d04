import type {
  ColumnDefinition,
  EnumOption,
  RegisterDefinition,
} from '../../registers/framework/register-definition.js';
import { outputTypeOptions } from './review-outputs.js';
import { inputFieldName, reviewInputs } from './review-inputs.js';

/** The stages of a management review in its procedure. */
export const reviewStatusOptions: EnumOption[] = [
  { value: 'notice', label: { vi: 'Dự thảo thông báo', en: 'Notice in draft' } },
  { value: 'reporting', label: { vi: 'Các phòng đang báo cáo', en: 'Departments reporting' } },
  { value: 'consolidating', label: { vi: 'Đang tổng hợp đầu vào', en: 'Consolidating inputs' } },
  { value: 'meeting', label: { vi: 'Chuẩn bị họp xem xét', en: 'Meeting in preparation' } },
  {
    value: 'report-review',
    label: { vi: 'Chờ phê duyệt báo cáo', en: 'Report awaiting approval' },
  },
  { value: 'approved', label: { vi: 'Đã phê duyệt báo cáo', en: 'Report approved' } },
];

/** Whether a review action is still to do. */
export const actionStatusOptions: EnumOption[] = [
  { value: 'open', label: { vi: 'Đang thực hiện', en: 'Open' } },
  { value: 'done', label: { vi: 'Đã hoàn thành', en: 'Done' } },
];

const hidden = { inList: false } as const;

const inputColumns: ColumnDefinition[] = reviewInputs.map((input) => ({
  key: inputFieldName(input.key),
  column: input.column,
  type: 'longText',
  label: input.label,
  ...hidden,
  width: 60,
}));

/**
 * Clause 9.3: the management reviews of the unit with their notice, the twelve inputs of 9.3.2,
 * the meeting and the approval of the report. Read-only here, because the management-review
 * procedure writes it.
 */
export const managementReviewsRegister: RegisterDefinition = {
  name: 'management-reviews',
  clause: '9.3',
  title: { vi: 'Xem xét của lãnh đạo', en: 'Management reviews' },
  description: {
    vi: 'Các cuộc xem xét của lãnh đạo đối với hệ thống quản lý chất lượng: kỳ xem xét, cuộc họp, các đầu vào theo điều 9.3.2 và báo cáo đã được phê duyệt.',
    en: 'Management reviews of the quality management system: the period reviewed, the meeting, the inputs of clause 9.3.2 and the approved report.',
  },
  table: 'management_reviews',
  columns: [
    {
      key: 'reference',
      column: 'reference',
      type: 'text',
      label: { vi: 'Số hiệu', en: 'Reference' },
      sortable: true,
      width: 16,
    },
    {
      key: 'year',
      column: 'year',
      type: 'integer',
      label: { vi: 'Năm', en: 'Year' },
      sortable: true,
      width: 8,
    },
    {
      key: 'periodFrom',
      column: 'period_from',
      type: 'date',
      label: { vi: 'Kỳ xem xét từ ngày', en: 'Period from' },
      sortable: true,
    },
    {
      key: 'periodTo',
      column: 'period_to',
      type: 'date',
      label: { vi: 'Kỳ xem xét đến ngày', en: 'Period to' },
    },
    {
      key: 'meetingDate',
      column: 'meeting_date',
      type: 'date',
      label: { vi: 'Ngày họp', en: 'Meeting date' },
      sortable: true,
    },
    {
      key: 'status',
      column: 'status',
      type: 'enum',
      label: { vi: 'Trạng thái', en: 'Status' },
      options: reviewStatusOptions,
      sortable: true,
      width: 24,
    },
    {
      key: 'reportDueDate',
      column: 'report_due_date',
      type: 'date',
      label: { vi: 'Hạn gửi báo cáo', en: 'Report due date' },
      ...hidden,
    },
    {
      key: 'venue',
      column: 'venue',
      type: 'text',
      label: { vi: 'Địa điểm', en: 'Venue' },
      ...hidden,
      width: 30,
    },
    {
      key: 'noticeApprovedByName',
      column: 'notice_approved_by_name',
      type: 'text',
      label: { vi: 'Người duyệt thông báo', en: 'Notice approved by' },
      ...hidden,
      width: 22,
    },
    {
      key: 'noticeApprovedAt',
      column: 'notice_approved_at',
      type: 'timestamp',
      label: { vi: 'Thời điểm duyệt thông báo', en: 'Notice approved at' },
      ...hidden,
    },
    {
      key: 'heldOn',
      column: 'held_on',
      type: 'date',
      label: { vi: 'Ngày đã họp', en: 'Held on' },
      ...hidden,
    },
    {
      key: 'participants',
      column: 'held_participants',
      type: 'textList',
      label: { vi: 'Thành phần tham dự', en: 'Participants' },
      ...hidden,
      width: 40,
    },
    {
      key: 'minutes',
      column: 'minutes',
      type: 'longText',
      label: { vi: 'Biên bản họp', en: 'Minutes' },
      ...hidden,
      width: 60,
    },
    ...inputColumns,
    {
      key: 'conclusion',
      column: 'conclusion',
      type: 'longText',
      label: { vi: 'Kết luận của lãnh đạo', en: "Leader's conclusion" },
      ...hidden,
      width: 60,
    },
    {
      key: 'actionCount',
      column: 'action_count',
      expression:
        'select count(*) from review_actions where review_actions.management_review_id = management_reviews.id',
      type: 'integer',
      label: { vi: 'Số hành động', en: 'Actions' },
      width: 10,
    },
    {
      key: 'reportApprovedByName',
      column: 'report_approved_by_name',
      type: 'text',
      label: { vi: 'Người phê duyệt báo cáo', en: 'Report approved by' },
      width: 22,
    },
    {
      key: 'reportApprovedAt',
      column: 'report_approved_at',
      type: 'timestamp',
      label: { vi: 'Thời điểm phê duyệt báo cáo', en: 'Report approved at' },
      sortable: true,
      width: 18,
    },
  ],
  filters: [
    {
      key: 'q',
      kind: 'search',
      columns: ['reference', 'conclusion', 'minutes'],
      label: { vi: 'Tìm kiếm', en: 'Search' },
    },
    { key: 'year', kind: 'equals', columns: ['year'], label: { vi: 'Năm', en: 'Year' } },
    {
      key: 'status',
      kind: 'equals',
      columns: ['status'],
      label: { vi: 'Trạng thái', en: 'Status' },
    },
    {
      key: 'meetingFrom',
      kind: 'from',
      columns: ['meetingDate'],
      label: { vi: 'Họp từ ngày', en: 'Meeting from' },
    },
    {
      key: 'meetingTo',
      kind: 'to',
      columns: ['meetingDate'],
      label: { vi: 'Họp đến ngày', en: 'Meeting until' },
    },
  ],
  defaultSort: { column: 'meetingDate', order: 'desc' },
  access: { write: [], approve: [] },
};

/**
 * Clause 9.3.3: each decision of an approved review (an improvement, a change to the QMS or a
 * resource need) as an action with its owner and deadline. Read-only here: the procedure writes
 * the actions and the action route marks them done.
 */
export const reviewActionsRegister: RegisterDefinition = {
  name: 'review-actions',
  clause: '9.3.3',
  title: { vi: 'Hành động sau xem xét của lãnh đạo', en: 'Management review actions' },
  description: {
    vi: 'Các quyết định về cải tiến, thay đổi hệ thống quản lý chất lượng và nguồn lực từ các cuộc xem xét của lãnh đạo, với đơn vị, người chịu trách nhiệm và thời hạn.',
    en: 'Decisions on improvements, changes to the quality management system and resources from management reviews, with the owner department, the owner and the deadline.',
  },
  table: 'review_actions',
  columns: [
    {
      key: 'reviewReference',
      column: 'review_reference',
      expression:
        'select management_reviews.reference from management_reviews where management_reviews.id = review_actions.management_review_id',
      type: 'text',
      label: { vi: 'Cuộc xem xét', en: 'Review' },
      sortable: true,
      width: 16,
    },
    {
      key: 'year',
      column: 'year',
      type: 'integer',
      label: { vi: 'Năm', en: 'Year' },
      sortable: true,
      ...hidden,
      width: 8,
    },
    {
      key: 'position',
      column: 'position',
      type: 'integer',
      label: { vi: 'Số thứ tự', en: 'Number' },
      ...hidden,
      width: 8,
    },
    {
      key: 'outputType',
      column: 'output_type',
      type: 'enum',
      label: { vi: 'Loại đầu ra', en: 'Output type' },
      options: outputTypeOptions,
      sortable: true,
      width: 24,
    },
    {
      key: 'description',
      column: 'description',
      type: 'longText',
      label: { vi: 'Nội dung hành động', en: 'Action' },
      width: 50,
    },
    {
      key: 'ownerDepartment',
      column: 'owner_department',
      expression:
        'select units.name from units where units.id = review_actions.owner_department_id',
      type: 'text',
      label: { vi: 'Đơn vị chủ trì', en: 'Owner department' },
      sortable: true,
      width: 28,
    },
    {
      key: 'ownerDepartmentCode',
      column: 'owner_department_code',
      type: 'text',
      label: { vi: 'Mã đơn vị chủ trì', en: 'Owner department code' },
      ...hidden,
      inExport: false,
    },
    {
      key: 'ownerName',
      column: 'owner_name',
      type: 'text',
      label: { vi: 'Người chịu trách nhiệm', en: 'Owner' },
      width: 22,
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
      options: actionStatusOptions,
      sortable: true,
      width: 16,
    },
    {
      // NOTE: compares with the database server's date, which may be a day off the agency's
      // time zone around midnight.
      key: 'overdue',
      column: 'overdue',
      expression: "review_actions.status = 'open' and review_actions.deadline < current_date",
      type: 'boolean',
      label: { vi: 'Quá hạn', en: 'Overdue' },
      width: 10,
    },
    {
      key: 'completedOn',
      column: 'completed_on',
      type: 'date',
      label: { vi: 'Ngày hoàn thành', en: 'Completed on' },
      sortable: true,
    },
    {
      key: 'completionNote',
      column: 'completion_note',
      type: 'longText',
      label: { vi: 'Kết quả thực hiện', en: 'Result' },
      ...hidden,
      width: 50,
    },
    {
      key: 'completedBy',
      column: 'completed_by',
      type: 'text',
      label: { vi: 'Người xác nhận hoàn thành', en: 'Confirmed by' },
      ...hidden,
      width: 18,
    },
    {
      key: 'correctiveActionKey',
      column: 'corrective_action_key',
      type: 'text',
      label: { vi: 'Hành động khắc phục', en: 'Corrective action' },
      width: 16,
    },
  ],
  filters: [
    {
      key: 'q',
      kind: 'search',
      columns: ['description', 'ownerName', 'completionNote'],
      label: { vi: 'Tìm kiếm', en: 'Search' },
    },
    { key: 'year', kind: 'equals', columns: ['year'], label: { vi: 'Năm', en: 'Year' } },
    {
      key: 'outputType',
      kind: 'equals',
      columns: ['outputType'],
      label: { vi: 'Loại đầu ra', en: 'Output type' },
    },
    {
      key: 'status',
      kind: 'equals',
      columns: ['status'],
      label: { vi: 'Trạng thái', en: 'Status' },
    },
    {
      key: 'ownerDepartmentCode',
      kind: 'equals',
      columns: ['ownerDepartmentCode'],
      label: { vi: 'Mã đơn vị chủ trì', en: 'Owner department code' },
    },
    {
      key: 'deadlineFrom',
      kind: 'from',
      columns: ['deadline'],
      label: { vi: 'Thời hạn từ ngày', en: 'Deadline from' },
    },
    {
      key: 'deadlineTo',
      kind: 'to',
      columns: ['deadline'],
      label: { vi: 'Thời hạn đến ngày', en: 'Deadline until' },
    },
  ],
  defaultSort: { column: 'deadline', order: 'asc' },
  access: { write: [], approve: [] },
};
