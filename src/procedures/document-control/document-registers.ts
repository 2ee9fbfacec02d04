import type {
  ColumnDefinition,
  FilterDefinition,
  RegisterDefinition,
} from '../../registers/framework/register-definition.js';
import {
  documentTypeOptions,
  retentionPeriodOptions,
  signerColumns,
  versionStatusOptions,
} from './document-options.js';

/** Columns of a document version, read from the `controlled_document_versions` view. */
function versionColumns(): ColumnDefinition[] {
  return [
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
      sortable: true,
      width: 50,
    },
    {
      key: 'documentType',
      column: 'document_type',
      type: 'enum',
      label: { vi: 'Loại tài liệu', en: 'Type' },
      options: documentTypeOptions,
      sortable: true,
      width: 18,
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
      key: 'issueDate',
      column: 'issue_date',
      type: 'date',
      label: { vi: 'Ngày ban hành', en: 'Issue date' },
      sortable: true,
    },
    {
      key: 'status',
      column: 'status',
      type: 'enum',
      label: { vi: 'Trạng thái', en: 'Status' },
      options: versionStatusOptions,
      sortable: true,
      width: 16,
    },
    {
      key: 'draftingDepartment',
      column: 'drafting_department_name',
      type: 'text',
      label: { vi: 'Đơn vị soạn thảo', en: 'Drafting department' },
      sortable: true,
      width: 28,
    },
    {
      key: 'departments',
      column: 'department_names',
      type: 'longText',
      label: { vi: 'Đơn vị liên quan', en: 'Departments concerned' },
      inList: false,
      width: 40,
    },
    {
      key: 'retentionPeriod',
      column: 'retention_period',
      type: 'enum',
      label: { vi: 'Thời hạn lưu trữ', en: 'Retention period' },
      options: retentionPeriodOptions,
      inList: false,
      width: 14,
    },
    {
      key: 'content',
      column: 'content',
      type: 'longText',
      label: { vi: 'Nội dung tóm tắt', en: 'Content summary' },
      inList: false,
      width: 60,
    },
    {
      key: 'link',
      column: 'link',
      type: 'text',
      label: { vi: 'Đường dẫn tệp tài liệu', en: 'Link to the file' },
      inList: false,
      width: 30,
    },
    {
      key: 'changeSummary',
      column: 'change_summary',
      type: 'longText',
      label: { vi: 'Tóm tắt nội dung thay đổi', en: 'Summary of changes' },
      inList: false,
      width: 40,
    },
    ...signerColumns(),
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
      key: 'changeKey',
      column: 'change_key',
      type: 'text',
      label: { vi: 'Hồ sơ thay đổi', en: 'Change record' },
      inList: false,
      width: 16,
    },
  ];
}

function withoutColumn(columns: ColumnDefinition[], key: string): ColumnDefinition[] {
  return columns.filter((column) => column.key !== key);
}

const searchFilter: FilterDefinition = {
  key: 'q',
  kind: 'search',
  columns: ['code', 'title', 'content', 'departments'],
  label: { vi: 'Tìm kiếm', en: 'Search' },
};

const codeFilter: FilterDefinition = {
  key: 'code',
  kind: 'equals',
  columns: ['code'],
  label: { vi: 'Mã tài liệu', en: 'Code' },
};

const typeFilter: FilterDefinition = {
  key: 'documentType',
  kind: 'equals',
  columns: ['documentType'],
  label: { vi: 'Loại tài liệu', en: 'Type' },
};

const issuedFrom: FilterDefinition = {
  key: 'issuedFrom',
  kind: 'from',
  columns: ['issueDate'],
  label: { vi: 'Ban hành từ ngày', en: 'Issued from' },
};

const issuedTo: FilterDefinition = {
  key: 'issuedTo',
  kind: 'to',
  columns: ['issueDate'],
  label: { vi: 'Ban hành đến ngày', en: 'Issued until' },
};

/**
 * Clause 7.5.3: the documents in force, one row per document, its current issue. The
 * document-control procedure writes them; an issued version is never edited, only replaced by
 * the next issue.
 */
export const controlledDocumentsRegister: RegisterDefinition = {
  name: 'controlled-documents',
  clause: '7.5.3',
  title: { vi: 'Danh mục tài liệu hiện hành', en: 'Controlled documents in force' },
  description: {
    vi: 'Các tài liệu của hệ thống quản lý chất lượng đang ban hành (lần ban hành hiện hành). Các lần ban hành đã hết hiệu lực hoặc đã hủy bỏ nằm trong sổ lưu trữ các lần ban hành.',
    en: 'The documents of the quality management system in force, each at its current issue. Obsolete and withdrawn issues are in the archive of document issues.',
  },
  table: 'current_controlled_documents',
  columns: withoutColumn(versionColumns(), 'status'),
  filters: [searchFilter, codeFilter, typeFilter, issuedFrom, issuedTo],
  defaultSort: { column: 'code', order: 'asc' },
  access: { write: [], approve: [] },
};

/**
 * Clause 7.5.3.2: every issue of every document, the archive of obsolete and withdrawn issues
 * included, filtered by status. An obsolete issue stays readable here and is never served as
 * the current one.
 */
export const documentVersionsRegister: RegisterDefinition = {
  name: 'document-versions',
  clause: '7.5.3.2',
  title: { vi: 'Lưu trữ các lần ban hành tài liệu', en: 'Archive of document issues' },
  description: {
    vi: 'Tất cả các lần ban hành của tài liệu: đang ban hành, hết hiệu lực, đã hủy bỏ và các dự thảo đang xử lý. Lọc theo trạng thái để xem tài liệu lỗi thời được lưu trữ.',
    en: 'Every issue of every document: issued, obsolete, withdrawn and drafts in progress. Filter by status to see the archived obsolete issues.',
  },
  table: 'controlled_document_versions',
  columns: [
    ...versionColumns(),
    {
      key: 'obsoleteAt',
      column: 'obsolete_at',
      type: 'timestamp',
      label: { vi: 'Thời điểm hết hiệu lực', en: 'Obsolete since' },
      inList: false,
      width: 18,
    },
    {
      key: 'withdrawnAt',
      column: 'withdrawn_at',
      type: 'timestamp',
      label: { vi: 'Thời điểm hủy bỏ', en: 'Withdrawn at' },
      inList: false,
      width: 18,
    },
    {
      key: 'withdrawalReason',
      column: 'withdrawal_reason',
      type: 'longText',
      label: { vi: 'Lý do hủy bỏ', en: 'Reason for withdrawal' },
      inList: false,
      width: 40,
    },
  ],
  filters: [
    searchFilter,
    codeFilter,
    {
      key: 'status',
      kind: 'equals',
      columns: ['status'],
      label: { vi: 'Trạng thái', en: 'Status' },
    },
    typeFilter,
    issuedFrom,
    issuedTo,
  ],
  defaultSort: { column: 'code', order: 'asc' },
  access: { write: [], approve: [] },
};
