import {
  enumOf,
  optionalDate,
  optionalText,
  recordSchema,
  requiredDate,
  requiredText,
  standardLifecycle,
  statusColumn,
  systemColumns,
} from '../../registers/framework/definition-helpers.js';
import type { RegisterDefinition } from '../../registers/framework/register-definition.js';
import { externalKindOptions, externalStatusOptions } from './document-options.js';

/**
 * Clause 7.5.3.2: documents of external origin that the QMS needs, such as the decrees and
 * decisions behind the agency's procedures. The ISO secretary lists them; confirming one puts it
 * in use and archiving it records that it is no longer in force.
 */
export const externalDocumentsRegister: RegisterDefinition = {
  name: 'external-documents',
  clause: '7.5.3.2',
  title: { vi: 'Danh mục tài liệu có nguồn gốc bên ngoài', en: 'External documents' },
  description: {
    vi: 'Văn bản quy phạm pháp luật, tiêu chuẩn và văn bản của cơ quan cấp trên mà cơ quan áp dụng: số hiệu, cơ quan ban hành, ngày ban hành, ngày có hiệu lực và tình trạng hiệu lực.',
    en: 'Legal documents, standards and documents of superior agencies that the agency applies: number, issuing body, issue date, effective date and whether they are in force.',
  },
  table: 'external_documents',
  columns: [
    {
      key: 'documentNumber',
      column: 'document_number',
      type: 'text',
      label: { vi: 'Số, ký hiệu', en: 'Number' },
      sortable: true,
      width: 22,
    },
    {
      key: 'documentKind',
      column: 'document_kind',
      type: 'enum',
      label: { vi: 'Loại văn bản', en: 'Kind' },
      options: externalKindOptions,
      sortable: true,
      width: 14,
    },
    {
      key: 'title',
      column: 'title',
      type: 'longText',
      label: { vi: 'Trích yếu nội dung', en: 'Title' },
      width: 60,
    },
    {
      key: 'issuingBody',
      column: 'issuing_body',
      type: 'text',
      label: { vi: 'Cơ quan ban hành', en: 'Issuing body' },
      sortable: true,
      width: 26,
    },
    {
      key: 'issueDate',
      column: 'issue_date',
      type: 'date',
      label: { vi: 'Ngày ban hành', en: 'Issue date' },
      sortable: true,
    },
    {
      key: 'effectiveDate',
      column: 'effective_date',
      type: 'date',
      label: { vi: 'Ngày có hiệu lực', en: 'Effective date' },
      sortable: true,
    },
    {
      key: 'link',
      column: 'link',
      type: 'text',
      label: { vi: 'Đường dẫn văn bản', en: 'Link' },
      inList: false,
      width: 30,
    },
    {
      key: 'notes',
      column: 'notes',
      type: 'longText',
      label: { vi: 'Ghi chú', en: 'Notes' },
      inList: false,
      width: 40,
    },
    statusColumn(externalStatusOptions),
    ...systemColumns(),
  ],
  filters: [
    {
      key: 'q',
      kind: 'search',
      columns: ['documentNumber', 'title', 'issuingBody', 'notes'],
      label: { vi: 'Tìm kiếm', en: 'Search' },
    },
    {
      key: 'documentKind',
      kind: 'equals',
      columns: ['documentKind'],
      label: { vi: 'Loại văn bản', en: 'Kind' },
    },
    {
      key: 'status',
      kind: 'equals',
      columns: ['status'],
      label: { vi: 'Tình trạng', en: 'Status' },
    },
    {
      key: 'effectiveFrom',
      kind: 'from',
      columns: ['effectiveDate'],
      label: { vi: 'Hiệu lực từ ngày', en: 'Effective from' },
    },
    {
      key: 'effectiveTo',
      kind: 'to',
      columns: ['effectiveDate'],
      label: { vi: 'Hiệu lực đến ngày', en: 'Effective until' },
    },
  ],
  defaultSort: { column: 'issueDate', order: 'desc' },
  access: { write: ['iso-secretary', 'board'], approve: ['iso-secretary', 'board'] },
  schema: recordSchema(['documentNumber', 'documentKind', 'title', 'issuingBody', 'issueDate'], {
    documentNumber: requiredText(100),
    documentKind: enumOf(externalKindOptions),
    title: requiredText(2000),
    issuingBody: requiredText(300),
    issueDate: requiredDate(),
    effectiveDate: optionalDate(),
    // NOTE: the framework reports any `pattern` failure as a blank text, so the link is not
    // checked to be a URL here; pages show it as text, never as a live link.
    link: optionalText(1000),
    notes: optionalText(4000),
    status: enumOf(externalStatusOptions),
  }),
  lifecycle: standardLifecycle(),
};
