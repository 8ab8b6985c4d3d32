/**
 * Reads a date cell of a member spreadsheet as the calendar day the user means, or says it
 * cannot: a wrong birth or admission date changes who may vote, so no form is ever read as a
 * different day. Every form seen in exports is handled here, in one place:
 *
 * - text `dd/mm/yyyy` (also `d/m/yyyy`, `-` or `.` between), optionally followed by a time;
 * - text with the year first: `yyyy-mm-dd`, `yyyy/mm/dd`, `yyyy.mm.dd`;
 * - ISO date-times. Without a zone ("1970-01-15 00:00:00") the date part is the day. With a zone
 *   ("1985-03-12T17:00:00.000Z", "…+07:00") the value is an instant, read as its calendar day
 *   in Asia/Ho_Chi_Minh with the historical offsets (UTC+8 in the South until 1975): programs
 *   that save a local midnight as UTC write the day before, and cutting the text would keep it;
 * - Excel date cells (exceljs hands them over at UTC midnight of the day Excel shows) and bare
 *   serial numbers, in the workbook's date system (1900 or 1904), with Excel's phantom
 *   29/02/1900 refused and the days before it corrected.
 */
import type { CellValue } from './parse.js';

export type DateReading = { kind: 'ok'; iso: string } | { kind: 'year' } | { kind: 'invalid' };

export interface DateOptions {
  /** The workbook counts serial days from 1904-01-01 (old Mac Excel) instead of 1899-12-30. */
  date1904?: boolean;
}

const DAY_MS = 86_400_000;
// Excel's day 0: serial numbers count days from 30/12/1899 for every date after 28/02/1900.
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** Serial 60 is 29/02/1900, a day that never was (Excel copied Lotus 1-2-3's leap-year bug). */
const PHANTOM_SERIAL = 60;
const LAST_SERIAL = 2_958_465; // 31/12/9999

const VN_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const ok = (iso: string): DateReading => ({ kind: 'ok', iso });
const INVALID: DateReading = { kind: 'invalid' };

/** y-m-d as ISO if it is a real day of the Gregorian calendar. */
function isoOf(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1000 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    return undefined;
  }
  return dt.toISOString().slice(0, 10);
}

function validTime(h: string, min: string, s: string | undefined): boolean {
  return Number(h) < 24 && Number(min) < 60 && (s === undefined || Number(s) < 60);
}

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const YEAR_FIRST = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function fromText(text: string): DateReading {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) return { kind: 'year' };
  let m = DAY_FIRST.exec(t);
  if (m) {
    if (m[4] !== undefined && !validTime(m[4], m[5]!, m[6])) return INVALID;
    const iso = isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
    return iso ? ok(iso) : INVALID;
  }
  m = YEAR_FIRST.exec(t);
  if (m) {
    const iso = isoOf(Number(m[1]), Number(m[3]), Number(m[4]));
    return iso ? ok(iso) : INVALID;
  }
  m = ISO_DATE_TIME.exec(t);
  if (m) {
    const day = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    if (!day || !validTime(m[4]!, m[5]!, m[6])) return INVALID;
    const zone = m[7];
    if (zone === undefined) return ok(day); // a wall-clock time: its date is the day
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : normalizeOffset(zone);
    if (!offset) return INVALID;
    const instant = new Date(`${day}T${m[4]}:${m[5]}:${m[6] ?? '00'}${offset}`);
    if (Number.isNaN(instant.getTime())) return INVALID;
    return ok(VN_DAY.format(instant));
  }
  return INVALID;
}

/** "+07", "+0700", "+07:00" → "+07:00"; undefined for an offset no place on Earth uses. */
function normalizeOffset(zone: string): string | undefined {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const h = Number(m[2]);
  const min = Number(m[3] ?? '0');
  if (h > 14 || min >= 60) return undefined;
  return `${m[1]}${m[2]}:${m[3] ?? '00'}`;
}

function fromSerial(serial: number, opts: DateOptions): DateReading {
  // A bare year in a date column would otherwise read as a serial day of 1905.
  if (Number.isInteger(serial) && serial >= 1900 && serial <= 2100) return { kind: 'year' };
  return serialDay(Math.floor(serial), opts); // a time of day never moves the date (no zones)
}

function serialDay(day: number, opts: DateOptions): DateReading {
  if (opts.date1904) {
    if (day < 0 || day > LAST_SERIAL - 1462) return INVALID;
    return ok(new Date(EPOCH_1904 + day * DAY_MS).toISOString().slice(0, 10));
  }
  if (day < 1 || day > LAST_SERIAL || day === PHANTOM_SERIAL) return INVALID;
  // Before the phantom day Excel's count is one ahead of the calendar.
  const shift = day < PHANTOM_SERIAL ? 1 : 0;
  return ok(new Date(EPOCH_1900 + (day + shift) * DAY_MS).toISOString().slice(0, 10));
}

/**
 * A date cell as exceljs builds it: UTC midnight (plus the time of day) of `epoch + serial`
 * days. From 01/03/1900 on that is the day Excel shows; before it, the serial tells the day.
 */
function fromDateCell(d: Date, opts: DateOptions): DateReading {
  if (Number.isNaN(d.getTime())) return INVALID;
  const day = Math.floor((d.getTime() - EPOCH_1900) / DAY_MS);
  if (opts.date1904 || day > PHANTOM_SERIAL) return ok(d.toISOString().slice(0, 10));
  return serialDay(day, opts);
}

export function readDate(value: CellValue, opts: DateOptions = {}): DateReading {
  if (value instanceof Date) return fromDateCell(value, opts);
  if (typeof value === 'number') return fromSerial(value, opts);
  return fromText(value);
}
