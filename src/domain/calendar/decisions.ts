/**
 * The official holiday decision of a year, as data (Bộ luật Lao động 2019, Điều 112 khoản 3: the Prime
 * Minister fixes each year the actual days of Tết Âm lịch and of Quốc khánh; the ministry in charge —
 * Bộ Lao động – Thương binh và Xã hội until 2025, Bộ Nội vụ since — announces them for civil servants,
 * often with a swap of a working day).
 *
 * A decision is expressed against the statutory computation of `holidays.ts`: the days it adds
 * (`extraDaysOff`), the days it declares working days (`extraWorkingDays`, e.g. the Saturday worked in
 * exchange, or a computed substitute day that the decision lays out elsewhere) and the day adjacent to
 * Quốc khánh. Pure: no I/O; src/features/calendar stores the decisions and loads the calendar.
 */

import { formatDate } from '../format.js';
import { isoToJdn } from './day-number.js';
import {
  type HolidayCalendarOptions,
  holidayCalendar,
  MAX_HOLIDAY_YEAR,
  MIN_HOLIDAY_YEAR,
  type NationalDayAdjacent,
  weekdayName,
} from './holidays.js';
import { WorkingCalendar } from './working-days.js';

export interface HolidayDecision {
  year: number;
  /** The official notice, e.g. "Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024". */
  reference: string;
  extraDaysOff: readonly string[];
  extraWorkingDays: readonly string[];
  nationalDayAdjacent: NationalDayAdjacent;
  note?: string | null;
}

export type DecisionField =
  | 'year'
  | 'reference'
  | 'extraDaysOff'
  | 'extraWorkingDays'
  | 'nationalDayAdjacent';

export interface DecisionIssue {
  field: DecisionField;
  /** The date concerned, when the issue is about one date. */
  date?: string;
  /** Vietnamese, for the person entering the decision. */
  message: string;
}

export interface DecisionCheck {
  /** Refusals: the decision is not saved while there is one. */
  errors: DecisionIssue[];
  /** Worth a second look, but legitimate (shown, not blocking). */
  warnings: DecisionIssue[];
  /** The dates sorted ascending, each once. */
  extraDaysOff: string[];
  extraWorkingDays: string[];
}

const day = (d: string) => `${weekdayName(d)} ${formatDate(d)}`;

function isRealDate(d: string): boolean {
  try {
    isoToJdn(d);
    return true;
  } catch {
    return false;
  }
}

const sortedUnique = (dates: readonly string[]) => [...new Set(dates)].sort();

/**
 * Checks a decision before it is stored. Refused (errors):
 *  - a year outside MIN_HOLIDAY_YEAR … MAX_HOLIDAY_YEAR, an empty reference;
 *  - a date that does not exist or lies outside the decision's year;
 *  - a date that is both an extra day off and an extra working day;
 *  - an extra day off that is already a non-working day under the statutory calendar (weekly rest,
 *    public holiday or substitute day): it would change nothing, so it is almost surely a typo for
 *    another date — and silently accepting it would hide the mistake in a record that moves deadlines;
 *  - an extra working day that is already a working day, for the same reason.
 * Warned (saved anyway): an extra working day on a statutory holiday itself, and a year whose number
 * of working days differs from the statutory calendar (a swap normally gives back every day it takes).
 */
export function checkHolidayDecision(d: HolidayDecision): DecisionCheck {
  const errors: DecisionIssue[] = [];
  const warnings: DecisionIssue[] = [];
  const extraDaysOff = sortedUnique(d.extraDaysOff);
  const extraWorkingDays = sortedUnique(d.extraWorkingDays);
  const result = () => ({ errors, warnings, extraDaysOff, extraWorkingDays });

  if (!Number.isInteger(d.year) || d.year < MIN_HOLIDAY_YEAR || d.year > MAX_HOLIDAY_YEAR) {
    errors.push({
      field: 'year',
      message: `Năm phải từ ${MIN_HOLIDAY_YEAR} đến ${MAX_HOLIDAY_YEAR}.`,
    });
    return result();
  }
  if (!d.reference.trim()) {
    errors.push({ field: 'reference', message: 'Cần ghi số, ngày của văn bản thông báo lịch nghỉ.' });
  }
  if (d.nationalDayAdjacent !== 'before' && d.nationalDayAdjacent !== 'after') {
    errors.push({
      field: 'nationalDayAdjacent',
      message: 'Ngày nghỉ liền kề Quốc khánh phải là 01/9 (trước) hoặc 03/9 (sau).',
    });
    return result();
  }

  const prefix = `${String(d.year).padStart(4, '0')}-`;
  const inYear = (field: DecisionField, dates: string[]) =>
    dates.filter((date) => {
      if (!isRealDate(date)) {
        errors.push({ field, date, message: `Ngày ${date} không có thật.` });
        return false;
      }
      if (!date.startsWith(prefix)) {
        errors.push({ field, date, message: `Ngày ${formatDate(date)} không thuộc năm ${d.year}.` });
        return false;
      }
      return true;
    });
  const off = inYear('extraDaysOff', extraDaysOff);
  const working = inYear('extraWorkingDays', extraWorkingDays);
  const both = new Set(off.filter((date) => working.includes(date)));
  for (const date of both) {
    errors.push({
      field: 'extraWorkingDays',
      date,
      message: `Ngày ${formatDate(date)} vừa là ngày nghỉ thêm vừa là ngày đi làm.`,
    });
  }

  const base = { nationalDayAdjacent: d.nationalDayAdjacent };
  const statutory = holidayCalendar(d.year, base);
  const statutoryOff = new Map(statutory.nonWorkingDays.map((n) => [n.date, n.reasons]));
  const offOk = off.filter((date) => !both.has(date));
  for (const date of offOk) {
    const reasons = statutoryOff.get(date);
    if (reasons) {
      errors.push({
        field: 'extraDaysOff',
        date,
        message: `${day(date)} vốn đã là ngày nghỉ (${reasons.map((r) => r.name).join('; ')}), không cần ghi là ngày nghỉ thêm.`,
      });
    }
  }
  // Extra days off can move a substitute day, so the working days are checked against them.
  const withOff = holidayCalendar(d.year, { ...base, extraDaysOff: offOk });
  const withOffDays = new Map(withOff.nonWorkingDays.map((n) => [n.date, n.reasons]));
  for (const date of working.filter((x) => !both.has(x))) {
    const reasons = withOffDays.get(date);
    if (!reasons) {
      errors.push({
        field: 'extraWorkingDays',
        date,
        message: `${day(date)} vốn là ngày làm việc, không cần ghi là ngày đi làm.`,
      });
      continue;
    }
    const holiday = reasons.find((r) => r.kind === 'public_holiday');
    if (holiday) {
      warnings.push({
        field: 'extraWorkingDays',
        date,
        message: `${day(date)} là ngày lễ theo Điều 112 Bộ luật Lao động (${holiday.name}); hãy kiểm tra lại văn bản.`,
      });
    }
  }

  if (errors.length === 0) {
    const decided = holidayCalendar(d.year, { ...base, extraDaysOff: off, extraWorkingDays: working });
    const difference = statutory.nonWorkingDays.length - decided.nonWorkingDays.length;
    if (difference !== 0) {
      warnings.push({
        field: 'extraDaysOff',
        message: `Theo lịch này, năm ${d.year} có ${Math.abs(difference)} ngày làm việc ${difference > 0 ? 'nhiều' : 'ít'} hơn lịch tính theo Bộ luật Lao động (thường mỗi ngày nghỉ hoán đổi có một ngày đi làm bù); hãy kiểm tra lại văn bản.`,
      });
    }
  }
  return result();
}

/** The calendar options of a set of decisions (one per year), for `WorkingCalendar`. */
export function calendarOptionsFromDecisions(
  decisions: readonly HolidayDecision[],
  base: Pick<HolidayCalendarOptions, 'restDays'> = {},
): HolidayCalendarOptions {
  const byYear: Record<number, NationalDayAdjacent> = {};
  const references: Record<number, string> = {};
  const extraDaysOff: string[] = [];
  const extraWorkingDays: string[] = [];
  for (const d of decisions) {
    byYear[d.year] = d.nationalDayAdjacent;
    references[d.year] = d.reference;
    extraDaysOff.push(...d.extraDaysOff);
    extraWorkingDays.push(...d.extraWorkingDays);
  }
  return {
    ...base,
    extraDaysOff,
    extraWorkingDays,
    nationalDayAdjacentByYear: byYear,
    decisionReferenceByYear: references,
  };
}

/** One working calendar from every stored decision; years without a decision follow the statute. */
export function workingCalendarFromDecisions(decisions: readonly HolidayDecision[]): WorkingCalendar {
  return new WorkingCalendar(calendarOptionsFromDecisions(decisions));
}
