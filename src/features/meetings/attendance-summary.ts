/**
 * The stored attendance summary of a meeting: written by the one rule of src/domain/attendance.ts
 * whenever the meeting's attendance changes, so the minutes, the score evidence, the month rows
 * and the alerts read the same numbers (and a dashboard never re-counts raw attendance).
 */
import type { Executor } from '../../db/executor.js';
import {
  type AttendanceEntry,
  type AttendanceStatus,
  type AttendanceSummary,
  summarizeAttendance,
} from '../../domain/attendance.js';

/** Recounts the meeting's attendance with the shared rule and stores the counts on its row. */
export async function refreshAttendanceSummary(tx: Executor, meetingId: number): Promise<AttendanceSummary> {
  const rows = await tx.query<{
    category: AttendanceEntry['category'];
    is_official: boolean;
    away: boolean;
    status: AttendanceStatus | null;
  }>('SELECT category, is_official, away, status FROM attendance WHERE meeting_id = $1', [meetingId]);
  const s = summarizeAttendance(
    rows.map((r) => ({ category: r.category, isOfficial: r.is_official, away: r.away, status: r.status })),
  );
  await tx.query(
    `UPDATE meetings SET att_members = $2, att_summoned = $3, att_present = $4, att_absent_excused = $5,
       att_absent_unexcused = $6, att_unmarked = $7, att_exempted = $8, att_exempted_present = $9,
       att_visiting_present = $10, att_away = $11
     WHERE id = $1`,
    [
      meetingId,
      s.members,
      s.base,
      s.present,
      s.absentExcused,
      s.absentUnexcused,
      s.unmarked,
      s.exempted,
      s.exemptedPresent,
      s.temporaryPresent,
      s.away,
    ],
  );
  return s;
}

/** Attendance as a percent of those summoned, rounded half-up to two decimals (shown as 93,33%). */
export function attendancePercent2(present: number, summoned: number): number | null {
  if (summoned === 0) return null;
  return Math.round((present * 100 * 100) / summoned) / 100;
}
