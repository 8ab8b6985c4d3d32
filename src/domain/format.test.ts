import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatNumber,
  formatPercent,
  parseVietnameseDate,
  percentHalfUp,
  toIsoDate,
} from './format.js';

describe('Vietnamese number and date formats', () => {
  it('groups thousands with dots and uses a decimal comma', () => {
    expect(formatNumber(5262)).toBe('5.262');
    expect(formatNumber(1234567.891, 2)).toBe('1.234.567,89');
    expect(formatNumber(0)).toBe('0');
  });

  it('formats the statistics of seed 002: 11/56 → 19,64%, 857/5.262 → 16,29%', () => {
    expect(formatPercent(11, 56)).toBe('19,64%');
    expect(formatPercent(857, 5262)).toBe('16,29%');
    expect(formatPercent(1, 0)).toBe('—');
  });

  it('rounds each ratio half-up on its own, as a reader checking by hand would', () => {
    // 3929/20000 = 19,645% exactly: half-up gives 19,65 (binary floating point alone gives 19,64).
    expect(formatPercent(3929, 20000)).toBe('19,65%');
    expect(percentHalfUp(1, 8, 1)).toBe(12.5);
    expect(percentHalfUp(1, 32, 1)).toBe(3.1); // 3,125 → 3,1 at one decimal
    expect(percentHalfUp(1, 32, 2)).toBe(3.13);
    expect(formatPercent(28, 30)).toBe('93,33%');
    expect(formatPercent(2, 3)).toBe('66,67%');
  });

  it('shows dates as dd/mm/yyyy', () => {
    expect(formatDate('2026-11-21')).toBe('21/11/2026');
    // 23:30 UTC on 21/11 is already 22/11 in Hà Nội (UTC+7).
    expect(toIsoDate(new Date('2026-11-21T23:30:00Z'))).toBe('2026-11-22');
  });

  it('parses dd/mm/yyyy and rejects impossible dates', () => {
    expect(parseVietnameseDate('05/01/1960')).toBe('1960-01-05');
    expect(parseVietnameseDate('5-1-1960')).toBe('1960-01-05');
    expect(parseVietnameseDate('1960-01-05')).toBe('1960-01-05');
    expect(parseVietnameseDate('31/02/2020')).toBeUndefined();
    expect(parseVietnameseDate('2020/02/01')).toBeUndefined();
  });
});
