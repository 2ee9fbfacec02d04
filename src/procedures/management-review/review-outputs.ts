import type { ReviewOutput } from '../../documents/index.js';
import type { EnumOption } from '../../registers/framework/register-definition.js';

/** The kinds of decision that ISO 9001:2015 clause 9.3.3 requires a review to output. */
export type OutputType = 'improvement' | 'qms-change' | 'resources';

/** The output types with their labels, in the order of clause 9.3.3. */
export const outputTypeOptions: EnumOption[] = [
  { value: 'improvement', label: { vi: 'Cơ hội cải tiến', en: 'Opportunity for improvement' } },
  {
    value: 'qms-change',
    label: { vi: 'Thay đổi hệ thống quản lý chất lượng', en: 'Change to the QMS' },
  },
  { value: 'resources', label: { vi: 'Nhu cầu nguồn lực', en: 'Resource need' } },
];

/** The document label key of each output type, as the review report prints it. */
export const outputCategoryOf: Record<OutputType, ReviewOutput['category']> = {
  improvement: 'improvement',
  'qms-change': 'qmsChange',
  resources: 'resources',
};

/** True when `value` is one of the output types. */
export function isOutputType(value: unknown): value is OutputType {
  return typeof value === 'string' && Object.hasOwn(outputCategoryOf, value);
}

/** One output as the meeting form submits it and the review stores it. */
export interface RecordedOutput {
  outputType: OutputType;
  description: string;
  ownerDepartment: string;
  ownerName: string;
  deadline: string;
  /** Only for an improvement: open a corrective action for it once the report is approved. */
  openCorrectiveAction: boolean;
}

/** The reference of the action at `position` of a review, such as `XXLD-2027-001 / HĐ-02`. */
export function actionReference(reviewReference: string, position: number): string {
  return `${reviewReference} / HĐ-${String(position).padStart(2, '0')}`;
}
