/**
 * The dues ledger as the web app reads it (routes in src/features/dues/routes.ts). Types come
 * from the server (type-only imports: nothing of the server is bundled).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EntryInput } from '../../../../src/features/dues/schema.js';
import type { CellDues, memberDuesYear, SubtreeDues } from '../../../../src/features/dues/service.js';
import { api } from '../../api/client.js';

export type UnitDues = (CellDues | SubtreeDues) & { canManage: boolean };
export type MemberDues = Awaited<ReturnType<typeof memberDuesYear>> & {
  /** The member's cell, and whether the reader keeps its ledger (the route adds them). */
  unitId: number;
  canManage: boolean;
};
export type { CellDues, EntryInput, SubtreeDues };

export const duesKeys = {
  unit: (unitId: number, month: string) => ['dues', 'unit', unitId, month] as const,
  member: (memberId: number, year: number) => ['dues', 'member', memberId, year] as const,
};

export function useUnitDues(unitId: number, month: string) {
  return useQuery({
    queryKey: duesKeys.unit(unitId, month),
    queryFn: () => api.get<UnitDues>(`/api/org-units/${unitId}/dues`, { month }),
  });
}

export function useSaveDues(unitId: number, month: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (entries: EntryInput[]) =>
      api.put<{ saved: number; due: number; paid: number }>(`/api/org-units/${unitId}/dues/${month}`, {
        entries,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['dues'] }),
  });
}

export function useMemberDues(memberId: number, year: number, enabled = true) {
  return useQuery({
    queryKey: duesKeys.member(memberId, year),
    queryFn: () => api.get<MemberDues>(`/api/members/${memberId}/dues`, { year: String(year) }),
    enabled,
    retry: false,
  });
}

/** The current month and the 23 before it, newest first (YYYY-MM). */
export function recentMonths(today: string, n = 24): string[] {
  const [y, m] = today.slice(0, 7).split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const total = y * 12 + (m - 1) - i;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

export function statementUrl(unitId: number, month: string): string {
  return `/api/org-units/${unitId}/dues/statement.xlsx?month=${month}`;
}

/** The unit whose ledger the nav opens: the cell a secretary or chi ủy viên keeps, else a staff grant's unit. */
export function duesHomeUnit(me: { grants: { role: string; orgUnitId: number }[] }): number | null {
  const cell = me.grants.find((g) => g.role === 'cell_secretary' || g.role === 'cell_committee');
  const staff = me.grants.find((g) => g.role === 'committee_staff' || g.role === 'admin');
  return (cell ?? staff)?.orgUnitId ?? null;
}
