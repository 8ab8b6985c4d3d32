/** Wall-clock times of the domain (Asia/Ho_Chi_Minh, UTC+7 all year). */
const OFFSET = '+07:00';

/** `2026-11-10` + `19:30` → the instant, as a Date. */
export function localDateTime(date: string, time: string): Date {
  return new Date(`${date}T${time}:00${OFFSET}`);
}

/** The local calendar month `YYYY-MM` of an instant. */
export function localMonth(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 7);
}

/** ISO with the +07:00 offset, as the API shows date-times. */
export function isoLocal(d: Date | string | null | undefined): string | null {
  if (!d) return null;
  const t = new Date(d);
  const shifted = new Date(t.getTime() + 7 * 3600_000).toISOString().slice(0, 19);
  return `${shifted}${OFFSET}`;
}

/** "19:30 ngày 10/11/2026", as the domain's wall clock shows an instant. */
export function formatClockDate(d: Date | string): string {
  const iso = isoLocal(d)!;
  return `${iso.slice(11, 16)} ngày ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Months `YYYY-MM` starting at `from` (inclusive), `count` of them. */
export function monthsFrom(from: string, count: number): string[] {
  const [y, m] = from.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const total = y * 12 + (m - 1) + i;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

export function quarterOf(month: string): number {
  return Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1;
}

/** Minutes between two instants, rounded down. */
export function minutesBetween(a: Date | string, b: Date | string): number {
  return Math.floor((new Date(b).getTime() - new Date(a).getTime()) / 60_000);
}
