import type { EnumOption } from '../../registers/framework/register-definition.js';

/** Origins of a nonconformity. The start contract's `source` is one of these values. */
export const sourceOptions: EnumOption[] = [
  { value: 'audit', label: { vi: 'Đánh giá nội bộ', en: 'Internal audit' } },
  { value: 'complaint', label: { vi: 'Phản ánh, kiến nghị', en: 'Complaint' } },
  {
    value: 'objective',
    label: { vi: 'Không đạt mục tiêu chất lượng', en: 'Missed quality objective' },
  },
  { value: 'review', label: { vi: 'Xem xét của lãnh đạo', en: 'Management review' } },
  { value: 'inspection', label: { vi: 'Thanh tra, kiểm tra', en: 'Inspection' } },
  { value: 'other', label: { vi: 'Khác', en: 'Other' } },
];

/** The ISO secretary's classification at triage. */
export const classificationOptions: EnumOption[] = [
  { value: 'major', label: { vi: 'Sự không phù hợp nặng', en: 'Major nonconformity' } },
  { value: 'minor', label: { vi: 'Sự không phù hợp nhẹ', en: 'Minor nonconformity' } },
  {
    value: 'not-nonconformity',
    label: { vi: 'Không phải sự không phù hợp', en: 'Not a nonconformity' },
  },
];

/**
 * The step a corrective action is at. `triaged` waits for the owner's plan, also after the board
 * returned the plan or an effectiveness check reopened the action.
 */
export const statusOptions: EnumOption[] = [
  { value: 'raised', label: { vi: 'Chờ phân loại', en: 'Raised' } },
  { value: 'triaged', label: { vi: 'Chờ lập kế hoạch', en: 'Triaged' } },
  { value: 'planned', label: { vi: 'Chờ phê duyệt kế hoạch', en: 'Planned' } },
  { value: 'approved', label: { vi: 'Kế hoạch đã phê duyệt', en: 'Approved' } },
  { value: 'implementing', label: { vi: 'Đang thực hiện', en: 'Implementing' } },
  { value: 'checking', label: { vi: 'Chờ kiểm tra hiệu lực', en: 'Effectiveness check' } },
  { value: 'closed', label: { vi: 'Đã đóng', en: 'Closed' } },
  { value: 'rejected', label: { vi: 'Không chấp nhận', en: 'Rejected' } },
];

/** Methods of root cause analysis that the plan form offers. */
export const rootCauseMethodOptions: EnumOption[] = [
  { value: 'five-whys', label: { vi: '5 lần tại sao', en: '5 whys' } },
  { value: 'fishbone', label: { vi: 'Sơ đồ xương cá', en: 'Fishbone diagram' } },
];

/** The branches of the fishbone (Ishikawa) diagram, as public agencies name them. */
export const causeCategoryOptions: EnumOption[] = [
  { value: 'people', label: { vi: 'Con người', en: 'People' } },
  { value: 'method', label: { vi: 'Phương pháp, quy trình', en: 'Method and procedure' } },
  {
    value: 'equipment',
    label: { vi: 'Máy móc, thiết bị, phần mềm', en: 'Equipment and software' },
  },
  {
    value: 'material',
    label: { vi: 'Hồ sơ, tài liệu đầu vào', en: 'Input records and documents' },
  },
  { value: 'measurement', label: { vi: 'Đo lường, theo dõi', en: 'Measurement and monitoring' } },
  { value: 'environment', label: { vi: 'Môi trường làm việc', en: 'Work environment' } },
];

/** The conclusion of an effectiveness check. */
export const effectivenessOptions: EnumOption[] = [
  { value: 'effective', label: { vi: 'Có hiệu lực', en: 'Effective' } },
  { value: 'not-effective', label: { vi: 'Chưa hiệu lực', en: 'Not effective' } },
];

/** Returns the values of `options`, for checks of the variables that a worker reads. */
export function valuesOf(options: EnumOption[]): string[] {
  return options.map((option) => option.value);
}
