import {
  enumOf,
  optionalDate,
  optionalText,
  recordSchema,
  requiredText,
  secretaryWritesBoardApproves,
  standardLifecycle,
  statusColumn,
  statusOptions,
  systemColumns,
} from '../framework/definition-helpers.js';
import type { RegisterDefinition } from '../framework/register-definition.js';

const status = statusOptions({ vi: 'Đang hiệu lực', en: 'Current' });

/**
 * Clause 5.2: the quality policy. The board approves each version; the approved one is current,
 * and approving a new version archives the one before.
 */
export const qualityPolicyRegister: RegisterDefinition = {
  name: 'quality-policy',
  clause: '5.2',
  title: { vi: 'Chính sách chất lượng', en: 'Quality policy' },
  description: {
    vi: 'Các phiên bản chính sách chất lượng: nội dung, ngày ban hành, người phê duyệt; một phiên bản đang hiệu lực, các phiên bản cũ được lưu trữ.',
    en: 'Versions of the quality policy: text, issue date and approver; one version is current and older ones are archived.',
  },
  table: 'quality_policies',
  columns: [
    {
      key: 'version',
      column: 'version',
      type: 'integer',
      label: { vi: 'Phiên bản', en: 'Version' },
      sortable: true,
      width: 10,
    },
    {
      key: 'content',
      column: 'content',
      type: 'longText',
      label: { vi: 'Nội dung chính sách', en: 'Policy text' },
      width: 80,
    },
    {
      key: 'decisionNumber',
      column: 'decision_number',
      type: 'text',
      label: { vi: 'Quyết định ban hành', en: 'Issuing decision' },
      width: 26,
    },
    {
      key: 'issueDate',
      column: 'issue_date',
      type: 'date',
      label: { vi: 'Ngày ban hành', en: 'Issue date' },
      sortable: true,
    },
    statusColumn(status),
    ...systemColumns().map((column) =>
      column.key === 'approvedByName' ? { ...column, inList: true } : column,
    ),
  ],
  filters: [
    { key: 'q', kind: 'search', columns: ['content'], label: { vi: 'Tìm kiếm', en: 'Search' } },
    {
      key: 'status',
      kind: 'equals',
      columns: ['status'],
      label: { vi: 'Trạng thái', en: 'Status' },
    },
  ],
  defaultSort: { column: 'version', order: 'desc' },
  access: secretaryWritesBoardApproves,
  schema: recordSchema(['version', 'content'], {
    version: { type: 'integer', minimum: 1, maximum: 999 },
    content: requiredText(10000),
    decisionNumber: optionalText(200),
    issueDate: optionalDate(),
    status: enumOf(status),
  }),
  lifecycle: standardLifecycle(true),
};
