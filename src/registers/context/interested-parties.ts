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
import { internalExternalOptions } from './context-issues.js';

const status = statusOptions();

/**
 * Clause 4.2: the interested parties relevant to the QMS, their requirements, how the agency
 * meets them and how it monitors and reviews them.
 */
export const interestedPartiesRegister: RegisterDefinition = {
  name: 'interested-parties',
  clause: '4.2',
  title: { vi: 'Các bên quan tâm', en: 'Interested parties' },
  description: {
    vi: 'Các bên quan tâm liên quan đến hệ thống quản lý chất lượng, yêu cầu của họ, cách đáp ứng và cách theo dõi.',
    en: 'Interested parties relevant to the quality management system, their requirements, how they are met and how they are monitored.',
  },
  table: 'interested_parties',
  columns: [
    {
      key: 'name',
      column: 'name',
      type: 'text',
      label: { vi: 'Bên quan tâm', en: 'Interested party' },
      sortable: true,
      width: 28,
    },
    {
      key: 'partyType',
      column: 'party_type',
      type: 'enum',
      label: { vi: 'Loại', en: 'Type' },
      options: internalExternalOptions,
      sortable: true,
      width: 12,
    },
    {
      key: 'requirements',
      column: 'requirements',
      type: 'longText',
      label: { vi: 'Nhu cầu và mong đợi', en: 'Needs and expectations' },
      width: 50,
    },
    {
      key: 'howMet',
      column: 'how_met',
      type: 'longText',
      label: { vi: 'Cách đáp ứng', en: 'How they are met' },
      width: 50,
    },
    {
      key: 'monitoring',
      column: 'monitoring',
      type: 'longText',
      label: { vi: 'Theo dõi và xem xét', en: 'Monitoring and review' },
      inList: false,
      width: 40,
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
      columns: ['name', 'requirements', 'howMet', 'monitoring'],
      label: { vi: 'Tìm kiếm', en: 'Search' },
    },
    { key: 'partyType', kind: 'equals', columns: ['partyType'], label: { vi: 'Loại', en: 'Type' } },
    {
      key: 'status',
      kind: 'equals',
      columns: ['status'],
      label: { vi: 'Trạng thái', en: 'Status' },
    },
  ],
  defaultSort: { column: 'name', order: 'asc' },
  access: secretaryWritesBoardApproves,
  schema: recordSchema(['name', 'partyType', 'requirements'], {
    name: requiredText(300),
    partyType: enumOf(internalExternalOptions),
    requirements: requiredText(4000),
    howMet: optionalText(4000),
    monitoring: optionalText(2000),
    reviewDate: optionalDate(),
    status: enumOf(status),
  }),
  lifecycle: standardLifecycle(),
};
