/**
 * The dated rules of a member's status, as pure functions of the rule pack's `membership`
 * section, so the status-change command, the member form and the import judge the same way.
 *
 * - Probation (dự bị) lasts `probationMonths` from admission; official recognition is recorded
 *   on or after its end, earlier only when the pack allows it (`earlyRecognition`).
 * - A temporary transfer (sinh hoạt tạm thời) runs from `temporaryTransferMinMonths` to under
 *   `temporaryTransferMaxMonths` (DOMAIN.md §3: 3 months to under 1 year).
 */
import { formatDate } from '../../domain/format.js';
import type { RulePack } from '../../rules/types.js';

type Membership = RulePack['membership'];

/**
 * `iso` plus whole calendar months; a day the target month lacks becomes its last day
 * (29/02/2024 + 12 months = 28/02/2025), so a period never spills into the month after.
 */
export function addCalendarMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const d = Number(iso.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(Math.min(d, last))}`;
}

/** The first day a probationary member may be recognised as official. */
export function probationEnd(admission: string, membership: Pick<Membership, 'probationMonths'>): string {
  return addCalendarMonths(admission, membership.probationMonths);
}

export type RecognitionCheck =
  | { kind: 'ok'; probationEnds: string }
  /** Before the end of probation, and the pack allows it: recorded, but worth a second look. */
  | { kind: 'early_allowed'; probationEnds: string; message: string }
  | { kind: 'refused'; probationEnds: string; message: string };

/** Whether an official date is allowed for a member admitted on `admission`. */
export function checkRecognition(
  admission: string,
  official: string,
  membership: Pick<Membership, 'probationMonths' | 'earlyRecognition'>,
): RecognitionCheck {
  const probationEnds = probationEnd(admission, membership);
  if (official >= probationEnds) return { kind: 'ok', probationEnds };
  const fact =
    `Đảng viên vào Đảng ngày ${formatDate(admission)}, đến ngày ${formatDate(probationEnds)} mới đủ ` +
    `${membership.probationMonths} tháng dự bị`;
  if (membership.earlyRecognition.allowed) {
    return {
      kind: 'early_allowed',
      probationEnds,
      message: `${fact}; ngày chính thức ${formatDate(official)} là trước thời hạn, hãy kiểm tra lại.`,
    };
  }
  return {
    kind: 'refused',
    probationEnds,
    message:
      `${fact}; chưa thể công nhận chính thức từ ngày ${formatDate(official)}. ` +
      `${membership.earlyRecognition.citation.replace(/\.?$/, '.')}`,
  };
}

export type TemporaryTransferCheck =
  | { kind: 'ok' }
  | { kind: 'too_short' | 'too_long'; message: string; limit: string };

/** "3 tháng", "1 năm", "18 tháng". */
function months(n: number): string {
  return n % 12 === 0 ? `${n / 12} năm` : `${n} tháng`;
}

/** A temporary transfer from `from` to `until` (the day it ends) against the pack's limits. */
export function checkTemporaryTransfer(
  from: string,
  until: string,
  membership: Pick<Membership, 'temporaryTransferMinMonths' | 'temporaryTransferMaxMonths'>,
): TemporaryTransferCheck {
  const min = membership.temporaryTransferMinMonths;
  const max = membership.temporaryTransferMaxMonths;
  const span = `từ ngày ${formatDate(from)} đến ngày ${formatDate(until)}`;
  const rule = `theo quy định, sinh hoạt tạm thời từ ${months(min)} đến dưới ${months(max)}`;
  const earliest = addCalendarMonths(from, min);
  if (until < earliest) {
    return {
      kind: 'too_short',
      limit: earliest,
      message: `Sinh hoạt tạm thời ${span} ngắn hơn ${months(min)} (${rule}); ngày kết thúc sớm nhất là ${formatDate(earliest)}.`,
    };
  }
  const tooLate = addCalendarMonths(from, max);
  if (until >= tooLate) {
    return {
      kind: 'too_long',
      limit: tooLate,
      message: `Sinh hoạt tạm thời ${span} kéo dài từ ${months(max)} trở lên (${rule}); ngày kết thúc phải trước ngày ${formatDate(tooLate)}.`,
    };
  }
  return { kind: 'ok' };
}
