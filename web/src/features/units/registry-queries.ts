/**
 * Cursor pages of the registry and of the children list (ADR 027): each "Xem thêm" fetches the
 * next page with the previous page's `nextCursor`; the total comes with every page.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Member, MemberFilter, UnitWithCounts } from '../../api/types.js';

export interface CursorPage<T> {
  items: T[];
  total: number;
  /** The registry's search: more matches than `total` (shown as "hơn …"). */
  totalCapped?: boolean;
  nextCursor: string | null;
  date?: string;
}

export interface RegistryParams {
  date?: string;
  status: MemberFilter;
  q?: string;
  subtree: boolean;
  limit: number;
}

export function useMemberPages(id: number, params: RegistryParams, enabled = true) {
  return useInfiniteQuery({
    // Under ['members', id]: the registry's writes invalidate it with the other member lists.
    queryKey: ['members', id, 'pages', params] as const,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<CursorPage<Member>>(
        `/api/org-units/${id}/members`,
        {
          date: params.date,
          status: params.status,
          q: params.q,
          subtree: params.subtree ? 'true' : undefined,
          limit: params.limit,
          cursor: pageParam ?? undefined,
        },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useChildPages(id: number, date: string | undefined, limit: number, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['org-unit-children', id, date ?? null, 'pages', limit] as const,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<CursorPage<UnitWithCounts>>(
        `/api/org-units/${id}/children`,
        { date, limit, cursor: pageParam ?? undefined },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    staleTime: 30_000,
  });
}
