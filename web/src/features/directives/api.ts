/**
 * The directives library as the web app reads it (routes in src/features/directives/routes.ts).
 * Types come from the server (type-only imports: nothing of the server is bundled).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  listDissemination,
  meetingDirectives,
  recordDissemination,
  remindPending,
} from '../../../../src/features/directives/dissemination.js';
import type { CreateBody } from '../../../../src/features/directives/schema.js';
import type {
  directiveDetail,
  listUnitDirectives,
  publishDirective,
} from '../../../../src/features/directives/service.js';
import { api, uploadFile } from '../../api/client.js';

export type UnitDirectives = Awaited<ReturnType<typeof listUnitDirectives>>;
export type DirectiveItem = UnitDirectives['items'][number];
export type DirectiveDetail = Awaited<ReturnType<typeof directiveDetail>>;
export type Dissemination = Awaited<ReturnType<typeof listDissemination>>;
export type MeetingDirectives = Awaited<ReturnType<typeof meetingDirectives>>;
export type { CreateBody };

export const directiveKeys = {
  all: ['directives'] as const,
  unit: (unitId: number, q: Record<string, string | number | boolean | undefined>) =>
    ['directives', 'unit', unitId, q] as const,
  one: (id: number) => ['directives', 'one', id] as const,
  dissemination: (id: number, state: string, offset: number) =>
    ['directives', 'dissemination', id, state, offset] as const,
  meeting: (meetingId: number) => ['directives', 'meeting', meetingId] as const,
};

export function useUnitDirectives(
  unitId: number,
  q: { q?: string; status?: string; unread?: boolean; limit?: number },
  enabled = true,
) {
  return useQuery({
    queryKey: directiveKeys.unit(unitId, q),
    queryFn: () =>
      api.get<UnitDirectives>(`/api/org-units/${unitId}/directives`, {
        q: q.q || undefined,
        status: q.status || undefined,
        unread: q.unread ? 'true' : undefined,
        limit: q.limit ?? 20,
      }),
    enabled: enabled && unitId > 0,
  });
}

export function useDirective(id: number) {
  return useQuery({
    queryKey: directiveKeys.one(id),
    queryFn: () => api.get<DirectiveDetail>(`/api/directives/${id}`),
    retry: false,
  });
}

export function useDissemination(id: number, state: string, offset: number, enabled: boolean) {
  return useQuery({
    queryKey: directiveKeys.dissemination(id, state, offset),
    queryFn: () =>
      api.get<Dissemination>(`/api/directives/${id}/dissemination`, {
        state: state || undefined,
        limit: 50,
        offset,
      }),
    enabled,
  });
}

export function useMeetingDirectives(meetingId: number) {
  return useQuery({
    queryKey: directiveKeys.meeting(meetingId),
    queryFn: () => api.get<MeetingDirectives>(`/api/meetings/${meetingId}/directives`),
    retry: false,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: directiveKeys.all });
}

export function useCreateDirective(unitId: number) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateBody) => api.post<DirectiveDetail>(`/api/org-units/${unitId}/directives`, body),
    onSuccess: done,
  });
}

export function useDirectiveAction(id: number) {
  const done = useInvalidate();
  return {
    publish: useMutation({
      mutationFn: () =>
        api.post<Awaited<ReturnType<typeof publishDirective>>>(`/api/directives/${id}/publish`),
      onSuccess: done,
    }),
    withdraw: useMutation({
      mutationFn: (reason: string) => api.post<DirectiveDetail>(`/api/directives/${id}/withdraw`, { reason }),
      onSuccess: done,
    }),
    read: useMutation({
      mutationFn: () => api.post<{ readAt: string; first: boolean }>(`/api/directives/${id}/read`),
      onSuccess: done,
    }),
    remind: useMutation({
      mutationFn: () => api.post<Awaited<ReturnType<typeof remindPending>>>(`/api/directives/${id}/remind`),
      onSuccess: done,
    }),
    upload: useMutation({
      mutationFn: (file: File) => uploadFile<{ id: number }>(`/api/directives/${id}/files`, file, () => {}),
      onSuccess: done,
    }),
    removeFile: useMutation({
      mutationFn: (fileId: number) => api.del<{ ok: true }>(`/api/directives/${id}/files/${fileId}`),
      onSuccess: done,
    }),
  };
}

export function useRecordDissemination(meetingId: number) {
  const done = useInvalidate();
  return {
    record: useMutation({
      mutationFn: (directiveId: number) =>
        api.post<Awaited<ReturnType<typeof recordDissemination>>>(
          `/api/meetings/${meetingId}/directives/${directiveId}`,
        ),
      onSuccess: done,
    }),
    undo: useMutation({
      mutationFn: (directiveId: number) =>
        api.del<{ ok: true }>(`/api/meetings/${meetingId}/directives/${directiveId}`),
      onSuccess: done,
    }),
  };
}

export const fileUrl = (id: number, fileId: number) => `/api/directives/${id}/files/${fileId}`;

/** The unit whose directives the nav opens: the member's cell, else the first grant's unit. */
export function directivesHomeUnit(me: { homeUnitId: number | null; grants: { orgUnitId: number }[] }) {
  return me.homeUnitId ?? me.grants[0]?.orgUnitId ?? null;
}
