import { describe, expect, it } from 'vitest';
import { DUES_DEFAULT } from '../rules/hd43-2025.js';
import type { DuesRules } from '../rules/year-types.js';
import { addMonthsToMonth, duesFor, duesMeetingSentence, formatDong, monthBounds } from './dues.js';

const rules = DUES_DEFAULT;

describe('duesFor', () => {
  it('charges 1 % of a salary, rounded half-up to 1.000 đ', () => {
    expect(duesFor('salary', 5_000_000, rules)).toBe(50_000);
    // 1 % of 5.049.999 = 50.499,99 → 50.000; of 5.050.000 = 50.500 → 51.000 (half-up)
    expect(duesFor('salary', 5_049_999, rules)).toBe(50_000);
    expect(duesFor('salary', 5_050_000, rules)).toBe(51_000);
    expect(duesFor('salary', 5_049_900, rules)).toBe(50_000);
    expect(duesFor('salary', 5_150_000, rules)).toBe(52_000);
  });

  it('charges 0,5 % of a pension and an allowance at the half boundary', () => {
    // 0,5 % of 4.900.000 = 24.500 → 25.000; of 4.899.999 = 24.499,99… → 24.000
    expect(duesFor('pension', 4_900_000, rules)).toBe(25_000);
    expect(duesFor('pension', 4_899_999, rules)).toBe(24_000);
    expect(duesFor('allowance', 3_000_000, rules)).toBe(15_000);
  });

  it('rounds a small percent amount to 0 or up to one unit', () => {
    expect(duesFor('salary', 49_999, rules)).toBe(0);
    expect(duesFor('salary', 50_000, rules)).toBe(1_000);
    expect(duesFor('salary', 0, rules)).toBe(0);
  });

  it('charges the fixed amount of students and members without income', () => {
    expect(duesFor('student', null, rules)).toBe(5_000);
    expect(duesFor('other', 12_345_678, rules)).toBe(5_000);
  });

  it('owes nothing on a percent category without a base', () => {
    expect(duesFor('salary', null, rules)).toBe(0);
  });

  it('charges an unknown category as the default one', () => {
    expect(duesFor('retired_abroad', 10_000_000, rules)).toBe(5_000);
  });

  it('follows the pack: another rate and another rounding unit', () => {
    const other: DuesRules = {
      ...rules,
      roundTo: 500,
      categories: [{ key: 'salary', label: 'Lương', basis: 'percent', rateBasisPoints: 75 }],
      defaultCategory: 'salary',
    };
    // 0,75 % of 3.333.333 = 24.999,99… → 25.000 (multiple of 500, half-up: 24.750 ≤ x)
    expect(duesFor('salary', 3_333_333, other)).toBe(25_000);
    // 0,75 % of 3.300.000 = 24.750 → exactly half of 500 above 24.500 → 25.000
    expect(duesFor('salary', 3_300_000, other)).toBe(25_000);
    expect(duesFor('salary', 3_299_999, other)).toBe(24_500);
  });

  it('stays exact for very large bases', () => {
    expect(duesFor('salary', 900_000_000_000_000, rules)).toBe(9_000_000_000_000);
    expect(Number.isInteger(duesFor('salary', 123_456_789_012, rules))).toBe(true);
  });
});

describe('formatDong', () => {
  it('groups thousands with a dot', () => {
    expect(formatDong(0)).toBe('0 đ');
    expect(formatDong(5000)).toBe('5.000 đ');
    expect(formatDong(999)).toBe('999 đ');
    expect(formatDong(1_250_000)).toBe('1.250.000 đ');
    expect(formatDong(-5000)).toBe('-5.000 đ');
  });
});

describe('months', () => {
  it('adds months across years and knows the last day', () => {
    expect(addMonthsToMonth('2025-12', 1)).toBe('2026-01');
    expect(addMonthsToMonth('2026-01', -1)).toBe('2025-12');
    expect(addMonthsToMonth('2026-03', -14)).toBe('2025-01');
    expect(monthBounds('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(monthBounds('2026-12').last).toBe('2026-12-31');
  });
});

describe('duesMeetingSentence', () => {
  it('reads as in the meeting report', () => {
    expect(
      duesMeetingSentence({
        members: 30,
        paidMembers: 28,
        due: 1_310_000,
        paid: 1_250_000,
        unpaidMembers: 2,
      }),
    ).toBe('Đã thu 28/30 đảng viên, 1.250.000 đ/1.310.000 đ; còn 2 đảng viên chưa nộp');
    expect(
      duesMeetingSentence({ members: 3, paidMembers: 3, due: 15_000, paid: 15_000, unpaidMembers: 0 }),
    ).toBe('Đã thu 3/3 đảng viên, 15.000 đ/15.000 đ; tất cả đảng viên đã nộp đủ');
  });
});
