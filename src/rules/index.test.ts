import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK_ID, pickVersion, rulePackFor } from './index.js';
import { rulePackSchema } from './types.js';

describe('rule packs', () => {
  it('the default pack is valid and carries the Điều lệ numbers (≥3 official members, chi ủy from 9)', () => {
    const pack = rulePackFor([], '2026-01-01');
    expect(rulePackSchema.parse(pack)).toEqual(pack);
    expect(pack.id).toBe(DEFAULT_PACK_ID);
    expect(pack.organisation.minOfficialMembersPerCell).toBe(3);
    expect(pack.organisation.cellCommitteeFromOfficialMembers).toBe(9);
  });

  it('is inherited from the nearest unit that selects a pack, falling back to the default', () => {
    const pack = rulePackFor([{ rulePack: null }, { rulePack: 'no-such-pack' }], '2026-01-01');
    expect(pack.id).toBe(DEFAULT_PACK_ID);
  });

  it('property: adding versions that start after a meeting never changes the version that scores it', () => {
    const day = fc
      .integer({ min: 0, max: 3650 })
      .map((n) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.array(day, { minLength: 1, maxLength: 6 }),
        day,
        fc.array(day, { maxLength: 6 }),
        (existing, meetingDate, later) => {
          const versions = existing.map((d, i) => ({ effectiveFrom: d, version: `v${i}` }));
          const before = pickVersion(versions, meetingDate);
          const added = later
            .filter((d) => d > meetingDate)
            .map((d, i) => ({ effectiveFrom: d, version: `new${i}` }));
          const after = pickVersion([...versions, ...added], meetingDate);
          // Unless the meeting predates every version (then the earliest applies), the choice is stable.
          if (existing.some((d) => d <= meetingDate)) expect(after).toEqual(before);
        },
      ),
    );
  });
});
