import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AttendanceEntry, decideVote, longestExcusedRun, summarizeAttendance } from './attendance.js';

const m = (status: AttendanceEntry['status'], extra: Partial<AttendanceEntry> = {}): AttendanceEntry => ({
  category: 'member',
  isOfficial: true,
  away: false,
  status,
  ...extra,
});

describe('attendance base and percent (one rule for the run panel, the minutes, the score and the alerts)', () => {
  it('summons own members not away and not exempted; an exempted member who comes attends outside the base', () => {
    const s = summarizeAttendance([
      m('present'),
      m('late'),
      m('left_early'),
      m('absent_excused'),
      m('absent_unexcused'),
      m('present', { isOfficial: false }), // dự bị: summoned and counted, does not vote
      m('absent_excused', { category: 'exempted' }), // miễn sinh hoạt, absent: not summoned, no vote
      m('present', { category: 'exempted' }), // miễn sinh hoạt, present: attends, votes, not in the rate
      m('present', { category: 'temporary_in' }), // sinh hoạt tạm thời here: attends, not counted
      m(null, { away: true }), // own member in temporary membership elsewhere
    ]);
    expect(s).toMatchObject({
      members: 9,
      base: 6,
      present: 4,
      late: 1,
      leftEarly: 1,
      absentExcused: 1,
      absentUnexcused: 1,
      unmarked: 0,
      exempted: 2,
      exemptedPresent: 1,
      temporaryIn: 1,
      temporaryPresent: 1,
      away: 1,
      votingBase: 6,
      votersPresent: 4,
    });
    expect(s.percent).toBeCloseTo((4 * 100) / 6, 10);
  });

  it('an empty base has no percent rather than a division by zero', () => {
    expect(summarizeAttendance([]).percent).toBeNull();
  });

  const entry = fc.record({
    category: fc.constantFrom('member', 'exempted', 'temporary_in') as fc.Arbitrary<
      AttendanceEntry['category']
    >,
    isOfficial: fc.boolean(),
    away: fc.boolean(),
    status: fc.constantFrom(
      null,
      'present',
      'late',
      'left_early',
      'absent_excused',
      'absent_unexcused',
    ) as fc.Arbitrary<AttendanceEntry['status']>,
  });

  it('property: the counts add up — members = summoned + away + exempted; summoned = present + absent + unmarked', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (entries) => {
        const s = summarizeAttendance(entries);
        expect(s.members + s.temporaryIn).toBe(entries.length);
        expect(s.members).toBe(s.base + s.away + s.exempted);
        expect(s.base).toBe(s.present + s.absentExcused + s.absentUnexcused + s.unmarked);
        expect(s.present).toBeGreaterThanOrEqual(s.late + s.leftEarly);
        expect(s.votersPresent).toBeLessThanOrEqual(s.votingBase);
        expect(s.votingBase).toBeLessThanOrEqual(s.base + s.exemptedPresent);
      }),
    );
  });

  it('property: an exempted member who attends never changes the attendance rate', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), fc.boolean(), (entries, official) => {
        const without = summarizeAttendance(entries);
        const withExempted = summarizeAttendance([
          ...entries,
          { category: 'exempted', isOfficial: official, away: false, status: 'present' },
        ]);
        expect(withExempted.base).toBe(without.base);
        expect(withExempted.percent).toBe(without.percent);
        expect(withExempted.exemptedPresent).toBe(without.exemptedPresent + 1);
      }),
    );
  });
});

describe('longest run of excused absences (HD 12/2018: more than 3 in a row in the year)', () => {
  it('is the longest run anywhere in the year, not only the trailing one', () => {
    const E = 'absent_excused' as const;
    expect(longestExcusedRun([E, E, E, E, 'present', E])).toBe(4);
    expect(longestExcusedRun(['present', E, 'absent_unexcused', E, E])).toBe(2);
    expect(longestExcusedRun([])).toBe(0);
  });
});

describe('votes on the statutory base (Điều lệ Điều 9: more than half)', () => {
  const rule = { threshold: 'more_than_half' as const };

  it('exactly half of the base fails; one more passes', () => {
    expect(decideVote({ for: 5, against: 0, abstain: 0 }, 10, 10, rule)).toMatchObject({
      ok: true,
      passed: false,
    });
    expect(decideVote({ for: 6, against: 0, abstain: 0 }, 10, 10, rule)).toMatchObject({
      ok: true,
      passed: true,
      percentFor: 60,
    });
  });

  it('is decided on the base, not on those present: 5 of 6 present but base 10 fails', () => {
    expect(decideVote({ for: 5, against: 1, abstain: 0 }, 10, 6, rule)).toMatchObject({
      ok: true,
      passed: false,
    });
  });

  it('an odd base: 4 of 7 passes, 3 of 7 fails', () => {
    expect(decideVote({ for: 4, against: 3, abstain: 0 }, 7, 7, rule)).toMatchObject({ passed: true });
    expect(decideVote({ for: 3, against: 0, abstain: 4 }, 7, 7, rule)).toMatchObject({ passed: false });
  });

  it('refuses more votes than official members present, with a Vietnamese message', () => {
    const r = decideVote({ for: 6, against: 1, abstain: 0 }, 10, 6, rule);
    expect(r).toEqual({
      ok: false,
      message: 'Tổng số biểu quyết (7) vượt quá số đảng viên chính thức có mặt (6).',
    });
  });

  it('two-thirds rule, where a pack asks for it', () => {
    expect(
      decideVote({ for: 6, against: 0, abstain: 0 }, 9, 9, { threshold: 'at_least_two_thirds' }),
    ).toMatchObject({ passed: true });
    expect(
      decideVote({ for: 5, against: 0, abstain: 0 }, 9, 9, { threshold: 'at_least_two_thirds' }),
    ).toMatchObject({ passed: false });
  });

  it('property: passing never depends on how the non-for votes split', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(60), fc.nat(60), (base, f, rest) => {
        const present = base;
        if (f + rest > present) return;
        const a = decideVote({ for: f, against: rest, abstain: 0 }, base, present, rule);
        const b = decideVote({ for: f, against: 0, abstain: rest }, base, present, rule);
        expect(a).toEqual(b);
        if (a.ok) expect(a.passed).toBe(f > base / 2);
      }),
    );
  });
});
