import type { FieldError } from '../../errors.js';
import type { Language, Label } from '../../registers/framework/register-definition.js';
import { riskLevelOf, type RiskBand, type UnitSettings } from '../../settings/unit-settings.js';

/** A band of the matrix: low, medium, high or critical. */
export type RiskLevel = RiskBand['level'];

/** The likelihood and severity scales of a unit and the bands of their product. */
export type RiskMatrix = UnitSettings['riskMatrix'];

/**
 * One rating of a scale as a form-js select shows it. The value is text because eiso validates a
 * select whose options come from a variable as a text field.
 */
export interface RatingOption {
  value: string;
  label: string;
}

/** The four scales that the forms of the procedure offer, built from the unit's matrix. */
export interface RatingOptions {
  likelihoodOptions: RatingOption[];
  severityOptions: RatingOption[];
  benefitOptions: RatingOption[];
  feasibilityOptions: RatingOption[];
}

/** Wording of the levels, in the order of the bands. */
export const levelLabels: Record<RiskLevel, Label> = {
  low: { vi: 'Thấp', en: 'Low' },
  medium: { vi: 'Trung bình', en: 'Medium' },
  high: { vi: 'Cao', en: 'High' },
  critical: { vi: 'Rất cao', en: 'Critical' },
};

/** Levels whose treatment plan the board approves before it is carried out. */
export const levelsNeedingApproval: readonly RiskLevel[] = ['high', 'critical'];

// Names of the ratings of the common scale sizes. Other sizes show the number only.
const scaleNames: Record<'likelihood' | 'severity' | 'benefit' | 'feasibility', string[][]> = {
  likelihood: [
    ['Hiếm khi', 'Có thể', 'Thường xuyên'],
    ['Hiếm khi', 'Có thể', 'Thường xuyên', 'Gần như chắc chắn'],
    ['Hiếm khi', 'Ít khi', 'Có thể', 'Thường xuyên', 'Gần như chắc chắn'],
  ],
  severity: [
    ['Nhỏ', 'Trung bình', 'Nghiêm trọng'],
    ['Nhỏ', 'Trung bình', 'Lớn', 'Nghiêm trọng'],
    ['Không đáng kể', 'Nhỏ', 'Trung bình', 'Lớn', 'Nghiêm trọng'],
  ],
  benefit: [
    ['Nhỏ', 'Trung bình', 'Lớn'],
    ['Nhỏ', 'Trung bình', 'Lớn', 'Rất lớn'],
    ['Rất nhỏ', 'Nhỏ', 'Trung bình', 'Lớn', 'Rất lớn'],
  ],
  feasibility: [
    ['Khó', 'Có thể', 'Dễ'],
    ['Khó', 'Có thể', 'Dễ', 'Rất dễ'],
    ['Rất khó', 'Khó', 'Có thể', 'Dễ', 'Rất dễ'],
  ],
};

function scale(kind: keyof typeof scaleNames, levels: number): RatingOption[] {
  const names = scaleNames[kind][levels - 3];
  return Array.from({ length: levels }, (_, index) => ({
    value: String(index + 1),
    label: names ? `${index + 1} - ${names[index]}` : String(index + 1),
  }));
}

/**
 * Builds the rating options of the forms. An opportunity's benefit uses the severity scale and
 * its feasibility the likelihood scale, so its score falls in the same bands as a risk's.
 */
export function ratingOptions(matrix: RiskMatrix): RatingOptions {
  return {
    likelihoodOptions: scale('likelihood', matrix.likelihoodLevels),
    severityOptions: scale('severity', matrix.severityLevels),
    benefitOptions: scale('benefit', matrix.severityLevels),
    feasibilityOptions: scale('feasibility', matrix.likelihoodLevels),
  };
}

/** A score that falls in no band of the matrix: the unit's settings need fixing. */
export class MatrixGapError extends Error {
  constructor(readonly score: number) {
    super(
      `score ${score} falls in no band of the unit's risk matrix; ` +
        'fix the bands in settings.riskMatrix so that they cover every product of the scales',
    );
    this.name = 'MatrixGapError';
  }
}

/** Multiplies two ratings and looks up the band of the product. */
export function scoreOf(
  matrix: RiskMatrix,
  first: number,
  second: number,
): { score: number; level: RiskLevel } {
  const score = first * second;
  const level = riskLevelOf({ riskMatrix: matrix } as UnitSettings, score);
  if (!level) throw new MatrixGapError(score);
  return { score, level };
}

/** The rating fields of the registers and the scale each one uses. */
export const ratingScales = {
  likelihood: 'likelihoodLevels',
  severity: 'severityLevels',
  residualLikelihood: 'likelihoodLevels',
  residualSeverity: 'severityLevels',
  benefit: 'severityLevels',
  feasibility: 'likelihoodLevels',
} as const satisfies Record<string, 'likelihoodLevels' | 'severityLevels'>;

export type RatingField = keyof typeof ratingScales;

/**
 * Checks that each rating in `values` lies on its scale of the matrix and returns one error per
 * rating that does not, naming the allowed range.
 */
export function ratingErrors(
  matrix: RiskMatrix,
  values: Partial<Record<RatingField, unknown>>,
  labels: Record<RatingField, Label>,
  language: Language,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, scaleKey] of Object.entries(ratingScales) as [RatingField, string][]) {
    const value = values[field];
    if (value === undefined || value === null) continue;
    const max = matrix[scaleKey as 'likelihoodLevels' | 'severityLevels'];
    if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max) continue;
    const size = `${matrix.likelihoodLevels} × ${matrix.severityLevels}`;
    const message =
      language === 'vi'
        ? `${labels[field].vi}: phải là số nguyên từ 1 đến ${max} (ma trận rủi ro của đơn vị là ${size}), nhận được ${JSON.stringify(value)}.`
        : `${labels[field].en}: must be a whole number from 1 to ${max} (the unit's risk matrix is ${size}), got ${JSON.stringify(value)}.`;
    errors.push({ path: `/${field}`, message });
  }
  return errors;
}

/** Formats a score with its level, such as `12 (Cao)`. */
export function describeScore(score: number, level: RiskLevel, language: Language = 'vi'): string {
  return `${score} (${levelLabels[level][language]})`;
}
