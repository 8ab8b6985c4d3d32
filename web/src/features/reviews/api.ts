/**
 * Periodic reviews as the web app reads them (routes in src/features/reviews/routes.ts). Types
 * come from the server (type-only imports: nothing of the server is bundled).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReviewStatistics, SectionKey } from '../../../../src/documents/review-data.js';
import type { CreateReviewBody, UpdateReviewBody } from '../../../../src/features/reviews/schema.js';
import type { reviewView } from '../../../../src/features/reviews/service.js';
import { api } from '../../api/client.js';

export type Review = ReturnType<typeof reviewView>;
export type { SectionKey, UpdateReviewBody };
export const SECTION_ORDER: SectionKey[] = [
  'opening',
  'strengths',
  'weaknesses',
  'causes',
  'lessons',
  'directions',
];

export interface ReviewVersion {
  version: number;
  kind: 'draft' | 'issued';
  contentHash: string;
  createdAt: string;
  author: string | null;
}

export interface ReviewPreview {
  statistics: ReviewStatistics;
  sentences: string[];
  tables: Record<'years' | 'units', { columns: { title: string; width: number }[]; rows: string[][] }>;
  frozen: boolean;
}

export const reviewKeys = {
  list: (unitId: number) => ['reviews', 'unit', unitId] as const,
  one: (id: number) => ['reviews', id] as const,
  versions: (id: number) => ['reviews', id, 'versions'] as const,
  preview: (id: number) => ['reviews', id, 'statistics'] as const,
};

export function useUnitReviews(unitId: number) {
  return useQuery({
    queryKey: reviewKeys.list(unitId),
    queryFn: () =>
      api.get<{ items: Review[]; total: number }>(`/api/org-units/${unitId}/reviews`, { limit: 100 }),
  });
}

export function useReview(id: number) {
  return useQuery({ queryKey: reviewKeys.one(id), queryFn: () => api.get<Review>(`/api/reviews/${id}`) });
}

export function useReviewVersions(id: number) {
  return useQuery({
    queryKey: reviewKeys.versions(id),
    queryFn: () =>
      api.get<{ items: ReviewVersion[]; total: number }>(`/api/reviews/${id}/versions`, { limit: 100 }),
  });
}

export function useReviewPreview(id: number, enabled: boolean) {
  return useQuery({
    queryKey: reviewKeys.preview(id),
    queryFn: () => api.get<ReviewPreview>(`/api/reviews/${id}/statistics`),
    enabled,
    staleTime: 60_000,
  });
}

export function useCreateReview(unitId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateReviewBody) =>
      api.post<{ id: number }>(`/api/org-units/${unitId}/reviews`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: reviewKeys.list(unitId) }),
  });
}

export function useSaveReview(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateReviewBody) => api.put<Review>(`/api/reviews/${id}`, body),
    onSuccess: (r) => {
      qc.setQueryData(reviewKeys.one(id), r);
      qc.invalidateQueries({ queryKey: reviewKeys.versions(id) });
    },
  });
}

export function useIssueReview(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Review & { version: number; contentHash: string }>(`/api/reviews/${id}/issue`),
    onSuccess: (r) => {
      qc.setQueryData(reviewKeys.one(id), r);
      qc.invalidateQueries({ queryKey: ['reviews'] });
    },
  });
}

/** "2023-01".."2025-12" for the last `years` full years before this month's year… ending this year. */
export function presetPeriod(years: number, today: string): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  return { from: `${y - years + 1}-01`, to: `${y}-12` };
}

/** "2024-01" → "01/2024". */
export function monthLabel(ym: string): string {
  return `${ym.slice(5, 7)}/${ym.slice(0, 4)}`;
}
