import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looseKey } from './fields.js';
import { type ExistingMember, type ImportPlan, PLANNED_FIELDS, planImport } from './plan.js';
import type { MemberRow } from './validate.js';

const an: ExistingMember = {
  id: 1,
  fullName: 'Nguyễn Văn An',
  birthDate: '1970-01-15',
  gender: 'nam',
  admissionDate: '1995-02-03',
  officialDate: '1996-02-03',
  cardNumber: '10000001',
  nationalId: '001070000001',
  phone: '0912345678',
  ethnicity: null,
  hometown: undefined,
  address: 'Số 5 Lê Lợi',
  email: null,
  notes: null,
  cellId: 1,
};
const binh: ExistingMember = {
  id: 2,
  fullName: 'Trần Thị Bình',
  birthDate: '1980-05-20',
  gender: 'nu',
  cardNumber: '10000002',
  nationalId: '079180000002',
  cellId: 1,
};

const row = (r: Partial<MemberRow>): MemberRow => ({
  rowNumber: 2,
  fullName: 'Nguyễn Văn An',
  cellId: 1,
  ...r,
});

/** What the database layer does with a plan, reduced to arrays. */
function applyPlan(existing: ExistingMember[], plan: ImportPlan): ExistingMember[] {
  const out = existing.map((m) => ({ ...m }));
  for (const u of plan.update) {
    const m = out.find((x) => x.id === u.id)!;
    for (const [field, change] of Object.entries(u.changes)) Object.assign(m, { [field]: change.to });
  }
  let nextId = Math.max(0, ...existing.map((m) => m.id)) + 1;
  for (const r of plan.create) {
    const { rowNumber: _row, cellFromDefault: _default, ...values } = r;
    out.push({ ...values, id: nextId++ });
  }
  return out;
}

describe('planImport matching', () => {
  it('matches by card number and reports only the fields that differ', () => {
    const plan = planImport(
      [an, binh],
      [row({ cardNumber: '10000001', phone: '0987654321', ethnicity: 'Kinh' })],
    );
    expect(plan).toEqual({
      create: [],
      update: [
        {
          id: 1,
          rowNumber: 2,
          changes: { phone: { from: '0912345678', to: '0987654321' }, ethnicity: { from: null, to: 'Kinh' } },
        },
      ],
      unchanged: [],
      conflicts: [],
    });
  });

  it('matches by CCCD when the row has no card number', () => {
    const plan = planImport([an, binh], [row({ fullName: 'Trần Thị Bình', nationalId: '079180000002' })]);
    expect(plan.unchanged).toEqual([{ id: 2, rowNumber: 2 }]);
  });

  it('matches by exact name and birth date, in any case, when identifiers match nobody', () => {
    const plan = planImport([an], [row({ fullName: 'NGUYỄN VĂN AN', birthDate: '1970-01-15' })]);
    expect(plan.update).toEqual([
      { id: 1, rowNumber: 2, changes: { fullName: { from: 'Nguyễn Văn An', to: 'NGUYỄN VĂN AN' } } },
    ]);
    expect(planImport([an], [row({ birthDate: '1970-01-16' })]).create).toHaveLength(1);
  });

  it('refuses a row with only a name: a second import could not find it and would add a twin', () => {
    const plan = planImport([], [row({ fullName: 'Nguyễn Văn An' })]);
    expect(plan.create).toEqual([]);
    expect(plan.conflicts).toEqual([
      {
        row: 2,
        column: 'Ngày sinh',
        field: 'birthDate',
        message:
          'Không nhận diện được đảng viên chỉ bằng họ tên: cần thêm ngày sinh, số thẻ đảng viên hoặc số CCCD.',
      },
    ]);
  });

  it('creates a row that matches nobody', () => {
    const r = row({ fullName: 'Lê Văn Cường', cardNumber: '10000003' });
    expect(planImport([an, binh], [r])).toEqual({ create: [r], update: [], unchanged: [], conflicts: [] });
  });

  it('never erases a stored value with an empty cell', () => {
    const thin = row({ cardNumber: '10000001' });
    expect(planImport([an], [thin])).toEqual({
      create: [],
      update: [],
      unchanged: [{ id: 1, rowNumber: 2 }],
      conflicts: [],
    });
  });

  it('moves a member to the cell named in the file, but not to the default cell', () => {
    expect(planImport([an], [row({ cardNumber: '10000001', cellId: 2 })]).update[0]?.changes).toEqual({
      cellId: { from: 1, to: 2 },
    });
    expect(
      planImport([an], [row({ cardNumber: '10000001', cellId: 2, cellFromDefault: true })]).unchanged,
    ).toEqual([{ id: 1, rowNumber: 2 }]);
  });

  it('treats NFD and extra spaces in stored values as equal to the NFC file value', () => {
    const stored = { ...an, address: '  Số 5   Lê Lợi'.normalize('NFD') };
    expect(
      planImport([stored], [row({ cardNumber: '10000001', address: 'Số 5 Lê Lợi' })]).unchanged,
    ).toHaveLength(1);
  });
});

describe('planImport conflicts', () => {
  it('stops a row whose card is one member and whose CCCD is another, naming both', () => {
    const plan = planImport(
      [an, binh],
      [row({ rowNumber: 7, cardNumber: '10000001', nationalId: '079180000002' })],
    );
    expect(plan.create).toEqual([]);
    expect(plan.update).toEqual([]);
    expect(plan.conflicts).toEqual([
      {
        row: 7,
        column: 'Số CCCD',
        field: 'nationalId',
        value: '079180000002',
        message:
          'Số thẻ đảng viên 10000001 là của đảng viên Nguyễn Văn An (sinh ngày 15/01/1970, mã 1), nhưng số CCCD ' +
          '079180000002 là của đảng viên Trần Thị Bình (sinh ngày 20/05/1980, mã 2); hãy kiểm tra lại dòng này.',
      },
    ]);
  });

  it('does not overwrite a stored CCCD with a different one', () => {
    const plan = planImport([an], [row({ cardNumber: '10000001', nationalId: '001070000009' })]);
    expect(plan.update).toEqual([]);
    expect(plan.conflicts.map((c) => [c.field, c.value])).toEqual([['nationalId', '001070000009']]);
    expect(plan.conflicts[0]?.message).toMatch(/001070000001/);
  });

  it('fills in a CCCD the stored member lacks', () => {
    const noId = { ...an, nationalId: null };
    expect(planImport([noId], [row({ cardNumber: '10000001', nationalId: '001070000001' })]).update).toEqual([
      { id: 1, rowNumber: 2, changes: { nationalId: { from: null, to: '001070000001' } } },
    ]);
  });

  it('does not take a same-name, same-birthday member whose card differs', () => {
    const plan = planImport([an], [row({ birthDate: '1970-01-15', cardNumber: '10000009' })]);
    expect(plan.create).toEqual([]);
    expect(plan.conflicts.map((c) => c.field)).toEqual(['cardNumber']);
  });

  it('refuses to pick between two members with the same name and birth date', () => {
    const twin = { ...an, id: 5, cardNumber: '10000005', nationalId: '001070000005' };
    const plan = planImport([an, twin], [row({ birthDate: '1970-01-15' })]);
    expect(plan.conflicts[0]?.message).toMatch(/^Có 2 đảng viên cùng họ tên và ngày sinh/);
  });

  it('lets only the first of two rows for the same member through', () => {
    const plan = planImport(
      [an],
      [row({ rowNumber: 3, cardNumber: '10000001' }), row({ rowNumber: 4, birthDate: '1970-01-15' })],
    );
    expect(plan.unchanged).toEqual([{ id: 1, rowNumber: 3 }]);
    expect(plan.conflicts.map((c) => [c.row, c.message])).toEqual([
      [
        4,
        'Dòng này và dòng 3 cùng chỉ đảng viên Nguyễn Văn An (sinh ngày 15/01/1970, mã 1); mỗi đảng viên chỉ được có một dòng.',
      ],
    ]);
  });

  it('does not create two members from two rows with the same new card number', () => {
    const plan = planImport(
      [],
      [
        row({ rowNumber: 3, cardNumber: '20000001' }),
        row({ rowNumber: 4, fullName: 'Lê Văn B', cardNumber: '20000001' }),
      ],
    );
    expect(plan.create.map((r) => r.rowNumber)).toEqual([3]);
    expect(plan.conflicts).toEqual([
      {
        row: 4,
        column: 'Số thẻ đảng viên',
        field: 'cardNumber',
        value: '20000001',
        message: "Số thẻ đảng viên '20000001' trùng với dòng 3: mỗi đảng viên chỉ được có một dòng.",
      },
    ]);
  });

  it('lets a row named by card win over an earlier name-only row, whatever the order', () => {
    const nameOnly = row({ rowNumber: 3, birthDate: '1970-01-15' });
    const byCard = row({ rowNumber: 4, cardNumber: '10000001', phone: '0900000000' });
    const plan = planImport([an], [nameOnly, byCard]);
    expect(plan.update.map((u) => u.rowNumber)).toEqual([4]);
    expect(plan.conflicts.map((c) => c.row)).toEqual([3]);
  });
});

// ---------------------------------------------------------------------------------------------
// Idempotence: importing the same rows again after applying the plan changes nothing.

const NAMES = ['Nguyễn Văn An', 'NGUYỄN VĂN AN', 'Trần Thị Bình', 'Lê Văn Cường'];
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const pick = <T>(xs: T[]) => fc.constantFrom(...xs);

const memberRowArb = fc.record({
  fullName: pick(NAMES),
  birthDate: maybe(pick(['1970-01-15', '1980-05-20'])),
  gender: maybe(pick(['nam', 'nu'] as const)),
  cardNumber: maybe(pick(['10000001', '10000002', '10000003', '10000004'])),
  nationalId: maybe(pick(['001070000001', '001070000002', '001070000003'])),
  phone: maybe(pick(['0912345678', '0987654321'])),
  address: maybe(pick(['Số 1 Lê Lợi', 'Số 2 Hàm Nghi'])),
  admissionDate: maybe(pick(['1995-02-03', '2000-01-01'])),
  cellId: pick([1, 2]),
  cellFromDefault: maybe(fc.constant(true as const)),
});

/** Rows as `validateRows` hands them over: card numbers and CCCDs unique within the file. */
const rowsArb = fc
  .array(memberRowArb, { maxLength: 8 })
  .map((rs) => rs.map((r, i): MemberRow => ({ ...r, rowNumber: i + 2 })))
  .map((rs) => {
    const seen = new Set<string>();
    return rs.map((r) => {
      const out = { ...r };
      for (const f of ['cardNumber', 'nationalId'] as const) {
        const v = out[f];
        if (v && seen.has(`${f}:${v}`)) delete out[f];
        else if (v) seen.add(`${f}:${v}`);
      }
      return out;
    });
  });

/** Any rows at all, duplicates included, as a caller skipping validation might pass. */
const anyRowsArb = fc
  .array(memberRowArb, { maxLength: 8 })
  .map((rs) => rs.map((r, i): MemberRow => ({ ...r, rowNumber: i + 2 })));

const existingArb = fc
  .array(
    fc.record({
      fullName: pick(NAMES),
      birthDate: fc.option(pick(['1970-01-15', '1980-05-20']), { nil: null }),
      cardNumber: fc.option(pick(['10000001', '10000002', '10000005']), { nil: null }),
      nationalId: fc.option(pick(['001070000001', '001070000002', '001070000005']), { nil: null }),
      phone: fc.option(pick(['0912345678']), { nil: undefined }),
      cellId: pick([1, 2]),
    }),
    { maxLength: 5 },
  )
  // The database keeps card numbers and CCCDs unique; so do the generated members.
  .map((ms) => {
    const seen = new Set<string>();
    return ms.map((m, i): ExistingMember => {
      const out: ExistingMember = { ...m, id: i + 1 };
      for (const f of ['cardNumber', 'nationalId'] as const) {
        const v = out[f];
        if (v && seen.has(`${f}:${v}`)) out[f] = null;
        else if (v) seen.add(`${f}:${v}`);
      }
      return out;
    });
  });

function assertUniqueIdentifiers(members: ExistingMember[]): void {
  for (const f of ['cardNumber', 'nationalId'] as const) {
    const values = members.map((m) => m[f]).filter(Boolean);
    expect(new Set(values).size).toBe(values.length);
  }
}

describe('planImport idempotence (property)', () => {
  it('a second import of the same rows creates and updates nothing, and keeps identifiers unique', () => {
    fc.assert(
      fc.property(existingArb, rowsArb, (existing, rows) => {
        const first = planImport(existing, rows);
        // Every row lands in exactly one bucket.
        expect(
          first.create.length + first.update.length + first.unchanged.length + first.conflicts.length,
        ).toBe(rows.length);
        const after = applyPlan(existing, first);
        assertUniqueIdentifiers(after);
        const second = planImport(after, rows);
        expect(second.create).toEqual([]);
        expect(second.update).toEqual([]);
        expect(second.conflicts.map((c) => c.row)).toEqual(first.conflicts.map((c) => c.row));
        expect(second.unchanged.map((u) => u.rowNumber).sort()).toEqual(
          [
            ...first.create.map((r) => r.rowNumber),
            ...first.update.map((u) => u.rowNumber),
            ...first.unchanged.map((u) => u.rowNumber),
          ].sort(),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('is as idempotent on rows that skipped validation, duplicates included', () => {
    fc.assert(
      fc.property(existingArb, anyRowsArb, (existing, rows) => {
        const first = planImport(existing, rows);
        const after = applyPlan(existing, first);
        assertUniqueIdentifiers(after);
        const second = planImport(after, rows);
        expect(second.create).toEqual([]);
        expect(second.update).toEqual([]);
        expect(second.conflicts.map((c) => c.row)).toEqual(first.conflicts.map((c) => c.row));
      }),
      { numRuns: 500 },
    );
  });

  it('a thinner copy of the same rows changes nothing after the first import', () => {
    const thinArb = fc.tuple(
      existingArb,
      rowsArb,
      fc.array(fc.constantFrom(...PLANNED_FIELDS), { maxLength: 6 }),
    );
    fc.assert(
      fc.property(thinArb, ([existing, rows, dropped]) => {
        const after = applyPlan(existing, planImport(existing, rows));
        // Drop columns, but keep what identified each row so it still finds its member.
        const keep = new Set(['fullName', 'cellId', 'cardNumber', 'nationalId', 'birthDate']);
        const thin = rows.map((r) => {
          const copy: MemberRow = { ...r };
          for (const f of dropped) if (!keep.has(f)) delete (copy as Partial<MemberRow>)[f];
          return copy;
        });
        const second = planImport(after, thin);
        expect(second.create).toEqual([]);
        expect(second.update).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('planImport: an identifier never re-targets another person (docs/decisions/012)', () => {
  const le = {
    ...an,
    id: 7,
    fullName: 'Lê Thị An',
    gender: 'nu',
    birthDate: '1975-04-30',
    cellName: 'Chi bộ Khu phố 1',
  };

  it('refuses a row reusing her card number with another name and birth date, naming her and her cell', () => {
    const plan = planImport(
      [le],
      [
        row({
          rowNumber: 9,
          fullName: 'Nguyễn Văn Chín',
          gender: 'nam',
          birthDate: '1980-01-01',
          cardNumber: '10000001',
        }),
      ],
    );
    expect(plan.update).toEqual([]);
    expect(plan.unchanged).toEqual([]);
    expect(plan.create).toEqual([]);
    expect(plan.conflicts).toEqual([
      {
        row: 9,
        column: 'Số thẻ đảng viên',
        field: 'cardNumber',
        value: '10000001',
        message:
          'Trùng số thẻ đảng viên 10000001 với đảng viên Lê Thị An (sinh ngày 30/04/1975, Chi bộ Khu phố 1), nhưng họ tên ' +
          'và ngày sinh ở dòng này (Nguyễn Văn Chín, sinh ngày 01/01/1980) không khớp: không cập nhật người đã có. ' +
          'Hãy kiểm tra lại số thẻ đảng viên.',
      },
    ]);
  });

  it('refuses the same through the CCCD, and when the row has no birth date to confirm another name', () => {
    const byId = planImport([le], [row({ fullName: 'Nguyễn Văn Chín', nationalId: '001070000001' })]);
    expect(byId.conflicts.map((c) => [c.field, c.value])).toEqual([['nationalId', '001070000001']]);
    expect(byId.conflicts[0]?.message).toMatch(
      /^Trùng số CCCD 001070000001 với đảng viên Lê Thị An .*không có ngày sinh/,
    );
  });

  it('updates a corrected birth date when the name agrees', () => {
    const plan = planImport(
      [le],
      [row({ fullName: 'Lê Thị An', birthDate: '1975-05-30', cardNumber: '10000001' })],
    );
    expect(plan.conflicts).toEqual([]);
    expect(plan.update).toEqual([
      { id: 7, rowNumber: 2, changes: { birthDate: { from: '1975-04-30', to: '1975-05-30' } } },
    ]);
  });

  it('updates a corrected spelling when the birth date agrees', () => {
    const plan = planImport(
      [le],
      [row({ fullName: 'Lê Thị Ân', birthDate: '1975-04-30', cardNumber: '10000001' })],
    );
    expect(plan.update).toEqual([
      { id: 7, rowNumber: 2, changes: { fullName: { from: 'Lê Thị An', to: 'Lê Thị Ân' } } },
    ]);
    // Another spelling of the same letters agrees on the name by itself.
    const noBirth = planImport([le], [row({ fullName: 'LE THI AN', cardNumber: '10000001' })]);
    expect(noBirth.conflicts).toEqual([]);
    expect(noBirth.update[0]?.changes).toEqual({ fullName: { from: 'Lê Thị An', to: 'LE THI AN' } });
  });

  it('does not name a member the importer may not see', () => {
    const hidden = { ...le, visible: false };
    const plan = planImport(
      [hidden],
      [row({ fullName: 'Nguyễn Văn Chín', birthDate: '1980-01-01', cardNumber: '10000001' })],
    );
    expect(plan.conflicts[0]?.message).toMatch(
      /^Trùng số thẻ đảng viên 10000001 với một đảng viên thuộc tổ chức đảng khác/,
    );
    expect(plan.conflicts[0]?.message).not.toMatch(/Lê Thị An|Khu phố|1975/);
  });

  it('leaves a disputed member alone: a later row for her is refused too, whatever the order', () => {
    const wrong = row({
      rowNumber: 3,
      fullName: 'Nguyễn Văn Chín',
      birthDate: '1980-01-01',
      cardNumber: '10000001',
    });
    const right = row({ rowNumber: 4, fullName: 'Lê Thị An', birthDate: '1975-04-30', phone: '0900000000' });
    expect(planImport([le], [wrong, right]).conflicts.map((c) => c.row)).toEqual([3, 4]);
    expect(planImport([le], [right, wrong]).update).toEqual([]);
  });

  it('only ever updates a person whose name or birth date the row agrees with (property)', () => {
    fc.assert(
      fc.property(existingArb, anyRowsArb, (existing, rows) => {
        const plan = planImport(existing, rows);
        for (const u of [...plan.update, ...plan.unchanged]) {
          const stored = existing.find((m) => m.id === u.id)!;
          const r = rows.find((x) => x.rowNumber === u.rowNumber)!;
          const letters = (n: string) => looseKey(n);
          expect(
            letters(r.fullName) === letters(stored.fullName) ||
              (r.birthDate !== undefined && r.birthDate === stored.birthDate),
          ).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
