/**
 * The meeting cycle's API as the web app reads it: types taken from the server's presenters
 * (type-only imports, nothing of the server is bundled), query keys and hooks, and one helper
 * that runs a write, shows the server's Vietnamese message on failure and refreshes the views.
 */
import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { meetingDetail, TaskView } from '../../../../src/features/meetings/detail.js';
import type { presentMeetingSummary } from '../../../../src/features/meetings/service.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';

export type MeetingDetail = Awaited<ReturnType<typeof meetingDetail>>;
export type MeetingSummary = ReturnType<typeof presentMeetingSummary>;
export type RosterEntry = MeetingDetail['attendance']['members'][number];
export type AttendanceSummary = MeetingDetail['attendance']['summary'];
export type Task = TaskView;
export type MeetingStatus = MeetingSummary['status'];
export type MeetingKind = MeetingSummary['kind'];

export interface MeetingPlan {
  series: { dayOfMonth: number; startTime: string; place: string } | null;
  year: number;
  thematic: { quarter: number; topic: string; month: number | null; presenterMemberId: number | null }[];
  suggestions: string[];
  minDurationMinutes: Record<string, number>;
  kinds: { value: MeetingKind; label: string }[];
}

export type MyMeeting = MeetingSummary & { documents: number; minutesAdopted: boolean };

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  read: boolean;
}

export interface RecordVersion {
  version: number;
  status: 'draft' | 'adopted';
  text: RecordText;
  correctionNote: string | null;
  contentHash: string | null;
  prevHash: string | null;
  adoptedAt: string | null;
  chairSignedAt: string | null;
  secretarySignedAt: string | null;
}

export interface RecordText {
  opening?: string;
  situation?: string;
  directions?: string;
  conclusion?: string;
  other?: string;
}

export const meetingKeys = {
  meeting: (id: number) => ['meeting', id] as const,
  record: (id: number) => ['meeting-record', id] as const,
  unitMeetings: (unitId: number) => ['unit-meetings', unitId] as const,
  plan: (unitId: number, year: number) => ['meeting-plan', unitId, year] as const,
  myMeetings: ['me-meetings'] as const,
  myTasks: ['me-tasks'] as const,
  notifications: ['me-notifications'] as const,
};

/** Polls every 3 s while the meeting runs, so counters follow the members' own check-ins. */
export function useMeeting(id: number) {
  return useQuery({
    queryKey: meetingKeys.meeting(id),
    queryFn: ({ signal }) => api.get<MeetingDetail>(`/api/meetings/${id}`, undefined, signal),
    enabled: id > 0,
    refetchInterval: (q) => (q.state.data?.status === 'in_progress' ? 3000 : false),
    refetchIntervalInBackground: false,
    retry: (n, e) => (e as { status?: number }).status !== 404 && n < 2,
  });
}

export function useRecordVersions(id: number, enabled: boolean) {
  return useQuery({
    queryKey: meetingKeys.record(id),
    queryFn: () => api.get<{ items: RecordVersion[] }>(`/api/meetings/${id}/record`),
    enabled: enabled && id > 0,
  });
}

export function useUnitMeetings(unitId: number, enabled = true) {
  return useQuery({
    queryKey: meetingKeys.unitMeetings(unitId),
    queryFn: ({ signal }) =>
      api.get<{ items: MeetingSummary[] }>(`/api/org-units/${unitId}/meetings`, undefined, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useMeetingPlan(unitId: number, year: number, enabled = true) {
  return useQuery({
    queryKey: meetingKeys.plan(unitId, year),
    queryFn: () => api.get<MeetingPlan>(`/api/org-units/${unitId}/meeting-plan`, { year }),
    enabled,
    staleTime: 30_000,
  });
}

export function useMyMeetings() {
  return useQuery({
    queryKey: meetingKeys.myMeetings,
    queryFn: () => api.get<{ upcoming: MyMeeting[]; recent: MyMeeting[] }>('/api/me/meetings'),
  });
}

/** The full records of the member's upcoming meetings (for their documents). */
export function useMeetingDetails(ids: number[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: meetingKeys.meeting(id),
      queryFn: () => api.get<MeetingDetail>(`/api/meetings/${id}`),
      staleTime: 30_000,
    })),
  });
}

export function useMyTasks() {
  return useQuery({
    queryKey: meetingKeys.myTasks,
    queryFn: () => api.get<{ items: Task[] }>('/api/me/tasks'),
  });
}

export function useNotifications() {
  return useQuery({
    queryKey: meetingKeys.notifications,
    queryFn: () => api.get<{ items: Notification[]; unread: number }>('/api/me/notifications', { limit: 30 }),
    refetchInterval: 60_000,
    staleTime: 20_000,
  });
}

function isDetail(x: unknown, id: number): x is MeetingDetail {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as { id?: unknown }).id === id &&
    'permissions' in x &&
    'attendance' in x
  );
}

/**
 * Runs writes on one meeting: `busy` names the action in flight (for its button's spinner);
 * a returned meeting replaces the cached one, anything else refetches it; errors show the
 * server's Vietnamese message. Resolves to the response, or undefined when the write failed.
 */
export function useMeetingActions(id: number) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const act = useCallback(
    async <T>(
      key: string,
      fn: () => Promise<T>,
      success?: string,
      opts: { onError?: (e: unknown) => boolean } = {},
    ): Promise<T | undefined> => {
      setBusy(key);
      try {
        const res = await fn();
        await qc.cancelQueries({ queryKey: meetingKeys.meeting(id) });
        const fresh = isDetail(res, id)
          ? res
          : isDetail((res as { meeting?: unknown } | undefined)?.meeting, id)
            ? (res as unknown as { meeting: MeetingDetail }).meeting
            : null;
        if (fresh) qc.setQueryData(meetingKeys.meeting(id), fresh);
        else await qc.invalidateQueries({ queryKey: meetingKeys.meeting(id) });
        void qc.invalidateQueries({ queryKey: meetingKeys.record(id) });
        void qc.invalidateQueries({ queryKey: ['unit-meetings'] });
        void qc.invalidateQueries({ queryKey: meetingKeys.myMeetings });
        if (success) notifySuccess(success);
        return res;
      } catch (e) {
        // A form that shows the error beside its field handles it; anything else is a toast.
        if (!opts.onError?.(e)) notifyError(e);
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [qc, id],
  );
  return { act, busy };
}
