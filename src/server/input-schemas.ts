/**
 * Strict input shapes shared by every route and by the web forms (pure zod, no server imports).
 *
 * Each one refuses what the database would otherwise refuse with a 500, or what it would store
 * silently wrong: ids outside PostgreSQL's `integer`, numbers in notations that `Number()`
 * happens to read (`0x10` is 16, `1e3` is 1000, `" 3"` is 3), days that match YYYY-MM-DD but
 * are not on the calendar (`2026-02-31`), and `"false"` read as true by `z.coerce.boolean()`.
 * See docs/decisions/019-input-and-concurrency.md.
 */
import { z } from 'zod';

/** Largest value of a PostgreSQL `integer` (int4), the type of every id column. */
export const INT4_MAX = 2_147_483_647;
/** Days outside these years are refused: the calendar of working days and holidays ends there. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const DIGITS = /^(0|[1-9]\d*)$/;

/**
 * An integer written in plain decimal digits in a path or a query string, within [min, max].
 * No sign, no spaces, no `0x`, `1e3` or `3.5`: the text must be the number's own spelling.
 */
export function intText(min: number, max: number, what = 'Giá trị') {
  return z
    .string({ error: `${what} phải là một số nguyên` })
    .regex(DIGITS, `${what} phải là số nguyên viết bằng chữ số 0–9 (không dấu, không khoảng trắng)`)
    .refine(
      (s) => !DIGITS.test(s) || (s.length <= String(max).length && Number(s) >= min && Number(s) <= max),
      `${what} phải từ ${min} đến ${max}`,
    )
    .transform(Number);
}

/** The id of a row in a path or query string (`/api/meetings/{id}`). */
export const idText = intText(1, INT4_MAX, 'Mã số');

/** The id of a row in a JSON body. */
export const dbId = z
  .number({ error: 'Mã số phải là một số nguyên' })
  .int('Mã số phải là số nguyên')
  .min(1, 'Mã số phải lớn hơn 0')
  .max(INT4_MAX, `Mã số không được lớn hơn ${INT4_MAX}`);

/** A count or an order kept in an `integer` column, in a JSON body. */
export const int4 = (min = 0, max = INT4_MAX) =>
  z
    .number({ error: 'Giá trị phải là một số' })
    .int('Giá trị phải là số nguyên')
    .min(min, `Giá trị không được nhỏ hơn ${min}`)
    .max(max, `Giá trị không được lớn hơn ${max}`);

/** The day of `YYYY-MM-DD…` exists on the calendar (`2026-02-31`, `2026-02-29` do not). */
function onCalendar(s: string): boolean {
  const d = new Date(`${s.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s.slice(0, 10);
}
const inYears = (s: string) => Number(s.slice(0, 4)) >= MIN_YEAR && Number(s.slice(0, 4)) <= MAX_YEAR;
const YEARS = `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}`;

/**
 * The shape YYYY-MM-DD only. For the one body whose service judges each day itself with a
 * message of its own (the holiday decision: "Ngày 2028-02-30 không có thật."); use `isoDate`.
 */
export const isoDateShape = z
  .string({ error: 'Ngày phải có dạng YYYY-MM-DD.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD.');

/** YYYY-MM-DD of a day that exists, in the years MIN_YEAR to MAX_YEAR. */
export const isoDate = isoDateShape
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || onCalendar(s), 'Ngày không có thật trên lịch')
  .refine((s) => !/^\d{4}/.test(s) || inYears(s), YEARS);

/** YYYY-MM of a month in the years MIN_YEAR to MAX_YEAR. */
export const isoMonth = z
  .string({ error: 'Tháng có dạng YYYY-MM' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Tháng có dạng YYYY-MM (tháng từ 01 đến 12)')
  .refine((s) => !/^\d{4}/.test(s) || inYears(s), YEARS);

/** A date-time with its offset, e.g. 2026-12-10T19:30:00+07:00 (zod checks that the day exists). */
export const isoDateTime = z.iso
  .datetime({ offset: true, message: 'Thời gian phải có dạng 2026-12-10T19:30:00+07:00' })
  .refine((s) => !/^\d{4}/.test(s) || inYears(s), YEARS);

/**
 * A yes/no in a query string: `true`/`false` (or `1`/`0`). `z.coerce.boolean()` would read
 * the text "false" as true.
 */
export const queryBoolean = z
  .enum(['true', 'false', '1', '0'], { error: 'Giá trị phải là true hoặc false' })
  .transform((v) => v === 'true' || v === '1');
