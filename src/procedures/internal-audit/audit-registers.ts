import { statusColumn } from '../../registers/framework/definition-helpers.js';
import type {
  EnumOption,
  RegisterDefinition,
} from '../../registers/framework/register-definition.js';

/** Classes of audit findings, from the most to the least serious. */
export const findingTypeOptions: EnumOption[] = [
  { value: 'major', label: { vi: 'Không phù hợp nặng', en: 'Major nonconformity' } },
  { value: 'minor', label: { vi: 'Không phù hợp nhẹ', en: 'Minor nonconformity' } },
  { value: 'observation', label: { vi: 'Điểm lưu ý', en: 'Observation' } },
  { value: 'opportunity', label: { vi: 'Cơ hội cải tiến', en: 'Opportunity for improvement' } },
];

const readOnlyAccess = { write: [], approve: [] };

// Names of the department of a row, computed because the rows store the department's id.
const departmentName = (table: string) =>
  `select units.name from units where units.id = ${table}.department_id`;

/**
 * Clause 9.2.2: the audit programme of each year, read-only here because the internal audit
 * procedure writes it when the board approves it and when the board concludes it.
 */
export const auditProgrammesRegister: RegisterDefinition = {
  name: 'audit-programmes',
  clause: '9.2',
  title: { vi: 'Chương trình đánh giá nội bộ', en: 'Internal audit programmes' },
  description: {
    vi: 'Chương trình đánh giá nội bộ hằng năm: mục tiêu, phạm vi, chuẩn mực, phương pháp, số cuộc đánh giá và kết luận của lãnh đạo.',
    en: 'Yearly internal audit programmes: objectives, scope, criteria, methods, number of audits and the conclusion of the leadership.',
  },
  table: 'audit_programmes',
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
      key: 'reference',
      column: 'reference',
      type: 'text',
      label: { vi: 'Số hiệu', en: 'Reference' },
      sortable: true,
      width: 14,
    },
    {
      key: 'objectives',
      column: 'objectives',
      type: 'longText',
      label: { vi: 'Mục tiêu đánh giá', en: 'Audit objectives' },
      width: 40,
    },
    {
      key: 'scope',
      column: 'scope',
      type: 'longText',
      label: { vi: 'Phạm vi', en: 'Scope' },
      inList: false,
      width: 40,
    },
    {
      key: 'criteria',
      column: 'criteria',
      type: 'longText',
      label: { vi: 'Chuẩn mực', en: 'Criteria' },
      inList: false,
      width: 30,
    },
    {
      key: 'methods',
      column: 'methods',
      type: 'longText',
      label: { vi: 'Phương pháp', en: 'Methods' },
      inList: false,
      width: 30,
    },
    {
      key: 'auditCount',
      column: 'audit_count',
      type: 'integer',
      label: { vi: 'Số cuộc đánh giá', en: 'Audits' },
      sortable: true,
      width: 10,
    },
    statusColumn([
      { value: 'approved', label: { vi: 'Đã phê duyệt', en: 'Approved' } },
      { value: 'completed', label: { vi: 'Đã kết luận', en: 'Concluded' } },
    ]),
    {
      key: 'approvedByName',
      column: 'approved_by_name',
      type: 'text',
      label: { vi: 'Người phê duyệt', en: 'Approved by' },
      width: 22,
    },
    {
      key: 'approvedAt',
      column: 'approved_at',
      type: 'timestamp',
      label: { vi: 'Thời điểm phê duyệt', en: 'Approved at' },
      inList: false,
      sortable: true,
      width: 18,
    },
    {
      key: 'outcome',
      column: 'outcome',
      type: 'enum',
      label: { vi: 'Kết luận', en: 'Outcome' },
      options: [
        {
          value: 'confirmed',
          label: { vi: 'Hệ thống phù hợp, có hiệu lực', en: 'Conforming and effective' },
        },
        { value: 'improvement', label: { vi: 'Cần hành động cải tiến', en: 'Improvement needed' } },
        { value: 'follow-up', label: { vi: 'Đánh giá bổ sung', en: 'Follow-up audit' } },
      ],
      width: 20,
    },
    {
      key: 'conclusion',
      column: 'conclusion',
      type: 'longText',
      label: { vi: 'Nội dung kết luận', en: 'Conclusion' },
      inList: false,
      width: 40,
    },
    {
      key: 'concludedByName',
      column: 'concluded_by_name',
      type: 'text',
      label: { vi: 'Người kết luận', en: 'Concluded by' },
      inList: false,
      width: 22,
    },
    {
      key: 'concludedAt',
      column: 'concluded_at',
      type: 'timestamp',
      label: { vi: 'Thời điểm kết luận', en: 'Concluded at' },
      inList: false,
      sortable: true,
      width: 18,
    },
  ],
  filters: [
    {
      key: 'q',
      kind: 'search',
      columns: ['reference', 'objectives', 'scope'],
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
  access: readOnlyAccess,
};

/**
 * Clause 9.2.2: one plan per audit of a programme, with the department audited, the team and
 * the dates. The internal audit procedure writes each plan as it is drafted, approved and held.
 */
export const auditPlansRegister: RegisterDefinition = {
  name: 'audit-plans',
  clause: '9.2',
  title: { vi: 'Kế hoạch đánh giá nội bộ', en: 'Internal audit plans' },
  description: {
    vi: 'Kế hoạch của từng cuộc đánh giá: phòng được đánh giá, quá trình và điều khoản, đoàn đánh giá, thời gian và trạng thái thực hiện.',
    en: 'The plan of each audit: department audited, processes and clauses, audit team, dates and progress.',
  },
  table: 'audit_plans',
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
      expression:
        'select audit_programmes.year from audit_programmes where audit_programmes.id = audit_plans.programme_id',
      type: 'integer',
      label: { vi: 'Năm', en: 'Year' },
      sortable: true,
      width: 8,
    },
    {
      key: 'department',
      column: 'department_name',
      expression: departmentName('audit_plans'),
      type: 'text',
      label: { vi: 'Phòng được đánh giá', en: 'Department audited' },
      sortable: true,
      width: 30,
    },
    {
      key: 'plannedMonth',
      column: 'planned_month',
      type: 'integer',
      label: { vi: 'Tháng dự kiến', en: 'Planned month' },
      sortable: true,
      width: 10,
    },
    {
      key: 'processes',
      column: 'processes',
      type: 'longText',
      label: { vi: 'Quá trình', en: 'Processes' },
      inList: false,
      width: 36,
    },
    {
      key: 'clauses',
      column: 'clauses',
      type: 'text',
      label: { vi: 'Điều khoản', en: 'Clauses' },
      width: 14,
    },
    {
      key: 'leadAuditorName',
      column: 'lead_auditor_name',
      type: 'text',
      label: { vi: 'Trưởng đoàn', en: 'Lead auditor' },
      width: 22,
    },
    {
      key: 'auditFrom',
      column: 'audit_from',
      type: 'date',
      label: { vi: 'Từ ngày', en: 'From' },
      sortable: true,
    },
    {
      key: 'auditTo',
      column: 'audit_to',
      type: 'date',
      label: { vi: 'Đến ngày', en: 'To' },
      inList: false,
    },
    statusColumn([
      { value: 'planned', label: { vi: 'Chưa lập kế hoạch', en: 'Not planned yet' } },
      { value: 'submitted', label: { vi: 'Chờ phê duyệt', en: 'Awaiting approval' } },
      { value: 'approved', label: { vi: 'Đã phê duyệt', en: 'Approved' } },
      { value: 'completed', label: { vi: 'Đã đánh giá', en: 'Audited' } },
    ]),
    {
      key: 'approvedByName',
      column: 'approved_by_name',
      type: 'text',
      label: { vi: 'Người phê duyệt', en: 'Approved by' },
      inList: false,
      width: 22,
    },
    {
      key: 'summary',
      column: 'summary',
      type: 'longText',
      label: { vi: 'Tóm tắt kết quả', en: 'Summary of results' },
      inList: false,
      width: 40,
    },
  ],
  filters: [
    {
      key: 'q',
      kind: 'search',
      columns: ['reference', 'processes', 'clauses'],
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
      key: 'from',
      kind: 'from',
      columns: ['auditFrom'],
      label: { vi: 'Đánh giá từ ngày', en: 'Audited from' },
    },
    {
      key: 'to',
      kind: 'to',
      columns: ['auditFrom'],
      label: { vi: 'Đánh giá đến ngày', en: 'Audited until' },
    },
  ],
  defaultSort: { column: 'reference', order: 'desc' },
  access: readOnlyAccess,
};

// A nonconformity is closed when its corrective action instance has completed; before that it
// keeps the stored status.
const findingStatus = `case when exists (select 1 from process_instances
  where process_instances.key = audit_findings.corrective_action_instance_key
  and process_instances.state = 'COMPLETED') then 'closed' else audit_findings.status end`;

/**
 * Clause 9.2.2 and 10.2: every finding of the internal audits with its class, clause, evidence,
 * department and the corrective action that a nonconformity opened.
 */
export const auditFindingsRegister: RegisterDefinition = {
  name: 'audit-findings',
  clause: '9.2',
  title: { vi: 'Phát hiện đánh giá nội bộ', en: 'Internal audit findings' },
  description: {
    vi: 'Các phát hiện của đánh giá nội bộ: loại, điều khoản, bằng chứng, phòng liên quan, trạng thái và hành động khắc phục được mở cho mỗi điểm không phù hợp.',
    en: 'Findings of internal audits: class, clause, evidence, department, status and the corrective action opened for each nonconformity.',
  },
  table: 'audit_findings',
  columns: [
    {
      key: 'auditReference',
      column: 'audit_reference',
      expression:
        'select audit_plans.reference from audit_plans where audit_plans.id = audit_findings.plan_id',
      type: 'text',
      label: { vi: 'Cuộc đánh giá', en: 'Audit' },
      sortable: true,
      width: 16,
    },
    {
      key: 'reference',
      column: 'reference',
      type: 'text',
      label: { vi: 'Số hiệu', en: 'Reference' },
      sortable: true,
      width: 10,
    },
    {
      key: 'findingType',
      column: 'finding_type',
      type: 'enum',
      label: { vi: 'Loại phát hiện', en: 'Class' },
      options: findingTypeOptions,
      sortable: true,
      width: 22,
    },
    {
      key: 'clause',
      column: 'clause',
      type: 'text',
      label: { vi: 'Điều khoản', en: 'Clause' },
      sortable: true,
      width: 10,
    },
    {
      key: 'department',
      column: 'department_name',
      expression: departmentName('audit_findings'),
      type: 'text',
      label: { vi: 'Phòng', en: 'Department' },
      sortable: true,
      width: 28,
    },
    {
      key: 'statement',
      column: 'statement',
      type: 'longText',
      label: { vi: 'Nhận định', en: 'Statement' },
      width: 40,
    },
    {
      key: 'requirement',
      column: 'requirement',
      type: 'longText',
      label: { vi: 'Yêu cầu', en: 'Requirement' },
      inList: false,
      width: 36,
    },
    {
      key: 'evidence',
      column: 'evidence',
      type: 'longText',
      label: { vi: 'Bằng chứng khách quan', en: 'Objective evidence' },
      inList: false,
      width: 36,
    },
    {
      key: 'status',
      column: 'finding_status',
      expression: findingStatus,
      type: 'enum',
      label: { vi: 'Trạng thái', en: 'Status' },
      options: [
        { value: 'open', label: { vi: 'Đang khắc phục', en: 'Corrective action open' } },
        { value: 'noted', label: { vi: 'Đã ghi nhận', en: 'Noted' } },
        { value: 'closed', label: { vi: 'Đã khắc phục', en: 'Closed' } },
      ],
      sortable: true,
      width: 16,
    },
    {
      key: 'correctiveAction',
      column: 'corrective_action_key',
      type: 'text',
      label: { vi: 'Hành động khắc phục', en: 'Corrective action' },
      sortable: true,
      width: 16,
    },
    {
      key: 'recordedAt',
      column: 'recorded_at',
      type: 'timestamp',
      label: { vi: 'Thời điểm ghi nhận', en: 'Recorded at' },
      inList: false,
      sortable: true,
      width: 18,
    },
  ],
  filters: [
    {
      key: 'q',
      kind: 'search',
      columns: ['reference', 'statement', 'evidence', 'correctiveAction'],
      label: { vi: 'Tìm kiếm', en: 'Search' },
    },
    {
      key: 'findingType',
      kind: 'equals',
      columns: ['findingType'],
      label: { vi: 'Loại phát hiện', en: 'Class' },
    },
    {
      key: 'clause',
      kind: 'equals',
      columns: ['clause'],
      label: { vi: 'Điều khoản', en: 'Clause' },
    },
    {
      key: 'status',
      kind: 'equals',
      columns: ['status'],
      label: { vi: 'Trạng thái', en: 'Status' },
    },
  ],
  defaultSort: { column: 'recordedAt', order: 'desc' },
  access: readOnlyAccess,
};
