import { describe, expect, it } from 'vitest';

import {
  clockTime,
  formatNumber,
  formatTarget,
  longDate,
  numberAndSymbol,
  placeDate,
  shortDate,
  upperCase,
} from '../../src/documents/vietnamese-format.js';

describe('Vietnamese dates', () => {
  it.each([
    ['2026-12-04', 'ngày 04 tháng 12 năm 2026'],
    ['2026-01-15', 'ngày 15 tháng 01 năm 2026'],
    ['2026-02-09', 'ngày 09 tháng 02 năm 2026'],
    ['2026-03-10', 'ngày 10 tháng 3 năm 2026'],
    ['2026-11-30T08:00:00.000Z', 'ngày 30 tháng 11 năm 2026'],
  ])('writes %s as %s', (value, expected) => {
    expect(longDate(value)).toBe(expected);
  });

  it('writes the place before the date', () => {
    expect(placeDate('An Bình', '2026-12-04')).toBe('An Bình, ngày 04 tháng 12 năm 2026');
  });

  it('writes table dates as dd/mm/yyyy', () => {
    expect(shortDate('2026-06-05')).toBe('05/06/2026');
  });

  it('rejects a value that is not an ISO date', () => {
    expect(() => longDate('04/12/2026')).toThrow('"04/12/2026" is not an ISO date');
  });

  it('writes times as hours and minutes', () => {
    expect(clockTime('08:30')).toBe('08 giờ 30');
  });
});

describe('Vietnamese numbers', () => {
  it('uses a decimal comma and a thousands dot', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5');
  });

  it.each([
    [98, '%', '98%'],
    [12.5, 'ngày', '12,5 ngày'],
    [3, null, '3'],
  ])('writes the target %s %s as %s', (value, unit, expected) => {
    expect(formatTarget(value, unit)).toBe(expected);
  });

  it.each([
    [5, '05/QĐ-SKHCN'],
    [12, '12/QĐ-SKHCN'],
    [1024, '1024/QĐ-SKHCN'],
  ])('writes document number %s as %s', (number, expected) => {
    expect(numberAndSymbol(number, 'QĐ', 'SKHCN')).toBe(expected);
  });

  it('upper-cases with the diacritics', () => {
    expect(upperCase('Sở Khoa học và Công nghệ tỉnh An Bình')).toBe(
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH AN BÌNH',
    );
  });
});
