/**
 * The holiday calendar as the web app reads and writes it: each year's decision with its effective
 * days off (GET /api/holiday-decisions), one year's calendar (GET /api/holiday-calendar), saving and
 * deleting a decision (administrators). Types come from the server's domain (type-only imports).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { DayOff, DecidedWorkingDay, HolidayPeriod } from '../../../../src/domain/calendar/days-off.js';
import type { DecisionIssue } from '../../../../src/domain/calendar/decisions.js';
import type { HolidayDecisionBody } from '../../../../src/features/calendar/schema.js';
import { api } from '../../api/client.js';

export type { DayOff, DecidedWorkingDay, DecisionIssue, HolidayDecisionBody, HolidayPeriod };

export interface YearCalendar {
  year: number;
  periods: HolidayPeriod[];
  daysOff: DayOff[];
  workingDays: DecidedWorkingDay[];
}

export interface HolidayDecision {
  year: number;
  reference: string;
  extraDaysOff: string[];
  extraWorkingDays: string[];
  nationalDayAdjacent: 'before' | 'after';
  note: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: { id: number; displayName: string } | null;
  warnings: DecisionIssue[];
  calendar: YearCalendar;
}

export interface HolidayDecisionList {
  items: HolidayDecision[];
  total: number;
  canEdit: boolean;
}

export const calendarKeys = {
  decisions: ['holiday-decisions'] as const,
  year: (year: number) => ['holiday-calendar', year] as const,
  all: ['holiday-calendar'] as const,
};

export function useHolidayDecisions() {
  return useQuery({
    queryKey: calendarKeys.decisions,
    queryFn: ({ signal }) => api.get<HolidayDecisionList>('/api/holiday-decisions', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useHolidayCalendar(year: number | null) {
  return useQuery({
    queryKey: calendarKeys.year(year ?? 0),
    queryFn: ({ signal }) =>
      api.get<YearCalendar & { decision: HolidayDecision | null }>('/api/holiday-calendar', { year }, signal),
    enabled: year !== null,
    staleTime: 5 * 60_000,
  });
}

export function saveHolidayDecision(year: number, body: HolidayDecisionBody) {
  return api.put<HolidayDecision & { created: boolean }>(`/api/holiday-decisions/${year}`, body);
}

export function deleteHolidayDecision(year: number) {
  return api.del<void>(`/api/holiday-decisions/${year}`);
}

/** After a write: the list and every year's calendar are refetched. */
export function useRefreshCalendar() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: calendarKeys.decisions }),
      qc.invalidateQueries({ queryKey: calendarKeys.all }),
    ]);
}

/** The problems of a refused save, grouped by form field ("extraDaysOff.0" → "extraDaysOff"). */
export function issuesByField(details: Record<string, unknown> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const issues = details?.issues;
  if (!Array.isArray(issues)) return out;
  for (const i of issues as { field?: string; message?: string }[]) {
    if (!i?.field || !i.message) continue;
    const field = i.field.split('.')[0]!;
    out[field] = [...(out[field] ?? []), i.message];
  }
  return out;
}
