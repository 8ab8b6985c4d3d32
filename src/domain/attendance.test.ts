import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AttendanceEntry, decideVote, summarizeAttendance } from './attendance.js';

const m = (status: AttendanceEntry['status'], extra: Partial<AttendanceEntry> = {}): AttendanceEntry => ({
  category: 'member',
  isOfficial: true,
  away: false,
  status,
  ...extra,
});

describe('attendance base and percent', () => {
  it('counts own members; exempted only when present; temporary members never; away members never', () => {
    const s = summarizeAttendance([
      m('present'),
      m('late'),
      m('left_early'),
      m('absent_excused'),
      m('absent_unexcused'),
      m('present', { isOfficial: false }), // dự bị: counted for attendance, not for votes
      m('absent_excused', { category: 'exempted' }), // miễn sinh hoạt, absent: outside the base
      m('present', { category: 'exempted' }), // miễn sinh hoạt, present: in the base and votes
      m('present', { category: 'temporary_in' }), // sinh hoạt tạm thời here: attends, not counted
      m(null, { away: true }), // own member in temporary membership elsewhere
    ]);
    expect(s).toMatchObject({
      base: 7,
      present: 5,
      late: 1,
      leftEarly: 1,
      absentExcused: 1,
      absentUnexcused: 1,
      exemptedPresent: 1,
      temporaryPresent: 1,
      away: 1,
      votingBase: 6,
      votersPresent: 4,
    });
    expect(s.percent).toBeCloseTo((5 * 100) / 7, 10);
  });

  it('an empty base has no percent rather than a division by zero', () => {
    expect(summarizeAttendance([]).percent).toBeNull();
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
