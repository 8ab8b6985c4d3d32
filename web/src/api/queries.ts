/** Read queries of the web app (TanStack Query), one key per resource. */
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { isCellKind } from '../../../src/features/org/labels.js';
import { api, setCsrfToken } from './client.js';
import type {
  AuditEntry,
  ListResponse,
  Me,
  Member,
  MemberDetail,
  MemberFilter,
  ReferenceOrg,
  Unit,
  UnitDetail,
  UnitWithCounts,
  UserAccount,
} from './types.js';

export const keys = {
  me: ['me'] as const,
  roots: ['org-units'] as const,
  unit: (id: number, date?: string) => ['org-unit', id, date ?? null] as const,
  unitAll: (id: number) => ['org-unit', id] as const,
  children: (id: number, date?: string) => ['org-unit-children', id, date ?? null] as const,
  tree: (id: number) => ['org-unit-tree', id] as const,
  members: (id: number, params: MemberListParams) => ['members', id, params] as const,
  member: (id: number) => ['member', id] as const,
  users: (unitId: number) => ['users', unitId] as const,
  audit: (unitId: number, page: number, entityType: string | null) =>
    ['audit', unitId, page, entityType] as const,
  reference: ['reference-org'] as const,
};

export async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>('/api/me');
  setCsrfToken(me.csrfToken);
  return me;
}

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: fetchMe, retry: false, staleTime: 60_000 });
}

export function useRoots() {
  return useQuery({
    queryKey: keys.roots,
    queryFn: () => api.get<ListResponse<Unit>>('/api/org-units'),
    staleTime: 60_000,
  });
}

export function useUnit(id: number, date?: string, enabled = true) {
  return useQuery({
    queryKey: keys.unit(id, date),
    enabled: enabled && id > 0,
    queryFn: ({ signal }) => api.get<UnitDetail>(`/api/org-units/${id}`, { date }, signal),
    placeholderData: (prev) => (prev?.id === id ? prev : undefined),
    retry: (n, e) => (e as { status?: number }).status !== 404 && n < 2,
  });
}

export function useChildren(id: number, date?: string, enabled = true) {
  return useQuery({
    queryKey: keys.children(id, date),
    queryFn: ({ signal }) =>
      api.get<ListResponse<UnitWithCounts>>(`/api/org-units/${id}/children`, { date }, signal),
    enabled,
    staleTime: 30_000,
  });
}

export interface MemberListParams {
  date?: string;
  status: MemberFilter;
  q?: string;
  subtree: boolean;
  limit: number;
  offset: number;
}

export function useMembers(id: number, params: MemberListParams, enabled = true) {
  return useQuery({
    queryKey: keys.members(id, params),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Member>>(
        `/api/org-units/${id}/members`,
        {
          date: params.date,
          status: params.status,
          q: params.q,
          subtree: params.subtree ? 'true' : undefined,
          limit: params.limit,
          offset: params.offset,
        },
        signal,
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useMember(id: number) {
  return useQuery({
    queryKey: keys.member(id),
    queryFn: ({ signal }) => api.get<MemberDetail>(`/api/members/${id}`, undefined, signal),
    retry: (n, e) => (e as { status?: number }).status !== 404 && n < 2,
  });
}

export function useReference() {
  return useQuery({
    queryKey: keys.reference,
    queryFn: () => api.get<ReferenceOrg>('/api/reference/org'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Every unit of the user's scope, flat (for pickers: move target, host cell, grant unit). */
export function useScopeUnits(enabled = true) {
  const roots = useRoots();
  const trees = useQueries({
    queries: (roots.data?.items ?? []).map((r) => ({
      queryKey: keys.tree(r.id),
      queryFn: () => api.get<ListResponse<UnitWithCounts>>(`/api/org-units/${r.id}/tree`),
      enabled,
      staleTime: 60_000,
    })),
  });
  const units: UnitWithCounts[] = [];
  const seen = new Set<number>();
  for (const t of trees) {
    for (const u of t.data?.items ?? []) {
      if (!seen.has(u.id)) {
        seen.add(u.id);
        units.push(u);
      }
    }
  }
  return {
    units,
    cells: units.filter((u) => isCellKind(u.kind)),
    isLoading: roots.isLoading || trees.some((t) => t.isLoading),
  };
}

export function useUsers(unitId: number | null) {
  return useQuery({
    queryKey: keys.users(unitId ?? 0),
    queryFn: () => api.get<ListResponse<UserAccount>>(`/api/org-units/${unitId}/users`),
    enabled: unitId !== null,
  });
}

export const AUDIT_PAGE = 30;

export function useAudit(unitId: number | null, page: number, entityType: string | null = null) {
  return useQuery({
    queryKey: keys.audit(unitId ?? 0, page, entityType),
    queryFn: () =>
      api.get<ListResponse<AuditEntry>>(`/api/org-units/${unitId}/audit`, {
        limit: AUDIT_PAGE,
        offset: (page - 1) * AUDIT_PAGE,
        entityType,
      }),
    enabled: unitId !== null,
    placeholderData: keepPreviousData,
  });
}
