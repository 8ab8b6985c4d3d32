import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRADING_DEFAULT } from '../rules/hd43-2025.js';
import { GRADE_LEVELS, type GradeLevel } from '../rules/year-types.js';
import { checkQuotas, gradingDistribution, quotaAllowed } from './grading.js';

const levels = GRADING_DEFAULT.levels;

/** round-half-up(100·x/y, 2) in hundredths of a percent, by integer arithmetic only. */
function hundredths(x: number, y: number): number {
  const num = BigInt(x) * 10_000n;
  const den = BigInt(y);
  const q = num / den;
  const r = num % den;
  return Number(2n * r >= den ? q + 1n : q);
}

const countsArb = fc.record({
  xuat_sac: fc.nat({ max: 400_000 }),
  tot: fc.nat({ max: 400_000 }),
  hoan_thanh: fc.nat({ max: 400_000 }),
  khong_hoan_thanh: fc.nat({ max: 400_000 }),
});

describe('gradingDistribution (property)', () => {
  it('every percent is round-half-up(100·x/y, 2) on its own; counts sum to the whole', () => {
    fc.assert(
      fc.property(countsArb, (counts) => {
        const rows = gradingDistribution(counts, levels);
        const whole = GRADE_LEVELS.reduce((s, l) => s + counts[l], 0);
        expect(rows.map((r) => r.level)).toEqual(levels.map((l) => l.key));
        expect(rows.reduce((s, r) => s + r.numerator, 0)).toBe(whole);
        for (const r of rows) {
          expect(r.denominator).toBe(whole);
          expect(r.numerator).toBe(counts[r.level]);
          const expected = whole === 0 ? 0 : hundredths(r.numerator, whole);
          expect(Math.round(r.percent * 100)).toBe(expected);
          expect(r.percent).toBe(expected / 100);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('exact halves round up (x/y with 100·x/y ending in 5 thousandths)', () => {
    // 1/8 = 12,5 % → 12.5; 1/16 = 6,25 %; 1/32 = 3,125 % → 3,13 %; 3929/20000 = 19,645 % → 19,65 %.
    const r = gradingDistribution({ xuat_sac: 3929, tot: 20000 - 3929 }, levels);
    expect(r[0]!.percent).toBe(19.65);
    const s = gradingDistribution({ xuat_sac: 1, tot: 31 }, levels);
    expect(s[0]!.percent).toBe(3.13);
  });
});

describe('checkQuotas (property)', () => {
  const itemsArb = fc.array(
    fc.record({
      groupKey: fc.constantFrom('a', 'b', 'c'),
      level: fc.constantFrom<GradeLevel>(...GRADE_LEVELS),
    }),
    { maxLength: 80 },
  );
  const quotaArb = fc.record({
    maxPercent: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(12.5, 33.33, 0.5)),
    rounding: fc.constantFrom('floor' as const, 'half_up' as const, 'ceil' as const),
  });

  it('finds a violation iff some group (or the whole) exceeds the allowed count', () => {
    fc.assert(
      fc.property(itemsArb, quotaArb, (raw, qa) => {
        const items = raw.map((x, i) => ({ key: String(i), ...x }));
        const quota = { ...GRADING_DEFAULT.quotas[0]!, ...qa };
        const v = checkQuotas(items, [quota], 'member');
        const groups = [...new Set(items.map((i) => i.groupKey))].sort();
        const expected: { scope: string; groupKey: string | null }[] = [];
        const over = (subset: typeof items) => {
          const count = subset.filter((i) => i.level === 'xuat_sac').length;
          const base = subset.filter((i) => i.level === 'xuat_sac' || i.level === 'tot').length;
          // Independent bound: count > maxPercent·base/100 rounded, compared with exact rationals.
          const p = Math.round(qa.maxPercent * 100); // hundredths of a percent
          const num = p * base;
          const den = 10_000;
          const allowed =
            qa.rounding === 'floor'
              ? Math.floor(num / den)
              : qa.rounding === 'ceil'
                ? Math.ceil(num / den)
                : Math.floor((2 * num + den) / (2 * den));
          expect(quotaAllowed(qa.maxPercent, base, qa.rounding)).toBe(allowed);
          return count > allowed;
        };
        for (const g of groups) {
          if (over(items.filter((i) => i.groupKey === g))) expected.push({ scope: 'unit', groupKey: g });
        }
        if (over(items)) expected.push({ scope: 'total', groupKey: null });
        expect(v.map((x) => ({ scope: x.scope, groupKey: x.groupKey }))).toEqual(expected);
        for (const x of v) expect(x.count).toBeGreaterThan(x.allowed);
      }),
      { numRuns: 1000 },
    );
  });
});
