/**
 * Commendations, reminders and model meetings as the web app reads them. Types come from the
 * server (type-only imports: nothing of the server is bundled).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DecisionView } from '../../../../src/features/recognition/decisions.js';
import type { ModelListItem, modelView } from '../../../../src/features/recognition/model-meetings.js';
import type { Proposal } from '../../../../src/features/recognition/proposals.js';
import { api } from '../../api/client.js';

export type { DecisionView, ModelListItem, Proposal };
export type ModelView = Awaited<ReturnType<typeof modelView>>;

export interface ProposalsResult {
  unit: { id: number; name: string };
  period: { from: string; to: string; label: string };
  thresholds: Record<string, number>;
  items: Proposal[];
  total: number;
}

export interface DecisionInput {
  subjectUnitId: number;
  kind: string;
  number?: string | null;
  decidedOn: string;
  reason: string;
  periodFrom?: string | null;
  periodTo?: string | null;
}

export function useProposals(unitId: number, from: string, to: string, limit: number) {
  return useQuery({
    queryKey: ['commendation-proposals', unitId, from, to, limit],
    queryFn: () =>
      api.get<ProposalsResult>(`/api/org-units/${unitId}/commendation-proposals`, { from, to, limit }),
    enabled: from <= to,
    placeholderData: keepPreviousData,
  });
}

export function useDecisions(unitId: number, kind: string | null, limit = 50) {
  return useQuery({
    queryKey: ['commendations', unitId, kind, limit],
    queryFn: () =>
      api.get<{ items: DecisionView[]; total: number }>(`/api/org-units/${unitId}/commendations`, {
        kind,
        limit,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useRecordDecision(unitId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DecisionInput) =>
      api.post<DecisionView>(`/api/org-units/${unitId}/commendations`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['commendations'] }),
  });
}

export function useModels(unitId: number | null, cellType: string | null, topic: string, limit = 50) {
  return useQuery({
    queryKey: ['model-meetings', unitId, cellType, topic, limit],
    queryFn: () =>
      api.get<{ items: ModelListItem[]; total: number }>(`/api/org-units/${unitId}/model-meetings`, {
        cellType,
        topic,
        limit,
      }),
    enabled: unitId !== null,
    placeholderData: keepPreviousData,
  });
}

export function useModelView(meetingId: number, enabled = true) {
  return useQuery({
    queryKey: ['model-meeting', meetingId],
    queryFn: () => api.get<ModelView>(`/api/model-meetings/${meetingId}`),
    enabled,
    retry: false,
  });
}

export function useMarkModel(meetingId: number) {
  const qc = useQueryClient();
  const done = () => {
    qc.invalidateQueries({ queryKey: ['model-meeting', meetingId] });
    qc.invalidateQueries({ queryKey: ['model-meetings'] });
  };
  return {
    mark: useMutation({
      mutationFn: (body: { topic?: string | null; note?: string | null }) =>
        api.post(`/api/meetings/${meetingId}/model`, body),
      onSuccess: done,
    }),
    unmark: useMutation({
      mutationFn: () => api.del(`/api/meetings/${meetingId}/model`),
      onSuccess: () => {
        qc.removeQueries({ queryKey: ['model-meeting', meetingId] });
        qc.invalidateQueries({ queryKey: ['model-meetings'] });
      },
    }),
  };
}

/** "2026-10" → "10/2026". */
export const monthLabel = (m: string | null | undefined) => (m ? `${m.slice(5, 7)}/${m.slice(0, 4)}` : '');

/** The month `n` months before `YYYY-MM`. */
export function monthMinus(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
