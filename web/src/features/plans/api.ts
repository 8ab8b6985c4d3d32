/**
 * Implementation plans as the web app reads them (routes in src/features/plans/routes.ts). Types
 * come from the server (type-only imports: nothing of the server is bundled).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlanProgress } from '../../../../src/features/plans/progress.js';
import type { CreatePlanBody, TargetBody, UpdatePlanBody } from '../../../../src/features/plans/schema.js';
import type { listPlans, PlanDetail } from '../../../../src/features/plans/service.js';
import { api } from '../../api/client.js';

export type { PlanDetail, PlanProgress };
export type PlanList = Awaited<ReturnType<typeof listPlans>>;
export const PLAN_PAGE = 20;

export const planKeys = {
  list: (unitId: number, offset: number) => ['plans', 'list', unitId, offset] as const,
  plan: (id: number) => ['plans', 'plan', id] as const,
  progress: (id: number) => ['plans', 'progress', id] as const,
};

export function usePlans(unitId: number, offset: number) {
  return useQuery({
    queryKey: planKeys.list(unitId, offset),
    queryFn: () =>
      api.get<PlanList>(`/api/org-units/${unitId}/plans`, {
        limit: String(PLAN_PAGE),
        offset: String(offset),
      }),
  });
}

export function usePlan(id: number) {
  return useQuery({ queryKey: planKeys.plan(id), queryFn: () => api.get<PlanDetail>(`/api/plans/${id}`) });
}

export function useProgress(id: number, enabled: boolean) {
  return useQuery({
    queryKey: planKeys.progress(id),
    queryFn: () => api.get<PlanProgress>(`/api/plans/${id}/progress`),
    enabled,
  });
}

export interface DirectiveOption {
  id: number;
  number: string;
  title: string;
}

/** The directives the unit may implement (part A's library); empty when it cannot be read. */
export function useDirectiveOptions(unitId: number) {
  return useQuery({
    queryKey: ['plans', 'directives', unitId],
    queryFn: async () => {
      try {
        const r = await api.get<{ items: DirectiveOption[] }>(`/api/org-units/${unitId}/directives`, {
          status: 'published',
          limit: '100',
        });
        return r.items;
      } catch {
        return [] as DirectiveOption[];
      }
    },
  });
}

export function useCreatePlan(unitId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePlanBody) => api.post<PlanDetail>(`/api/org-units/${unitId}/plans`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['plans', 'list', unitId] }),
  });
}

/** Every change to a plan: the plan and its progress are read again afterwards. */
export function usePlanChange<B>(id: number, call: (body: B) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: planKeys.plan(id) });
      void qc.invalidateQueries({ queryKey: planKeys.progress(id) });
      void qc.invalidateQueries({ queryKey: ['plans', 'list'] });
    },
  });
}

export const planCalls = (id: number) => ({
  update: (b: UpdatePlanBody) => api.patch<PlanDetail>(`/api/plans/${id}`, b),
  activate: () => api.post<PlanDetail>(`/api/plans/${id}/activate`),
  close: () => api.post<PlanDetail>(`/api/plans/${id}/close`),
  addTarget: (b: TargetBody) => api.post(`/api/plans/${id}/targets`, b),
  removeTarget: (targetId: number) => api.del(`/api/plans/${id}/targets/${targetId}`),
  setValue: (b: { targetId: number; value: number; note: string | null }) =>
    api.put(`/api/plans/${id}/targets/${b.targetId}/value`, { value: b.value, note: b.note }),
  addMilestone: (b: { dueOn: string; title: string }) => api.post(`/api/plans/${id}/milestones`, b),
  doneMilestone: (b: { milestoneId: number; doneOn: string | null }) =>
    api.patch(`/api/plans/${id}/milestones/${b.milestoneId}`, { doneOn: b.doneOn }),
  removeMilestone: (milestoneId: number) => api.del(`/api/plans/${id}/milestones/${milestoneId}`),
  addResponsibility: (b: { who: string; what: string }) => api.post(`/api/plans/${id}/responsibilities`, b),
  removeResponsibility: (rid: number) => api.del(`/api/plans/${id}/responsibilities/${rid}`),
});
