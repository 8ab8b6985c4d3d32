import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoToJdn, jdnFromYmd, jdnToIso } from './day-number.js';
import { addWorkingDays, isWorkingDay, WorkingCalendar, workingDaysBetween } from './working-days.js';

describe('working days', () => {
  it('knows weekends, holidays and substitute days', () => {
    expect(isWorkingDay('2026-02-13')).toBe(true); // Friday before Tết
    expect(isWorkingDay('2026-02-14')).toBe(false); // Saturday
    expect(isWorkingDay('2026-02-17')).toBe(false); // mùng 1 Tết
    expect(isWorkingDay('2026-02-23')).toBe(true);
    expect(isWorkingDay('2023-09-04')).toBe(false); // nghỉ bù Quốc khánh
    expect(isWorkingDay('2026-04-27')).toBe(false); // nghỉ bù Giỗ Tổ (Sunday 26/4)
  });

  it('30 working days from 2026-02-01 cross Tết and end on 2026-03-20', () => {
    // 2026-02-01 is a Sunday; counting starts on Monday 02/02.
    //   02–06/02 (Mon–Fri)   5 →  5
    //   09–13/02             5 → 10
    //   14–15/02 weekend, 16–20/02 Tết (29 Chạp … mùng 4, all weekdays, no nghỉ bù), 21–22/02 weekend
    //   23–27/02             5 → 15
    //   02–06/03             5 → 20
    //   09–13/03             5 → 25
    //   16–20/03             5 → 30  ⇒ Friday 20/03/2026 (13/03 without Tết).
    expect(addWorkingDays('2026-02-01', 30)).toBe('2026-03-20');
    expect(workingDaysBetween('2026-02-01', '2026-03-20')).toBe(30);
    expect(workingDaysBetween('2026-03-20', '2026-02-01')).toBe(-30);
  });

  it('skips the 2023 April–May block: Giỗ Tổ 29/4 (Sat), 30/4 (Sun), 01/5, bù 02/5 and 03/5', () => {
    expect(addWorkingDays('2023-04-28', 1)).toBe('2023-05-04');
    expect(addWorkingDays('2023-05-04', -1)).toBe('2023-04-28');
    expect(addWorkingDays('2023-04-29', 0)).toBe('2023-04-29');
  });

  it('counts across a year boundary and honours a calendar with yearly decisions', () => {
    // 31/12/2025 Wed → 01/01/2026 holiday → Fri 02/01 is the first working day.
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-02');
    // Tết 2024 as decided for civil servants: off 08–14/02 instead of 09–15/02.
    const cal2024 = new WorkingCalendar({ extraDaysOff: ['2024-02-08'], extraWorkingDays: ['2024-02-15'] });
    expect(addWorkingDays('2024-02-07', 1, cal2024)).toBe('2024-02-15');
    expect(addWorkingDays('2024-02-07', 1)).toBe('2024-02-08');
    // A 6-day week works on Saturdays.
    const sixDays = new WorkingCalendar({ restDays: [0] });
    expect(isWorkingDay('2026-03-07', sixDays)).toBe(true);
    expect(addWorkingDays('2026-03-06', 1, sixDays)).toBe('2026-03-07');
  });

  it('rejects a fractional count', () => {
    expect(() => addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
  });

  const day = fc.integer({ min: jdnFromYmd(1950, 1, 1), max: jdnFromYmd(2100, 12, 31) }).map(jdnToIso);

  it('workingDaysBetween is antisymmetric: between(a, b) = −between(b, a)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (a, offset) => {
        const b = jdnToIso(isoToJdn(a) + offset);
        expect(workingDaysBetween(a, b) + workingDaysBetween(b, a)).toBe(0);
        expect(workingDaysBetween(a, a)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('workingDaysBetween(a, addWorkingDays(a, n)) = n', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -200, max: 200 }), (a, n) => {
        const b = addWorkingDays(a, n);
        // Counting is over (a, b]: backwards, the start a is counted and b is not.
        if (n >= 0 || isWorkingDay(a)) expect(workingDaysBetween(a, b)).toBe(n);
        else expect(workingDaysBetween(a, b)).toBe(n + 1);
        if (n !== 0) expect(isWorkingDay(b)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
