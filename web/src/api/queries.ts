/** Read queries of the web app (TanStack Query), one key per resource. */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
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

/** `kind` of `GET /api/org-units/:id/units` (ADR 032). */
export type UnitSearchKind = 'all' | 'cells' | 'committees';
/** `capability` of the same route: only the units where the user may also do this. */
export type UnitSearchCapability =
  | 'unit.read'
  | 'unit.manage'
  | 'member.manage'
  | 'user.manage'
  | 'audit.read';

export interface UnitSearchItem {
  id: number;
  name: string;
  kind: string;
  cellType: string | null;
  path: string;
  parentId: number | null;
  depth: number;
  parentName: string | null;
  archived: boolean;
}

interface UnitSearchResponse {
  items: UnitSearchItem[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
}

export interface UnitSearchParams {
  /** The text typed (matched on the name without regard to case or diacritics). */
  q: string;
  kind?: UnitSearchKind;
  capability?: UnitSearchCapability;
  includeArchived?: boolean;
  /** Units per page (1–50). */
  limit?: number;
  /** Search below this unit only; by default below each root of the user's scope. */
  rootId?: number;
}

/** Where the next page starts: a root (by position) and the server's cursor within it. */
interface UnitSearchPageParam {
  index: number;
  cursor: string | null;
}

/**
 * Server-side unit search for the pickers (ADR 032): pages of `GET /api/org-units/:id/units`
 * walked root after root; a short page of one root is filled from the next, so the first page
 * shows up to `limit` units whatever the number of roots. Never the whole tree.
 */
export function useUnitSearch(params: UnitSearchParams, enabled = true) {
  const roots = useRoots();
  const rootIds = params.rootId !== undefined ? [params.rootId] : (roots.data?.items ?? []).map((r) => r.id);
  const limit = params.limit ?? 20;
  const q = params.q.trim();
  const kind = params.kind ?? 'all';
  const capability = params.capability ?? 'unit.read';
  const includeArchived = params.includeArchived ?? false;
  const query = useInfiniteQuery({
    queryKey: ['unit-search', rootIds, q, kind, capability, includeArchived, limit] as const,
    enabled: enabled && rootIds.length > 0,
    initialPageParam: { index: 0, cursor: null } as UnitSearchPageParam,
    queryFn: async ({ pageParam, signal }) => {
      let { index, cursor } = pageParam;
      const items: UnitSearchItem[] = [];
      while (index < rootIds.length) {
        const page = await api.get<UnitSearchResponse>(
          `/api/org-units/${rootIds[index]}/units`,
          {
            q: q || undefined,
            kind: kind === 'all' ? undefined : kind,
            capability: capability === 'unit.read' ? undefined : capability,
            includeArchived: includeArchived ? 'true' : undefined,
            limit: limit - items.length,
            cursor,
          },
          signal,
        );
        items.push(...page.items);
        if (page.nextCursor) return { items, next: { index, cursor: page.nextCursor } };
        index++;
        cursor = null;
        if (items.length >= limit) break;
      }
      return { items, next: index < rootIds.length ? { index, cursor: null } : null };
    },
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const seen = new Set<number>();
  const units: UnitSearchItem[] = [];
  for (const page of query.data?.pages ?? []) {
    for (const u of page.items) {
      if (!seen.has(u.id)) {
        seen.add(u.id);
        units.push(u);
      }
    }
  }
  return {
    units,
    isLoading: roots.isLoading || query.isLoading,
    isFetching: query.isFetching,
    hasMore: query.hasNextPage,
    loadMore: () => {
      if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
    },
    isLoadingMore: query.isFetchingNextPage,
    error: roots.error ?? query.error,
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
