import { describe, expect, it } from 'vitest';
import { decidedWorkingDays, holidayPeriods } from './days-off.js';
import { checkHolidayDecision, type HolidayDecision, workingCalendarFromDecisions } from './decisions.js';
import { holidayCalendar, publicHolidays } from './holidays.js';
import { KNOWN_DECISIONS, UNVERIFIED_NOTE } from './known-decisions.js';
import { addWorkingDays, isWorkingDay, WorkingCalendar } from './working-days.js';

const cal = workingCalendarFromDecisions(KNOWN_DECISIONS);
const span = (year: number, title: string) =>
  holidayPeriods(cal, year)
    .filter((p) => p.title === title)
    .map((p) => `${p.from}..${p.to}`);

describe('the seeded decisions give exactly the announced spans (entered from press reports)', () => {
  it('2024 (Thông báo 5015/TB-LĐTBXH): Tết 08/02–14/02, 30/4 swap 27/4–01/5, Quốc khánh 31/8–03/9', () => {
    expect(span(2024, 'Tết Âm lịch')).toEqual(['2024-02-08..2024-02-14']);
    expect(span(2024, 'Ngày Chiến thắng và Ngày Quốc tế Lao động')).toEqual(['2024-04-27..2024-05-01']);
    expect(span(2024, 'Quốc khánh')).toEqual(['2024-08-31..2024-09-03']);
    // The days worked in exchange.
    expect(isWorkingDay('2024-02-15', cal)).toBe(true);
    expect(isWorkingDay('2024-05-04', cal)).toBe(true);
    expect(decidedWorkingDays(cal, 2024)).toEqual([
      { date: '2024-02-15', weekday: 'Thứ Năm', insteadOf: 'Nghỉ bù Tết Âm lịch (mùng 2 tháng Giêng)' },
      { date: '2024-05-04', weekday: 'Thứ Bảy', insteadOf: 'Nghỉ hằng tuần (Thứ Bảy)' },
    ]);
    // 02/9 with 03/9 (the day after), not 01/9.
    const qk = holidayCalendar(2024, cal.options).holidays.filter((h) => h.name.startsWith('Quốc khánh'));
    expect(qk.map((h) => h.date)).toEqual(['2024-09-02', '2024-09-03']);
  });

  it('2025 (Thông báo 6150/TB-BLĐTBXH): Tết 25/01–02/02 although the statute gives nghỉ bù on 03/02', () => {
    // Statutory: 28/01 is 29 tháng Chạp (a 29-day month), mùng 4 falls on Saturday 01/02 → nghỉ bù Monday 03/02.
    const statutory = holidayCalendar(2025);
    expect(statutory.holidays.find((h) => h.date === '2025-01-28')?.name).toBe('Tết Âm lịch (29 tháng Chạp)');
    expect(statutory.substitutes.map((s) => s.date)).toEqual(['2025-02-03']);
    expect(holidayPeriods(new WorkingCalendar(), 2025).find((p) => p.title === 'Tết Âm lịch')).toMatchObject({
      from: '2025-01-28',
      to: '2025-02-03',
    });
    // As decided: nine days in a row, and 03/02 is a working day.
    expect(span(2025, 'Tết Âm lịch')).toEqual(['2025-01-25..2025-02-02']);
    const tet = holidayPeriods(cal, 2025).find((p) => p.title === 'Tết Âm lịch')!;
    expect(tet.days).toHaveLength(9);
    expect(isWorkingDay('2025-02-03', cal)).toBe(true);
    // "05 ngày nghỉ Tết và 04 ngày nghỉ hằng tuần": no Saturday is worked in exchange.
    expect(isWorkingDay('2025-02-15', cal)).toBe(false);
    expect(span(2025, 'Ngày Chiến thắng và Ngày Quốc tế Lao động')).toEqual(['2025-04-30..2025-05-04']);
    expect(isWorkingDay('2025-04-26', cal)).toBe(true);
    expect(span(2025, 'Quốc khánh')).toEqual(['2025-08-30..2025-09-02']);
  });

  it('2026 (Bộ Nội vụ): Tết 14/02–22/02 is already the statutory computation, with no extra day', () => {
    const d2026 = KNOWN_DECISIONS.find((d) => d.year === 2026)!;
    expect(d2026.extraDaysOff).toEqual([]);
    expect(d2026.extraWorkingDays).toEqual([]);
    expect(span(2026, 'Tết Âm lịch')).toEqual(['2026-02-14..2026-02-22']);
    expect(holidayPeriods(new WorkingCalendar(), 2026)).toEqual(holidayPeriods(cal, 2026));
  });

  it('every seeded decision passes the checks without a warning, and is marked as to be verified', () => {
    for (const d of KNOWN_DECISIONS) {
      const check = checkHolidayDecision(d);
      expect(check.errors, String(d.year)).toEqual([]);
      expect(check.warnings, String(d.year)).toEqual([]);
      expect(d.note).toContain(UNVERIFIED_NOTE);
    }
  });

  it('years without a decision follow the statute', () => {
    expect(holidayPeriods(cal, 2027)).toEqual(holidayPeriods(new WorkingCalendar(), 2027));
  });

  it('a working-day deadline computed through the decisions moves (Tết Ất Tỵ)', () => {
    // Friday 24/01/2025 + 1 working day: Monday 27/01 by the statute, Monday 03/02 as decided.
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-01-27');
    expect(addWorkingDays('2025-01-24', 1, cal)).toBe('2025-02-03');
    // Both calendars have the same number of working days in 2025: 30 days from 02/01 end alike.
    expect(addWorkingDays('2025-01-02', 30, cal)).toBe(addWorkingDays('2025-01-02', 30));
  });
});

describe('the Quốc khánh choice of each year (nationalDayAdjacentByYear)', () => {
  it('applies to its year only and overrides the general choice', () => {
    const opts = {
      nationalDayAdjacent: 'after' as const,
      nationalDayAdjacentByYear: { 2025: 'before' as const },
    };
    const qk = (year: number) =>
      publicHolidays(year, opts)
        .filter((h) => h.name.startsWith('Quốc khánh'))
        .map((h) => h.date);
    expect(qk(2025)).toEqual(['2025-09-01', '2025-09-02']);
    expect(qk(2027)).toEqual(['2027-09-02', '2027-09-03']);
  });
});

describe('checking a decision before it is stored', () => {
  const base: HolidayDecision = {
    year: 2025,
    reference: 'Thông báo thử',
    extraDaysOff: [],
    extraWorkingDays: [],
    nationalDayAdjacent: 'before',
  };
  const check = (d: Partial<HolidayDecision>) => checkHolidayDecision({ ...base, ...d });

  it('refuses a date of another year, a date that does not exist, and a date in both lists', () => {
    expect(check({ extraDaysOff: ['2024-12-31'] }).errors).toEqual([
      { field: 'extraDaysOff', date: '2024-12-31', message: 'Ngày 31/12/2024 không thuộc năm 2025.' },
    ]);
    expect(check({ extraWorkingDays: ['2025-02-30'] }).errors).toEqual([
      { field: 'extraWorkingDays', date: '2025-02-30', message: 'Ngày 2025-02-30 không có thật.' },
    ]);
    expect(check({ extraDaysOff: ['2025-03-03'], extraWorkingDays: ['2025-03-03'] }).errors).toEqual([
      {
        field: 'extraWorkingDays',
        date: '2025-03-03',
        message: 'Ngày 03/03/2025 vừa là ngày nghỉ thêm vừa là ngày đi làm.',
      },
    ]);
  });

  it('refuses an extra day off that is already a non-working day (weekend, holiday, nghỉ bù)', () => {
    const errors = check({ extraDaysOff: ['2025-02-01', '2025-09-02', '2025-02-03'] }).errors;
    expect(errors.map((e) => e.date)).toEqual(['2025-02-01', '2025-02-03', '2025-09-02']);
    expect(errors[0]!.message).toBe(
      'Thứ Bảy 01/02/2025 vốn đã là ngày nghỉ (Nghỉ hằng tuần (Thứ Bảy); Tết Âm lịch (mùng 4 tháng Giêng)), không cần ghi là ngày nghỉ thêm.',
    );
    expect(errors[1]!.message).toContain('Nghỉ bù Tết Âm lịch (mùng 4 tháng Giêng)');
  });

  it('refuses an extra working day that is already a working day', () => {
    expect(check({ extraWorkingDays: ['2025-03-04'] }).errors).toEqual([
      {
        field: 'extraWorkingDays',
        date: '2025-03-04',
        message: 'Thứ Ba 04/03/2025 vốn là ngày làm việc, không cần ghi là ngày đi làm.',
      },
    ]);
  });

  it('warns (does not refuse) about working on a statutory holiday and about an unbalanced year', () => {
    const onHoliday = check({ extraWorkingDays: ['2025-04-30'] });
    expect(onHoliday.errors).toEqual([]);
    expect(onHoliday.warnings.map((w) => w.message)).toEqual([
      'Thứ Tư 30/04/2025 là ngày lễ theo Điều 112 Bộ luật Lao động (Ngày Chiến thắng (30/4)); hãy kiểm tra lại văn bản.',
      'Theo lịch này, năm 2025 có 1 ngày làm việc nhiều hơn lịch tính theo Bộ luật Lao động (thường mỗi ngày nghỉ hoán đổi có một ngày đi làm bù); hãy kiểm tra lại văn bản.',
    ]);
    const unbalanced = check({
      extraDaysOff: ['2025-01-27', '2025-05-02'],
      extraWorkingDays: ['2025-04-26'],
    });
    expect(unbalanced.errors).toEqual([]);
    expect(unbalanced.warnings.map((w) => w.message)).toEqual([
      'Theo lịch này, năm 2025 có 1 ngày làm việc ít hơn lịch tính theo Bộ luật Lao động (thường mỗi ngày nghỉ hoán đổi có một ngày đi làm bù); hãy kiểm tra lại văn bản.',
    ]);
  });

  it('checks the working days against the decision’s own Quốc khánh choice', () => {
    // With 'after', 03/9/2025 is a holiday and 01/9 a working day.
    expect(check({ nationalDayAdjacent: 'after', extraWorkingDays: ['2025-09-01'] }).errors).toHaveLength(1);
    expect(check({ nationalDayAdjacent: 'after', extraDaysOff: ['2025-09-01'] }).errors).toEqual([]);
  });

  it('refuses an empty reference and a year out of range; sorts and deduplicates the dates', () => {
    expect(check({ reference: '  ' }).errors.map((e) => e.field)).toEqual(['reference']);
    expect(check({ year: 1899 }).errors.map((e) => e.field)).toEqual(['year']);
    const ok = check({ extraDaysOff: ['2025-05-02', '2025-01-27', '2025-05-02'] });
    expect(ok.extraDaysOff).toEqual(['2025-01-27', '2025-05-02']);
  });
});
