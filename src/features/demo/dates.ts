/** ISO `YYYY-MM-DD` date arithmetic for the demo, computed in UTC days (no clock, no time zone). */

const DAY_MS = 86_400_000;

export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / DAY_MS;
}

export function isoFromDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, n: number): string {
  return isoFromDay(dayNumber(iso) + n);
}

/** Calendar months; the day is clamped to the month's end (31/1 + 1 month = 28 or 29/2). */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y! * 12 + (m! - 1) + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d!, last)).padStart(2, '0')}`;
}

export function addYears(iso: string, n: number): string {
  return addMonths(iso, 12 * n);
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** Whole years between two ISO dates. */
export function ageAt(birth: string, on: string): number {
  const years = yearOf(on) - yearOf(birth);
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

export function firstOfNextMonth(iso: string): string {
  return `${addMonths(iso, 1).slice(0, 8)}01`;
}
