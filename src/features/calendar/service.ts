/**
 * The holiday calendar as stored: each year's official decision (table `holiday_decisions`) and the
 * one `WorkingCalendar` built from all of them, which every working-day computation must use
 * (`loadWorkingCalendar`). Rules live in src/domain/calendar; this file reads, writes and presents.
 */

import type { Executor } from '../../db/executor.js';
import {
  type DayOff,
  type DecidedWorkingDay,
  daysOffOfYear,
  decidedWorkingDays,
  type HolidayPeriod,
  holidayPeriods,
} from '../../domain/calendar/days-off.js';
import {
  checkHolidayDecision,
  type DecisionIssue,
  type HolidayDecision,
  workingCalendarFromDecisions,
} from '../../domain/calendar/decisions.js';
import type { NationalDayAdjacent } from '../../domain/calendar/holidays.js';
import type { WorkingCalendar } from '../../domain/calendar/working-days.js';
import type { Actor } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import type { HolidayDecisionBody } from './schema.js';

export { dayOffName, isDayOff } from '../../domain/calendar/days-off.js';

export interface HolidayDecisionRecord extends HolidayDecision {
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: { id: number; displayName: string } | null;
}

interface Row {
  year: number;
  reference: string;
  extra_days_off: string[];
  extra_working_days: string[];
  national_day_adjacent: NationalDayAdjacent;
  note: string | null;
  created_at: Date;
  updated_at: Date;
  updated_by: number | null;
  updated_by_name: string | null;
}

// `date[]` is read as `text[]`: the drivers parse a date array into JS Dates (a day has no time zone).
const COLS = `d.year, d.reference, d.extra_days_off::text[] AS extra_days_off,
  d.extra_working_days::text[] AS extra_working_days, d.national_day_adjacent, d.note, d.created_at,
  d.updated_at, d.updated_by, u.display_name AS updated_by_name`;
const FROM = 'holiday_decisions d LEFT JOIN users u ON u.id = d.updated_by';

function toRecord(r: Row): HolidayDecisionRecord {
  return {
    year: r.year,
    reference: r.reference,
    extraDaysOff: [...r.extra_days_off].sort(),
    extraWorkingDays: [...r.extra_working_days].sort(),
    nationalDayAdjacent: r.national_day_adjacent,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by == null ? null : { id: r.updated_by, displayName: r.updated_by_name ?? '' },
  };
}

/** Every stored decision, newest year first. */
export async function listHolidayDecisions(ex: Executor): Promise<HolidayDecisionRecord[]> {
  const rows = await ex.query<Row>(`SELECT ${COLS} FROM ${FROM} ORDER BY d.year DESC`);
  return rows.map(toRecord);
}

export async function findHolidayDecision(ex: Executor, year: number): Promise<HolidayDecisionRecord | null> {
  const [row] = await ex.query<Row>(`SELECT ${COLS} FROM ${FROM} WHERE d.year = $1`, [year]);
  return row ? toRecord(row) : null;
}

// ---- the working calendar ------------------------------------------------------------------------

/** How many distinct calendars (sets of decisions) a process keeps; normally one is in use. */
const CALENDARS_CACHED = 4;
const calendars = new Map<string, WorkingCalendar>();

/**
 * The working calendar of the stored decisions: the statutory holidays (Bộ luật Lao động 2019, Điều
 * 111–112, lunar Tết and Giỗ Tổ), with each decided year's extra days off, extra working days and
 * Quốc khánh choice. Use it for EVERY working-day computation (`addWorkingDays(date, n, cal)`,
 * `isWorkingDay`, `workingDaysBetween`, `isDayOff`), inside or outside a transaction (`ex`).
 *
 * Cheap per request: one small query over the decisions (a few rows), then an in-process cache keyed by
 * their content returns the same `WorkingCalendar`, which itself caches each year's days — so lunar
 * calendars are computed once per process, not per request. Keyed by content rather than by a version
 * stamp, a calendar can never be stale: a decision saved by another process (or in another database,
 * in tests) is a different key. Writes also drop the cache (`forgetWorkingCalendars`) to free it.
 */
export async function loadWorkingCalendar(ex: Executor): Promise<WorkingCalendar> {
  const rows = await ex.query<
    Pick<Row, 'year' | 'reference' | 'extra_days_off' | 'extra_working_days' | 'national_day_adjacent'>
  >(
    `SELECT year, reference, extra_days_off::text[] AS extra_days_off,
            extra_working_days::text[] AS extra_working_days, national_day_adjacent
       FROM holiday_decisions ORDER BY year`,
  );
  const decisions: HolidayDecision[] = rows.map((r) => ({
    year: r.year,
    reference: r.reference,
    extraDaysOff: [...r.extra_days_off].sort(),
    extraWorkingDays: [...r.extra_working_days].sort(),
    nationalDayAdjacent: r.national_day_adjacent,
  }));
  const key = JSON.stringify(decisions);
  const cached = calendars.get(key);
  if (cached) {
    calendars.delete(key);
    calendars.set(key, cached);
    return cached;
  }
  const cal = workingCalendarFromDecisions(decisions);
  calendars.set(key, cal);
  if (calendars.size > CALENDARS_CACHED) {
    const oldest = calendars.keys().next().value;
    if (oldest !== undefined) calendars.delete(oldest);
  }
  return cal;
}

/** Drops the cached calendars (after a write; correctness does not depend on it, see above). */
export function forgetWorkingCalendars(): void {
  calendars.clear();
}

// ---- presentation --------------------------------------------------------------------------------

export interface YearCalendarView {
  year: number;
  /** Runs of non-working days around the holidays, weekends inside included. */
  periods: HolidayPeriod[];
  /** Holidays, nghỉ bù and decided days off (not plain weekends). */
  daysOff: DayOff[];
  /** Days the decision made working days, with what they would otherwise have been. */
  workingDays: DecidedWorkingDay[];
}

export function yearCalendarView(cal: WorkingCalendar, year: number): YearCalendarView {
  return {
    year,
    periods: holidayPeriods(cal, year),
    daysOff: daysOffOfYear(cal, year),
    workingDays: decidedWorkingDays(cal, year),
  };
}

/** A stored decision with its effective calendar and the checks' warnings (worth a second look). */
export function decisionView(cal: WorkingCalendar, d: HolidayDecisionRecord) {
  const { warnings } = checkHolidayDecision(d);
  return { ...d, warnings, calendar: yearCalendarView(cal, d.year) };
}

// ---- commands ------------------------------------------------------------------------------------

function auditShape(d: HolidayDecisionRecord | null) {
  if (!d) return null;
  return {
    reference: d.reference,
    extraDaysOff: d.extraDaysOff,
    extraWorkingDays: d.extraWorkingDays,
    nationalDayAdjacent: d.nationalDayAdjacent,
    note: d.note,
  };
}

/**
 * Creates or replaces the decision of `year` (checked by `checkHolidayDecision`: refused with 400 and
 * the Vietnamese problems, nothing written), with its audit row in the same transaction.
 */
export async function saveHolidayDecision(
  ex: Executor,
  actor: Actor,
  year: number,
  body: HolidayDecisionBody,
  ip?: string,
): Promise<{ decision: HolidayDecisionRecord; created: boolean; warnings: DecisionIssue[] }> {
  const check = checkHolidayDecision({ year, ...body });
  if (check.errors.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Chưa lưu được lịch nghỉ năm ${year}: ${check.errors.map((e) => e.message).join(' ')}`,
      { issues: check.errors },
    );
  }
  const note = body.note?.trim() ? body.note.trim() : null;
  const result = await ex.transaction(async (tx) => {
    await tx.query('SELECT year FROM holiday_decisions WHERE year = $1 FOR UPDATE', [year]);
    const before = await findHolidayDecision(tx, year);
    await tx.query(
      `INSERT INTO holiday_decisions
         (year, reference, extra_days_off, extra_working_days, national_day_adjacent, note, created_by, updated_by)
       VALUES ($1, $2, $3::date[], $4::date[], $5, $6, $7, $7)
       ON CONFLICT (year) DO UPDATE SET
         reference = EXCLUDED.reference, extra_days_off = EXCLUDED.extra_days_off,
         extra_working_days = EXCLUDED.extra_working_days, national_day_adjacent = EXCLUDED.national_day_adjacent,
         note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = clock_timestamp()`,
      [
        year,
        body.reference.trim(),
        check.extraDaysOff,
        check.extraWorkingDays,
        body.nationalDayAdjacent,
        note,
        actor.userId,
      ],
    );
    const decision = (await findHolidayDecision(tx, year))!;
    await audit(
      tx,
      actor,
      {
        action: 'holiday_decision.save',
        entityType: 'holiday_decision',
        entityId: year,
        before: auditShape(before),
        after: auditShape(decision),
      },
      ip,
    );
    return { decision, created: before === null, warnings: check.warnings };
  });
  forgetWorkingCalendars();
  return result;
}

/** Removes the decision of `year` (the year then follows the statute), with its audit row. */
export async function deleteHolidayDecision(
  ex: Executor,
  actor: Actor,
  year: number,
  ip?: string,
): Promise<void> {
  await ex.transaction(async (tx) => {
    await tx.query('SELECT year FROM holiday_decisions WHERE year = $1 FOR UPDATE', [year]);
    const before = await findHolidayDecision(tx, year);
    if (!before) throw new AppError('NOT_FOUND', `Chưa có quyết định nghỉ lễ, Tết của năm ${year}.`);
    await tx.query('DELETE FROM holiday_decisions WHERE year = $1', [year]);
    await audit(
      tx,
      actor,
      {
        action: 'holiday_decision.delete',
        entityType: 'holiday_decision',
        entityId: year,
        before: auditShape(before),
      },
      ip,
    );
  });
  forgetWorkingCalendars();
}
