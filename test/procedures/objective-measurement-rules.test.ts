import { describe, expect, it } from 'vitest';
import {
  parsePeriodLabel,
  periodBefore,
  periodContaining,
  periodEndedBefore,
  periodKindOfCycle,
  periodName,
} from '../../src/procedures/objective-measurement/measurement-period.js';
import { reportDeadline } from '../../src/procedures/objective-measurement/report-deadline.js';
import { previousPeriod } from '../../src/procedures/procedure-start.js';
import {
  directionFromUnit,
  directionOf,
  isAchieved,
  targetText,
} from '../../src/procedures/objective-measurement/target-direction.js';

describe('measurement cycle', () => {
  it.each([
    ['R/2027-01-01T08:00:00+07:00/P1M', 'month'],
    ['R12/2027-01-01T08:00:00+07:00/P1M', 'month'],
    ['R/2027-01-01T08:00:00+07:00/P3M', 'quarter'],
    ['R/P3M', 'quarter'],
  ])('reads %s as %s', (cycle, kind) => {
    expect(periodKindOfCycle(cycle)).toBe(kind);
  });

  it.each(['R/2027-01-01T08:00:00+07:00/P1Y', 'R/2027-01-01T08:00:00+07:00/P1M2D', 'R/P2W'])(
    'rejects %j',
    (cycle) => {
      expect(() => periodKindOfCycle(cycle)).toThrow(/P1M \(monthly\) or P3M/);
    },
  );

  it('rejects a text that is no interval', () => {
    expect(() => periodKindOfCycle('P1M')).toThrow(/repeating interval/);
  });
});

describe('measured period', () => {
  it('measures the month before a start on the first', () => {
    const period = periodEndedBefore('month', new Date('2027-02-01T01:00:00Z'));

    expect(period).toEqual({
      kind: 'month',
      label: '2027-01',
      year: 2027,
      start: '2027-01-01',
      end: '2027-01-31',
    });
  });

  it('uses the agency day, seven hours ahead of UTC', () => {
    // 20:00 UTC on 31 March is 03:00 on 1 April in Vietnam, so March has ended.
    expect(periodEndedBefore('month', new Date('2027-03-31T20:00:00Z')).label).toBe('2027-03');
    expect(periodEndedBefore('month', new Date('2027-03-31T10:00:00Z')).label).toBe('2027-02');
  });

  it('measures the last whole month of a start by hand', () => {
    expect(periodEndedBefore('month', new Date('2026-12-04T03:00:00Z')).label).toBe('2026-11');
  });

  it('measures the previous year in January', () => {
    expect(periodEndedBefore('month', new Date('2027-01-05T03:00:00Z')).label).toBe('2026-12');
    expect(periodEndedBefore('quarter', new Date('2027-01-05T03:00:00Z')).label).toBe('2026-Q4');
  });

  it('measures quarters', () => {
    const period = periodEndedBefore('quarter', new Date('2027-07-01T01:00:00Z'));

    expect(period).toEqual({
      kind: 'quarter',
      label: '2027-Q2',
      year: 2027,
      start: '2027-04-01',
      end: '2027-06-30',
    });
    expect(periodEndedBefore('quarter', new Date('2027-05-10T01:00:00Z')).label).toBe('2027-Q1');
  });

  it('agrees with the business key policy', () => {
    for (const at of ['2027-01-01T01:00:00Z', '2027-02-28T18:00:00Z', '2027-12-31T16:59:59Z']) {
      for (const kind of ['month', 'quarter'] as const) {
        expect(periodEndedBefore(kind, new Date(at)).label).toBe(
          previousPeriod(kind, new Date(at)),
        );
      }
    }
  });

  it('steps back over a leap February', () => {
    const march = periodContaining('month', '2028-03-15');

    expect(periodBefore(march)).toMatchObject({ label: '2028-02', end: '2028-02-29' });
  });

  it('parses labels and names them in Vietnamese', () => {
    expect(parsePeriodLabel('2027-Q3')).toMatchObject({ start: '2027-07-01', end: '2027-09-30' });
    expect(parsePeriodLabel('2027-13')).toBeNull();
    expect(parsePeriodLabel('2027-Q5')).toBeNull();
    expect(periodName(parsePeriodLabel('2027-01')!)).toBe('tháng 01/2027');
    expect(periodName(parsePeriodLabel('2027-Q4')!)).toBe('quý IV/2027');
  });
});

describe('target direction', () => {
  it.each([
    ['%', 'at_least'],
    ['hồ sơ', 'at_least'],
    ['lượt người', 'at_least'],
    ['hồ sơ trễ hạn', 'at_most'],
    ['hồ sơ quá hạn', 'at_most'],
    ['ngày', 'at_most'],
    ['vụ khiếu nại', 'at_most'],
    ['sự cố', 'at_most'],
    ['late dossiers', 'at_most'],
    ['days', 'at_most'],
    ['HỒ SƠ TRỄ HẠN', 'at_most'],
  ])('derives %j as %s', (unit, direction) => {
    expect(directionFromUnit(unit)).toBe(direction);
  });

  it('matches decomposed Vietnamese letters', () => {
    expect(directionFromUnit('hồ sơ trễ hạn'.normalize('NFD'))).toBe('at_most');
  });

  it('prefers the stated direction', () => {
    expect(directionOf('at_most', '%')).toBe('at_most');
    expect(directionOf(null, '%')).toBe('at_least');
    expect(directionOf('sideways', 'ngày')).toBe('at_most');
  });

  it('compares in the direction', () => {
    expect(isAchieved(98, 98, 'at_least')).toBe(true);
    expect(isAchieved(97.9, 98, 'at_least')).toBe(false);
    expect(isAchieved(2, 2, 'at_most')).toBe(true);
    expect(isAchieved(3, 2, 'at_most')).toBe(false);
  });

  it('writes the target with its sign', () => {
    expect(targetText(98.5, '%', 'at_least')).toBe('≥ 98,5 %');
    expect(targetText(2, 'hồ sơ trễ hạn', 'at_most')).toBe('≤ 2 hồ sơ trễ hạn');
  });
});

describe('report deadline', () => {
  const january = parsePeriodLabel('2027-01')!;

  it('gives the departments seven days from the start', () => {
    const start = new Date('2027-02-01T01:00:00Z');

    const deadline = reportDeadline(january, start, 2, start);

    expect(deadline).toEqual({
      reportDueDate: '2027-02-08',
      reportDueDateText: '08/02/2027',
      reminderAt: '2027-02-06T01:00:00.000Z',
      escalationAt: '2027-02-09T01:00:00.000Z',
      reminderAfter: `PT${5 * 86_400}S`,
      escalationAfter: `PT${8 * 86_400}S`,
    });
  });

  it('counts from the end of a period not yet over', () => {
    const deadline = reportDeadline(january, new Date('2027-01-20T03:00:00Z'), 0, new Date());

    expect(deadline.reportDueDate).toBe('2027-02-07');
    expect(deadline.reminderAt).toBe('2027-02-07T01:00:00.000Z');
  });

  it('waits a minute for a moment already past', () => {
    const start = new Date('2027-02-01T01:00:00Z');

    const deadline = reportDeadline(january, start, 10, new Date('2027-02-01T01:00:00Z'));

    expect(deadline.reminderAt).toBe('2027-01-29T01:00:00.000Z');
    expect(deadline.reminderAfter).toBe('PT60S');
  });
});
