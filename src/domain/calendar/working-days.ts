/**
 * Working-day arithmetic on the Vietnamese calendar of `holidays.ts`.
 *
 * Serves deadlines counted in working days ("ngày làm việc"), e.g. the decision on official
 * recognition of a probationary member, or presenting a transfer letter, "trong thời hạn 30 ngày làm
 * việc". Counting follows the usual rule for time limits (Bộ luật Dân sự 2015, Điều 147 khoản 2): the
 * day of the event is not counted, counting starts the next day, and only working days count.
 */

import { isoToJdn, jdnToIso, ymdFromJdn } from './day-number.js';
import { type HolidayCalendar, type HolidayCalendarOptions, holidayCalendar } from './holidays.js';

/** How many years of non-working days a calendar keeps in memory. */
const YEARS_CACHED = 16;

/**
 * A working calendar: weekly rest days, the Quốc khánh choice and the yearly decisions
 * (extra days off / extra working days, for any years), with a small per-year cache.
 * The application builds one from the stored decisions (`loadWorkingCalendar` in
 * src/features/calendar/service.ts); `defaultWorkingCalendar` is the statutory calendar alone.
 */
export class WorkingCalendar {
  readonly options: Readonly<HolidayCalendarOptions>;
  readonly #years = new Map<number, { calendar: HolidayCalendar; days: ReadonlySet<number> }>();

  constructor(options: HolidayCalendarOptions = {}) {
    this.options = Object.freeze({
      ...options,
      restDays: options.restDays ? [...options.restDays] : undefined,
      extraDaysOff: options.extraDaysOff ? [...options.extraDaysOff] : undefined,
      extraWorkingDays: options.extraWorkingDays ? [...options.extraWorkingDays] : undefined,
      nationalDayAdjacentByYear: options.nationalDayAdjacentByYear
        ? Object.freeze({ ...options.nationalDayAdjacentByYear })
        : undefined,
      decisionReferenceByYear: options.decisionReferenceByYear
        ? Object.freeze({ ...options.decisionReferenceByYear })
        : undefined,
    });
  }

  #year(year: number): { calendar: HolidayCalendar; days: ReadonlySet<number> } {
    const cached = this.#years.get(year);
    if (cached) {
      // Refresh the entry so the least recently used year is evicted first.
      this.#years.delete(year);
      this.#years.set(year, cached);
      return cached;
    }
    const calendar = holidayCalendar(year, this.options);
    const entry = { calendar, days: new Set(calendar.nonWorkingDays.map((d) => isoToJdn(d.date))) };
    this.#years.set(year, entry);
    if (this.#years.size > YEARS_CACHED) {
      const oldest = this.#years.keys().next().value;
      if (oldest !== undefined) this.#years.delete(oldest);
    }
    return entry;
  }

  /** The holiday calendar of `year` under these options, with the reason of every non-working day. */
  yearCalendar(year: number): HolidayCalendar {
    return this.#year(year).calendar;
  }

  /** Day numbers of the non-working days of `year` (computed once, then cached). */
  nonWorkingDayNumbers(year: number): ReadonlySet<number> {
    return this.#year(year).days;
  }

  isWorkingDayNumber(jdn: number): boolean {
    return !this.nonWorkingDayNumbers(ymdFromJdn(jdn).year).has(jdn);
  }
}

/** Agencies' 5-day week (Saturday and Sunday off), Quốc khánh with 01/9, no yearly decisions. */
export const defaultWorkingCalendar = new WorkingCalendar();

export function isWorkingDay(date: string, cal: WorkingCalendar = defaultWorkingCalendar): boolean {
  return cal.isWorkingDayNumber(isoToJdn(date));
}

/**
 * The n-th working day after `date` (n > 0; counting starts the day after `date`, which itself is
 * never counted). n < 0 gives the |n|-th working day before `date`; n = 0 returns `date` unchanged.
 */
export function addWorkingDays(
  date: string,
  n: number,
  cal: WorkingCalendar = defaultWorkingCalendar,
): string {
  if (!Number.isSafeInteger(n))
    throw new RangeError(`The number of working days must be an integer, not ${n}`);
  let jdn = isoToJdn(date);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    jdn += step;
    if (cal.isWorkingDayNumber(jdn)) remaining -= 1;
  }
  return jdnToIso(jdn);
}

/**
 * Working days from `a` to `b`: for a < b the number of working days d with a < d ≤ b, so that
 * `workingDaysBetween(a, addWorkingDays(a, n)) === n` for n ≥ 0; for a > b the negative of the count
 * from b to a (antisymmetric). For n < 0 the identity holds when `a` itself is a working day.
 */
export function workingDaysBetween(
  a: string,
  b: string,
  cal: WorkingCalendar = defaultWorkingCalendar,
): number {
  const from = isoToJdn(a);
  const to = isoToJdn(b);
  if (from === to) return 0;
  const [lo, hi, sign] = from < to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let d = lo + 1; d <= hi; d++) {
    if (cal.isWorkingDayNumber(d)) count += 1;
  }
  return count === 0 ? 0 : sign * count;
}
