import { describe, expect, it } from 'vitest';
import {
  addDuration,
  nextOccurrence,
  parseDuration,
  parseRepeatingInterval,
} from '../../src/jobs/timer-schedule.js';
import { previousPeriod } from '../../src/procedures/procedure-start.js';

describe('timer schedule', () => {
  it('parses durations', () => {
    expect(parseDuration('P1Y2M3DT4H5M6S')).toEqual({
      years: 1,
      months: 2,
      weeks: 0,
      days: 3,
      hours: 4,
      minutes: 5,
      seconds: 6,
    });
    expect(parseDuration('P2W').weeks).toBe(2);
  });

  it.each(['', 'P', 'PT', '1D', 'P1DT', 'P0D', 'P-1D'])('rejects duration %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/duration/);
  });

  it('adds months at the end of a month', () => {
    const end = new Date('2027-01-31T01:00:00Z');
    expect(addDuration(end, parseDuration('P1M')).toISOString()).toBe('2027-02-28T01:00:00.000Z');
    expect(addDuration(end, parseDuration('P3M')).toISOString()).toBe('2027-04-30T01:00:00.000Z');
    expect(addDuration(new Date('2028-02-29T00:00:00Z'), parseDuration('P1Y')).toISOString()).toBe(
      '2029-02-28T00:00:00.000Z',
    );
  });

  it('parses repeating intervals', () => {
    const yearly = parseRepeatingInterval('R/2027-01-15T08:00:00+07:00/P1Y');
    expect(yearly.repetitions).toBeNull();
    expect(yearly.start?.toISOString()).toBe('2027-01-15T01:00:00.000Z');
    expect(parseRepeatingInterval('R3/PT1H')).toMatchObject({ repetitions: 3, start: null });
  });

  it.each(['P1Y', 'R/2027-01-15/P1Y', 'X/P1D', 'R/2027-01-15T08:00:00+07:00/1Y'])(
    'rejects interval %j',
    (text) => {
      expect(() => parseRepeatingInterval(text)).toThrow();
    },
  );

  it('finds the next yearly occurrence', () => {
    const yearly = parseRepeatingInterval('R/2025-01-15T08:00:00+07:00/P1Y');
    const now = new Date('2026-12-04T00:00:00Z');
    expect(nextOccurrence(yearly, now, 0)?.toISOString()).toBe('2027-01-15T01:00:00.000Z');
    const onTheDay = new Date('2027-01-15T01:00:00Z');
    expect(nextOccurrence(yearly, onTheDay, 0, { inclusive: true })?.toISOString()).toBe(
      '2027-01-15T01:00:00.000Z',
    );
    expect(nextOccurrence(yearly, onTheDay, 1)?.toISOString()).toBe('2028-01-15T01:00:00.000Z');
  });

  it('skips missed occurrences', () => {
    const monthly = parseRepeatingInterval('R/2027-01-01T08:00:00+07:00/P1M');
    const afterOutage = new Date('2027-05-20T00:00:00Z');
    expect(nextOccurrence(monthly, afterOutage, 2)?.toISOString()).toBe('2027-06-01T01:00:00.000Z');
  });

  it('stops after its repetitions', () => {
    const twice = parseRepeatingInterval('R2/2027-01-01T00:00:00Z/P1D');
    const now = new Date('2027-01-01T00:00:00Z');
    expect(nextOccurrence(twice, now, 1)).not.toBeNull();
    expect(nextOccurrence(twice, now, 2)).toBeNull();
  });

  it('counts a cycle without start from registration', () => {
    const daily = parseRepeatingInterval('R/P1D');
    const now = new Date('2027-03-01T10:00:00Z');
    expect(nextOccurrence(daily, now, 0, { registeredAt: now })?.toISOString()).toBe(
      '2027-03-02T10:00:00.000Z',
    );
  });

  it('labels the period that ended', () => {
    // 1 February 2027 08:00 in Vietnam is 01:00 UTC.
    const february = new Date('2027-02-01T01:00:00Z');
    expect(previousPeriod('month', february)).toBe('2027-01');
    expect(previousPeriod('quarter', february)).toBe('2026-Q4');
    expect(previousPeriod('quarter', new Date('2027-04-01T01:00:00Z'))).toBe('2027-Q1');
    // 31 December 2026 20:00 UTC is already 1 January 2027 in Vietnam.
    expect(previousPeriod('month', new Date('2026-12-31T20:00:00Z'))).toBe('2026-12');
  });
});
