/**
 * Dues (đảng phí, QĐ 01-QĐ/TW 2026; ADR 024): the monthly amount a member owes from their
 * category and base, as integers of đồng. Pure.
 */
import type { DuesRules } from '../rules/year-types.js';

/** Month arithmetic on 'YYYY-MM'. */
export function addMonthsToMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** The first and the last day of a 'YYYY-MM' month. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { first: `${month}-01`, last };
}

/** `n / unit` rounded half-up to an integer, exact for any safe integers (BigInt). */
function divHalfUp(n: bigint, unit: bigint): bigint {
  return (2n * n + unit) / (2n * unit);
}

/**
 * The amount due for a month: a `percent` category is `rateBasisPoints` / 10 000 of the base,
 * rounded half-up to a multiple of `roundTo`; a `fixed` category is its amount. An unknown
 * category (a pack that dropped it) is charged as the pack's default category; a percent
 * category without a base owes 0 (the base is required when it is recorded).
 */
export function duesFor(
  categoryKey: string,
  baseAmount: number | null | undefined,
  rules: DuesRules,
): number {
  const category =
    rules.categories.find((c) => c.key === categoryKey) ??
    rules.categories.find((c) => c.key === rules.defaultCategory) ??
    rules.categories[0]!;
  if (category.basis === 'fixed') return category.amount ?? 0;
  if (baseAmount == null || baseAmount <= 0) return 0;
  const raw = BigInt(Math.trunc(baseAmount)) * BigInt(category.rateBasisPoints ?? 0);
  const unit = 10_000n * BigInt(rules.roundTo);
  return Number(divHalfUp(raw, unit) * BigInt(rules.roundTo));
}

/** Whether the category is charged on a base (so the base must be given). */
export function categoryNeedsBase(categoryKey: string, rules: DuesRules): boolean {
  return rules.categories.find((c) => c.key === categoryKey)?.basis === 'percent';
}

/** "Đã thu 28/30 đảng viên, 1.250.000 đ/1.310.000 đ; còn 2 đảng viên chưa nộp". */
export function duesMeetingSentence(s: {
  members: number;
  paidMembers: number;
  due: number;
  paid: number;
  unpaidMembers: number;
}): string {
  const head = `Đã thu ${formatDongNumber(s.paidMembers)}/${formatDongNumber(s.members)} đảng viên, ${formatDong(s.paid)}/${formatDong(s.due)}`;
  return s.unpaidMembers > 0
    ? `${head}; còn ${formatDongNumber(s.unpaidMembers)} đảng viên chưa nộp`
    : `${head}; tất cả đảng viên đã nộp đủ`;
}

function formatDongNumber(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** An amount of đồng as shown to people: 5000 → "5.000 đ", 1250000 → "1.250.000 đ". */
export function formatDong(n: number): string {
  return `${formatDongNumber(n)} đ`;
}
