/**
 * Attendance and vote rules of a meeting (DOMAIN.md §3–§5), pure. The one rule every count of a
 * meeting comes from: the run panel, the minutes and the resolution, the score evidence, the month
 * status and the alerts all read its summary (stored on the meeting row when attendance changes).
 *
 * - The cell's own members on the day are summoned (triệu tập), except those in temporary
 *   membership elsewhere (they attend their host cell) and those exempted (miễn sinh hoạt): an
 *   exempted member who comes is shown as attending but never enters the attendance base
 *   (HD 12/2018: exempted members are excluded from the attendance criterion).
 *   Members of other cells here on temporary membership attend without counting.
 *   So: own members = summoned + away + exempted, and summoned = present + absent + unmarked.
 * - Voting base: official members summoned, plus exempted official members who attend; absent
 *   exempted members do not count (Điều lệ Điều 9 as read in DOMAIN.md §4: resolutions need more
 *   than half of the official members summoned); probationary members do not vote (Điều lệ Điều 5).
 */
export type AttendanceStatus = 'present' | 'late' | 'left_early' | 'absent_excused' | 'absent_unexcused';
export type AttendanceCategory = 'member' | 'exempted' | 'temporary_in';

export interface AttendanceEntry {
  category: AttendanceCategory;
  isOfficial: boolean;
  /** Own member in temporary membership elsewhere on the meeting day. */
  away: boolean;
  status: AttendanceStatus | null;
}

export const ATTENDED: readonly AttendanceStatus[] = ['present', 'late', 'left_early'];
export const attended = (s: AttendanceStatus | null) => s !== null && ATTENDED.includes(s);

/** Summoned and counted for the attendance rate: an own member, not away, not exempted. */
export function inAttendanceBase(e: AttendanceEntry): boolean {
  return e.category === 'member' && !e.away;
}

export function inVotingBase(e: AttendanceEntry): boolean {
  if (!e.isOfficial) return false;
  if (inAttendanceBase(e)) return true;
  return e.category === 'exempted' && !e.away && attended(e.status);
}

export interface AttendanceSummary {
  /** Own members of the cell on the day (summoned + away + exempted). */
  members: number;
  /** Summoned (triệu tập): the attendance base. */
  base: number;
  present: number;
  late: number;
  leftEarly: number;
  absentExcused: number;
  absentUnexcused: number;
  unmarked: number;
  /** Exempted own members, and those of them who attended (not in the base). */
  exempted: number;
  exemptedPresent: number;
  /** Members of other cells here on temporary membership, and those who attended (not counted). */
  temporaryIn: number;
  temporaryPresent: number;
  /** Own members in temporary membership elsewhere (not summoned here). */
  away: number;
  /** present / base × 100, or null when the base is empty. */
  percent: number | null;
  votingBase: number;
  votersPresent: number;
}

export function summarizeAttendance(entries: readonly AttendanceEntry[]): AttendanceSummary {
  const s: AttendanceSummary = {
    members: 0,
    base: 0,
    present: 0,
    late: 0,
    leftEarly: 0,
    absentExcused: 0,
    absentUnexcused: 0,
    unmarked: 0,
    exempted: 0,
    exemptedPresent: 0,
    temporaryIn: 0,
    temporaryPresent: 0,
    away: 0,
    percent: null,
    votingBase: 0,
    votersPresent: 0,
  };
  for (const e of entries) {
    if (e.category === 'temporary_in') {
      s.temporaryIn++;
      if (attended(e.status)) s.temporaryPresent++;
    } else {
      s.members++;
      if (e.category === 'exempted') {
        s.exempted++;
        if (attended(e.status)) s.exemptedPresent++;
      } else if (e.away) s.away++;
    }
    if (inVotingBase(e)) {
      s.votingBase++;
      if (attended(e.status)) s.votersPresent++;
    }
    if (!inAttendanceBase(e)) continue;
    s.base++;
    if (attended(e.status)) s.present++;
    if (e.status === 'late') s.late++;
    if (e.status === 'left_early') s.leftEarly++;
    if (e.status === 'absent_excused') s.absentExcused++;
    if (e.status === 'absent_unexcused') s.absentUnexcused++;
    if (e.status === null) s.unmarked++;
  }
  s.percent = s.base === 0 ? null : (s.present * 100) / s.base;
  return s;
}

/** Longest run of consecutive excused absences in a member's meetings, in date order (HD 12/2018). */
export function longestExcusedRun(statuses: readonly (AttendanceStatus | null)[]): number {
  let best = 0;
  let current = 0;
  for (const s of statuses) {
    current = s === 'absent_excused' ? current + 1 : 0;
    if (current > best) best = current;
  }
  return best;
}

export interface VoteRule {
  /** 'more_than_half': strictly more than half of the base votes for (Điều lệ Điều 9). */
  threshold: 'more_than_half' | 'at_least_two_thirds';
}

export interface VoteCount {
  for: number;
  against: number;
  abstain: number;
}

export type VoteCheck = { ok: true; passed: boolean; percentFor: number } | { ok: false; message: string };

/**
 * Pass or fail on the statutory base (not on those present): 5 for out of a base of 10 is
 * not "more than half" and fails, even if only 6 were present.
 */
export function decideVote(count: VoteCount, base: number, votersPresent: number, rule: VoteRule): VoteCheck {
  for (const v of [count.for, count.against, count.abstain]) {
    if (!Number.isInteger(v) || v < 0) return { ok: false, message: 'Số phiếu phải là số nguyên không âm.' };
  }
  const total = count.for + count.against + count.abstain;
  if (total > votersPresent) {
    return {
      ok: false,
      message: `Tổng số biểu quyết (${total}) vượt quá số đảng viên chính thức có mặt (${votersPresent}).`,
    };
  }
  if (base === 0)
    return { ok: false, message: 'Chưa có đảng viên chính thức nào trong danh sách biểu quyết.' };
  const passed = rule.threshold === 'more_than_half' ? count.for * 2 > base : count.for * 3 >= base * 2;
  return { ok: true, passed, percentFor: (count.for * 100) / base };
}
