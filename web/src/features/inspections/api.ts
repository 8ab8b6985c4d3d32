/**
 * Inspection and supervision plans as the web app reads them (routes in
 * src/features/inspections/routes.ts). Types come from the server (type-only imports).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  InspectionBody,
  PatchInspectionBody,
  PlanBody,
} from '../../../../src/features/inspections/schema.js';
import type {
  getInspection,
  getPlan,
  listInspections,
} from '../../../../src/features/inspections/service.js';
import { api } from '../../api/client.js';

export type PlanView = Awaited<ReturnType<typeof getPlan>>;
export type InspectionList = Awaited<ReturnType<typeof listInspections>>;
export type InspectionItem = InspectionList['items'][number];
export type InspectionDetail = Awaited<ReturnType<typeof getInspection>>;
export type RemedyDetail = InspectionDetail['remedies'][number];
export type { InspectionBody, PatchInspectionBody, PlanBody };

export const inspectionKeys = {
  all: ['inspections'] as const,
  plan: (unitId: number, year: number) => ['inspections', 'plan', unitId, year] as const,
  list: (unitId: number) => ['inspections', 'list', unitId] as const,
  one: (id: number) => ['inspections', 'one', id] as const,
};

export function usePlan(unitId: number, year: number, enabled = true) {
  return useQuery({
    queryKey: inspectionKeys.plan(unitId, year),
    queryFn: () => api.get<PlanView>(`/api/org-units/${unitId}/inspection-plans/${year}`),
    enabled,
  });
}

export function useUnitInspections(unitId: number, enabled = true) {
  return useQuery({
    queryKey: inspectionKeys.list(unitId),
    queryFn: () => api.get<InspectionList>(`/api/org-units/${unitId}/inspections`, { limit: '200' }),
    enabled,
  });
}

export function useInspection(id: number) {
  return useQuery({
    queryKey: inspectionKeys.one(id),
    queryFn: () => api.get<InspectionDetail>(`/api/inspections/${id}`),
  });
}

export function usePlanActions(unitId: number, year: number) {
  const qc = useQueryClient();
  return {
    save: useMutation({
      mutationFn: (body: PlanBody) =>
        api.put<PlanView>(`/api/org-units/${unitId}/inspection-plans/${year}`, body),
      onSuccess: (v) => qc.setQueryData(inspectionKeys.plan(unitId, year), v),
    }),
    add: useMutation({
      mutationFn: ({ planId, body }: { planId: number; body: InspectionBody }) =>
        api.post<InspectionDetail>(`/api/inspection-plans/${planId}/inspections`, body),
      onSuccess: () => qc.invalidateQueries({ queryKey: inspectionKeys.all }),
    }),
  };
}

export function useInspectionActions(id: number) {
  const qc = useQueryClient();
  const done = (v: InspectionDetail) => {
    qc.setQueryData(inspectionKeys.one(id), v);
    void qc.invalidateQueries({ queryKey: ['inspections', 'plan'] });
    void qc.invalidateQueries({ queryKey: ['inspections', 'list'] });
  };
  const refresh = () => qc.invalidateQueries({ queryKey: inspectionKeys.all });
  return {
    patch: useMutation({
      mutationFn: (body: PatchInspectionBody) => api.patch<InspectionDetail>(`/api/inspections/${id}`, body),
      onSuccess: done,
    }),
    issue: useMutation({
      mutationFn: (body: { conclusionNo: string; concludedOn: string }) =>
        api.post<InspectionDetail>(`/api/inspections/${id}/issue`, body),
      onSuccess: done,
    }),
    answer: useMutation({
      mutationFn: ({ remedyId, answer }: { remedyId: number; answer: string }) =>
        api.post(`/api/remedies/${remedyId}/answer`, { answer }),
      onSuccess: refresh,
    }),
    close: useMutation({
      mutationFn: (remedyId: number) => api.post(`/api/remedies/${remedyId}/close`),
      onSuccess: refresh,
    }),
    giveBack: useMutation({
      mutationFn: ({ remedyId, comment }: { remedyId: number; comment: string }) =>
        api.post(`/api/remedies/${remedyId}/return`, { comment }),
      onSuccess: refresh,
    }),
  };
}

export const conclusionUrl = (id: number, format: 'docx' | 'pdf') =>
  `/api/inspections/${id}/conclusion.${format}`;

/** Where the nav's "Kiểm tra, giám sát" leads: the committee's plan for staff, a supervised cell's list. */
export function inspectionsHomePath(me: { grants: { role: string; orgUnitId: number }[] }): string | null {
  const staff = me.grants.find((g) => g.role === 'committee_staff' || g.role === 'admin');
  if (staff) return `/don-vi/${staff.orgUnitId}/kiem-tra`;
  const sup = me.grants.find((g) => g.role === 'supervisor');
  return sup ? `/don-vi/${sup.orgUnitId}/kiem-tra` : null;
}
