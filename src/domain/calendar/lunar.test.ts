import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoToJdn, jdnFromYmd, jdnToIso, weekdayOfJdn } from './day-number.js';
import {
  apparentSolarLongitude,
  leapMonthOf,
  lunarMonthLength,
  lunarNewYear,
  lunarToSolar,
  newMoonJde,
  solarToLunar,
} from './lunar.js';

describe('day numbers', () => {
  it('converts ISO dates and weekdays', () => {
    expect(isoToJdn('2000-01-01')).toBe(2451545);
    expect(jdnToIso(2451545)).toBe('2000-01-01');
    expect(weekdayOfJdn(isoToJdn('2026-02-17'))).toBe(2); // Tuesday
    expect(() => isoToJdn('2023-02-29')).toThrow(RangeError);
    expect(() => isoToJdn('2023-2-1')).toThrow(RangeError);
  });
});

describe('astronomy (worked examples of Meeus, Astronomical Algorithms)', () => {
  it('new moon of 1977 February (example 49.a): JDE 2443192.65118', () => {
    expect(newMoonJde(-283)).toBeCloseTo(2443192.65118, 4);
  });

  it('apparent solar longitude on 1992-10-13.0 TD (example 25.a): 199.90895°', () => {
    expect(apparentSolarLongitude(2448908.5)).toBeCloseTo(199.90895, 4);
  });
});

describe('Tết (mùng 1 tháng Giêng) in Vietnam, UTC+7', () => {
  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
  ])('Tết %i is %s', (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
    expect(solarToLunar(date)).toEqual({ year, month: 1, day: 1, leap: false });
  });

  it('differs from the Chinese calendar (UTC+8) in 1985 and 2007', () => {
    expect(lunarNewYear(1985)).toBe('1985-01-21');
    expect(lunarNewYear(1985, 8)).toBe('1985-02-20');
    expect(lunarNewYear(2007)).toBe('2007-02-17');
    expect(lunarNewYear(2007, 8)).toBe('2007-02-18');
    // Tết Mậu Thân 1968, the first year of the UTC+7 calendar in the North: 29/01 (30/01 in UTC+8).
    expect(lunarNewYear(1968)).toBe('1968-01-29');
    expect(lunarNewYear(1968, 8)).toBe('1968-01-30');
    // The leap month differs too: China 1984 had a leap 10th month, Vietnam a leap 2nd month in 1985.
    expect([leapMonthOf(1984), leapMonthOf(1985)]).toEqual([null, 2]);
    expect([leapMonthOf(1984, 8), leapMonthOf(1985, 8)]).toEqual([10, null]);
  });

  it('Giỗ Tổ Hùng Vương (10/3 âm lịch)', () => {
    expect(lunarToSolar({ year: 2025, month: 3, day: 10, leap: false })).toBe('2025-04-07');
    expect(lunarToSolar({ year: 2026, month: 3, day: 10, leap: false })).toBe('2026-04-26');
  });
});

describe('leap months (tháng nhuận)', () => {
  it('2023 has a leap 2nd month: 2023-03-22 is 1/2 nhuận, 2023-02-20 is 1/2', () => {
    expect(leapMonthOf(2023)).toBe(2);
    expect(solarToLunar('2023-03-22')).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(solarToLunar('2023-02-20')).toEqual({ year: 2023, month: 2, day: 1, leap: false });
    expect(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true })).toBe('2023-03-22');
    expect(solarToLunar('2023-04-20')).toEqual({ year: 2023, month: 3, day: 1, leap: false });
  });

  it('knows the leap months of recent years', () => {
    expect([2020, 2023, 2024, 2025, 2026, 2028].map((y) => leapMonthOf(y))).toEqual([4, 2, null, 6, null, 5]);
    // 2033: the leap month is the 11th (the "2033 problem" of the Chinese calendar).
    expect(leapMonthOf(2033)).toBe(11);
    expect(lunarToSolar({ year: 2033, month: 11, day: 1, leap: true })).toBe(
      jdnToIso(
        isoToJdn(lunarToSolar({ year: 2033, month: 11, day: 1, leap: false })) + lunarMonthLength(2033, 11),
      ),
    );
  });

  it('rejects a leap month that does not exist and days past the end of a month', () => {
    expect(() => lunarToSolar({ year: 2024, month: 2, day: 1, leap: true })).toThrow(RangeError);
    // Tháng Chạp of Ất Tỵ (2025) has 29 days: no "30 Tết" in 2026.
    expect(lunarMonthLength(2025, 12)).toBe(29);
    expect(() => lunarToSolar({ year: 2025, month: 12, day: 30, leap: false })).toThrow(RangeError);
    expect(solarToLunar('2026-02-16')).toEqual({ year: 2025, month: 12, day: 29, leap: false });
  });

  it('rejects dates outside 1900–2199', () => {
    expect(() => solarToLunar('1899-12-31')).toThrow(RangeError);
    expect(() => solarToLunar('2200-01-01')).toThrow(RangeError);
    expect(solarToLunar('1900-01-01').year).toBe(1899);
    expect(solarToLunar('2199-12-31').year).toBe(2199);
  });
});

describe('round trip', () => {
  const min = jdnFromYmd(1950, 1, 1);
  const max = jdnFromYmd(2100, 12, 31);

  it('lunarToSolar ∘ solarToLunar is the identity on 1950–2100', () => {
    fc.assert(
      fc.property(fc.integer({ min, max }), (jdn) => {
        const iso = jdnToIso(jdn);
        expect(lunarToSolar(solarToLunar(iso))).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });

  it('consecutive days advance the lunar date by one day or start a new month', () => {
    fc.assert(
      fc.property(fc.integer({ min, max }), (jdn) => {
        const a = solarToLunar(jdnToIso(jdn));
        const b = solarToLunar(jdnToIso(jdn + 1));
        if (b.day === 1) {
          expect(a.day === 29 || a.day === 30).toBe(true);
        } else {
          expect(b).toEqual({ ...a, day: a.day + 1 });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('every lunar year has 12 or 13 months and 353–385 days', () => {
    for (let year = 1950; year <= 2100; year++) {
      const days = isoToJdn(lunarNewYear(year + 1)) - isoToJdn(lunarNewYear(year));
      if (leapMonthOf(year) === null) expect(days >= 353 && days <= 355).toBe(true);
      else expect(days >= 383 && days <= 385).toBe(true);
    }
  });
});
