/**
 * Values of the audit log written the Vietnamese way: `21/11/2026`, `19:30 10/11/2026`,
 * `1.234`, `85,5`, Có/Không. Pure; the API elsewhere speaks ISO 8601.
 */
import { formatDate, formatNumber } from '../../domain/format.js';

export const NONE = '—';
export const MASKED = '(đã ẩn)';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** An instant as `HH:mm dd/mm/yyyy` in Asia/Ho_Chi_Minh (UTC+7 all year). */
export function formatDateTimeVi(value: string | Date): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const s = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${s.slice(11, 16)} ${formatDate(s.slice(0, 10))}`;
}

/** `12` → `12`, `85.5` → `85,5`, `1234` → `1.234`. */
export function formatAmount(n: number): string {
  if (Number.isInteger(n)) return formatNumber(n);
  const digits = Math.round(n * 100) % 10 === 0 ? 1 : 2;
  return formatNumber(n, digits);
}

export function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** A scalar as a reader would write it; dates and date-times recognised by their ISO shape. */
export function formatScalar(v: unknown, enumLabels?: Record<string, string>): string {
  if (isEmpty(v)) return NONE;
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (typeof v === 'number') return formatAmount(v);
  if (typeof v === 'string') {
    if (enumLabels && v in enumLabels) return enumLabels[v]!;
    if (ISO_DATE.test(v)) return formatDate(v);
    if (ISO_DATE_TIME.test(v)) return formatDateTimeVi(v);
    return v;
  }
  if (v instanceof Date) return formatDateTimeVi(v);
  return JSON.stringify(v);
}

/** First letter in lower case, for a label used inside a sentence ("Số CCCD" → "số CCCD"). */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

/** A long text cut at a word for a sentence; the changes table keeps it whole. */
export function excerpt(s: string, max = 80): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const at = cut.lastIndexOf(' ');
  return `${(at > max / 2 ? cut.slice(0, at) : cut).trimEnd()}…`;
}

/** "A", "A và B", "A, B và C". */
export function joinVi(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} và ${parts[parts.length - 1]}`;
}
