/**
 * The grading statistics as the web app reads them (src/features/grading/statistics-routes.ts).
 * Types come from the server (type-only imports: nothing of the server is bundled).
 */
import { useQuery } from '@tanstack/react-query';
import type { GradingStatistics } from '../../../../src/documents/grading-text.js';
import { api } from '../../api/client.js';

export type { GradingStatistics };
export type GradeRowView = GradingStatistics['members'][number];

export function useGradingStatistics(unitId: number, year: number) {
  return useQuery({
    queryKey: ['grading-statistics', unitId, year],
    queryFn: () => api.get<GradingStatistics>(`/api/org-units/${unitId}/grading/${year}`),
    enabled: Number.isInteger(unitId) && unitId > 0 && year >= 2000 && year <= 2100,
  });
}

export const reportHref = (unitId: number, year: number, format: 'docx' | 'xlsx') =>
  `/api/org-units/${unitId}/grading/${year}/report.${format}`;

/** The level's share as the overview's charts take it. */
export const asRatio = (r: GradeRowView) => ({
  numerator: r.numerator,
  denominator: r.denominator,
  percent: r.denominator === 0 ? null : r.percent,
});
