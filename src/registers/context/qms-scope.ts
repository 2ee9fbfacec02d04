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
  tableOf,
  textList,
} from '../framework/definition-helpers.js';
import type { RegisterDefinition, SubfieldDefinition } from '../framework/register-definition.js';

const exclusionFields: SubfieldDefinition[] = [
  { key: 'clause', type: 'text', label: { vi: 'Điều khoản', en: 'Clause' } },
  { key: 'justification', type: 'longText', label: { vi: 'Lý giải', en: 'Justification' } },
];

const status = statusOptions({ vi: 'Đang áp dụng', en: 'In force' });

/**
 * Clause 4.3: the scope of the QMS, with the sites, the administrative procedures it covers and
 * each requirement that does not apply with its justification. One scope is in force at a time:
 * approving a new one archives the one before.
 */
export const qmsScopeRegister: RegisterDefinition = {
  name: 'qms-scope',
  clause: '4.3',
  title: { vi: 'Phạm vi hệ thống quản lý chất lượng', en: 'Scope of the QMS' },
  description: {
    vi: 'Phạm vi áp dụng, địa điểm, các thủ tục hành chính thuộc phạm vi và các điều khoản không áp dụng kèm lý giải.',
    en: 'Scope statement, sites, the administrative procedures covered and the requirements that do not apply, with their justification.',
  },
  table: 'qms_scopes',
  columns: [
    {
      key: 'scopeStatement',
      column: 'scope_statement',
      type: 'longText',
      label: { vi: 'Phạm vi áp dụng', en: 'Scope statement' },
      width: 60,
    },
    {
      key: 'sites',
      column: 'sites',
      type: 'textList',
      label: { vi: 'Địa điểm', en: 'Sites' },
      width: 40,
    },
    {
      key: 'procedures',
      column: 'procedures',
      type: 'textList',
      label: { vi: 'Thủ tục hành chính áp dụng', en: 'Applicable administrative procedures' },
      width: 70,
    },
    {
      key: 'exclusions',
      column: 'exclusions',
      type: 'table',
      label: { vi: 'Điều khoản không áp dụng', en: 'Exclusions' },
      fields: exclusionFields,
      width: 60,
    },
    {
      key: 'effectiveDate',
      column: 'effective_date',
      type: 'date',
      label: { vi: 'Ngày hiệu lực', en: 'Effective date' },
      sortable: true,
    },
    statusColumn(status),
    ...systemColumns().map((column) =>
      column.key === 'approvedByName' ? { ...column, inList: true } : column,
    ),
  ],
  filters: [
    {
      key: 'q',
      kind: 'search',
      columns: ['scopeStatement', 'sites', 'procedures'],
      label: { vi: 'Tìm kiếm', en: 'Search' },
    },
    {
      key: 'status',
      kind: 'equals',
      columns: ['status'],
      label: { vi: 'Trạng thái', en: 'Status' },
    },
  ],
  defaultSort: { column: 'effectiveDate', order: 'desc' },
  access: secretaryWritesBoardApproves,
  schema: recordSchema(['scopeStatement', 'sites', 'procedures'], {
    scopeStatement: requiredText(4000),
    sites: textList(1, 50, 500),
    procedures: textList(1, 500, 500),
    exclusions: tableOf(exclusionFields, 30),
    effectiveDate: optionalDate(),
    status: enumOf(status),
  }),
  lifecycle: standardLifecycle(true),
};
