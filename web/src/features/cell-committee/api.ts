/**
 * The chi ủy as the web app reads it (routes in src/features/cell-committee/routes.ts). Types come
 * from the server (type-only imports: nothing of the server is bundled).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CellCommitteeInput } from '../../../../src/features/cell-committee/schema.js';
import type {
  CellCommitteeView,
  meetingCommitteeFacts,
} from '../../../../src/features/cell-committee/service.js';
import { api } from '../../api/client.js';

export type { CellCommitteeInput, CellCommitteeView };
export type MeetingCommitteeFacts = Awaited<ReturnType<typeof meetingCommitteeFacts>>;

export const committeePath = (unitId: number) => `/don-vi/${unitId}/chi-uy`;

export function useCellCommittee(unitId: number) {
  return useQuery({
    queryKey: ['cell-committee', unitId],
    queryFn: () => api.get<CellCommitteeView>(`/api/org-units/${unitId}/cell-committee`),
    retry: false,
  });
}

export function useSaveCellCommittee(unitId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CellCommitteeInput) =>
      api.put<CellCommitteeView>(`/api/org-units/${unitId}/cell-committee`, input),
    onSuccess: (data) => {
      qc.setQueryData(['cell-committee', unitId], data);
      qc.invalidateQueries({ queryKey: ['meeting-committee'] });
    },
  });
}

export function useMeetingCommittee(meetingId: number) {
  return useQuery({
    queryKey: ['meeting-committee', meetingId],
    queryFn: () => api.get<MeetingCommitteeFacts>(`/api/meetings/${meetingId}/cell-committee`),
    retry: false,
  });
}
