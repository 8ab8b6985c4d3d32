/**
 * The fast path of a member's self check-in (issue 12, ADR 030): a burst of a whole hall checking
 * in at once. One read (meeting, scope, roster entry, wait, secret) and, for a right code, one
 * statement that marks the member present, resets the wrong-code streak, moves the meeting's
 * attendance counters by the member's own delta and writes the audit row, all in one implicit
 * transaction: no BEGIN/COMMIT round trips, no re-summarising the whole roster, and the meeting's
 * row is locked only for the rest of that statement. Anything unusual (a wrong code, a roster
 * entry changed since the read, a meeting never summarised) answers `null` and the caller takes
 * the full transactional path (running.ts `selfCheckIn`), so the answers stay exactly as before.
 */
import type { Executor } from '../../db/executor.js';
import { type AttendanceEntry, type AttendanceStatus, summarizeAttendance } from '../../domain/attendance.js';
import { type Actor, can } from '../../server/access.js';
import { AppError, notFound } from '../../server/errors.js';
import { acceptsCheckinCode } from './checkin-code.js';
import { formatClockDate, isoLocal } from './time.js';

export interface CheckinLockout {
  /** Wrong codes in a row (per member and meeting) before a wait. */
  maxFailures: number;
  lockMinutes: number;
}

export function checkinLocked(until: Date, lockout: CheckinLockout): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError(
    'CHECKIN_LOCKED',
    `Bạn đã nhập sai mã điểm danh ${lockout.maxFailures} lần. Vui lòng chờ ${minutes} phút (đến ${formatClockDate(until)}) rồi thử lại, hoặc báo thư ký điểm danh giúp.`,
    {
      lockedUntil: isoLocal(until),
      retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)),
    },
  );
}

const ATTENDED = new Set(['present', 'late', 'left_early']);

interface ReadRow {
  unit_id: number;
  unit_path: string;
  status: string;
  checkin_secret: string;
  summarised: boolean;
  on_roster: boolean;
  att_status: AttendanceStatus | null;
  category: AttendanceEntry['category'] | null;
  is_official: boolean | null;
  away: boolean | null;
  streak: number | null;
  locked_until: Date | null;
}

/** The meeting's counters (migration 0002/0011 columns) and the summary field each one keeps. */
const COUNTERS = [
  ['att_present', 'present'],
  ['att_absent_excused', 'absentExcused'],
  ['att_absent_unexcused', 'absentUnexcused'],
  ['att_unmarked', 'unmarked'],
  ['att_exempted_present', 'exemptedPresent'],
  ['att_visiting_present', 'temporaryPresent'],
] as const;

/**
 * Tries the fast path. Throws the same refusals as the full path for everything decided by the
 * read (absent or out-of-scope meeting, closed, not on the roster, a wait running); answers the
 * result of a right code, or `null` when the full path must decide.
 */
export async function fastSelfCheckIn(
  db: Executor,
  actor: Actor,
  id: number,
  code: string,
  lockout: CheckinLockout,
  ip: string | undefined,
  now: Date,
): Promise<{ status: string; already: boolean } | null> {
  const [r] = await db.query<ReadRow>(
    `SELECT mt.unit_id, u.path AS unit_path, mt.status, mt.checkin_secret,
            mt.att_present IS NOT NULL AS summarised, a.member_id IS NOT NULL AS on_roster,
            a.status AS att_status, a.category, a.is_official, a.away, ca.streak,
            CASE WHEN ca.locked_until > $3 THEN ca.locked_until END AS locked_until
       FROM meetings mt JOIN org_units u ON u.id = mt.unit_id
       LEFT JOIN attendance a ON a.meeting_id = mt.id AND a.member_id = $2
       LEFT JOIN checkin_attempts ca ON ca.meeting_id = mt.id AND ca.member_id = $2
      WHERE mt.id = $1`,
    [id, actor.memberId ?? 0, now],
    { prepared: 'checkin_read' },
  );
  if (!r || !can(actor, 'meeting.read', r.unit_path)) throw notFound('buổi sinh hoạt');
  if (r.status !== 'in_progress') throw new AppError('CHECKIN_CLOSED');
  if (!actor.memberId || !r.on_roster) throw new AppError('NOT_ON_ROSTER');
  if (r.locked_until) throw checkinLocked(new Date(r.locked_until), lockout);
  // A wrong code is counted (and may start a wait) under the row lock of the full path.
  if (!acceptsCheckinCode(r.checkin_secret, code, now)) return null;
  if (r.att_status && ATTENDED.has(r.att_status)) {
    if ((r.streak ?? 0) > 0)
      await db.query('UPDATE checkin_attempts SET streak = 0 WHERE meeting_id = $1 AND member_id = $2', [
        id,
        actor.memberId,
      ]);
    return { status: r.att_status, already: true };
  }
  if (!r.summarised) return null;
  const entry = { category: r.category!, isOfficial: r.is_official!, away: r.away! };
  const before = summarizeAttendance([{ ...entry, status: r.att_status }]);
  const after = summarizeAttendance([{ ...entry, status: 'present' }]);
  const deltas = COUNTERS.map(([, field]) => after[field] - before[field]);
  const sets = COUNTERS.map(([col], i) => `${col} = ${col} + $${i + 6}::int`).join(', ');
  // Every guard of the read is repeated in the statement: a change since (the secretary marked
  // the member, the meeting ended, a wait began) makes it touch nothing, and the full path decides.
  const [done] = await db.query<{ n: number }>(
    `WITH att AS (
       UPDATE attendance SET status = 'present', reason = NULL, via = 'self', checked_in_at = now(), updated_at = now()
        WHERE meeting_id = $1 AND member_id = $2 AND status IS NOT DISTINCT FROM $3::text
          AND EXISTS (SELECT 1 FROM meetings WHERE id = $1 AND status = 'in_progress')
          AND NOT EXISTS (SELECT 1 FROM checkin_attempts
                           WHERE meeting_id = $1 AND member_id = $2 AND locked_until > $4)
        RETURNING member_id),
     streak AS (
       UPDATE checkin_attempts SET streak = 0
        WHERE meeting_id = $1 AND member_id = $2 AND streak > 0 AND EXISTS (SELECT 1 FROM att)),
     counters AS (
       UPDATE meetings SET ${sets} WHERE id = $1 AND EXISTS (SELECT 1 FROM att)),
     logged AS (
       INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, org_unit_id, org_path, after, ip)
       SELECT $12::int, 'meeting.check_in', 'meeting', $1::text, $5::int,
              (SELECT path FROM org_units WHERE id = $5), jsonb_build_object('memberId', att.member_id), $13
         FROM att)
     SELECT count(*)::int AS n FROM att`,
    [id, actor.memberId, r.att_status, now, r.unit_id, ...deltas, actor.userId, ip ?? null],
    { prepared: 'checkin_write' },
  );
  if (!done?.n) return null;
  return { status: 'present', already: false };
}
