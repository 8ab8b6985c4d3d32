/**
 * Presentation helpers of the web app. Dates, numbers and percentages come from the shared
 * domain module so the screens, the documents and the exports agree (`21/11/2026`, `5.262`, `19,64%`).
 */
import { formatDong } from '../../../src/domain/dues.js';
import { formatDate, formatNumber, formatPercent, todayIso } from '../../../src/domain/format.js';

export { formatDate, formatDong, formatNumber, formatPercent, todayIso };

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
