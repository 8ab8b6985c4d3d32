/**
 * Attendance and vote rules of a meeting (DOMAIN.md §4, §5), pure.
 *
 * - Attendance base: the cell's own members, less those in temporary membership elsewhere
 *   (they attend their host cell) and exempted members (miễn sinh hoạt), who count only when
 *   they come (HD 12/2018: exempted members are excluded from the attendance criterion).
 *   Members of other cells here on temporary membership attend without counting.
 * - Voting base: official members of that base (Điều lệ Điều 9: resolutions need more than
 *   half of the official members summoned); probationary members do not vote (Điều lệ Điều 5).
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

export function inAttendanceBase(e: AttendanceEntry): boolean {
  if (e.category === 'temporary_in' || e.away) return false;
  if (e.category === 'exempted') return attended(e.status);
  return true;
}

export function inVotingBase(e: AttendanceEntry): boolean {
  return inAttendanceBase(e) && e.isOfficial;
}

export interface AttendanceSummary {
  base: number;
  present: number;
  late: number;
  leftEarly: number;
  absentExcused: number;
  absentUnexcused: number;
  unmarked: number;
  exemptedPresent: number;
  temporaryPresent: number;
  away: number;
  /** present / base × 100, or null when the base is empty. */
  percent: number | null;
  votingBase: number;
  votersPresent: number;
}

export function summarizeAttendance(entries: readonly AttendanceEntry[]): AttendanceSummary {
  const s: AttendanceSummary = {
    base: 0,
    present: 0,
    late: 0,
    leftEarly: 0,
    absentExcused: 0,
    absentUnexcused: 0,
    unmarked: 0,
    exemptedPresent: 0,
    temporaryPresent: 0,
    away: 0,
    percent: null,
    votingBase: 0,
    votersPresent: 0,
  };
  for (const e of entries) {
    if (e.away) s.away++;
    if (e.category === 'temporary_in' && attended(e.status)) s.temporaryPresent++;
    if (e.category === 'exempted' && attended(e.status)) s.exemptedPresent++;
    if (!inAttendanceBase(e)) continue;
    s.base++;
    if (attended(e.status)) s.present++;
    if (e.status === 'late') s.late++;
    if (e.status === 'left_early') s.leftEarly++;
    if (e.status === 'absent_excused') s.absentExcused++;
    if (e.status === 'absent_unexcused') s.absentUnexcused++;
    if (e.status === null) s.unmarked++;
    if (inVotingBase(e)) {
      s.votingBase++;
      if (attended(e.status)) s.votersPresent++;
    }
  }
  s.percent = s.base === 0 ? null : (s.present * 100) / s.base;
  return s;
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
