/**
 * Indicators of the committee overview (ADR 021): every figure is a ratio a reader can check with
 * a calculator — `numerator / denominator`, and the percentage of that ratio alone, rounded half-up
 * to two decimals (`percentHalfUp`), `null` when there is nothing to divide by. Never adjusted so
 * that a set of percentages sums to 100.
 *
 * Also the months of a period (`YYYY-MM` arithmetic) and the sort key of a unit's name.
 */
import { percentHalfUp } from './format.js';
import { vietnameseNameSortKey } from './vietnamese.js';

export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator / denominator × 100, half-up to 2 decimals; null when the denominator is 0. */
  percent: number | null;
}

/** The ratio of two counts (non-negative integers). */
export function ratio(numerator: number, denominator: number): Ratio {
  return {
    numerator,
    denominator,
    percent: denominator === 0 ? null : percentHalfUp(numerator, denominator),
  };
}

/**
 * The visits a period requires: the pack's minimum per year for each cell-month (a cell over
 * a year needs `minPerYear`, over a month a twelfth of it), rounded up to whole visits.
 */
export function requiredVisits(minPerYear: number, cellMonths: number): number {
  // Integer arithmetic: ceil(a × b / 12) without a floating point product.
  return Math.floor((minPerYear * cellMonths + 11) / 12);
}

/** A band key of the pack for an average score: the first band (highest minimum first) reached. */
export function bandOf(score: number, bands: readonly { key: string; min: number }[]): string | null {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return sorted.find((b) => score >= b.min)?.key ?? null;
}

// ---- months ---------------------------------------------------------------------------------

/** `YYYY-MM` → months since year 0 (January of year 0 is 0). */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** Months since year 0 → `YYYY-MM`. */
export function monthOf(index: number): string {
  const y = Math.floor(index / 12);
  return `${String(y).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month `n` months after `month` (negative: before). */
export function addMonths(month: string, n: number): string {
  return monthOf(monthIndex(month) + n);
}

/** Months from `from` to `to`, both included (0 when `to` is before `from`). */
export function monthsBetween(from: string, to: string): number {
  return Math.max(0, monthIndex(to) - monthIndex(from) + 1);
}

/** Whether a month is the last of its quarter (March, June, September, December). */
export function isQuarterEnd(month: string): boolean {
  return Number(month.slice(5, 7)) % 3 === 0;
}

// ---- unit names -----------------------------------------------------------------------------

/**
 * A key whose plain string order is the Vietnamese order of unit names: word by word in the order
 * written ("Chi bộ Khu phố 3" is not a person's name, so no given-name-first), each word by the
 * Vietnamese alphabet and then its tones (the member-name rules of vietnamese.ts, one word at a
 * time), and numbers by value, so "Khu phố 2" comes before "Khu phố 10".
 */
export function unitNameSortKey(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) =>
      /^\d+$/.test(w) ? `0${w.replace(/^0+(?=\d)/, '').padStart(12, '0')}` : vietnameseNameSortKey(w),
    )
    .join(' ');
}

export function compareUnitNames(a: string, b: string): number {
  const ka = unitNameSortKey(a);
  const kb = unitNameSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
