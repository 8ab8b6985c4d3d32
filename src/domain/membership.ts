/**
 * A member's standing on a given day, and a cell's member counts on that day, derived from
 * dated periods (DOMAIN.md §3). Pure: the same rules are run in SQL by the members service,
 * and a test checks that both agree.
 *
 * Glossary: chính thức = official; dự bị = probationary; miễn sinh hoạt = exempted;
 * sinh hoạt tạm thời = temporary membership elsewhere; đảng viên 213 = contact member.
 */

export type PeriodKind = 'probationary' | 'official' | 'exempted' | 'temporary_out' | 'contact_213';

export interface Period {
  validFrom: string; // ISO date, inclusive
  validTo: string | null; // ISO date, exclusive; null = open
}

export interface MembershipPeriod extends Period {
  unitId: number;
}

export interface StatusPeriod extends Period {
  kind: PeriodKind;
  /** Host unit (temporary_out) or residential unit (contact_213). */
  unitId: number | null;
}

export interface MemberTimeline {
  memberId: number;
  memberships: MembershipPeriod[];
  periods: StatusPeriod[];
}

export function covers(p: Period, date: string): boolean {
  return p.validFrom <= date && (p.validTo === null || date < p.validTo);
}

export interface MemberStateOnDate {
  memberId: number;
  /** The cell that counts this member on the date (null: not a member of any cell in the tree). */
  homeUnitId: number | null;
  rank: 'probationary' | 'official' | null;
  exempted: boolean;
  /** Host unit while in temporary membership elsewhere (null host = outside the tree). */
  temporaryOut: { hostUnitId: number | null } | null;
  contact213UnitId: number | null;
}

export function memberStateOn(t: MemberTimeline, date: string): MemberStateOnDate {
  const home = t.memberships.find((m) => covers(m, date));
  const active = t.periods.filter((p) => covers(p, date));
  const has = (k: PeriodKind) => active.find((p) => p.kind === k);
  const tmp = has('temporary_out');
  return {
    memberId: t.memberId,
    homeUnitId: home?.unitId ?? null,
    rank: has('official') ? 'official' : has('probationary') ? 'probationary' : null,
    exempted: Boolean(has('exempted')),
    temporaryOut: tmp ? { hostUnitId: tmp.unitId } : null,
    contact213UnitId: has('contact_213')?.unitId ?? null,
  };
}

/**
 * Whether a member is in the statutory voting base (Điều lệ Điều 9; HD 42 as read in DOMAIN.md §4):
 * official members of the cell, less those in temporary membership elsewhere and exempted
 * members who are absent. Probationary members do not vote (Điều lệ Điều 5).
 * `present` matters only for exempted members, who count when they attend.
 */
export function isInVotingBase(s: MemberStateOnDate, present = false): boolean {
  if (s.homeUnitId === null || s.rank !== 'official') return false;
  if (s.temporaryOut) return false;
  if (s.exempted && !present) return false;
  return true;
}

export interface UnitMemberCounts {
  /** Members the cell counts (official + probationary), including exempted and temporarily away. */
  total: number;
  official: number;
  probationary: number;
  exempted: number;
  /** Own members in temporary membership elsewhere (still counted here). */
  temporaryOut: number;
  /** Members of other cells in temporary membership here (not counted here). */
  temporaryIn: number;
  contact213: number;
  /** Voting base on a day without a meeting: official, not away, not exempted. */
  votingBase: number;
}

export function emptyCounts(): UnitMemberCounts {
  return {
    total: 0,
    official: 0,
    probationary: 0,
    exempted: 0,
    temporaryOut: 0,
    temporaryIn: 0,
    contact213: 0,
    votingBase: 0,
  };
}

export function countUnitMembers(
  timelines: readonly MemberTimeline[],
  unitId: number,
  date: string,
): UnitMemberCounts {
  const c = emptyCounts();
  for (const t of timelines) {
    const s = memberStateOn(t, date);
    if (s.homeUnitId === unitId) {
      c.total++;
      if (s.rank === 'official') c.official++;
      if (s.rank === 'probationary') c.probationary++;
      if (s.exempted) c.exempted++;
      if (s.temporaryOut) c.temporaryOut++;
      if (isInVotingBase(s)) c.votingBase++;
    }
    if (s.temporaryOut && s.temporaryOut.hostUnitId === unitId) c.temporaryIn++;
    if (s.contact213UnitId === unitId) c.contact213++;
  }
  return c;
}
