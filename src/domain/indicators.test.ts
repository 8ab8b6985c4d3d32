import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  bandOf,
  compareUnitNames,
  isQuarterEnd,
  monthIndex,
  monthOf,
  monthsBetween,
  ratio,
  requiredVisits,
} from './indicators.js';

/** The exact half-up percentage with two decimals, in integers (hundredths of a percent). */
function exactHundredths(n: number, d: number): number {
  const scaled = BigInt(n) * 10_000n;
  const q = scaled / BigInt(d);
  const r = scaled % BigInt(d);
  return Number(2n * r >= BigInt(d) ? q + 1n : q);
}

describe('ratio', () => {
  it('keeps the counts and rounds the seeds’ figures half-up', () => {
    expect(ratio(11, 56)).toEqual({ numerator: 11, denominator: 56, percent: 19.64 });
    expect(ratio(857, 5262).percent).toBe(16.29);
    expect(ratio(3929, 20_000).percent).toBe(19.65);
    expect(ratio(1, 8).percent).toBe(12.5);
    expect(ratio(1, 800).percent).toBe(0.13);
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(ratio(5, 5).percent).toBe(100);
  });

  it('equals the exact half-up rounding of n/d for any counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.nat(), (d, k) => {
        const n = k % (d + 1);
        const p = ratio(n, d).percent!;
        expect(Math.round(p * 100)).toBe(exactHundredths(n, d));
      }),
      { numRuns: 2000 },
    );
  });

  it('stays within 0–100 for a part of a whole, and grows with the numerator', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.nat(), fc.nat(), (d, a, b) => {
        const [x, y] = [a % (d + 1), b % (d + 1)].sort((p, q) => p - q) as [number, number];
        const px = ratio(x, d).percent!;
        const py = ratio(y, d).percent!;
        expect(px).toBeGreaterThanOrEqual(0);
        expect(py).toBeLessThanOrEqual(100);
        expect(px).toBeLessThanOrEqual(py);
      }),
    );
  });

  it('is never more than half a hundredth from the true value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(), (d, k) => {
        const n = k % (d + 1);
        expect(Math.abs(ratio(n, d).percent! - (n * 100) / d)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });
});

describe('requiredVisits', () => {
  it('is the yearly minimum pro rata, rounded up', () => {
    expect(requiredVisits(6, 12)).toBe(6);
    expect(requiredVisits(6, 1)).toBe(1);
    expect(requiredVisits(6, 3)).toBe(2);
    expect(requiredVisits(2, 5)).toBe(1);
    expect(requiredVisits(0, 120)).toBe(0);
    expect(requiredVisits(6, 0)).toBe(0);
  });
  it('equals ceil(min × cell-months ÷ 12)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 1_000_000 }), (m, c) => {
        expect(requiredVisits(m, c)).toBe(Math.ceil((m * c) / 12));
      }),
    );
  });
});

describe('bandOf', () => {
  const bands = [
    { key: 'kem', min: 0 },
    { key: 'tot', min: 90 },
    { key: 'trung_binh', min: 50 },
    { key: 'kha', min: 70 },
  ];
  it('takes the highest band whose minimum is reached', () => {
    expect(bandOf(90, bands)).toBe('tot');
    expect(bandOf(89.9, bands)).toBe('kha');
    expect(bandOf(70, bands)).toBe('kha');
    expect(bandOf(50, bands)).toBe('trung_binh');
    expect(bandOf(12, bands)).toBe('kem');
    expect(bandOf(-1, bands)).toBeNull();
  });
});

describe('months', () => {
  it('counts and shifts months across years', () => {
    expect(monthsBetween('2026-01', '2026-12')).toBe(12);
    expect(monthsBetween('2025-11', '2026-02')).toBe(4);
    expect(monthsBetween('2026-03', '2026-02')).toBe(0);
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-05', -60)).toBe('2021-05');
    expect(isQuarterEnd('2026-03')).toBe(true);
    expect(isQuarterEnd('2026-04')).toBe(false);
  });
  it('round-trips every month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900 * 12, max: 2199 * 12 + 11 }), (i) => {
        expect(monthIndex(monthOf(i))).toBe(i);
        expect(monthsBetween(monthOf(i), monthOf(i + 5))).toBe(6);
      }),
    );
  });
});

describe('unit names', () => {
  it('sort in Vietnamese order, numbers by value', () => {
    const names = [
      'Chi bộ Khu phố 10',
      'Chi bộ Trường Tiểu học',
      'Chi bộ Khu phố 2',
      'Chi bộ Ấp Đông',
      'Chi bộ Ấp An',
      'Chi bộ Đồn Công an',
      'Chi bộ Dân cư',
      'Chi bộ Khu phố 1',
    ];
    expect([...names].sort(compareUnitNames)).toEqual([
      'Chi bộ Ấp An',
      'Chi bộ Ấp Đông',
      'Chi bộ Dân cư',
      'Chi bộ Đồn Công an',
      'Chi bộ Khu phố 1',
      'Chi bộ Khu phố 2',
      'Chi bộ Khu phố 10',
      'Chi bộ Trường Tiểu học',
    ]);
  });
  it('is a total order (antisymmetric, consistent with equality)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(Math.sign(compareUnitNames(a, b)) + Math.sign(compareUnitNames(b, a))).toBe(0);
      }),
    );
  });
});
