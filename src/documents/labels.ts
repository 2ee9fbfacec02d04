/**
 * Vietnamese wording of the coded values in document data. The schemas take their enums from
 * the keys, and templates print the wording with `{{label "group" value}}`. ISO 9001 terms are
 * worded after TCVN ISO 9001:2015, the Vietnamese national standard, with the customer written
 * as `người dân, tổ chức` (citizens and organisations), as public administration reads it.
 */
export const labels = {
  /** Management review inputs, ISO 9001:2015 clause 9.3.2, in the order of the standard. */
  reviewInput: {
    previousActions: 'Tình trạng của các hành động từ các lần xem xét của lãnh đạo trước đó',
    contextChanges:
      'Những thay đổi về các vấn đề bên ngoài và nội bộ liên quan đến hệ thống quản lý chất lượng',
    customerSatisfaction: 'Sự thỏa mãn của người dân, tổ chức và phản hồi từ các bên quan tâm',
    objectives: 'Mức độ đạt được các mục tiêu chất lượng',
    processPerformance: 'Kết quả thực hiện các quá trình và sự phù hợp của sản phẩm, dịch vụ',
    nonconformities: 'Sự không phù hợp và hành động khắc phục',
    monitoring: 'Kết quả theo dõi và đo lường',
    auditResults: 'Kết quả đánh giá',
    externalProviders: 'Kết quả thực hiện của nhà cung cấp bên ngoài',
    resources: 'Sự thỏa đáng của nguồn lực',
    risksAndOpportunities: 'Hiệu lực của các hành động giải quyết rủi ro và cơ hội',
    improvement: 'Các cơ hội cải tiến',
  },
  /** Management review outputs, ISO 9001:2015 clause 9.3.3. */
  reviewOutput: {
    improvement: 'Cơ hội cải tiến',
    qmsChange: 'Thay đổi hệ thống quản lý chất lượng',
    resources: 'Nhu cầu nguồn lực',
  },
  /** Roles in an audit team, as ISO 19011 names them. */
  auditRole: {
    lead: 'Trưởng đoàn',
    member: 'Thành viên',
    technicalExpert: 'Chuyên gia kỹ thuật',
    observer: 'Quan sát viên',
  },
  /** Classification of audit findings. */
  findingClass: {
    major: 'Không phù hợp nặng',
    minor: 'Không phù hợp nhẹ',
    observation: 'Điểm lưu ý',
    opportunity: 'Cơ hội cải tiến',
  },
  /** Risk levels of the likelihood × severity matrix. */
  riskLevel: {
    low: 'Thấp',
    medium: 'Trung bình',
    high: 'Cao',
    critical: 'Rất cao',
  },
  /** Whether a quality objective was met. */
  achievement: {
    met: 'Đạt',
    notMet: 'Không đạt',
  },
} as const;

export type LabelGroup = keyof typeof labels;

export type LabelKey<G extends LabelGroup> = keyof (typeof labels)[G] & string;

/** Returns the keys of a label group, for a schema's `enum`. */
export function labelKeys<G extends LabelGroup>(group: G): LabelKey<G>[] {
  return Object.keys(labels[group]) as LabelKey<G>[];
}

/** Returns the wording of `key` in `group`, or throws when a template requests an unknown one. */
export function labelOf(group: string, key: string): string {
  const groups: Record<string, Record<string, string>> = labels;
  const wordings = Object.hasOwn(groups, group) ? groups[group] : undefined;
  if (!wordings || !Object.hasOwn(wordings, key))
    throw new Error(`Unknown label ${group}.${key} in a document template`);
  return wordings[key];
}
