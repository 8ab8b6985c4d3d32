/**
 * The cell's yearly programme as the web app reads it (routes in src/features/activity-plans/
 * routes.ts). Types come from the server (type-only imports: nothing of the server is bundled).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { listCellPlans } from '../../../../src/features/activity-plans/list.js';
import type { meetingPlanItems } from '../../../../src/features/activity-plans/meeting-items.js';
import type { PlanBody } from '../../../../src/features/activity-plans/schema.js';
import type { PlanView } from '../../../../src/features/activity-plans/service.js';
import { api } from '../../api/client.js';

export type { PlanBody, PlanView };
export type CellPlanList = Awaited<ReturnType<typeof listCellPlans>>;
export type MeetingPlanItemsView = Awaited<ReturnType<typeof meetingPlanItems>>;

const base = (cellId: number, year: number) => `/api/org-units/${cellId}/activity-plans/${year}`;

export const planKeys = {
  all: ['activity-plans'] as const,
  plan: (cellId: number, year: number) => ['activity-plans', 'plan', cellId, year] as const,
  list: (unitId: number, year: number, status: string, offset: number) =>
    ['activity-plans', 'list', unitId, year, status, offset] as const,
  meeting: (meetingId: number) => ['activity-plans', 'meeting', meetingId] as const,
};

export function usePlan(cellId: number, year: number) {
  return useQuery({
    queryKey: planKeys.plan(cellId, year),
    queryFn: () => api.get<PlanView>(base(cellId, year)),
  });
}

export function usePlanAction(cellId: number, year: number) {
  const qc = useQueryClient();
  const done = (v: PlanView) => {
    qc.setQueryData(planKeys.plan(cellId, year), v);
    void qc.invalidateQueries({ queryKey: ['activity-plans', 'list'] });
  };
  return {
    save: useMutation({
      mutationFn: (body: PlanBody) => api.put<PlanView>(base(cellId, year), body),
      onSuccess: done,
    }),
    submit: useMutation({
      mutationFn: () => api.post<PlanView>(`${base(cellId, year)}/submit`),
      onSuccess: done,
    }),
    approve: useMutation({
      mutationFn: () => api.post<PlanView>(`${base(cellId, year)}/approve`, {}),
      onSuccess: done,
    }),
    return: useMutation({
      mutationFn: (comment: string) => api.post<PlanView>(`${base(cellId, year)}/return`, { comment }),
      onSuccess: done,
    }),
    reopen: useMutation({
      mutationFn: (reason: string) => api.post<PlanView>(`${base(cellId, year)}/reopen`, { reason }),
      onSuccess: done,
    }),
  };
}

export const planDocxUrl = (cellId: number, year: number) => `${base(cellId, year)}/plan.docx`;

export const LIST_PAGE = 50;

export function useCellPlans(unitId: number, year: number, status: string, offset: number) {
  return useQuery({
    queryKey: planKeys.list(unitId, year, status, offset),
    queryFn: () =>
      api.get<CellPlanList>(`/api/org-units/${unitId}/activity-plans`, {
        year: String(year),
        limit: String(LIST_PAGE),
        offset: String(offset),
        ...(status ? { status } : {}),
      }),
  });
}

export function useMeetingPlanItems(meetingId: number) {
  return useQuery({
    queryKey: planKeys.meeting(meetingId),
    queryFn: () => api.get<MeetingPlanItemsView>(`/api/meetings/${meetingId}/activity-items`),
  });
}

export function useCoverItem(meetingId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { itemId: number; covered: boolean }) =>
      api.post<MeetingPlanItemsView>(`/api/meetings/${meetingId}/activity-items/${v.itemId}`, {
        covered: v.covered,
      }),
    onSuccess: (data) => {
      qc.setQueryData(planKeys.meeting(meetingId), data);
      void qc.invalidateQueries({ queryKey: ['activity-plans', 'plan'] });
    },
  });
}

/** Where the nav's "Chương trình công tác" leads: the cell's programme, or the committee's list. */
export function planHomePath(
  me: { grants: { role: string; orgUnitId: number }[] },
  year: number,
): string | null {
  const cell = me.grants.find((g) => g.role === 'cell_secretary' || g.role === 'cell_committee');
  if (cell) return `/don-vi/${cell.orgUnitId}/chuong-trinh/${year}`;
  const staff = me.grants.find((g) => g.role === 'committee_staff' || g.role === 'admin');
  return staff ? `/don-vi/${staff.orgUnitId}/chuong-trinh` : null;
}
