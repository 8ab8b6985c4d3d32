import { describe, expect, it } from 'vitest';
import { holidayCalendar, publicHolidays } from './holidays.js';

const offDates = (year: number, opts?: Parameters<typeof holidayCalendar>[1]) =>
  holidayCalendar(year, opts)
    .nonWorkingDays.filter((d) => d.reasons.some((r) => r.kind !== 'weekly_rest'))
    .map((d) => d.date);

describe('public holidays (Bộ luật Lao động 2019, Điều 112)', () => {
  it('lists the 11 statutory days of 2026', () => {
    expect(publicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Tết Dương lịch (01/01)' },
      { date: '2026-02-16', name: 'Tết Âm lịch (29 tháng Chạp)' },
      { date: '2026-02-17', name: 'Tết Âm lịch (mùng 1 tháng Giêng)' },
      { date: '2026-02-18', name: 'Tết Âm lịch (mùng 2 tháng Giêng)' },
      { date: '2026-02-19', name: 'Tết Âm lịch (mùng 3 tháng Giêng)' },
      { date: '2026-02-20', name: 'Tết Âm lịch (mùng 4 tháng Giêng)' },
      { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
      { date: '2026-04-30', name: 'Ngày Chiến thắng (30/4)' },
      { date: '2026-05-01', name: 'Ngày Quốc tế Lao động (01/5)' },
      { date: '2026-09-01', name: 'Quốc khánh (ngày liền kề 01/9)' },
      { date: '2026-09-02', name: 'Quốc khánh (02/9)' },
    ]);
  });

  it('Tết starts on 30 tháng Chạp when the 12th month is full (2024)', () => {
    const tet = publicHolidays(2024).filter((h) => h.name.startsWith('Tết Âm lịch'));
    expect(tet.map((h) => h.date)).toEqual([
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
    ]);
    expect(tet[0]!.name).toBe('Tết Âm lịch (30 tháng Chạp)');
  });

  it('takes 03/9 as the adjacent Quốc khánh day on request', () => {
    const qk = publicHolidays(2021, { nationalDayAdjacent: 'after' }).filter((h) =>
      h.name.startsWith('Quốc khánh'),
    );
    expect(qk.map((h) => h.date)).toEqual(['2021-09-02', '2021-09-03']);
  });
});

describe('non-working days and substitute days (Điều 111 khoản 3)', () => {
  it('2026: Tết 16–20/02 on weekdays, Giỗ Tổ on a Sunday → nghỉ bù Monday 27/04', () => {
    const cal = holidayCalendar(2026);
    expect(offDates(2026).filter((d) => d.startsWith('2026-02'))).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    expect(cal.substitutes).toEqual([
      { date: '2026-04-27', replaces: '2026-04-26', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    ]);
  });

  it('2023: 02/9 is a Saturday → 01/9 to 04/9 off (as decided that year)', () => {
    const sep = offDates(2023).filter((d) => d.startsWith('2023-09'));
    expect(sep).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']);
    const cal = holidayCalendar(2023);
    expect(cal.nonWorkingDays.find((d) => d.date === '2023-09-03')?.reasons.map((r) => r.kind)).toEqual([
      'weekly_rest',
    ]);
    expect(cal.substitutes.find((s) => s.replaces === '2023-09-02')?.date).toBe('2023-09-04');
  });

  it('2023: Giỗ Tổ (Sat 29/4) and 30/4 (Sun) → 29/4 to 03/5 off, as decided that year', () => {
    const cal = holidayCalendar(2023);
    const days = cal.nonWorkingDays.map((d) => d.date);
    for (const d of ['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03']) {
      expect(days).toContain(d);
    }
    expect(days).not.toContain('2023-05-04');
    expect(cal.substitutes.filter((s) => s.date.startsWith('2023-05')).map((s) => s.replaces)).toEqual([
      '2023-04-29',
      '2023-04-30',
    ]);
  });

  it('2022: 30/4 Saturday and 01/5 Sunday → nghỉ bù 02/5 and 03/5', () => {
    expect(offDates(2022).filter((d) => d >= '2022-04-30' && d <= '2022-05-31')).toEqual([
      '2022-04-30',
      '2022-05-01',
      '2022-05-02',
      '2022-05-03',
    ]);
  });

  it('a 6-day week (only Sunday off) has no substitute for a Saturday holiday', () => {
    const cal = holidayCalendar(2023, { restDays: [0] });
    expect(cal.substitutes.map((s) => s.replaces)).toEqual(['2023-01-01', '2023-01-22', '2023-04-30']);
    expect(cal.nonWorkingDays.map((d) => d.date)).not.toContain('2023-09-04');
  });

  it('expresses a yearly decision with extra days: Tết 2024 for civil servants was 08–14/02', () => {
    const opts = { extraDaysOff: ['2024-02-08'], extraWorkingDays: ['2024-02-15'] };
    expect(offDates(2024, opts).filter((d) => d.startsWith('2024-02'))).toEqual([
      '2024-02-08',
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
    ]);
    // 30/4–01/5/2024: Monday 29/4 swapped with Saturday 04/5.
    const swap = holidayCalendar(2024, { extraDaysOff: ['2024-04-29'], extraWorkingDays: ['2024-05-04'] });
    const days = swap.nonWorkingDays.map((d) => d.date);
    expect(days).toEqual(
      expect.arrayContaining(['2024-04-27', '2024-04-28', '2024-04-29', '2024-04-30', '2024-05-01']),
    );
    expect(days).not.toContain('2024-05-04');
    expect(swap.nonWorkingDays.find((d) => d.date === '2024-04-29')?.reasons[0]?.kind).toBe('extra_day_off');
  });

  it('ignores extra dates of other years and rejects contradictions', () => {
    expect(offDates(2025, { extraDaysOff: ['2024-12-31'] })).toEqual(offDates(2025));
    expect(() =>
      holidayCalendar(2025, { extraDaysOff: ['2025-03-03'], extraWorkingDays: ['2025-03-03'] }),
    ).toThrow(RangeError);
    expect(() => holidayCalendar(2025, { restDays: [0, 1, 2, 3, 4, 5, 6] })).toThrow(RangeError);
    expect(() => holidayCalendar(2025, { extraDaysOff: ['2025-02-30'] })).toThrow(RangeError);
  });

  it('counts 104–106 weekly rest days plus 11 holiday weekdays in every year 2021–2040', () => {
    for (let year = 2021; year <= 2040; year++) {
      const cal = holidayCalendar(year);
      const weekend = cal.nonWorkingDays.filter((d) =>
        d.reasons.some((r) => r.kind === 'weekly_rest'),
      ).length;
      const extra = cal.nonWorkingDays.filter((d) => !d.reasons.some((r) => r.kind === 'weekly_rest')).length;
      expect(weekend === 104 || weekend === 105 || weekend === 106).toBe(true);
      // Each of the 11 holidays gives one weekday off, either on its date or as a substitute.
      expect(extra).toBe(11);
    }
  });
});
