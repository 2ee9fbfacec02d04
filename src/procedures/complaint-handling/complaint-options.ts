import type { EnumOption, Label } from '../../registers/framework/register-definition.js';

/** Channels through which a complaint or a rating reaches the agency, as the receive form lists them. */
export const intakeChannels: EnumOption[] = [
  { value: 'in-person', label: { vi: 'Trực tiếp tại cơ quan', en: 'In person' } },
  { value: 'phone', label: { vi: 'Điện thoại', en: 'Phone' } },
  { value: 'email', label: { vi: 'Thư điện tử', en: 'Email' } },
  { value: 'portal', label: { vi: 'Cổng dịch vụ công', en: 'Public service portal' } },
  { value: 'hotline', label: { vi: 'Đường dây nóng', en: 'Hotline' } },
];

/** Channels through which an answer goes to the complainant, as the send form lists them. */
export const answerChannels: EnumOption[] = [
  { value: 'in-person', label: { vi: 'Trực tiếp tại cơ quan', en: 'In person' } },
  { value: 'phone', label: { vi: 'Điện thoại', en: 'Phone' } },
  { value: 'email', label: { vi: 'Thư điện tử', en: 'Email' } },
  { value: 'portal', label: { vi: 'Cổng dịch vụ công', en: 'Public service portal' } },
  { value: 'post', label: { vi: 'Văn bản qua bưu chính', en: 'Letter by post' } },
];

/** Statuses of a complaint in the register. */
export const complaintStatuses: EnumOption[] = [
  { value: 'received', label: { vi: 'Đã tiếp nhận', en: 'Received' } },
  { value: 'in-progress', label: { vi: 'Đang giải quyết', en: 'In progress' } },
  { value: 'overdue', label: { vi: 'Quá hạn', en: 'Overdue' } },
  { value: 'answered', label: { vi: 'Đã trả lời', en: 'Answered' } },
];

/** A criterion of a satisfaction rating: its API key, its table column and its label. */
export interface RatingCriterion {
  key: string;
  column: string;
  label: Label;
}

/**
 * The five elements that the satisfaction index of public administrative services (SIPAS) of the
 * Ministry of Home Affairs measures, as its 2017-2023 measurement scheme lists them. Each is
 * scored from 1 (very dissatisfied) to 5 (very satisfied).
 */
export const ratingCriteria: RatingCriterion[] = [
  {
    key: 'scoreAccess',
    column: 'score_access',
    label: { vi: 'Tiếp cận dịch vụ', en: 'Access to the service' },
  },
  {
    key: 'scoreProcedure',
    column: 'score_procedure',
    label: { vi: 'Thủ tục hành chính', en: 'Administrative procedure' },
  },
  {
    key: 'scoreStaff',
    column: 'score_staff',
    label: { vi: 'Công chức giải quyết công việc', en: 'Civil servants handling the case' },
  },
  {
    key: 'scoreResult',
    column: 'score_result',
    label: { vi: 'Kết quả giải quyết', en: 'Result of the service' },
  },
  {
    key: 'scoreFeedback',
    column: 'score_feedback',
    label: {
      vi: 'Tiếp nhận, xử lý góp ý, phản ánh',
      en: 'Handling of feedback and complaints',
    },
  },
];

/** Lowest and highest score of a criterion. */
export const scoreRange = { min: 1, max: 5 } as const;

/** A rating whose mean score reaches this value counts as satisfied (4 = satisfied). */
export const satisfiedThreshold = 4;
