import { EisoError, type FieldError } from '../errors.js';
import {
  TimerExpressionError,
  parseDuration,
  parseRepeatingInterval,
} from '../jobs/timer-schedule.js';
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

/**
 * Checks what a JSON Schema cannot: the bands of the risk matrix cover every score from 1 to
 * likelihood × severity once, in order of level, and the cycles are valid ISO 8601 repeating
 * intervals (the measurement cycle monthly or quarterly).
 */
export function checkSettings(settings: UnitSettings): void {
  const problems: FieldError[] = [];
  checkRiskMatrix(settings.riskMatrix, problems);
  checkCycle(settings.auditProgrammeCycle, '/auditProgrammeCycle', problems);
  checkCycle(settings.measurementCycle, '/measurementCycle', problems);
  if (!problems.some((problem) => problem.path === '/measurementCycle')) {
    const { period } = parseRepeatingInterval(settings.measurementCycle);
    const months = period.years * 12 + period.months;
    const other = period.weeks + period.days + period.hours + period.minutes + period.seconds;
    if ((months !== 1 && months !== 3) || other !== 0) {
      problems.push({
        path: '/measurementCycle',
        message: 'The measurement cycle must end in P1M (monthly) or P3M (quarterly).',
      });
    }
  }
  if (problems.length > 0) {
    throw new EisoError('EISO_ERR_VALIDATION', 'The settings are invalid.', problems);
  }
}

function checkRiskMatrix(matrix: UnitSettings['riskMatrix'], problems: FieldError[]): void {
  const maximum = matrix.likelihoodLevels * matrix.severityLevels;
  const order = ['low', 'medium', 'high', 'critical'];
  const bands = [...matrix.bands].sort((a, b) => a.min - b.min);
  let expectedMin = 1;
  bands.forEach((band, index) => {
    if (band.min !== expectedMin || band.max < band.min) {
      problems.push({
        path: `/riskMatrix/bands/${index}`,
        message: `Band '${band.level}' must start at ${expectedMin} and end at or after its start, so that the bands cover every score once.`,
      });
    }
    if (index > 0 && order.indexOf(band.level) <= order.indexOf(bands[index - 1].level)) {
      problems.push({
        path: `/riskMatrix/bands/${index}/level`,
        message: `Band '${band.level}' must be a higher level than the band below it.`,
      });
    }
    expectedMin = band.max + 1;
  });
  if (expectedMin !== maximum + 1) {
    problems.push({
      path: '/riskMatrix/bands',
      message: `The highest band must end at ${maximum}, the largest score of a ${matrix.likelihoodLevels} × ${matrix.severityLevels} matrix.`,
    });
  }
}

function checkCycle(value: string, path: string, problems: FieldError[]): void {
  try {
    const interval = parseRepeatingInterval(value);
    if (!interval.start) {
      problems.push({
        path,
        message: `Give the first date of the cycle, such as R/2027-01-15T08:00:00+07:00/${value.split('/').pop()}.`,
      });
    }
    parseDuration(value.split('/').pop() ?? '');
  } catch (error) {
    if (!(error instanceof TimerExpressionError)) throw error;
    problems.push({ path, message: `${error.message}.` });
  }
}
