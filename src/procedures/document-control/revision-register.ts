import type { RegisterDefinition } from '../../registers/framework/register-definition.js';
import { changeTypeOptions, signerColumns } from './document-options.js';

/**
 * Clause 7.5.3.2 c): the revision log (theo dõi sửa đổi) of every document, one row per approved
 * change with who drafted, reviewed and approved it. The table is append-only.
 */
export const documentRevisionsRegister: RegisterDefinition = {
  name: 'document-revisions',
  clause: '7.5.3.2',
  title: { vi: 'Theo dõi sửa đổi tài liệu', en: 'Document revision log' },
  description: {
    vi: 'Mỗi lần ban hành mới, sửa đổi hoặc hủy bỏ tài liệu đã được lãnh đạo phê duyệt: lần ban hành, ngày, nội dung thay đổi, người soạn thảo, xem xét và phê duyệt.',
    en: 'Each approved new issue, revision or withdrawal of a document: issue number, date, summary of changes, and who drafted, reviewed and approved it.',
  },
  table: 'document_revisions',
  columns: [
    {
      key: 'code',
      column: 'code',
      type: 'text',
      label: { vi: 'Mã tài liệu', en: 'Code' },
      sortable: true,
      width: 14,
    },
    {
      key: 'title',
      column: 'title',
      type: 'text',
      label: { vi: 'Tên tài liệu', en: 'Title' },
      width: 44,
    },
    {
      key: 'issueNumber',
      column: 'issue_number',
      type: 'integer',
      label: { vi: 'Lần ban hành', en: 'Issue number' },
      sortable: true,
      width: 10,
    },
    {
      key: 'changeType',
      column: 'change_type',
      type: 'enum',
      label: { vi: 'Loại thay đổi', en: 'Change type' },
      options: changeTypeOptions,
      sortable: true,
      width: 16,
    },
    {
      key: 'changeDate',
      column: 'change_date',
      type: 'date',
      label: { vi: 'Ngày thay đổi', en: 'Date' },
      sortable: true,
    },
    {
      key: 'changeSummary',
      column: 'change_summary',
      type: 'longText',
      label: { vi: 'Tóm tắt nội dung thay đổi', en: 'Summary of changes' },
      width: 50,
    },
    {
      key: 'changeReason',
      column: 'change_reason',
      type: 'longText',
      label: { vi: 'Lý do thay đổi', en: 'Reason' },
      inList: false,
      width: 40,
    },
    ...signerColumns(),
    {
      key: 'changeKey',
      column: 'change_key',
      type: 'text',
      label: { vi: 'Hồ sơ thay đổi', en: 'Change record' },
      sortable: true,
      width: 16,
    },
    {
      key: 'sourceReference',
      column: 'source_reference',
      type: 'text',
      label: { vi: 'Nguồn đề xuất', en: 'Source' },
      inList: false,
      width: 24,
    },
  ],
  filters: [
    {
      key: 'q',
      kind: 'search',
      columns: ['code', 'title', 'changeSummary', 'changeReason'],
      label: { vi: 'Tìm kiếm', en: 'Search' },
    },
    { key: 'code', kind: 'equals', columns: ['code'], label: { vi: 'Mã tài liệu', en: 'Code' } },
    {
      key: 'changeType',
      kind: 'equals',
      columns: ['changeType'],
      label: { vi: 'Loại thay đổi', en: 'Change type' },
    },
    {
      key: 'changedFrom',
      kind: 'from',
      columns: ['changeDate'],
      label: { vi: 'Thay đổi từ ngày', en: 'Changed from' },
    },
    {
      key: 'changedTo',
      kind: 'to',
      columns: ['changeDate'],
      label: { vi: 'Thay đổi đến ngày', en: 'Changed until' },
    },
  ],
  defaultSort: { column: 'changeDate', order: 'desc' },
  access: { write: [], approve: [] },
};
