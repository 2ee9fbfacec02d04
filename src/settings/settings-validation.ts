import { EisoError, type FieldError } from '../errors.js';
import { TimerExpressionError, parseRepeatingInterval } from '../jobs/timer-schedule.js';
import type { UnitSettings } from './unit-settings.js';

const wholeNumber = (minimum: number, maximum: number) =>
  ({ type: 'integer', minimum, maximum }) as const;

/** JSON Schema of a change to the settings: any subset of them. */
export const settingsChangeSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    riskMatrix: {
      type: 'object',
      additionalProperties: false,
      required: ['likelihoodLevels', 'severityLevels', 'bands'],
      properties: {
        likelihoodLevels: wholeNumber(2, 10),
        severityLevels: wholeNumber(2, 10),
        bands: {
          type: 'array',
          minItems: 2,
          maxItems: 4,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['level', 'min', 'max'],
            properties: {
              level: { type: 'string', enum: ['low', 'medium', 'high', 'critical'] },
              min: wholeNumber(1, 100),
              max: wholeNumber(1, 100),
            },
          },
        },
      },
    },
    effectivenessCheckDays: wholeNumber(1, 730),
    complaintResponseDays: wholeNumber(1, 90),
    reminderDaysBefore: wholeNumber(0, 30),
    riskReviewMonths: wholeNumber(1, 60),
    auditProgrammeCycle: { type: 'string', minLength: 4, maxLength: 100 },
    measurementCycle: { type: 'string', minLength: 4, maxLength: 100 },
  },
} as const;

type Language = 'vi' | 'en';

const levelNames: Record<Language, Record<string, string>> = {
  vi: { low: 'Thấp', medium: 'Trung bình', high: 'Cao', critical: 'Rất cao' },
  en: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
};

/** Messages of the settings checks, in Vietnamese and English. */
const messages = {
  vi: {
    invalid: 'Thiết lập không hợp lệ.',
    bandStart: (level: string, start: number) =>
      `Mức “${level}” phải bắt đầu từ điểm ${start} và kết thúc không nhỏ hơn điểm bắt đầu, để các mức phủ mọi điểm đúng một lần.`,
    bandOrder: (level: string) => `Mức “${level}” phải cao hơn mức đứng trước nó.`,
    bandEnd: (maximum: number, likelihood: number, severity: number) =>
      `Mức cao nhất phải kết thúc ở điểm ${maximum}, điểm lớn nhất của ma trận ${likelihood} × ${severity}.`,
    cycleStart: 'Hãy chọn ngày bắt đầu của chu kỳ.',
    cycleInvalid: (value: string) =>
      `“${value}” không phải chu kỳ hợp lệ; ví dụ R/2027-01-15T08:00:00+07:00/P1Y.`,
    measurementPeriod: 'Chu kỳ đo lường phải là hằng tháng (P1M) hoặc hằng quý (P3M).',
    reminderTooLate: (reminder: number, limit: number) =>
      `Nhắc việc trước hạn ${reminder} ngày phải ít hơn thời hạn trả lời phản ánh ${limit} ngày, để lời nhắc đến sau khi giao việc.`,
  },
  en: {
    invalid: 'The settings are invalid.',
    bandStart: (level: string, start: number) =>
      `Band '${level}' must start at ${start} and end at or after its start, so that the bands cover every score once.`,
    bandOrder: (level: string) => `Band '${level}' must be a higher level than the band below it.`,
    bandEnd: (maximum: number, likelihood: number, severity: number) =>
      `The highest band must end at ${maximum}, the largest score of a ${likelihood} × ${severity} matrix.`,
    cycleStart: 'Give the first date of the cycle, such as R/2027-01-15T08:00:00+07:00/P1Y.',
    cycleInvalid: (value: string) =>
      `'${value}' is not a valid cycle; give one such as R/2027-01-15T08:00:00+07:00/P1Y.`,
    measurementPeriod: 'The measurement cycle must end in P1M (monthly) or P3M (quarterly).',
    reminderTooLate: (reminder: number, limit: number) =>
      `The reminder of ${reminder} days before a due date must be shorter than the ${limit}-day complaint time limit, so that it comes after the task is assigned.`,
  },
};

/**
 * Checks what a JSON Schema cannot. The bands of the risk matrix must cover every score from 1 to
 * likelihood × severity once, in order of level. The cycles must be ISO 8601 repeating intervals
 * with a first date, and the measurement cycle must be monthly or quarterly.
 */
export function checkSettings(settings: UnitSettings, language: Language = 'vi'): void {
  const text = messages[language];
  const problems: FieldError[] = [];
  checkRiskMatrix(settings.riskMatrix, language, problems);
  checkCycle(settings.auditProgrammeCycle, '/auditProgrammeCycle', language, problems);
  checkCycle(settings.measurementCycle, '/measurementCycle', language, problems);
  if (!problems.some((problem) => problem.path === '/measurementCycle')) {
    const { period } = parseRepeatingInterval(settings.measurementCycle);
    const months = period.years * 12 + period.months;
    const other = period.weeks + period.days + period.hours + period.minutes + period.seconds;
    if ((months !== 1 && months !== 3) || other !== 0) {
      problems.push({ path: '/measurementCycle', message: text.measurementPeriod });
    }
  }
  if (settings.reminderDaysBefore >= settings.complaintResponseDays) {
    problems.push({
      path: '/reminderDaysBefore',
      message: text.reminderTooLate(settings.reminderDaysBefore, settings.complaintResponseDays),
    });
  }
  if (problems.length > 0) {
    throw new EisoError('EISO_ERR_VALIDATION', text.invalid, problems);
  }
}

function checkRiskMatrix(
  matrix: UnitSettings['riskMatrix'],
  language: Language,
  problems: FieldError[],
): void {
  const text = messages[language];
  const maximum = matrix.likelihoodLevels * matrix.severityLevels;
  const order = ['low', 'medium', 'high', 'critical'];
  const bands = [...matrix.bands].sort((a, b) => a.min - b.min);
  let expectedMin = 1;
  bands.forEach((band, index) => {
    const name = levelNames[language][band.level];
    if (band.min !== expectedMin || band.max < band.min) {
      problems.push({
        path: `/riskMatrix/bands/${index}`,
        message: text.bandStart(name, expectedMin),
      });
    }
    if (index > 0 && order.indexOf(band.level) <= order.indexOf(bands[index - 1].level)) {
      problems.push({ path: `/riskMatrix/bands/${index}/level`, message: text.bandOrder(name) });
    }
    expectedMin = band.max + 1;
  });
  if (expectedMin !== maximum + 1) {
    problems.push({
      path: '/riskMatrix/bands',
      message: text.bandEnd(maximum, matrix.likelihoodLevels, matrix.severityLevels),
    });
  }
}

function checkCycle(value: string, path: string, language: Language, problems: FieldError[]): void {
  const text = messages[language];
  try {
    const interval = parseRepeatingInterval(value);
    if (!interval.start) problems.push({ path, message: text.cycleStart });
  } catch (error) {
    if (!(error instanceof TimerExpressionError)) throw error;
    problems.push({ path, message: text.cycleInvalid(value) });
  }
}
