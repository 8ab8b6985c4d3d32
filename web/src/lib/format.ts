/**
 * Presentation helpers of the web app. Dates, numbers and percentages come from the shared
 * domain module so the screens, the documents and the exports agree (`21/11/2026`, `5.262`, `19,64%`).
 */
import { formatDong as formatDong_ } from '../../../src/domain/dues.js';
import { formatDate, formatNumber, formatPercent, todayIso } from '../../../src/domain/format.js';

export { formatDate, formatNumber, formatPercent, todayIso };

/** On screen an amount never breaks before its "đ": `5.000 đ` with a no-break space. */
export function formatDong(n: number): string {
  return noBreakDong(formatDong_(n));
}

/** The same for amounts inside a sentence the server wrote ("Đã thu 35/36 đảng viên, 1.017.000 đ/…"). */
export function noBreakDong(text: string): string {
  return text.replace(/(\d) đ/g, '$1\u00a0đ');
}

/** An instant as `dd/mm/yyyy HH:mm` in the domain's time zone (Asia/Ho_Chi_Minh, UTC+7, no DST). */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '';
  const shifted = new Date(d.getTime() + 7 * 3600 * 1000).toISOString();
  return `${formatDate(shifted.slice(0, 10))} ${shifted.slice(11, 16)}`;
}

/** `1.234` with the Vietnamese thousands separator; a dash for missing numbers. */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : formatNumber(n);
}
