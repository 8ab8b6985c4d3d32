/**
 * The committee's grading decisions as the web app reads them (src/features/grading/decision-routes.ts).
 * Types come from the server (type-only imports: nothing of the server is bundled).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { listDecisionProposals, memberGrades } from '../../../../src/features/grading/proposals.js';
import type { GradeLevel } from '../../../../src/rules/year-types.js';
import { api } from '../../api/client.js';

export type SubjectType = 'member' | 'organisation';
type Proposals = Awaited<ReturnType<typeof listDecisionProposals>>;
export type ProposalsPage = Omit<Proposals, 'items'> & { items: ProposalRow[] };
export type MemberGrades = Awaited<ReturnType<typeof memberGrades>>;
export type { GradeLevel };

/** One row of either list, flattened to what the table shows. */
export interface ProposalRow {
  memberId?: number;
  unitId?: number;
  fullName?: string;
  name?: string;
  cellId?: number;
  cellName?: string;
  parentId?: number;
  graded?: boolean;
  notGradedReason?: string | null;
  selfReview?: { status: string; proposedLevel: GradeLevel | null } | null;
  vote?: {
    base: number;
    counts: Record<GradeLevel, number>;
    percents: Record<GradeLevel, number>;
    proposedLevel: GradeLevel;
  } | null;
  selfAssessment?: { total: number; proposedLevel: GradeLevel } | null;
  meetings?: {
    onTimeMonths: number;
    dueMonths: number;
    onTimePercent: number | null;
    averageScore: number | null;
  };
  cap: {
    maxLevel: GradeLevel;
    maxLabel: string;
    limited: boolean;
    reasons: { citation: string; message: string }[];
  } | null;
  draft: { decisionId: number; level: GradeLevel; isCadre: boolean } | null;
  current: {
    decisionId: number;
    level: GradeLevel;
    decisionNo: string;
    decisionDate: string;
    isCadre: boolean;
  } | null;
}

export const rowKey = (r: ProposalRow) => (r.memberId ?? r.unitId)!;

export const decideKeys = {
  proposals: (unitId: number, year: number, type: SubjectType) =>
    ['grading-proposals', unitId, year, type] as const,
  grades: (memberId: number) => ['member-grades', memberId] as const,
};

/** Every page of the proposals (≤ 200 a page), so the quota panel sees the whole set. */
export function useProposals(unitId: number, year: number, type: SubjectType) {
  return useQuery({
    queryKey: decideKeys.proposals(unitId, year, type),
    queryFn: async () => {
      let cursor: string | null = null;
      let first: ProposalsPage | null = null;
      const items: ProposalRow[] = [];
      do {
        const page: ProposalsPage = await api.get<ProposalsPage>(
          `/api/org-units/${unitId}/grading/${year}/proposals`,
          { type, limit: 200, ...(cursor ? { cursor } : {}) },
        );
        first ??= page;
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return { ...first!, items };
    },
  });
}

export interface SaveItem {
  memberId?: number;
  unitId?: number;
  level: GradeLevel;
  isCadre?: boolean;
}

export function useDecideMutations(unitId: number, year: number, type: SubjectType) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: decideKeys.proposals(unitId, year, type) });
  const base = `/api/org-units/${unitId}/grading/${year}/decisions`;
  return {
    save: useMutation({
      mutationFn: async (items: SaveItem[]) => {
        for (let i = 0; i < items.length; i += 500)
          await api.put(base, { type, items: items.slice(i, i + 500) });
      },
      onSuccess: refresh,
    }),
    issue: useMutation({
      mutationFn: (b: { decisionNo: string; decisionDate: string }) =>
        api.post(`${base}/issue`, { type, ...b }),
      onSuccess: refresh,
    }),
    revise: useMutation({
      mutationFn: (b: {
        decisionId: number;
        level: GradeLevel;
        reason: string;
        decisionNo: string;
        decisionDate: string;
      }) => {
        const { decisionId, ...body } = b;
        return api.post(`/api/grading-decisions/${decisionId}/revisions`, body);
      },
      onSuccess: refresh,
    }),
  };
}

export function useMemberGrades(memberId: number) {
  return useQuery({
    queryKey: decideKeys.grades(memberId),
    queryFn: () => api.get<MemberGrades>(`/api/members/${memberId}/grades`),
  });
}
