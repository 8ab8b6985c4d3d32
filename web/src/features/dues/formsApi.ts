/**
 * The dues page's two forms (routes in src/features/dues/routes.ts): a member's category and
 * base from a month ("Mức đóng") and the month's remittance upward ("Nộp lên cấp trên").
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BaseInput, RemittanceInput } from '../../../../src/features/dues/schema.js';
import { api } from '../../api/client.js';

export interface BaseResult {
  memberId: number;
  category: string;
  categoryLabel: string;
  baseAmount: number | null;
  validFrom: string;
  monthlyDue: number;
}

export function useSetDuesBase(memberId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BaseInput) => api.put<BaseResult>(`/api/members/${memberId}/dues-base`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['dues'] }),
  });
}

export function useRemit(unitId: number, month: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RemittanceInput) =>
      api.post<{ id: number; amount: number; remitted: number }>(
        `/api/org-units/${unitId}/dues/${month}/remittance`,
        body,
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['dues'] }),
  });
}
