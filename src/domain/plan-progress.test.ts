import { describe, expect, it } from 'vitest';
import {
  elapsedShare,
  INDICATOR_HELP,
  INDICATOR_KEYS,
  INDICATOR_LABELS,
  measuredUntil,
  monthEnd,
  type StatusInput,
  TARGET_STATUS_LABELS,
  targetStatus,
} from './plan-progress.js';

// A year's plan, deadline 31/12: 366 days in 2024 (leap), so day 183 is exactly half.
const base: StatusInput = {
  value: 0,
  threshold: 90,
  comparator: 'gte',
  start: '2024-01-01',
  deadline: '2024-12-31',
  asOf: '2024-07-01',
};
const at = (patch: Partial<StatusInput>) => targetStatus({ ...base, ...patch });

describe('elapsedShare', () => {
  it('counts both ends inclusive and clamps to [0, 1]', () => {
    expect(elapsedShare('2024-01-01', '2024-12-31', '2024-07-01')).toBe(183 / 366);
    expect(elapsedShare('2024-01-01', '2024-12-31', '2024-01-01')).toBe(1 / 366);
    expect(elapsedShare('2024-01-01', '2024-12-31', '2024-12-31')).toBe(1);
    expect(elapsedShare('2024-01-01', '2024-12-31', '2025-03-01')).toBe(1);
    expect(elapsedShare('2024-01-01', '2024-12-31', '2023-12-01')).toBe(0);
  });
  it('a deadline before the start counts as fully elapsed', () => {
    expect(elapsedShare('2024-05-01', '2024-04-30', '2024-05-01')).toBe(1);
  });
});

describe('targetStatus', () => {
  it('no value is no_data, whatever the dates', () => {
    expect(at({ value: null })).toBe('no_data');
    expect(at({ value: null, asOf: '2025-02-01' })).toBe('no_data');
    expect(at({ value: Number.NaN })).toBe('no_data');
  });

  it('met exactly at the threshold (gte), before and after the deadline', () => {
    expect(at({ value: 90 })).toBe('met');
    expect(at({ value: 90, asOf: '2025-01-01' })).toBe('met');
    expect(at({ value: 89.99, asOf: '2025-01-01' })).toBe('missed');
  });

  it('on the path is on_track, just below it at_risk (half the year: 45 of 90)', () => {
    expect(at({ value: 45 })).toBe('on_track');
    expect(at({ value: 44.99 })).toBe('at_risk');
  });

  it('on the deadline day only the threshold itself is on track; the day after, missed', () => {
    expect(at({ value: 89.99, asOf: '2024-12-31' })).toBe('at_risk');
    expect(at({ value: 89.99, asOf: '2025-01-01' })).toBe('missed');
  });

  it('before the period starts the path is 0: any value is on_track', () => {
    expect(at({ value: 0, asOf: '2023-12-15' })).toBe('on_track');
  });

  it('a path with many decimals compares at two decimals (94,12 on a 94,117… path)', () => {
    // threshold 100, elapsed 0,94117… → path 94,12 after rounding.
    const start = '2024-01-01';
    const deadline = '2024-01-17'; // 17 days
    const asOf = '2024-01-16'; // 16/17 = 0,941176…
    expect(targetStatus({ value: 94.12, threshold: 100, comparator: 'gte', start, deadline, asOf })).toBe(
      'on_track',
    );
    expect(targetStatus({ value: 94.11, threshold: 100, comparator: 'gte', start, deadline, asOf })).toBe(
      'at_risk',
    );
  });

  it('a ceiling (lte) is met at or under it, at_risk above it before the deadline, missed after', () => {
    const c = { comparator: 'lte' as const, threshold: 5 };
    expect(at({ ...c, value: 5 })).toBe('met');
    expect(at({ ...c, value: 0 })).toBe('met');
    expect(at({ ...c, value: 5.01 })).toBe('at_risk');
    expect(at({ ...c, value: 5.01, asOf: '2024-12-31' })).toBe('at_risk');
    expect(at({ ...c, value: 5.01, asOf: '2025-01-01' })).toBe('missed');
  });

  it('a threshold of 0 (gte) is met by any value', () => {
    expect(at({ threshold: 0, value: 0 })).toBe('met');
  });
});

describe('measuredUntil', () => {
  it('the current month, or the deadline month when earlier, never before the period', () => {
    expect(measuredUntil('2026-01', '2026-12-31', '2026-07-15')).toBe('2026-07');
    expect(measuredUntil('2026-01', '2026-06-30', '2026-07-15')).toBe('2026-06');
    expect(measuredUntil('2026-03', '2026-12-31', '2026-01-10')).toBe('2026-03');
  });
  it('monthEnd knows leap years', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2026-02')).toBe('2026-02-28');
    expect(monthEnd('2026-12')).toBe('2026-12-31');
  });
});

describe('labels', () => {
  it('every indicator and status has a Vietnamese label', () => {
    for (const k of INDICATOR_KEYS) {
      expect(INDICATOR_LABELS[k]).toMatch(/Tỷ lệ/u);
      expect(INDICATOR_HELP[k].length).toBeGreaterThan(20);
    }
    expect(Object.values(TARGET_STATUS_LABELS)).toEqual([
      'Đạt',
      'Đúng tiến độ',
      'Có nguy cơ không đạt',
      'Không đạt',
      'Chưa có số liệu',
    ]);
  });
});
