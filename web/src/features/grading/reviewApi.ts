/**
 * The year's review as the web app reads it (src/features/grading/review-routes.ts): what is
 * due from me, my self-review, the cell's session and a committee's campaigns. Types come from
 * the server (type-only imports: nothing of the server is bundled).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { campaignView, listCampaigns, myGrading } from '../../../../src/features/grading/campaigns.js';
import type { SelfReviewView, YearRecord } from '../../../../src/features/grading/self-review.js';
import type { SessionView } from '../../../../src/features/grading/session.js';
import type { GradeLevel } from '../../../../src/rules/year-types.js';
import { api } from '../../api/client.js';
import { formatPercent } from '../../lib/format.js';

export type { GradeLevel, SelfReviewView, SessionView, YearRecord };
export type MyGrading = Awaited<ReturnType<typeof myGrading>>;
export type CampaignView = Awaited<ReturnType<typeof campaignView>>;
export type CampaignList = Awaited<ReturnType<typeof listCampaigns>>;
export type SessionMember = SessionView['members'][number];
export type VoteCounts = Record<GradeLevel, number>;
export const LEVEL_KEYS: GradeLevel[] = ['xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh'];

const keys = {
  me: ['grading', 'me'] as const,
  selfReview: (memberId: number, year: number) => ['grading', 'self-review', memberId, year] as const,
  session: (cellId: number, year: number) => ['grading', 'session', cellId, year] as const,
  campaigns: (unitId: number) => ['grading', 'campaigns', unitId] as const,
  campaign: (id: number) => ['grading', 'campaign', id] as const,
};

/** The year under review: the calendar year from July, the year before until June. */
export function reviewYear(today: string): number {
  const y = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 7 ? y : y - 1;
}

export function useMyGrading() {
  return useQuery({ queryKey: keys.me, queryFn: () => api.get<MyGrading>('/api/me/grading') });
}

export function useSelfReview(memberId: number | null, year: number) {
  return useQuery({
    queryKey: keys.selfReview(memberId ?? 0, year),
    queryFn: () => api.get<SelfReviewView>(`/api/members/${memberId}/grading/${year}/self-review`),
    enabled: memberId !== null && year >= 2000 && year <= 2100,
    retry: false,
  });
}

export interface SelfReviewBody {
  sections: Record<string, string>;
  proposedLevel: GradeLevel | null;
  submit: boolean;
  revision: number;
}

export function useSaveSelfReview(memberId: number, year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SelfReviewBody) =>
      api.put<SelfReviewView>(`/api/members/${memberId}/grading/${year}/self-review`, body),
    onSuccess: (data) => {
      qc.setQueryData(keys.selfReview(memberId, year), data);
      void qc.invalidateQueries({ queryKey: keys.me });
    },
  });
}

export const selfReviewDocxHref = (memberId: number, year: number) =>
  `/api/members/${memberId}/grading/${year}/self-review.docx`;

export function useSession(cellId: number, year: number) {
  return useQuery({
    queryKey: keys.session(cellId, year),
    queryFn: () => api.get<SessionView>(`/api/org-units/${cellId}/grading/${year}/session`),
    enabled: Number.isInteger(cellId) && cellId > 0 && year >= 2000 && year <= 2100,
  });
}

export function useRecordVote(cellId: number, year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: { memberId: number; votes: VoteCounts; proposedLevel: GradeLevel; comments: string }) =>
      api.put(`/api/org-units/${cellId}/grading/${year}/session/votes/${p.memberId}`, {
        votes: p.votes,
        proposedLevel: p.proposedLevel,
        comments: p.comments || null,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.session(cellId, year) }),
  });
}

export function useReturnSelfReview(cellId: number, year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (memberId: number) =>
      api.post(`/api/members/${memberId}/grading/${year}/self-review/return`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.session(cellId, year) }),
  });
}

export function useRecordSelfAssessment(cellId: number, year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: { scores: Record<string, number>; proposedLevel: GradeLevel; comments: string }) =>
      api.put<{ total: number }>(`/api/org-units/${cellId}/grading/${year}/session/self-assessment`, {
        ...p,
        comments: p.comments || null,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.session(cellId, year) }),
  });
}

export function useCampaigns(unitId: number) {
  return useQuery({
    queryKey: keys.campaigns(unitId),
    queryFn: () => api.get<CampaignList>(`/api/org-units/${unitId}/grading-campaigns`, { limit: 20 }),
    enabled: Number.isInteger(unitId) && unitId > 0,
  });
}

export function useCampaign(id: number | null) {
  return useQuery({
    queryKey: keys.campaign(id ?? 0),
    queryFn: () => api.get<CampaignView>(`/api/grading-campaigns/${id}`),
    enabled: id !== null,
  });
}

export interface CampaignBody {
  year: number;
  title: string | null;
  selfReviewDue: string;
  cellSessionDue: string;
  decisionDue: string;
}

export function useCreateCampaign(unitId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignBody) =>
      api.post<{ id: number }>(`/api/org-units/${unitId}/grading-campaigns`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.campaigns(unitId) }),
  });
}

/** Percent on the base rounded half-up to 2 decimals, written 19,64% (each share its own ratio). */
export const sharePercent = (part: number, whole: number) => (whole > 0 ? formatPercent(part, whole) : '—');
