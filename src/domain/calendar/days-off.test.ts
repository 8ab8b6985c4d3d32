import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jdnFromYmd, jdnToIso } from './day-number.js';
import { dayOffName, daysOffOfYear, holidayPeriods, isDayOff } from './days-off.js';
import { workingCalendarFromDecisions } from './decisions.js';
import { weekdayName } from './holidays.js';
import { KNOWN_DECISIONS } from './known-decisions.js';
import { isWorkingDay, WorkingCalendar } from './working-days.js';

const decided = workingCalendarFromDecisions(KNOWN_DECISIONS);
const statutory = new WorkingCalendar();

describe('isDayOff and dayOffName: holidays, nghỉ bù and decided days — not weekends', () => {
  it('names a holiday, a substitute day and a decided day off in Vietnamese', () => {
    expect(dayOffName(decided, '2025-01-29')).toBe('Tết Âm lịch (mùng 1 tháng Giêng)');
    expect(dayOffName(decided, '2026-04-27')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)');
    expect(dayOffName(decided, '2025-01-27')).toBe('Nghỉ theo Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024');
    expect(dayOffName(statutory, '2025-01-27')).toBeNull();
    // A holiday on a Sunday is still a day off (and gives the Monday as nghỉ bù).
    expect(isDayOff(decided, '2026-04-26')).toBe(true);
    expect(dayOffName(decided, '2026-04-26')).toBe('Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  });

  it('a plain weekend is not a day off; a day the decision made a working day is not either', () => {
    expect(isDayOff(decided, '2025-02-08')).toBe(false); // Saturday
    expect(dayOffName(decided, '2025-02-08')).toBeNull();
    expect(isDayOff(statutory, '2025-02-03')).toBe(true); // nghỉ bù by the statute …
    expect(isDayOff(decided, '2025-02-03')).toBe(false); // … a working day as decided
    expect(isDayOff(decided, '2025-03-04')).toBe(false);
  });

  it('joins two reasons of one date', () => {
    // Two statutory holidays never share a date in 1990–2199; a raw calendar option can add a second reason.
    const cal = new WorkingCalendar({ extraDaysOff: ['2025-09-02'] });
    expect(dayOffName(cal, '2025-09-02')).toBe(
      'Quốc khánh (02/9); Nghỉ theo quyết định hoán đổi ngày làm việc',
    );
  });

  it('every day off is a non-working day, and every weekday non-working day is a day off (property)', () => {
    const day = fc.integer({ min: jdnFromYmd(2021, 1, 1), max: jdnFromYmd(2040, 12, 31) }).map(jdnToIso);
    fc.assert(
      fc.property(day, (d) => {
        if (isDayOff(decided, d)) expect(isWorkingDay(d, decided)).toBe(false);
        const weekend = ['Thứ Bảy', 'Chủ nhật'].includes(weekdayName(d));
        if (!weekend && !isWorkingDay(d, decided)) expect(isDayOff(decided, d)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the days off and holiday periods of a year', () => {
  it('lists the days off of 2025 as decided, with weekday names', () => {
    const days = daysOffOfYear(decided, 2025);
    expect(days[0]).toEqual({
      date: '2025-01-01',
      weekday: 'Thứ Tư',
      reasons: [{ kind: 'public_holiday', name: 'Tết Dương lịch (01/01)' }],
    });
    expect(days.map((d) => d.date)).toContain('2025-05-02');
    expect(days.map((d) => d.date)).not.toContain('2025-02-03');
  });

  it('groups consecutive non-working days around the holidays, weekends included', () => {
    const periods = holidayPeriods(decided, 2025);
    expect(periods.map((p) => `${p.title}: ${p.from}..${p.to}`)).toEqual([
      'Tết Dương lịch: 2025-01-01..2025-01-01',
      'Tết Âm lịch: 2025-01-25..2025-02-02',
      'Giỗ Tổ Hùng Vương: 2025-04-05..2025-04-07',
      'Ngày Chiến thắng và Ngày Quốc tế Lao động: 2025-04-30..2025-05-04',
      'Quốc khánh: 2025-08-30..2025-09-02',
    ]);
    const tet = periods[1]!;
    expect(tet.days[0]).toEqual({
      date: '2025-01-25',
      weekday: 'Thứ Bảy',
      names: ['Nghỉ hằng tuần (Thứ Bảy)'],
      dayOff: false,
    });
    expect(tet.days[2]).toMatchObject({ date: '2025-01-27', weekday: 'Thứ Hai', dayOff: true });
  });
});
