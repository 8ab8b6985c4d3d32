/** The background exports API (ADR 028): start a job, follow it, list mine. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';

export type ExportState = 'queued' | 'running' | 'done' | 'failed' | 'expired';

export interface ExportJob {
  id: number;
  kind: 'members';
  unitId: number;
  unitName: string;
  date: string;
  state: ExportState;
  rowsDone: number;
  rowsTotal: number | null;
  fileName: string | null;
  bytes: number | null;
  sha256: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  expiresAt: string | null;
}

export interface ExportPage {
  items: ExportJob[];
  total: number;
  nextCursor: string | null;
}

/** The documented default of EXPORT_SYNC_MAX_ROWS: above it the direct download answers 413. */
export const SYNC_MAX_ROWS = 5000;

export const exportKeys = {
  job: (id: number) => ['export-job', id] as const,
  mine: (cursor: string | null) => ['exports', cursor] as const,
};

export const fileHref = (id: number) => `/api/exports/${id}/file`;

export function startMembersExport(unitId: number, date?: string) {
  return api.post<{ job: ExportJob }>(`/api/org-units/${unitId}/exports`, {
    kind: 'members',
    ...(date ? { date } : {}),
  });
}

const active = (j: ExportJob | undefined) => j?.state === 'queued' || j?.state === 'running';

/** One job, polled every second while it is waiting or being written. */
export function useExportJob(id: number | null) {
  return useQuery({
    queryKey: exportKeys.job(id ?? 0),
    queryFn: async () => (await api.get<{ job: ExportJob }>(`/api/exports/${id}`)).job,
    enabled: id !== null,
    refetchInterval: (q) => (active(q.state.data) ? 1000 : false),
  });
}

/** A page of my jobs, refreshed every 3 s while one of them is still running. */
export function useMyExports(cursor: string | null) {
  return useQuery({
    queryKey: exportKeys.mine(cursor),
    queryFn: () => api.get<ExportPage>('/api/exports', { limit: 20, cursor: cursor ?? undefined }),
    refetchInterval: (q) => (q.state.data?.items.some(active) ? 3000 : false),
  });
}
