import { describe, expect, it } from 'vitest';
import type { Candidate } from './check.js';
import { hiddenCollisions } from './refusals.js';

const person = (id: number, over: Partial<Candidate>): Candidate => ({
  id,
  fullName: `Người ${id}`,
  cellId: 1,
  visible: false,
  manageable: false,
  ...over,
});

describe('hidden collisions of an import lookup', () => {
  const keys = {
    cards: ['79000001', '79000002'],
    ids: ['001190000001', '001190000002'],
    names: [],
    births: [],
  };

  it('takes the numbers of the file held by members the importer may not see, each once', () => {
    const found = [
      person(1, { cardNumber: '79000001', nationalId: '001190000001' }),
      // The same member twice (found by card and by CCCD): its numbers still count once.
      person(1, { cardNumber: '79000001', nationalId: '001190000001' }),
      // Found by name and birth date only: none of its numbers was typed.
      person(3, { cardNumber: '79000099', nationalId: '001190000099' }),
      // A holder the importer may see is named in the row's error, not a hidden refusal.
      person(4, { nationalId: '001190000002', visible: true, manageable: true }),
    ];
    expect(hiddenCollisions(keys, found)).toEqual([
      { field: 'cardNumber', value: '79000001' },
      { field: 'nationalId', value: '001190000001' },
    ]);
  });

  it('finds none for the CLI operator, who sees everyone', () => {
    expect(hiddenCollisions(keys, [person(1, { cardNumber: '79000002', visible: true })])).toEqual([]);
  });
});
