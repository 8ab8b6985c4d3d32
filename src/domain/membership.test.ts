import { describe, expect, it } from 'vitest';
import { countUnitMembers, isInVotingBase, type MemberTimeline, memberStateOn } from './membership.js';

const CELL = 1;
const OTHER = 2;

function member(id: number, extra: Partial<MemberTimeline> = {}): MemberTimeline {
  return {
    memberId: id,
    memberships: [{ unitId: CELL, validFrom: '2000-01-01', validTo: null }],
    periods: [{ kind: 'official', unitId: null, validFrom: '2001-01-01', validTo: null }],
    ...extra,
  };
}

describe('member state and counts on a date', () => {
  const probationary = member(2, {
    periods: [
      { kind: 'probationary', unitId: null, validFrom: '2026-03-01', validTo: '2027-03-01' },
      { kind: 'official', unitId: null, validFrom: '2027-03-01', validTo: null },
    ],
  });
  const exempted = member(3, {
    periods: [
      { kind: 'official', unitId: null, validFrom: '1980-01-01', validTo: null },
      { kind: 'exempted', unitId: null, validFrom: '2024-06-01', validTo: null },
    ],
  });
  const awayToOther = member(4, {
    periods: [
      { kind: 'official', unitId: null, validFrom: '2001-01-01', validTo: null },
      { kind: 'temporary_out', unitId: OTHER, validFrom: '2026-09-01', validTo: '2027-03-01' },
    ],
  });
  const guestFromOther = member(5, {
    memberships: [{ unitId: OTHER, validFrom: '2000-01-01', validTo: null }],
    periods: [
      { kind: 'official', unitId: null, validFrom: '2001-01-01', validTo: null },
      { kind: 'temporary_out', unitId: CELL, validFrom: '2026-01-01', validTo: '2026-12-31' },
    ],
  });
  const contact = member(6, {
    memberships: [],
    periods: [{ kind: 'contact_213', unitId: CELL, validFrom: '2025-01-01', validTo: null }],
  });
  const transferredAway = member(7, {
    memberships: [
      { unitId: CELL, validFrom: '2000-01-01', validTo: '2026-05-01' },
      { unitId: OTHER, validFrom: '2026-05-01', validTo: null },
    ],
  });
  const all = [member(1), probationary, exempted, awayToOther, guestFromOther, contact, transferredAway];

  it('counts each status on 21/11/2026', () => {
    expect(countUnitMembers(all, CELL, '2026-11-21')).toEqual({
      total: 4, // 1, 2 (dự bị), 3 (miễn), 4 (tạm thời đi) — not 5 (guest), 6 (213), 7 (moved)
      official: 3,
      probationary: 1,
      exempted: 1,
      temporaryOut: 1,
      temporaryIn: 1,
      contact213: 1,
      // Voting base: official, not temporarily away, not exempted → only member 1.
      votingBase: 1,
    });
  });

  it('counts as of an earlier date: before the transfer and the temporary membership', () => {
    const c = countUnitMembers(all, CELL, '2026-04-30');
    expect(c.total).toBe(5); // 1, 2, 3, 4 (not yet away), 7 (not yet moved)
    expect(c.temporaryOut).toBe(0);
    expect(c.votingBase).toBe(3); // 1, 4, 7
    expect(countUnitMembers(all, OTHER, '2026-04-30').total).toBe(1);
    expect(countUnitMembers(all, OTHER, '2026-05-01').total).toBe(2);
  });

  it('treats valid_to as exclusive: the probation ends the day the official period begins', () => {
    expect(memberStateOn(probationary, '2027-02-28').rank).toBe('probationary');
    expect(memberStateOn(probationary, '2027-03-01').rank).toBe('official');
  });

  it('Điều lệ Điều 5/9: probationary members never vote; an exempted member votes only when present', () => {
    expect(isInVotingBase(memberStateOn(probationary, '2026-11-21'), true)).toBe(false);
    expect(isInVotingBase(memberStateOn(exempted, '2026-11-21'), false)).toBe(false);
    expect(isInVotingBase(memberStateOn(exempted, '2026-11-21'), true)).toBe(true);
    // A member in temporary membership elsewhere is outside the base even if present.
    expect(isInVotingBase(memberStateOn(awayToOther, '2026-11-21'), true)).toBe(false);
  });
});
