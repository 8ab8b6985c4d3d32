/**
 * Vietnamese presentation of numbers and dates: `5.262`, `19,64%`, `21/11/2026`.
 * Used by the web app and the document renderers; the API itself speaks ISO 8601.
 */

export function formatNumber(n: number, fractionDigits = 0): string {
  const fixed = Math.abs(n).toFixed(fractionDigits);
  const [int, frac] = fixed.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return frac ? `${sign}${grouped},${frac}` : `${sign}${grouped}`;
}

/**
 * `part / whole × 100`, rounded half-up to `fractionDigits` decimals on its own (so each ratio of a
 * report can be checked by hand): 11/56 → 19.64, 3929/20000 → 19.65 (not 19.64 as binary floating
 * point would round 19.645). Counts are integers, so the scaled quotient is exact at a half.
 */
export function percentHalfUp(part: number, whole: number, fractionDigits = 2): number {
  const scale = 10 ** fractionDigits;
  const scaled = (part * 100 * scale) / whole;
  return (Math.sign(scaled) * Math.floor(Math.abs(scaled) + 0.5 + 1e-9)) / scale;
}

/** `part / whole` as a Vietnamese percentage with two decimals, rounded half-up: 11/56 → "19,64%". */
export function formatPercent(part: number, whole: number, fractionDigits = 2): string {
  if (whole === 0) return '—';
  return `${formatNumber(percentHalfUp(part, whole, fractionDigits), fractionDigits)}%`;
}

/** ISO `YYYY-MM-DD` (or a Date) → `dd/mm/yyyy`. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const iso = typeof value === 'string' ? value.slice(0, 10) : toIsoDate(value);
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Calendar day of an instant in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function toIsoDate(d: Date): string {
  const shifted = new Date(d.getTime() + 7 * 3600 * 1000);
  return shifted.toISOString().slice(0, 10);
}

export function todayIso(now: Date = new Date()): string {
  return toIsoDate(now);
}

/** Parses `dd/mm/yyyy` (or `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`) or ISO; undefined if not a real date. */
export function parseVietnameseDate(s: string): string | undefined {
  const t = s.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (match) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  } else {
    match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    if (!match) return undefined;
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  }
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return dt.toISOString().slice(0, 10);
}
