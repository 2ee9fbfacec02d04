import {
  enumOf,
  optionalDate,
  recordSchema,
  requiredText,
  secretaryWritesBoardApproves,
  standardLifecycle,
  statusColumn,
  statusOptions,
  systemColumns,
} from '../framework/definition-helpers.js';
import type { EnumOption, RegisterDefinition } from '../framework/register-definition.js';

/** Internal or external, the two kinds of issue and of interested party in ISO 9001 clause 4. */
export const internalExternalOptions: EnumOption[] = [
  { value: 'external', label: { vi: 'Bên ngoài', en: 'External' } },
  { value: 'internal', label: { vi: 'Nội bộ', en: 'Internal' } },
];

/** Categories of context issues, as an agency's management review groups them. */
export const contextIssueCategories: EnumOption[] = [
  { value: 'legal', label: { vi: 'Pháp luật, chính sách', en: 'Law and policy' } },
  {
    value: 'administrative-reform',
    label: { vi: 'Cải cách hành chính', en: 'Administrative reform' },
  },
  { value: 'organization', label: { vi: 'Tổ chức bộ máy', en: 'Organisation structure' } },
  { value: 'economic', label: { vi: 'Kinh tế, ngân sách', en: 'Economy and budget' } },
  { value: 'social', label: { vi: 'Xã hội', en: 'Social' } },
  {
    value: 'technology',
    label: { vi: 'Công nghệ, chuyển đổi số', en: 'Technology and digital transformation' },
  },
  { value: 'environment', label: { vi: 'Môi trường, khí hậu', en: 'Environment and climate' } },
  { value: 'human-resources', label: { vi: 'Nguồn nhân lực', en: 'Human resources' } },
  { value: 'infrastructure', label: { vi: 'Cơ sở vật chất', en: 'Infrastructure' } },
  { value: 'knowledge', label: { vi: 'Tri thức của tổ chức', en: 'Organisational knowledge' } },
];

const status = statusOptions();

/**
 * Clause 4.1: the internal and external issues that affect the agency's ability to achieve the
 * intended results of its QMS. ISO 9001:2015/Amd 1:2024 requires the agency to determine whether
 * climate change is such an issue, and ISO 9001:2026 keeps the requirement, hence the
 * climate-related flag.
 */
export const contextIssuesRegister: RegisterDefinition = {
  name: 'context-issues',
  clause: '4.1',
  title: { vi: 'Bối cảnh của tổ chức', en: 'Context of the organisation' },
  description: {
    vi: 'Các vấn đề bên trong và bên ngoài ảnh hưởng đến khả năng đạt kết quả dự kiến của hệ thống quản lý chất lượng, kể cả biến đổi khí hậu.',
    en: 'Internal and external issues that affect the ability of the quality management system to achieve its intended results, climate change included.',
  },
  table: 'context_issues',
  columns: [
    {
      key: 'issueType',
      column: 'issue_type',
      type: 'enum',
      label: { vi: 'Loại vấn đề', en: 'Issue type' },
      options: internalExternalOptions,
      sortable: true,
      width: 12,
    },
    {
      key: 'category',
      column: 'category',
      type: 'enum',
      label: { vi: 'Lĩnh vực', en: 'Category' },
      options: contextIssueCategories,
      sortable: true,
      width: 22,
    },
    {
      key: 'description',
      column: 'description',
      type: 'longText',
      label: { vi: 'Mô tả vấn đề', en: 'Description' },
      width: 50,
    },
    {
      key: 'impact',
      column: 'impact',
      type: 'longText',
      label: { vi: 'Tác động đến hệ thống quản lý chất lượng', en: 'Impact on the QMS' },
      inList: false,
      width: 50,
    },
    {
      key: 'climateRelated',
      column: 'climate_related',
      type: 'boolean',
      label: { vi: 'Liên quan biến đổi khí hậu', en: 'Climate-related' },
      sortable: true,
      width: 14,
    },
    {
      key: 'reviewDate',
      column: 'review_date',
      type: 'date',
      label: { vi: 'Ngày xem xét', en: 'Review date' },
      sortable: true,
    },
    statusColumn(status),
    ...systemColumns(),
  ],
  filters: [
    {
      key: 'q',
      kind: 'search',
      columns: ['description', 'impact'],
      label: { vi: 'Tìm kiếm', en: 'Search' },
    },
    {
      key: 'issueType',
      kind: 'equals',
      columns: ['issueType'],
      label: { vi: 'Loại vấn đề', en: 'Issue type' },
    },
    {
      key: 'category',
      kind: 'equals',
      columns: ['category'],
      label: { vi: 'Lĩnh vực', en: 'Category' },
    },
    {
      key: 'climateRelated',
      kind: 'equals',
      columns: ['climateRelated'],
      label: { vi: 'Liên quan biến đổi khí hậu', en: 'Climate-related' },
    },
    {
      key: 'status',
      kind: 'equals',
      columns: ['status'],
      label: { vi: 'Trạng thái', en: 'Status' },
    },
    {
      key: 'reviewFrom',
      kind: 'from',
      columns: ['reviewDate'],
      label: { vi: 'Xem xét từ ngày', en: 'Reviewed from' },
    },
    {
      key: 'reviewTo',
      kind: 'to',
      columns: ['reviewDate'],
      label: { vi: 'Xem xét đến ngày', en: 'Reviewed until' },
    },
  ],
  defaultSort: { column: 'reviewDate', order: 'desc' },
  access: secretaryWritesBoardApproves,
  schema: recordSchema(['issueType', 'category', 'description', 'impact'], {
    issueType: enumOf(internalExternalOptions),
    category: enumOf(contextIssueCategories),
    description: requiredText(4000),
    impact: requiredText(4000),
    climateRelated: { type: 'boolean' },
    reviewDate: optionalDate(),
    status: enumOf(status),
  }),
  lifecycle: standardLifecycle(),
};
