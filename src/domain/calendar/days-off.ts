/**
 * Days off as people speak of them: a public holiday, a substitute day (nghỉ bù) or a day off decided
 * for the year — never a mere weekly rest day. Used to keep generated meetings off holidays and to show
 * each year's calendar ("Tết Âm lịch: Thứ Bảy 25/01/2025 – Chủ nhật 02/02/2025, 9 ngày").
 * Pure: every function reads a `WorkingCalendar` (see `loadWorkingCalendar` for the stored decisions).
 */

import { isoToJdn, jdnToIso as jdnToIsoDate, ymdFromJdn } from './day-number.js';
import {
  holidayCalendar,
  type NonWorkingReason,
  type NonWorkingReasonKind,
  weekdayName,
} from './holidays.js';
import type { WorkingCalendar } from './working-days.js';

const yearOf = (date: string) => ymdFromJdn(isoToJdn(date)).year;

/** The reasons of `date` other than the weekly rest; empty on a working day or a plain weekend. */
export function dayOffReasons(cal: WorkingCalendar, date: string): NonWorkingReason[] {
  const entry = cal.yearCalendar(yearOf(date)).nonWorkingDays.find((d) => d.date === date);
  return entry ? entry.reasons.filter((r) => r.kind !== 'weekly_rest') : [];
}

/**
 * Whether `date` is a public holiday, a substitute day or an extra day off decided for its year, in
 * effect under `cal` (a day the decision turned into a working day is not). Weekly rest days alone are
 * not days off here.
 */
export function isDayOff(cal: WorkingCalendar, date: string): boolean {
  return dayOffReasons(cal, date).length > 0;
}

/**
 * Why `date` is a day off, in Vietnamese — "Tết Âm lịch (mùng 1 tháng Giêng)", "Nghỉ bù Quốc khánh
 * (02/9)", "Nghỉ theo Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024" — or null when it is not one. Two
 * holidays on the same date are joined with "; ".
 */
export function dayOffName(cal: WorkingCalendar, date: string): string | null {
  const reasons = dayOffReasons(cal, date);
  return reasons.length > 0 ? reasons.map((r) => r.name).join('; ') : null;
}

export interface DayOff {
  date: string;
  weekday: string;
  reasons: { kind: NonWorkingReasonKind; name: string }[];
}

/** Every day off of `year` in ascending order (see `isDayOff`). */
export function daysOffOfYear(cal: WorkingCalendar, year: number): DayOff[] {
  return cal
    .yearCalendar(year)
    .nonWorkingDays.map((d) => ({
      date: d.date,
      weekday: weekdayName(d.date),
      reasons: d.reasons.filter((r) => r.kind !== 'weekly_rest').map((r) => ({ kind: r.kind, name: r.name })),
    }))
    .filter((d) => d.reasons.length > 0);
}

export interface HolidayPeriodDay {
  date: string;
  weekday: string;
  /** Why the day is off; a weekly rest day inside the period reads "Nghỉ hằng tuần (Thứ Bảy)". */
  names: string[];
  dayOff: boolean;
}

export interface HolidayPeriod {
  /** The holidays of the period, e.g. "Tết Âm lịch", "Ngày Chiến thắng và Ngày Quốc tế Lao động". */
  title: string;
  from: string;
  to: string;
  days: HolidayPeriodDay[];
}

/** "Tết Âm lịch (mùng 1 tháng Giêng)" → "Tết Âm lịch"; "Nghỉ bù Quốc khánh (02/9)" → "Quốc khánh". */
function holidayTitle(r: NonWorkingReason): string | null {
  if (r.kind !== 'public_holiday' && r.kind !== 'substitute') return null;
  return r.name
    .replace(/^Nghỉ bù /, '')
    .replace(/\s*\(.*\)$/, '')
    .trim();
}

function joinTitles(titles: string[]): string {
  if (titles.length <= 1) return titles[0] ?? 'Nghỉ theo quyết định';
  return `${titles.slice(0, -1).join(', ')} và ${titles.at(-1)}`;
}

/**
 * The holiday periods of `year`: each run of consecutive non-working days that holds at least one day
 * off, weekends inside it included — what an announcement calls "nghỉ 9 ngày liên tục".
 */
export function holidayPeriods(cal: WorkingCalendar, year: number): HolidayPeriod[] {
  const days = cal.yearCalendar(year).nonWorkingDays;
  const periods: HolidayPeriod[] = [];
  let run: typeof days = [];
  const flush = () => {
    const offDays = run.filter((d) => d.reasons.some((r) => r.kind !== 'weekly_rest'));
    if (offDays.length > 0) {
      const titles = [
        ...new Set(offDays.flatMap((d) => d.reasons.map(holidayTitle).filter((t): t is string => !!t))),
      ];
      periods.push({
        title: joinTitles(titles),
        from: run[0]!.date,
        to: run.at(-1)!.date,
        days: run.map((d) => ({
          date: d.date,
          weekday: weekdayName(d.date),
          names: d.reasons.map((r) => r.name),
          dayOff: d.reasons.some((r) => r.kind !== 'weekly_rest'),
        })),
      });
    }
    run = [];
  };
  for (const d of days) {
    const last = run.at(-1);
    if (last && isoToJdn(d.date) !== isoToJdn(last.date) + 1) flush();
    run.push(d);
  }
  flush();
  return periods;
}

export interface DecidedWorkingDay {
  date: string;
  weekday: string;
  /** What the day would have been without the decision ("Nghỉ hằng tuần (Thứ Bảy)", "Nghỉ bù …"). */
  insteadOf: string;
}

/** The days of `year` that the decision made working days, with what they would otherwise have been. */
export function decidedWorkingDays(cal: WorkingCalendar, year: number): DecidedWorkingDay[] {
  const working = new Set(
    (cal.options.extraWorkingDays ?? []).filter((d) => d.startsWith(`${String(year).padStart(4, '0')}-`)),
  );
  if (working.size === 0) return [];
  const without = holidayCalendar(year, { ...cal.options, extraWorkingDays: [] });
  return without.nonWorkingDays
    .filter((d) => working.has(d.date))
    .map((d) => ({
      date: d.date,
      weekday: weekdayName(d.date),
      insteadOf: d.reasons.map((r) => r.name).join('; '),
    }));
}

/**
 * The day a meeting planned for `date` is held when `date` is a day off (holiday, nghỉ bù, decided
 * day off): the next (or previous) day that is not, by the rule pack's choice; `keep` keeps it.
 * Weekly rest days are not avoided: residential cells often meet on a Sunday.
 */
export function meetingDayOffHoliday(
  cal: WorkingCalendar,
  date: string,
  rule: 'next_day' | 'previous_day' | 'keep',
): { date: string; movedFrom?: string; reason?: string } {
  if (rule === 'keep' || !isDayOff(cal, date)) return { date };
  const step = rule === 'previous_day' ? -1 : 1;
  let jdn = isoToJdn(date);
  // Tết is the longest run of days off (about nine days with weekends): a bounded walk.
  for (let i = 0; i < 31; i++) {
    jdn += step;
    const d = jdnToIsoDate(jdn);
    if (!isDayOff(cal, d)) return { date: d, movedFrom: date, reason: dayOffName(cal, date) ?? undefined };
  }
  return { date };
}
