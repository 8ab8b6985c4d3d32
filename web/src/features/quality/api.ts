/**
 * Meeting quality as the web app reads it: the two-column score of a meeting, the month × cell
 * status rows, open alerts, supervision (visits, recommendations) and the rule packs. Types come
 * from the server where it exports them (type-only imports: nothing of the server is bundled).
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { MeetingScore } from '../../../../src/domain/scoring/score.js';
import type { meetingScoreView } from '../../../../src/features/scoring/service.js';
import type { RulePack } from '../../../../src/rules/types.js';
import { api } from '../../api/client.js';
import type { Me } from '../../api/types.js';

export type ScoreView = Awaited<ReturnType<typeof meetingScoreView>>;
export type Scorer = 'cell' | 'supervisor';
export type ScoreColumn = NonNullable<ScoreView['columns']['cell']>;
export type { MeetingScore, RulePack };

export interface MonthStatus {
  unitId: number;
  unitName: string;
  month: string;
  regularHeld: boolean;
  regularOnTime: boolean;
  thematicInQuarter: boolean;
  meetingId: number | null;
  lengthMinutes: number | null;
  minMinutes: number | null;
  attendancePercent: number | null;
  cellScore: number | null;
  supervisorScore: number | null;
  rating: string | null;
  documentsOnTime: boolean | null;
  minutesOnTime: boolean | null;
  /** The day the month's regular meeting is due (its planned day or the cell's, plus grace days). */
  dueDate: string | null;
  regularPlanned: boolean;
  /** Held; not held and not yet due (pending); not held after its due date (missed). */
  state: 'held' | 'pending' | 'missed';
}

/** Counts of cell-months by band (the cells' own scores or the supervisors'). */
export interface BandCounts {
  scored: number;
  tot: number;
  kha: number;
  trungBinh: number;
  kem: number;
}

/** A direct child × month of `scope=children`: the sum of the cells of the child's subtree. */
export interface ChildMonthStatus {
  unitId: number;
  unitName: string;
  unitKind: string;
  month: string;
  cells: number;
  members: number;
  monthsDue: number;
  monthsHeld: number;
  monthsOnTime: number;
  monthsMissed: number;
  monthsPending: number;
  heldPercent: number | null;
  onTimePercent: number | null;
  thematicHeld: number;
  attendancePercent: number | null;
  cellRatings: BandCounts;
  supervisorRatings: BandCounts;
}

/** One page of `GET /api/org-units/{id}/month-status` (paged by unit). */
export type MonthStatusPage = {
  today: string;
  total: number;
  nextCursor: string | null;
  units: { unitId: number; unitName: string; unitKind: string }[];
} & ({ scope: 'cells'; items: MonthStatus[] } | { scope: 'children'; items: ChildMonthStatus[] });

export type Severity = 'critical' | 'warning' | 'info';

export interface QualityAlert {
  id: number;
  unitId: number;
  unitName: string;
  kind: string;
  kindLabel: string;
  severity: Severity;
  title: string;
  detail: string | null;
  link: string | null;
  memberId: number | null;
  /** Whether the caller may close it with a note (bí thư, office). */
  canDismiss?: boolean;
  meetingId: number | null;
  dueDate: string | null;
  openedAt: string;
}

export interface SupervisionRow {
  unitId: number;
  unitName: string;
  supervisors: { userId: number; name: string }[];
  visits: number;
  belowMinimum: boolean;
  openRecommendations: number;
  oldestOpenDays: number | null;
}

export interface Supervision {
  year: number;
  minVisitsPerYear: number;
  items: SupervisionRow[];
}

export interface Visit {
  id: number;
  visitedOn: string;
  comments: string | null;
  meetingId: number | null;
  supervisor: string;
}

export interface Recommendation {
  id: number;
  unitId: number;
  unitName: string;
  raisedOn: string;
  raisedBy: string | null;
  ageDays: number;
  content: string;
  answer: string | null;
  answeredAt: string | null;
  closed: boolean;
}

export interface PackSummary {
  id: string;
  version: string;
  name: string;
  effectiveFrom: string;
  source: 'built-in' | 'loaded';
  /** null: national (built-in or loaded by administrators); else the committee that owns it. */
  ownerUnitId?: number | null;
  ownerUnitName?: string | null;
  permissions?: { canLoadVersion: boolean };
  bands: { key: string; label: string; min: number }[];
  topBandRequiresFull: string[];
  pack: RulePack;
}

export interface OversightRun {
  statusRows: number;
  opened: number;
  resolved: number;
  open: number;
}

export const qualityKeys = {
  score: (meetingId: number) => ['meeting-score', meetingId] as const,
  monthStatus: (unitId: number, from: string, to: string) => ['month-status', unitId, from, to] as const,
  alerts: (unitId: number) => ['alerts', unitId] as const,
  supervision: (unitId: number, year: number) => ['supervision', unitId, year] as const,
  visits: (unitId: number) => ['visits', unitId] as const,
  recommendations: (unitId: number) => ['recommendations', unitId] as const,
  packs: ['rule-packs'] as const,
};

export function useScore(meetingId: number, enabled = true) {
  return useQuery({
    queryKey: qualityKeys.score(meetingId),
    queryFn: ({ signal }) => api.get<ScoreView>(`/api/meetings/${meetingId}/score`, undefined, signal),
    enabled: enabled && meetingId > 0,
  });
}

export function useMonthStatus(unitId: number, from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: qualityKeys.monthStatus(unitId, from, to),
    queryFn: ({ signal }) =>
      api.get<{ items: MonthStatus[] }>(`/api/org-units/${unitId}/month-status`, { from, to }, signal),
    enabled: enabled && unitId > 0,
    staleTime: 30_000,
  });
}

export const MONTH_STATUS_PAGE = 50;

/** The month status of a unit, page by page ("Xem thêm" appends the next units). */
export function useMonthStatusPages(unitId: number, from: string, to: string) {
  const q = useInfiniteQuery({
    queryKey: [...qualityKeys.monthStatus(unitId, from, to), 'pages'],
    queryFn: ({ pageParam, signal }) =>
      api.get<MonthStatusPage>(
        `/api/org-units/${unitId}/month-status`,
        { from, to, limit: MONTH_STATUS_PAGE, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled: unitId > 0,
    staleTime: 30_000,
  });
  const pages = q.data?.pages ?? [];
  const first = pages[0];
  return {
    ...q,
    scope: first?.scope ?? null,
    total: first?.total ?? 0,
    units: pages.flatMap((p) => p.units),
    cellRows: pages.flatMap((p) => (p.scope === 'cells' ? p.items : [])),
    childRows: pages.flatMap((p) => (p.scope === 'children' ? p.items : [])),
  };
}

export function useAlerts(unitId: number, enabled = true) {
  return useQuery({
    queryKey: qualityKeys.alerts(unitId),
    queryFn: ({ signal }) =>
      api.get<{ items: QualityAlert[] }>(`/api/org-units/${unitId}/alerts`, undefined, signal),
    enabled: enabled && unitId > 0,
    staleTime: 30_000,
  });
}

export function useSupervision(unitId: number, year: number, enabled = true) {
  return useQuery({
    queryKey: qualityKeys.supervision(unitId, year),
    queryFn: ({ signal }) => api.get<Supervision>(`/api/org-units/${unitId}/supervision`, { year }, signal),
    enabled: enabled && unitId > 0,
  });
}

export function useVisits(unitId: number, enabled = true) {
  return useQuery({
    queryKey: qualityKeys.visits(unitId),
    queryFn: ({ signal }) =>
      api.get<{ items: Visit[] }>(`/api/org-units/${unitId}/visits`, undefined, signal),
    enabled: enabled && unitId > 0,
  });
}

export function useRecommendations(unitId: number, enabled = true) {
  return useQuery({
    queryKey: qualityKeys.recommendations(unitId),
    queryFn: ({ signal }) =>
      api.get<{ items: Recommendation[] }>(
        `/api/org-units/${unitId}/recommendations`,
        { open: 'true' },
        signal,
      ),
    enabled: enabled && unitId > 0,
  });
}

export function usePacks(enabled = true) {
  return useQuery({
    queryKey: qualityKeys.packs,
    queryFn: () => api.get<{ items: PackSummary[] }>('/api/rule-packs'),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Staff and administrators: they run the oversight jobs, load packs, see every cell's supervision. */
export function staffGrants(me: Me) {
  return me.grants.filter((g) => g.role === 'admin' || g.role === 'committee_staff');
}

/** The cells the person supervises (supervisor grants sit on specific cells). */
export function supervisedCells(me: Me) {
  const seen = new Set<number>();
  return me.grants
    .filter((g) => g.role === 'supervisor')
    .filter((g) => !seen.has(g.orgUnitId) && seen.add(g.orgUnitId))
    .map((g) => ({ id: g.orgUnitId, name: g.orgUnitName }));
}

/** `YYYY-MM` of today on the domain clock (UTC+7). */
export function currentMonth(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 7);
}

/** The `n` months ending with `last` (inclusive), oldest first. */
export function monthsBack(last: string, n: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}
