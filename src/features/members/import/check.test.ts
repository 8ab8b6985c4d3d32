/**
 * The lookup asks for members by card, CCCD, or (name, birth date) pairs instead of by name
 * alone (ADR 018): a province registry holds hundreds of people of each common name. The plan
 * must be exactly the one the by-name lookup gave, whatever the chunking.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookupKeys } from './check.js';
import { type ExistingMember, planImport } from './plan.js';
import type { MemberRow } from './validate.js';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const pick = <T>(xs: T[]) => fc.constantFrom(...xs);
const NAMES = ['Nguyễn Văn An', 'NGUYỄN VĂN AN', 'Nguyễn văn An', 'Trần Thị Bình', 'Lê Thị Ân'];
const BIRTHS = ['1970-01-15', '1980-05-20', '1990-09-02'];
const CARDS = ['10000001', '10000002', '10000003'];
const IDS = ['001070000001', '001070000002', '001070000003'];

const registryArb = fc
  .array(
    fc.record({
      fullName: pick(NAMES),
      birthDate: fc.option(pick(BIRTHS), { nil: null }),
      cardNumber: fc.option(pick(CARDS), { nil: null }),
      nationalId: fc.option(pick(IDS), { nil: null }),
      cellId: pick([1, 2]),
    }),
    { maxLength: 10 },
  )
  .map((ms) => {
    // Identifiers are unique in the members table.
    const cards = new Set<string>();
    const ids = new Set<string>();
    return ms.map((m, i): ExistingMember => {
      const cardNumber = m.cardNumber && !cards.has(m.cardNumber) ? m.cardNumber : null;
      const nationalId = m.nationalId && !ids.has(m.nationalId) ? m.nationalId : null;
      if (cardNumber) cards.add(cardNumber);
      if (nationalId) ids.add(nationalId);
      return { ...m, cardNumber, nationalId, id: 1 + i };
    });
  });

const rowsArb = fc
  .array(
    fc.record({
      fullName: pick(NAMES),
      birthDate: maybe(pick(BIRTHS)),
      cardNumber: maybe(pick(CARDS)),
      nationalId: maybe(pick(IDS)),
      cellId: pick([1, 2]),
    }),
    { maxLength: 8 },
  )
  .map((rs) => rs.map((r, i): MemberRow => ({ ...r, rowNumber: i + 2 })));

/** What the SQL of each lookup returns (exact comparisons, as PostgreSQL makes them). */
function lookedUp(registry: ExistingMember[], rows: MemberRow[], chunk: number): ExistingMember[] {
  const found = new Map<number, ExistingMember>();
  for (const k of lookupKeys(rows, chunk)) {
    for (const m of registry) {
      const byPair = k.names.some((n, i) => n === m.fullName && k.births[i] === m.birthDate);
      if (k.cards.includes(m.cardNumber ?? '') || k.ids.includes(m.nationalId ?? '') || byPair)
        found.set(m.id, m);
    }
  }
  return [...found.values()].sort((a, b) => a.id - b.id);
}

describe('lookup keys', () => {
  it('plan exactly as a lookup by name alone did, in chunks of any size', () => {
    fc.assert(
      fc.property(registryArb, rowsArb, fc.integer({ min: 1, max: 4 }), (registry, rows, chunk) => {
        const names = new Set(rows.map((r) => r.fullName));
        const cards = new Set(rows.flatMap((r) => (r.cardNumber ? [r.cardNumber] : [])));
        const ids = new Set(rows.flatMap((r) => (r.nationalId ? [r.nationalId] : [])));
        const byName = registry.filter(
          (m) => names.has(m.fullName) || cards.has(m.cardNumber ?? '') || ids.has(m.nationalId ?? ''),
        );
        expect(planImport(lookedUp(registry, rows, chunk), rows)).toEqual(planImport(byName, rows));
      }),
      { numRuns: 3000 },
    );
  });

  it('asks for each identifier and each (name, birth date) pair once', () => {
    const rows: MemberRow[] = [
      { rowNumber: 2, fullName: 'Nguyễn Văn An', birthDate: '1970-01-15', cardNumber: '10000001', cellId: 1 },
      { rowNumber: 3, fullName: 'NGUYỄN VĂN AN', birthDate: '1980-05-20', cellId: 1 },
      { rowNumber: 4, fullName: 'Nguyễn Văn An', birthDate: '1970-01-15', cardNumber: '10000001', cellId: 1 },
      { rowNumber: 5, fullName: 'Trần Thị Bình', cellId: 1, nationalId: '001070000002' },
    ];
    const keys = lookupKeys(rows, 10);
    expect(keys).toHaveLength(1);
    expect(keys[0]!.cards).toEqual(['10000001']);
    expect(keys[0]!.ids).toEqual(['001070000002']);
    // Each spelling of the name, with the birth dates of every row that name matches in planning.
    expect(keys[0]!.names.map((n, i) => `${n} ${keys[0]!.births[i]}`).sort()).toEqual([
      'NGUYỄN VĂN AN 1970-01-15',
      'NGUYỄN VĂN AN 1980-05-20',
      'Nguyễn Văn An 1970-01-15',
      'Nguyễn Văn An 1980-05-20',
    ]);
  });
});
