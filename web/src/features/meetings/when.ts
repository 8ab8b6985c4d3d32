/**
 * Meeting times as Vietnamese readers expect them: `10/12/2026`, `19:30` or `19 giờ 30`,
 * `Thứ Năm`, always on the domain's clock (Asia/Ho_Chi_Minh, UTC+7, no DST) whatever the
 * device's zone. The API sends `2026-12-10T19:30:00+07:00`; writes send the same form.
 */
import { formatDate } from '../../lib/format.js';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** `YYYY-MM-DDTHH:mm` of an instant on the +07:00 clock. */
function local(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 16);
}

/** `2026-12-10` (ISO day on the +07:00 clock). */
export const localDay = (iso: string): string => local(iso).slice(0, 10);
/** `19:30`. */
export const clock = (iso: string): string => local(iso).slice(11, 16);
/** `10/12/2026`. */
export const day = (iso: string): string => formatDate(localDay(iso));
/** `19 giờ 30` (as invitations and minutes write it). */
export function clockWords(iso: string): string {
  const t = clock(iso);
  return t ? `${t.slice(0, 2)} giờ ${t.slice(3, 5)}` : '';
}
/** `Thứ Năm`. */
export function weekday(iso: string): string {
  const d = localDay(iso);
  return d ? WEEKDAYS[new Date(`${d}T00:00:00Z`).getUTCDay()]! : '';
}
/** `19 giờ 30, Thứ Năm 10/12/2026`. */
export function whenLong(iso: string): string {
  return `${clockWords(iso)}, ${weekday(iso)} ${day(iso)}`;
}
/** `10/12/2026 19:30`. */
export function whenShort(iso: string | null | undefined): string {
  return iso ? `${day(iso)} ${clock(iso)}` : '';
}
/** A date (`YYYY-MM-DD`) and a time (`HH:mm`) on the +07:00 clock, as the API takes it. */
export function toApiDateTime(date: string, time: string): string {
  return `${date}T${time}:00+07:00`;
}
/** Minutes as `1 giờ 45 phút` / `45 phút`. */
export function duration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} phút`;
  return m === 0 ? `${h} giờ` : `${h} giờ ${m} phút`;
}
/** The current instant's date and time on the +07:00 clock, rounded up to the next quarter hour. */
export function nextQuarterHour(now = new Date()): { date: string; time: string } {
  const q = 15 * 60_000;
  const t = new Date(Math.ceil(now.getTime() / q) * q).toISOString();
  const l = local(t);
  return { date: l.slice(0, 10), time: l.slice(11, 16) };
}
