import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK_ID, rulePackFor } from './index.js';
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
});
