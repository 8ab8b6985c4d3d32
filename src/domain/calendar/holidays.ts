/**
 * Vietnamese public holidays and the non-working days of a year.
 *
 * Legal basis — Bộ luật Lao động số 45/2019/QH14 (in force from 01/01/2021):
 *  - Điều 112 khoản 1: paid public holidays —
 *      a) Tết Dương lịch: 01 ngày (01/01 dương lịch);
 *      b) Tết Âm lịch: 05 ngày;
 *      c) Ngày Chiến thắng: 01 ngày (30/4 dương lịch);
 *      d) Ngày Quốc tế lao động: 01 ngày (01/5 dương lịch);
 *      đ) Quốc khánh: 02 ngày (02/9 dương lịch và 01 ngày liền kề trước hoặc sau);
 *      e) Ngày Giỗ Tổ Hùng Vương: 01 ngày (10/3 âm lịch).
 *  - Điều 112 khoản 3: each year the Prime Minister fixes the actual days of b) and đ)
 *    (the detailed rules on working and rest time are in Nghị định 145/2020/NĐ-CP).
 *  - Điều 111 khoản 3: when a weekly rest day coincides with a holiday of Điều 112 khoản 1, the worker
 *    takes a substitute day (nghỉ bù) on the next working day.
 *  - Điều 111 khoản 1–2 and the 5-day working week of agencies (Saturday and Sunday off) give the
 *    default weekly rest days.
 * The current Code is applied to every year asked for; before 2021 the statutory list differed
 * (e.g. Bộ luật Lao động 2012 gave a single day for Quốc khánh).
 *
 * Choices made here (the law leaves them to the yearly decision, so check the decision of the year):
 *  - The 5 days of Tết Âm lịch default to the last day of the lunar year (30 Tết, or 29 when tháng Chạp
 *    has 29 days) through mùng 4; weekend days among them get substitute days. The Prime Minister's
 *    decision for a year often lays the 5 days out differently (for civil servants: 2024 → 08–14/02,
 *    2025 → 25/01–02/02 with weekends); pass such decisions as `extraDaysOff` / `extraWorkingDays`.
 *  - The day adjacent to Quốc khánh defaults to 01/9 (`nationalDayAdjacent: 'before'`); 'after' → 03/9;
 *    a year's own choice goes in `nationalDayAdjacentByYear`.
 *  - Each year's decision is stored (table `holiday_decisions`, src/features/calendar) and turned into
 *    these options by `decisions.ts`; every working-day deadline goes through that loader.
 *  - When two holidays fall on the same date (Giỗ Tổ can coincide with 30/4 or 01/5 in years with a
 *    leap 1st or 2nd lunar month), the second one is also given a substitute day, so that every statutory
 *    holiday yields one day off; the Code does not address this case explicitly.
 */

import { isoToJdn, jdnFromYmd, jdnToIso, weekdayOfJdn } from './day-number.js';
import { lunarNewYear, lunarToSolar, solarToLunar } from './lunar.js';

export interface PublicHoliday {
  date: string;
  name: string;
}

export type NationalDayAdjacent = 'before' | 'after';

export interface PublicHolidayOptions {
  /** Which day accompanies Quốc khánh 02/9: 'before' = 01/9 (default), 'after' = 03/9. */
  nationalDayAdjacent?: NationalDayAdjacent;
  /** The choice of each decided year (Điều 112 khoản 3: fixed yearly); overrides `nationalDayAdjacent`. */
  nationalDayAdjacentByYear?: Readonly<Record<number, NationalDayAdjacent>>;
}

export interface HolidayCalendarOptions extends PublicHolidayOptions {
  /** Weekly rest days, 0 = Sunday … 6 = Saturday. Default [0, 6] (5-day week of State agencies). */
  restDays?: readonly number[];
  /** Extra days off decided for the year (e.g. a swapped working day); dates of other years are ignored. */
  extraDaysOff?: readonly string[];
  /** Days declared working days (e.g. the Saturday worked in exchange); they override everything else. */
  extraWorkingDays?: readonly string[];
  /**
   * The official notice of each decided year (e.g. "Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024"):
   * an extra day off of that year is named "Nghỉ theo <notice>".
   */
  decisionReferenceByYear?: Readonly<Record<number, string>>;
}

export type NonWorkingReasonKind = 'public_holiday' | 'substitute' | 'weekly_rest' | 'extra_day_off';

export interface NonWorkingReason {
  kind: NonWorkingReasonKind;
  /** Vietnamese label, e.g. "Quốc khánh (02/9)", "Nghỉ bù Ngày Chiến thắng (30/4)". */
  name: string;
  /** For a substitute day: the date of the holiday it replaces. */
  replaces?: string;
}

export interface NonWorkingDay {
  date: string;
  reasons: NonWorkingReason[];
}

export interface SubstituteDay {
  date: string;
  /** Date of the holiday that fell on a rest day (or on another holiday). */
  replaces: string;
  name: string;
}

export interface HolidayCalendar {
  year: number;
  restDays: number[];
  holidays: PublicHoliday[];
  substitutes: SubstituteDay[];
  /** Every non-working day of the year in ascending order, weekly rest days included. */
  nonWorkingDays: NonWorkingDay[];
}

export const MIN_HOLIDAY_YEAR = 1900;
export const MAX_HOLIDAY_YEAR = 2199;

/** Vietnamese weekday names, 0 = Sunday … 6 = Saturday. */
export const WEEKDAY_NAMES = [
  'Chủ nhật',
  'Thứ Hai',
  'Thứ Ba',
  'Thứ Tư',
  'Thứ Năm',
  'Thứ Sáu',
  'Thứ Bảy',
] as const;

/** The Vietnamese weekday name of an ISO date ("Thứ Bảy"). */
export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[weekdayOfJdn(isoToJdn(date))]!;
}
const TET_DAY_NAMES = ['mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'] as const;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_HOLIDAY_YEAR || year > MAX_HOLIDAY_YEAR) {
    throw new RangeError(`Year ${year} is outside ${MIN_HOLIDAY_YEAR} … ${MAX_HOLIDAY_YEAR}`);
  }
}

function iso(year: number, month: number, day: number): string {
  return jdnToIso(jdnFromYmd(year, month, day));
}

/** The statutory public holidays of Gregorian `year` (Điều 112 khoản 1), sorted by date. */
export function publicHolidays(year: number, opts: PublicHolidayOptions = {}): PublicHoliday[] {
  checkYear(year);
  const adjacent = opts.nationalDayAdjacentByYear?.[year] ?? opts.nationalDayAdjacent ?? 'before';
  if (adjacent !== 'before' && adjacent !== 'after') {
    throw new RangeError(`nationalDayAdjacent must be 'before' or 'after', not ${String(adjacent)}`);
  }
  const list: PublicHoliday[] = [{ date: iso(year, 1, 1), name: 'Tết Dương lịch (01/01)' }];

  // Tết Âm lịch: the last day of the old lunar year, then mùng 1 … mùng 4 of the new one.
  // Mùng 1 falls between 21/01 and 20/02, so all five days lie in the same Gregorian year.
  const tet = isoToJdn(lunarNewYear(year));
  const eve = solarToLunar(jdnToIso(tet - 1));
  list.push({ date: jdnToIso(tet - 1), name: `Tết Âm lịch (${eve.day} tháng Chạp)` });
  TET_DAY_NAMES.forEach((label, i) => {
    list.push({ date: jdnToIso(tet + i), name: `Tết Âm lịch (${label} tháng Giêng)` });
  });

  list.push({
    date: lunarToSolar({ year, month: 3, day: 10, leap: false }),
    name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
  });
  list.push({ date: iso(year, 4, 30), name: 'Ngày Chiến thắng (30/4)' });
  list.push({ date: iso(year, 5, 1), name: 'Ngày Quốc tế Lao động (01/5)' });
  if (adjacent === 'before') list.push({ date: iso(year, 9, 1), name: 'Quốc khánh (ngày liền kề 01/9)' });
  list.push({ date: iso(year, 9, 2), name: 'Quốc khánh (02/9)' });
  if (adjacent === 'after') list.push({ date: iso(year, 9, 3), name: 'Quốc khánh (ngày liền kề 03/9)' });

  // Stable sort keeps the statutory order for two holidays on the same date.
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function normalizeRestDays(restDays: readonly number[] | undefined): number[] {
  const days = [...new Set(restDays ?? [0, 6])].sort((a, b) => a - b);
  for (const d of days) {
    if (!Number.isInteger(d) || d < 0 || d > 6)
      throw new RangeError(`Invalid rest day ${d} (0 = Sunday … 6 = Saturday)`);
  }
  if (days.length === 7) throw new RangeError('At least one day of the week must be a working day');
  return days;
}

/** The ISO dates of `dates` that lie in `year`, validated. */
function datesOfYear(dates: readonly string[] | undefined, year: number): Set<string> {
  const out = new Set<string>();
  for (const d of dates ?? []) {
    isoToJdn(d); // throws on a malformed date
    if (d.startsWith(`${String(year).padStart(4, '0')}-`)) out.add(d);
  }
  return out;
}

/**
 * All non-working days of Gregorian `year`: weekly rest days, public holidays, substitute days
 * (Điều 111 khoản 3) and the extra days off of the year, minus the declared extra working days.
 *
 * A substitute day is the first day after the holiday that is not a weekly rest day, not a public
 * holiday, not an extra day off and not already a substitute day. A declared extra working day
 * overrides everything (holiday, substitute, rest day): it is how a yearly decision that lays the days
 * out differently is expressed. `holidays` stays the statutory list; `substitutes` and `nonWorkingDays`
 * are what is in effect.
 */
export function holidayCalendar(year: number, opts: HolidayCalendarOptions = {}): HolidayCalendar {
  checkYear(year);
  const restDays = normalizeRestDays(opts.restDays);
  const holidays = publicHolidays(year, opts);
  const extraOff = datesOfYear(opts.extraDaysOff, year);
  const extraWorking = datesOfYear(opts.extraWorkingDays, year);
  for (const d of extraOff) {
    if (extraWorking.has(d)) throw new RangeError(`${d} is both an extra day off and an extra working day`);
  }

  const isRest = (jdn: number) => restDays.includes(weekdayOfJdn(jdn));
  const holidayDates = new Set(holidays.map((h) => h.date));
  const substitutes: SubstituteDay[] = [];
  const substituteDates = new Set<string>();
  const claimed = new Set<string>();
  for (const h of holidays) {
    const jdn = isoToJdn(h.date);
    const lost = isRest(jdn) || claimed.has(h.date);
    claimed.add(h.date);
    if (!lost) continue;
    let d = jdn + 1;
    while (
      isRest(d) ||
      holidayDates.has(jdnToIso(d)) ||
      extraOff.has(jdnToIso(d)) ||
      substituteDates.has(jdnToIso(d))
    ) {
      d += 1;
    }
    const date = jdnToIso(d);
    substitutes.push({ date, replaces: h.date, name: `Nghỉ bù ${h.name}` });
    substituteDates.add(date);
  }

  const byDate = new Map<string, NonWorkingReason[]>();
  const add = (date: string, reason: NonWorkingReason) => {
    if (extraWorking.has(date)) return;
    const reasons = byDate.get(date);
    if (reasons) reasons.push(reason);
    else byDate.set(date, [reason]);
  };
  const first = jdnFromYmd(year, 1, 1);
  const last = jdnFromYmd(year, 12, 31);
  for (let d = first; d <= last; d++) {
    if (isRest(d))
      add(jdnToIso(d), { kind: 'weekly_rest', name: `Nghỉ hằng tuần (${WEEKDAY_NAMES[weekdayOfJdn(d)]})` });
  }
  for (const h of holidays) add(h.date, { kind: 'public_holiday', name: h.name });
  for (const s of substitutes) add(s.date, { kind: 'substitute', name: s.name, replaces: s.replaces });
  const reference = opts.decisionReferenceByYear?.[year]?.trim();
  const extraName = reference ? `Nghỉ theo ${reference}` : 'Nghỉ theo quyết định hoán đổi ngày làm việc';
  for (const d of extraOff) add(d, { kind: 'extra_day_off', name: extraName });

  const nonWorkingDays = [...byDate.entries()]
    .map(([date, reasons]) => ({ date, reasons }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  const effectiveSubstitutes = substitutes.filter((s) => !extraWorking.has(s.date));
  return { year, restDays, holidays, substitutes: effectiveSubstitutes, nonWorkingDays };
}
