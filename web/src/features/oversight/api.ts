/**
 * The committee overview as the web app reads it (ADR 021): one unit's totals for a period, one
 * row per direct subordinate unit (server-paged, sorted and filtered), the 12-month trend and the
 * previous period. The shapes are those of the public contract in docs/decisions/021.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.js';
import { useMe, useUnit } from '../../api/queries.js';
import type { Me } from '../../api/types.js';

export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator / denominator × 100 rounded half-up to 2 decimals; null when the denominator is 0. */
  percent: number | null;
}

export const RATING_KEYS = ['tot', 'kha', 'trung_binh', 'kem'] as const;
export type RatingKey = (typeof RATING_KEYS)[number];

export interface Indicators {
  cells: Ratio;
  members: Ratio;
  regularOnTime: Ratio;
  regularMissed: Ratio;
  regularPending: Ratio;
  regularMonths: Ratio;
  thematicQuarters: Ratio;
  attendance: Ratio;
  membersWithTasks: Ratio;
  tasksCompleted: Ratio;
  ratingCell: Record<RatingKey, Ratio>;
  ratingSupervisor: Record<RatingKey, Ratio>;
  visits: Ratio;
  alertsOpen: { total: number; byKind: Record<string, number> };
  recommendationsOpen: { total: number; upTo30Days: number; upTo90Days: number; over90Days: number };
}

/** The ratio indicators a chart or a sort can pick (keys of the API). */
export const RATIO_KEYS = [
  'regularOnTime',
  'regularMissed',
  'regularPending',
  'regularMonths',
  'thematicQuarters',
  'attendance',
  'membersWithTasks',
  'tasksCompleted',
  'visits',
] as const;
export type RatioKey = (typeof RATIO_KEYS)[number];

export interface OverviewUnit {
  id: number;
  name: string;
  kind: string;
  cellType: string | null;
  cells: number;
}

/** A row's overall rating: the pack band of the average final score of its scored cell-months. */
export interface RowRating {
  band: RatingKey | null;
  averageScore: number | null;
  scoredMonths: number;
}

export interface OverviewRow {
  unit: OverviewUnit;
  indicators: Indicators;
  rating?: RowRating;
}

export interface PeriodInfo {
  from: string;
  to: string;
  months: number;
  /** The last month whose state is read (`to`, or the current month when `to` is later). */
  lastMonth?: string;
  asOf: string;
}

export interface Overview {
  unit: { id: number; name: string; kind: string } & Partial<OverviewUnit>;
  period: PeriodInfo;
  totals: Indicators;
  totalsRating?: RowRating;
  previousPeriod?: PeriodInfo;
  previousTotals?: Indicators;
  items: OverviewRow[];
  total: number;
  limited: boolean;
}

export interface TrendPoint {
  month: string;
  indicators: Omit<Indicators, 'alertsOpen' | 'recommendationsOpen'>;
}

export interface OverviewQuery {
  from: string;
  to: string;
  sort?: string;
  order?: 'asc' | 'desc';
  cellType?: string;
  rating?: RatingKey;
  q?: string;
  limit?: number;
  offset?: number;
  compare?: 'previous';
}

export const overviewKeys = {
  all: ['overview'] as const,
  table: (id: number, q: OverviewQuery) => ['overview', id, q] as const,
  trend: (id: number, from: string, to: string) => ['overview-trend', id, from, to] as const,
};

export function useOverview(id: number, q: OverviewQuery, enabled = true) {
  return useQuery({
    queryKey: overviewKeys.table(id, q),
    enabled: enabled && id > 0,
    queryFn: ({ signal }) => api.get<Overview>(`/api/org-units/${id}/overview`, { ...q }, signal),
    placeholderData: keepPreviousData,
    retry: (n, e) => (e as { status?: number }).status !== 404 && n < 2,
    staleTime: 30_000,
  });
}

export function useTrend(id: number, from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: overviewKeys.trend(id, from, to),
    enabled: enabled && id > 0,
    queryFn: ({ signal }) =>
      api.get<{ items: TrendPoint[] }>(`/api/org-units/${id}/overview/trend`, { from, to }, signal),
    staleTime: 60_000,
  });
}

/** The address of the .xlsx of the whole table with the same filters (no paging). */
export function exportHref(id: number, q: OverviewQuery): string {
  const { limit: _l, offset: _o, compare: _c, ...rest } = q;
  return withQuery(`/api/org-units/${id}/overview.xlsx`, { ...rest });
}

/**
 * Where the "Tổng quan" menu entry leads: the unit of the person's first staff grant; for a cell
 * secretary or a supervisor, the committee directly above their cell (the limited view).
 */
export function useOverviewHome(): number | null {
  const me = useMe().data as Me | undefined;
  const staff = me?.grants.find((g) => g.role === 'admin' || g.role === 'committee_staff');
  const cellGrant = staff
    ? undefined
    : me?.grants.find((g) => g.role === 'cell_secretary' || g.role === 'supervisor');
  const cell = useUnit(cellGrant?.orgUnitId ?? 0, undefined, !!cellGrant);
  if (staff) return staff.orgUnitId;
  // A cell secretary's unit detail lists no ancestors (they are outside the person's scope): its parentId does.
  return cell.data?.parentId ?? null;
}

// ---- months ------------------------------------------------------------------------------

/** `YYYY-MM` of today on the domain clock (UTC+7). */
export function thisMonth(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}`;
}

export function monthSpan(from: string, to: string): number {
  return (
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7)) +
    1
  );
}

export function monthsBetween(from: string, to: string): string[] {
  const n = Math.max(0, monthSpan(from, to));
  return Array.from({ length: n }, (_, i) => addMonths(from, i));
}

export const isMonth = (s: string | null | undefined): s is string =>
  !!s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
