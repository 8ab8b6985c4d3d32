/** Closing a review campaign (POST /api/grading-campaigns/{id}/close, src/features/grading/campaign-close.ts). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { closeCampaign } from '../../../../src/features/grading/campaign-close.js';
import { api } from '../../api/client.js';

export type ClosedCampaign = Awaited<ReturnType<typeof closeCampaign>>;

export function useCloseCampaign(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ClosedCampaign>(`/api/grading-campaigns/${id}/close`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['grading'] }),
  });
}
