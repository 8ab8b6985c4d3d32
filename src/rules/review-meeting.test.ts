import { describe, expect, it } from 'vitest';
import { HD42_2025 } from './hd42-2025.js';
import { REVIEW_AGENDA, REVIEW_MIN_DURATION_MINUTES } from './review-meeting.js';
import { rulePackSchema } from './types.js';

describe('meeting kind review in the rule pack', () => {
  it('a pack stored before the kind existed still parses, with the review defaults', () => {
    const stored = structuredClone(HD42_2025) as unknown as {
      meetings: { minDurationMinutes: Record<string, number>; agenda: Record<string, unknown> };
    };
    delete stored.meetings.minDurationMinutes.review;
    delete stored.meetings.agenda.review;
    const pack = rulePackSchema.parse(stored);
    expect(pack.meetings.minDurationMinutes.review).toBe(REVIEW_MIN_DURATION_MINUTES);
    expect(pack.meetings.agenda.review.map((i) => i.title)).toEqual(REVIEW_AGENDA.map((i) => i.title));
    expect(pack.meetings.minDurationMinutes.regular).toBe(90);
  });

  it('a pack that sets its own review entries keeps them', () => {
    const own = structuredClone(HD42_2025);
    own.meetings.minDurationMinutes.review = 150;
    expect(rulePackSchema.parse(own).meetings.minDurationMinutes.review).toBe(150);
  });
});
