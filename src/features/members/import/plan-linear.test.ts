/**
 * The planner matches through indexes (ADR 018) instead of scanning everyone for each row; it
 * must answer exactly what the scanning planner answered, conflicts and messages included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referencePlanImport } from '../../../../test/support/plan-reference.js';
import { type ExistingMember, planImport } from './plan.js';
import type { MemberRow } from './validate.js';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const pick = <T>(xs: T[]) => fc.constantFrom(...xs);

// Small pools, so that rows and members collide on every key in every combination.
const NAMES = ['Nguyễn Văn An', 'NGUYỄN VĂN AN', 'Nguyen Van An', 'Trần Thị Bình', 'Lê Thị Ân', 'Le Thi An'];
const BIRTHS = ['1970-01-15', '1980-05-20', '1990-09-02'];
const CARDS = ['10000001', '10000002', '10000003', '10000004'];
const IDS = ['001070000001', '001070000002', '001070000003', '001070000004'];

const existingArb = fc
  .uniqueArray(
    fc.record({
      fullName: pick(NAMES),
      birthDate: fc.option(pick(BIRTHS), { nil: null }),
      cardNumber: fc.option(pick(CARDS), { nil: null }),
      nationalId: fc.option(pick(IDS), { nil: null }),
      phone: maybe(pick(['0912345678', '0987654321'])),
      cellId: pick([1, 2]),
      cellName: maybe(pick(['Chi bộ 1', 'Chi bộ 2'])),
      visible: maybe(fc.boolean()),
    }),
    {
      maxLength: 6,
      // Identifiers are unique in the members table.
      selector: (m) => m.cardNumber ?? `no-card-${Math.random()}`,
    },
  )
  .map((ms) => {
    const seenIds = new Set<string>();
    return ms.map((m, i): ExistingMember => {
      const nationalId = m.nationalId && !seenIds.has(m.nationalId) ? m.nationalId : null;
      if (nationalId) seenIds.add(nationalId);
      return { ...m, nationalId, id: 10 + i };
    });
  });

const rowArb = fc.record({
  fullName: pick(NAMES),
  birthDate: maybe(pick(BIRTHS)),
  cardNumber: maybe(pick(CARDS)),
  nationalId: maybe(pick(IDS)),
  phone: maybe(pick(['0912345678', '0987654321'])),
  cellId: pick([1, 2]),
  cellFromDefault: maybe(fc.constant(true as const)),
});

// Rows straight from a caller that skipped validation: repeated identifiers included.
const rowsArb = fc
  .array(rowArb, { maxLength: 8 })
  .map((rs) => rs.map((r, i): MemberRow => ({ ...r, rowNumber: i + 2 })));

describe('planImport through indexes', () => {
  it('plans exactly as the scanning planner did, on any members and rows', () => {
    fc.assert(
      fc.property(existingArb, rowsArb, (existing, rows) => {
        expect(planImport(existing, rows)).toEqual(referencePlanImport(existing, rows));
      }),
      { numRuns: 2000 },
    );
  });

  it('plans a second import of the applied plan as the scanning planner did', () => {
    fc.assert(
      fc.property(existingArb, rowsArb, (existing, rows) => {
        const plan = planImport(existing, rows);
        const applied = existing.map((m) => ({ ...m }));
        for (const u of plan.update) {
          const m = applied.find((x) => x.id === u.id)!;
          for (const [f, c] of Object.entries(u.changes)) Object.assign(m, { [f]: c.to });
        }
        plan.create.forEach((r, i) => {
          const { rowNumber: _r, cellFromDefault: _d, ...values } = r;
          applied.push({ ...values, id: 100 + i });
        });
        expect(planImport(applied, rows)).toEqual(referencePlanImport(applied, rows));
      }),
      { numRuns: 1000 },
    );
  });
});
