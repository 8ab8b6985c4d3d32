import { describe, expect, it } from 'vitest';
import { addMonths, monthSpan, monthsBetween } from './api.js';
import { wrap } from './BarCharts.js';
import { ratioOf } from './bits.js';
import { csvPercent, toCsv } from './chartKit.js';
import { presetOf, presetRange } from './PeriodPicker.js';

describe('overview periods', () => {
  const now = '2026-05';
  it('names each kind of period by its range, ending no later than the current month', () => {
    expect(presetRange('thisMonth', now)).toEqual({ from: '2026-05', to: '2026-05' });
    expect(presetRange('lastMonth', now)).toEqual({ from: '2026-04', to: '2026-04' });
    expect(presetRange('quarter', now)).toEqual({ from: '2026-04', to: '2026-05' });
    expect(presetRange('quarter', now, { year: 2025, quarter: 4 })).toEqual({
      from: '2025-10',
      to: '2025-12',
    });
    expect(presetRange('year', now)).toEqual({ from: '2026-01', to: '2026-05' });
    expect(presetRange('year', now, { year: 2024 })).toEqual({ from: '2024-01', to: '2024-12' });
    expect(presetRange('last3', now)).toEqual({ from: '2023-06', to: '2026-05' });
    expect(presetRange('last5', now)).toEqual({ from: '2021-06', to: '2026-05' });
    expect(monthSpan('2021-06', '2026-05')).toBe(60);
  });

  it('reads the kind back from a range in the URL; any other range is custom', () => {
    for (const k of ['thisMonth', 'lastMonth', 'quarter', 'year', 'last3', 'last5'] as const) {
      expect(presetOf(presetRange(k, now), now)).toBe(k);
    }
    expect(presetOf({ from: '2025-07', to: '2025-09' }, now)).toBe('quarter');
    expect(presetOf({ from: '2025-02', to: '2025-04' }, now)).toBe('custom');
    expect(presetOf({ from: '2025-01', to: '2025-11' }, now)).toBe('custom');
  });

  it('counts months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 13)).toBe('2027-01');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-01')).toEqual([]);
  });
});

describe('chart data and labels', () => {
  it('writes CSV with a byte-order mark, quoted text, CRLF lines and Vietnamese decimals', () => {
    const csv = toCsv(['Đơn vị', 'Tử số', 'Tỷ lệ (%)'], [['Chi bộ "Khu phố 1"', 11, csvPercent(19.64)]]);
    expect(csv).toBe('\uFEFF"Đơn vị","Tử số","Tỷ lệ (%)"\r\n"Chi bộ ""Khu phố 1""",11,"19,64"\r\n');
    expect(csvPercent(null)).toBeNull();
    expect(csvPercent(100)).toBe('100,00');
  });

  it('wraps long unit names at spaces', () => {
    expect(wrap('Chi bộ Công ty TNHH Chế biến dừa Xanh An Hội', 20)).toEqual([
      'Chi bộ Công ty TNHH',
      'Chế biến dừa Xanh An',
      'Hội',
    ]);
    expect(wrap('Ngắn', 20)).toEqual(['Ngắn']);
  });

  it('finds an indicator by its key, a rating share included', () => {
    const r = { numerator: 1, denominator: 2, percent: 50 };
    const ind = { attendance: r, ratingCell: { tot: r } };
    expect(ratioOf(ind, 'attendance')).toBe(r);
    expect(ratioOf(ind, 'ratingCell.tot')).toBe(r);
    expect(ratioOf(ind, 'ratingCell.kem')).toBeUndefined();
    expect(ratioOf(ind, 'ratingCell')).toBeUndefined();
  });
});
