import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HD42_RUBRIC, MERGED_RUBRIC } from '../../rules/rubrics.js';
import { type Evidence, rubricSchema } from './rubric.js';
import { scoreMeeting } from './score.js';

const FACTS = [
  'content_prepared',
  'draft_prepared',
  'committee_meeting_held',
  'members_and_supervisor_notified',
  'documents_on_time',
  'all_agenda_done',
  'praise_criticism_done',
  'minutes_recorded',
  'documents_posted',
  'resolution_passed',
  'minutes_adopted_and_tasks',
  'final_documents_on_time',
];

function evidence(over: Partial<Evidence> = {}): Evidence {
  return {
    kind: 'regular',
    lengthMinutes: 100,
    minMinutes: 90,
    attendancePercent: 95,
    present: 19,
    base: 20,
    unexcused: 0,
    longestExcusedRun: 1,
    speakers: 11,
    previousItems: { achieved: 9, partial: 0, notAchieved: 0, open: 0 },
    facts: Object.fromEntries(FACTS.map((f) => [f, true])),
    ...over,
  };
}
const FULL_JUDGEMENT = {
  regular_content: 10,
  flexibility: 2,
  guiding: 4,
  atmosphere: 3,
  summing_up: 1,
  democratic_centralism: 1,
  self_criticism: 2,
  character: 1,
  members_concerns: 1,
  ideology_time: 1,
};
const item = (s: ReturnType<typeof scoreMeeting>, key: string) => s.items.find((i) => i.key === key)!;

describe('default rubric (HD 42, 100 points, eight criteria)', () => {
  it('is valid and adds up to 100 in eight criteria; the merged variant is 5/5/10/40/5/30/5', () => {
    for (const r of [HD42_RUBRIC, MERGED_RUBRIC]) expect(rubricSchema.parse(r)).toBeTruthy();
    expect(HD42_RUBRIC.criteria.map((c) => c.max)).toEqual([5, 5, 10, 30, 10, 5, 30, 5]);
    expect(MERGED_RUBRIC.criteria.map((c) => c.max)).toEqual([5, 5, 10, 40, 5, 30, 5]);
    for (const r of [HD42_RUBRIC, MERGED_RUBRIC]) {
      for (const c of r.criteria)
        expect(
          c.items.reduce((s, i) => s + i.max, 0),
          c.key,
        ).toBe(c.max);
    }
  });

  it('length: 15 minutes short is 4, 16 minutes short is 3; about half is 2 (HD 42: ≥90 minutes)', () => {
    const at = (len: number) =>
      item(scoreMeeting(HD42_RUBRIC, evidence({ lengthMinutes: len }), {}), 'length');
    expect(at(90).points).toBe(5);
    expect(at(75).points).toBe(4);
    expect(at(74).points).toBe(3);
    expect(at(74).evidence).toBe('74 phút, thiếu 16 phút so với 90 phút');
    expect(at(60).points).toBe(3);
    expect(at(45).points).toBe(2);
    expect(at(44).points).toBe(1);
  });

  it('attendance: 90% is 4, 89,9% is 3; any unexcused absence caps it at 1', () => {
    const at = (p: number, unexcused = 0) =>
      item(scoreMeeting(HD42_RUBRIC, evidence({ attendancePercent: p, unexcused }), {}), 'attendance_rate')
        .points;
    expect(at(90)).toBe(4);
    expect(at(89.9)).toBe(3);
    expect(at(75)).toBe(3);
    expect(at(74.9)).toBe(2);
    expect(at(65)).toBe(2);
    expect(at(64.9)).toBe(1);
    expect(at(100, 1)).toBe(1);
  });

  it('the +1 for no long excused absence: the third in a row still earns it, the fourth does not', () => {
    const at = (run: number) =>
      item(scoreMeeting(HD42_RUBRIC, evidence({ longestExcusedRun: run }), {}), 'no_long_absence').points;
    expect(at(3)).toBe(1);
    expect(at(4)).toBe(0);
  });

  it('speakers: more than 50% is 5, exactly 50% is 4, 40% is 4, 39% is 3, under 30% is 2', () => {
    const at = (speakers: number) =>
      item(scoreMeeting(HD42_RUBRIC, evidence({ speakers, base: 100 }), {}), 'speakers').points;
    expect(at(51)).toBe(5);
    expect(at(50)).toBe(4);
    expect(at(40)).toBe(4);
    expect(at(39)).toBe(3);
    expect(at(30)).toBe(3);
    expect(at(29)).toBe(2);
  });

  it('previous items: 8 of 9 achieved = 88,9% earns 27 of 30, with the evidence written out', () => {
    const s = scoreMeeting(
      HD42_RUBRIC,
      evidence({ previousItems: { achieved: 8, partial: 0, notAchieved: 1, open: 0 } }),
      {},
    );
    expect(item(s, 'previous_items')).toMatchObject({
      points: 27,
      evidence: '8 trên 9 nội dung đạt = 88,9%',
    });
  });

  it('bands: 89,9 is Khá, 90 is Tốt — and Tốt needs full marks on attendance, length, speakers and minutes', () => {
    const combined = (over: Partial<Evidence> = {}) =>
      evidence({ kind: 'combined', minMinutes: 120, lengthMinutes: 125, ...over });
    const all = { ...FULL_JUDGEMENT, thematic_content: 5 };
    const full = scoreMeeting(HD42_RUBRIC, combined(), all);
    expect(full.total).toBe(100);
    expect(full.band.label).toBe('Tốt');
    const ninety = scoreMeeting(HD42_RUBRIC, combined(), { ...all, regular_content: 0 });
    expect(ninety.total).toBe(90);
    expect(ninety.band.label).toBe('Tốt');
    // A scorer may give tenths: 89,9 stays Khá.
    const below = scoreMeeting(HD42_RUBRIC, combined(), { ...all, regular_content: 0, guiding: 3.9 });
    expect(below.total).toBeCloseTo(89.9, 10);
    expect(below.band.label).toBe('Khá');
    // 99 points but the length is 1 point short: Khá, with the reason shown.
    const short = scoreMeeting(HD42_RUBRIC, combined({ lengthMinutes: 110 }), all);
    expect(short.total).toBe(99);
    expect(short.band.label).toBe('Khá');
    expect(short.bandNote).toMatch(/Thời gian, thời lượng/);
    // Measured items alone with every previous item missed: 5+5+10+14+10+5 = 49 → Kém; one more point → Trung bình.
    const weak = combined({ previousItems: { achieved: 0, partial: 0, notAchieved: 9, open: 0 } });
    expect(scoreMeeting(HD42_RUBRIC, weak, {}).total).toBe(49);
    expect(scoreMeeting(HD42_RUBRIC, weak, {}).band.label).toBe('Kém');
    expect(scoreMeeting(HD42_RUBRIC, weak, { regular_content: 1 }).band.label).toBe('Trung bình');
    expect(
      scoreMeeting(HD42_RUBRIC, weak, {
        regular_content: 10,
        guiding: 4,
        atmosphere: 3,
        flexibility: 2,
        thematic_content: 2,
      }).total,
    ).toBe(70);
    expect(
      scoreMeeting(HD42_RUBRIC, weak, {
        regular_content: 10,
        guiding: 4,
        atmosphere: 3,
        flexibility: 2,
        thematic_content: 2,
      }).band.label,
    ).toBe('Khá');
    expect(
      scoreMeeting(HD42_RUBRIC, weak, {
        regular_content: 10,
        guiding: 4,
        atmosphere: 3,
        flexibility: 2,
        thematic_content: 1,
      }).band.label,
    ).toBe('Trung bình');
  });

  it('a month without a thematic meeting: the 5 thematic points do not apply and the score is rescaled to 100', () => {
    const regular = scoreMeeting(HD42_RUBRIC, evidence({ kind: 'regular' }), {
      ...FULL_JUDGEMENT,
      regular_content: 9,
    });
    expect(item(regular, 'thematic_content')).toMatchObject({ applicable: false, points: null });
    expect(regular.applicableMax).toBe(95);
    expect(regular.raw).toBe(94);
    // 94/95 × 100 = 98,9: the score shows the rule that produced it.
    expect(regular.total).toBe(98.9);
    const combined = scoreMeeting(
      HD42_RUBRIC,
      evidence({ kind: 'combined', minMinutes: 120, lengthMinutes: 125 }),
      { ...FULL_JUDGEMENT, thematic_content: 5 },
    );
    expect(combined.applicableMax).toBe(100);
    expect(combined.total).toBe(100);
  });

  it('judgement points missing leave the score incomplete; nothing is back-filled', () => {
    const s = scoreMeeting(HD42_RUBRIC, evidence(), {});
    expect(s.complete).toBe(false);
    expect(item(s, 'guiding')).toMatchObject({ points: null, evidence: 'Chưa chấm' });
  });

  it('property: every item stays within 0..max and the total within 0..100, whatever the evidence and the entries', () => {
    fc.assert(
      fc.property(
        fc.record({
          len: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
          pct: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
          base: fc.integer({ min: 0, max: 80 }),
          speakers: fc.integer({ min: 0, max: 80 }),
          unexcused: fc.integer({ min: 0, max: 5 }),
          run: fc.integer({ min: 0, max: 12 }),
          items: fc.tuple(fc.nat(10), fc.nat(10), fc.nat(10), fc.nat(10)),
          judged: fc.dictionary(
            fc.constantFrom(...Object.keys(FULL_JUDGEMENT), 'thematic_content'),
            fc.integer({ min: -20, max: 50 }),
          ),
          kind: fc.constantFrom('regular', 'thematic', 'combined', 'extraordinary'),
        }),
        (x) => {
          for (const rubric of [HD42_RUBRIC, MERGED_RUBRIC]) {
            const s = scoreMeeting(
              rubric,
              evidence({
                kind: x.kind,
                lengthMinutes: x.len,
                attendancePercent: x.pct,
                base: x.base,
                speakers: Math.min(x.speakers, x.base),
                unexcused: x.unexcused,
                longestExcusedRun: x.run,
                previousItems: {
                  achieved: x.items[0],
                  partial: x.items[1],
                  notAchieved: x.items[2],
                  open: x.items[3],
                },
              }),
              x.judged,
            );
            for (const i of s.items) {
              if (i.points === null) continue;
              expect(i.points).toBeGreaterThanOrEqual(0);
              expect(i.points).toBeLessThanOrEqual(i.max);
            }
            expect(s.total).toBeGreaterThanOrEqual(0);
            expect(s.total).toBeLessThanOrEqual(100);
          }
        },
      ),
    );
  });
});
