/**
 * Whether a target is a minimum or a maximum. An `at_least` target is achieved by a measured value
 * equal to or above it (98 % of dossiers on time). An `at_most` target is achieved by one equal to
 * or below it (no more than 2 late dossiers a month, 5 days to reply to a complaint).
 */
export type TargetDirection = 'at_least' | 'at_most';

// Words of a target unit that count something to keep low, compared in lower case after Unicode
// NFC normalization so that composed and decomposed Vietnamese letters match alike.
const atMostUnitWords = [
  'ngày',
  'giờ',
  'phút',
  'trễ',
  'chậm',
  'quá hạn',
  'khiếu nại',
  'phàn nàn',
  'sự cố',
  'lỗi',
  'sai sót',
  'vi phạm',
  'tồn đọng',
  'day',
  'hour',
  'minute',
  'late',
  'overdue',
  'complaint',
  'incident',
  'error',
  'defect',
  'violation',
  'backlog',
];

/**
 * Returns the direction of a target from its unit when the objective does not state one.
 *
 * The rule: a unit that is a duration (`ngày`, `giờ`, `phút`) or that names something to keep low
 * (`hồ sơ trễ hạn`, `vụ khiếu nại`, `sự cố`, `lỗi`, `vi phạm` and their English words) makes the
 * target a maximum. Every other unit, percentages included, makes it a minimum, because the
 * agencies state their rates as the share to reach (dossiers on time, satisfied citizens).
 */
export function directionFromUnit(targetUnit: string): TargetDirection {
  const unit = targetUnit.normalize('NFC').toLowerCase();
  const words = unit.split(/[^\p{L}]+/u).filter(Boolean);
  const matches = atMostUnitWords.some((word) =>
    word.includes(' ')
      ? unit.includes(word)
      : words.some((part) => part.replace(/s$/, '') === word),
  );
  return matches ? 'at_most' : 'at_least';
}

/** Returns the stated direction of an objective, or the one its unit implies when none is stated. */
export function directionOf(stated: unknown, targetUnit: string): TargetDirection {
  return stated === 'at_least' || stated === 'at_most' ? stated : directionFromUnit(targetUnit);
}

/** Tells whether a measured value achieves the target in `direction`. */
export function isAchieved(
  measuredValue: number,
  targetValue: number,
  direction: TargetDirection,
): boolean {
  return direction === 'at_least' ? measuredValue >= targetValue : measuredValue <= targetValue;
}

/** Formats a number the Vietnamese way: a decimal comma and no trailing zeros. */
export function vietnameseNumber(value: number): string {
  return String(Number(value.toFixed(4))).replace('.', ',');
}

/** Formats a target with its comparison sign, such as `≥ 98 %` or `≤ 2 hồ sơ trễ hạn`. */
export function targetText(targetValue: number, targetUnit: string, direction: TargetDirection) {
  const sign = direction === 'at_least' ? '≥' : '≤';
  return `${sign} ${vietnameseNumber(targetValue)} ${targetUnit}`.trim();
}
