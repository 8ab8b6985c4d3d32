import { describe, expect, it } from 'vitest';
import { normalizeText, vietnameseNameSortKey } from '../../domain/vietnamese.js';
import { addMonths, type DemoMember, type DemoOrg, generateDemoOrg } from './generate.js';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.js';

const TODAY = '2026-03-15';
const org = generateDemoOrg({ seed: 1, today: TODAY });

const cellsUnder = (o: DemoOrg, parentKey: string) =>
  o.units.filter((u) => u.parentKey === parentKey && (u.kind === 'chi_bo' || u.kind === 'chi_bo_co_so'));
const wardCellKeys = (o: DemoOrg) => new Set(cellsUnder(o, 'phuong').map((u) => u.key));
/** Regular members of a cell: home there and not removed. */
const membersOf = (o: DemoOrg, key: string) => o.members.filter((m) => m.homeCellKey === key && !m.removed);

function ageAt(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

/** Every status date of a member (temporaryOut.to is the only one allowed in the future). */
function pastDates(m: DemoMember): string[] {
  return [
    m.birthDate,
    m.admissionDate,
    m.officialDate,
    m.transferredIn?.date,
    m.exempted?.from,
    m.exempted?.decisionDate,
    m.temporaryOut?.from,
    m.contact213?.from,
    m.removed?.date,
  ].filter((d): d is string => d != null);
}

/** Invariants that must hold for any seed and any `today`. */
function checkInvariants(o: DemoOrg, today: string): void {
  const cellKeys = new Set(
    o.units.filter((u) => u.kind === 'chi_bo' || u.kind === 'chi_bo_co_so').map((u) => u.key),
  );
  const unitKeys = new Set(o.units.map((u) => u.key));
  expect(unitKeys.size).toBe(o.units.length);
  for (const u of o.units) if (u.parentKey !== null) expect(unitKeys.has(u.parentKey)).toBe(true);

  const unique = (values: (string | null | undefined)[]) => {
    const present = values.filter((v): v is string => v != null);
    expect(new Set(present).size).toBe(present.length);
  };
  unique(o.members.map((m) => m.key));
  unique(o.members.map((m) => m.nationalId));
  unique(o.members.map((m) => m.cardNumber));
  unique(o.members.map((m) => m.phone));
  unique(o.members.map((m) => m.email));

  for (const m of o.members) {
    // Names: NFC, trimmed, at least family + given name.
    expect(m.fullName).toBe(normalizeText(m.fullName));
    expect(m.fullName).toBe(m.fullName.normalize('NFC'));
    expect(m.fullName.split(' ').length).toBeGreaterThanOrEqual(2);
    expect(m.address).toBe(normalizeText(m.address));

    for (const d of [...pastDates(m), m.temporaryOut?.to].filter((d): d is string => d != null)) {
      expect(isIsoDate(d), `${m.key} ${d}`).toBe(true);
    }
    for (const d of pastDates(m)) expect(d <= today, `${m.key} has ${d} after ${today}`).toBe(true);

    const birthYear = Number(m.birthDate.slice(0, 4));
    expect(birthYear).toBeGreaterThanOrEqual(1940);
    expect(birthYear).toBeLessThanOrEqual(2003);
    const admissionAge = ageAt(m.birthDate, m.admissionDate);
    expect(admissionAge, m.key).toBeGreaterThanOrEqual(18);
    expect(admissionAge, m.key).toBeLessThanOrEqual(45);

    // Official recognition 12 months after admission; null only while probation lasts.
    const probationEnd = addMonths(m.admissionDate, 12);
    if (m.officialDate === null) {
      expect(probationEnd > today, `${m.key} should be official by ${today}`).toBe(true);
      expect(m.cardNumber).toBeNull();
    } else {
      expect(m.officialDate >= probationEnd, `${m.key} official ${m.officialDate}`).toBe(true);
      expect(m.cardNumber).toMatch(/^\d{8}$/);
    }

    // CCCD: province (3) + gender/century + yy + 6.
    expect(m.nationalId).toMatch(/^\d{12}$/);
    const centuryGender = (birthYear >= 2000 ? 2 : 0) + (m.gender === 'nu' ? 1 : 0);
    expect(m.nationalId.slice(3, 4)).toBe(String(centuryGender));
    expect(m.nationalId.slice(4, 6)).toBe(m.birthDate.slice(2, 4));
    expect(m.phone).toMatch(/^0[35789]\d{8}$/);

    // References point at cells of the tree.
    if (m.homeCellKey === null) expect(m.contact213, `${m.key} has no cell`).toBeDefined();
    else expect(cellKeys.has(m.homeCellKey)).toBe(true);
    if (m.contact213) {
      expect(cellKeys.has(m.contact213.cellKey)).toBe(true);
      expect(m.contact213.cellKey).not.toBe(m.homeCellKey);
      expect(m.contact213.from >= m.admissionDate).toBe(true);
    }
    if (m.temporaryOut) {
      const t = m.temporaryOut;
      expect((t.hostCellKey === null) !== (t.otherOrg === null)).toBe(true);
      if (t.hostCellKey !== null) {
        expect(cellKeys.has(t.hostCellKey)).toBe(true);
        expect(t.hostCellKey).not.toBe(m.homeCellKey);
      }
      expect(t.to > t.from).toBe(true);
      expect(t.to <= addMonths(t.from, 11)).toBe(true);
      expect(t.to >= addMonths(t.from, 3)).toBe(true);
    }
    if (m.exempted) {
      expect(m.exempted.decisionDate > m.admissionDate).toBe(true);
      expect(m.exempted.from >= m.exempted.decisionDate).toBe(true);
    }
    if (m.transferredIn) expect(m.transferredIn.date > m.admissionDate).toBe(true);
    if (m.removed) expect(m.removed.date > m.admissionDate).toBe(true);
  }
}

describe('generateDemoOrg', () => {
  it('is deterministic for a seed and a day, and varies with the seed', () => {
    expect(generateDemoOrg({ seed: 1, today: TODAY })).toEqual(org);
    expect(generateDemoOrg({ today: TODAY })).toEqual(org);
    const other = generateDemoOrg({ seed: 2, today: TODAY });
    expect(other).not.toEqual(org);
    expect(other.members.map((m) => m.fullName)).not.toEqual(org.members.map((m) => m.fullName));
  });

  it('rejects an invalid today', () => {
    expect(() => generateDemoOrg({ today: 'hôm nay' })).toThrow();
  });

  it('builds the province → ward → cells tree with an outside đảng bộ', () => {
    const root = org.units.filter((u) => u.parentKey === null);
    expect(root).toEqual([
      expect.objectContaining({ key: 'tinh', kind: 'dang_bo_tinh', name: 'Đảng bộ tỉnh Bến Tre' }),
    ]);
    expect(org.units.find((u) => u.key === 'phuong')).toMatchObject({
      parentKey: 'tinh',
      kind: 'dang_bo_co_so',
      name: 'Đảng bộ phường An Hội',
    });
    expect(org.units.find((u) => u.key === 'xa_mta')).toMatchObject({
      parentKey: 'tinh',
      kind: 'dang_bo_co_so',
      name: 'Đảng bộ xã Mỹ Thạnh An',
    });
    expect(cellsUnder(org, 'xa_mta')).toHaveLength(3);

    const wardCells = cellsUnder(org, 'phuong');
    expect(wardCells.length).toBeGreaterThanOrEqual(12);
    expect(new Set(wardCells.map((c) => c.cellType)).size).toBeGreaterThanOrEqual(4);
    for (const c of wardCells) expect(c.cellType).toBeDefined();

    const cells = org.units.filter((u) => u.kind === 'chi_bo');
    expect(cells[0]).toMatchObject({
      key: 'kp1',
      name: 'Chi bộ Khu phố 1',
      cellType: 'khu_dan_cu',
      parentKey: 'phuong',
    });
    expect(cells[1]).toMatchObject({ key: 'kp2', parentKey: 'phuong' });
    const names = wardCells.map((c) => c.name);
    for (const n of [
      'Chi bộ Cơ quan Ủy ban nhân dân phường',
      'Chi bộ Trường THCS An Hội',
      'Chi bộ Công an phường',
    ]) {
      expect(names).toContain(n);
    }
    expect(wardCells.find((c) => c.name === 'Chi bộ Trạm Y tế phường')?.cellType).toBe('benh_vien');
    expect(wardCells.find((c) => c.name === 'Chi bộ Quân sự phường')?.cellType).toBe('quan_doi');
  });

  it('has realistic cell sizes', () => {
    const ward = wardCellKeys(org);
    expect(
      org.members.filter((m) => m.homeCellKey && ward.has(m.homeCellKey) && !m.removed).length,
    ).toBeGreaterThanOrEqual(300);
    expect(org.members.some((m) => m.homeCellKey && !ward.has(m.homeCellKey))).toBe(true);
    const sizes = cellsUnder(org, 'phuong').map((c) => ({ c, members: membersOf(org, c.key) }));
    for (const { c, members } of sizes) {
      const official = members.filter((m) => m.officialDate !== null).length;
      expect(official, c.key).toBeGreaterThanOrEqual(3);
      if (c.cellType === 'khu_dan_cu') {
        expect(members.length).toBeGreaterThanOrEqual(20);
        expect(members.length).toBeLessThanOrEqual(40);
      }
      if (c.cellType === 'co_quan' || c.cellType === 'truong_hoc') {
        expect(members.length).toBeGreaterThanOrEqual(8);
        expect(members.length).toBeLessThanOrEqual(20);
      }
    }
    expect(sizes.some(({ members }) => members.length >= 3 && members.length <= 5)).toBe(true);
    expect(
      sizes.filter(({ members }) => members.filter((m) => m.officialDate).length >= 9).length,
    ).toBeGreaterThan(5);
  });

  it('holds every member status in realistic proportions', () => {
    const ward = wardCellKeys(org);
    const inWard = org.members.filter((m) => m.homeCellKey && ward.has(m.homeCellKey) && !m.removed);
    const share = (f: (m: DemoMember) => boolean) => inWard.filter(f).length / inWard.length;
    expect(share((m) => m.officialDate === null)).toBeGreaterThan(0.02);
    expect(share((m) => m.officialDate === null)).toBeLessThan(0.07);
    expect(share((m) => m.exempted !== undefined)).toBeGreaterThan(0.03);
    expect(share((m) => m.exempted !== undefined)).toBeLessThan(0.08);
    expect(share((m) => m.temporaryOut !== undefined)).toBeGreaterThanOrEqual(0.01);

    const exempted = org.members.filter((m) => m.exempted);
    expect(exempted.filter((m) => ageAt(m.birthDate, TODAY) >= 70).length / exempted.length).toBeGreaterThan(
      0.75,
    );
    const tempOut = org.members.filter((m) => m.temporaryOut);
    expect(tempOut.some((m) => m.temporaryOut?.hostCellKey)).toBe(true);
    expect(tempOut.some((m) => m.temporaryOut?.otherOrg)).toBe(true);
    expect(org.members.some((m) => m.homeCellKey === null && m.contact213)).toBe(true);
    expect(org.members.filter((m) => m.transferredIn).length).toBeGreaterThanOrEqual(3);
    const removed = org.members.filter((m) => m.removed);
    expect(removed.some((m) => m.removed?.reason === 'tu_tran')).toBe(true);
    expect(removed.filter((m) => m.removed?.reason === 'xoa_ten')).toHaveLength(1);
    for (const m of removed) expect(m.removed!.date >= addMonths(TODAY, -24)).toBe(true);
    expect(org.members.some((m) => m.email)).toBe(true);

    const kinh = org.members.filter((m) => m.ethnicity === 'Kinh').length;
    expect(kinh / org.members.length).toBeGreaterThan(0.9);
    expect(kinh).toBeLessThan(org.members.length);
  });

  it('puts sorting names and every status in Khu phố 1', () => {
    const kp1 = membersOf(org, 'kp1');
    const given = new Set(kp1.map((m) => m.fullName.split(' ').at(-1)));
    for (const g of ['An', 'Anh', 'Ánh', 'Ân', 'Bình', 'Đạt', 'Dũng', 'Ơn', 'Ưng'])
      expect(given).toContain(g);
    expect(kp1.some((m) => m.officialDate === null)).toBe(true);
    expect(kp1.some((m) => m.exempted)).toBe(true);
    expect(kp1.some((m) => m.temporaryOut)).toBe(true);
    expect(kp1.some((m) => m.transferredIn)).toBe(true);
    const contacts = org.members.filter((m) => m.contact213?.cellKey === 'kp1' && m.homeCellKey === null);
    expect(contacts.length).toBeGreaterThanOrEqual(10);
    for (const m of contacts) expect(m.contact213!.otherOrg).toMatch(/^Chi bộ /);
    // The sort key orders them the Vietnamese way: An < Anh < Ánh < Ân < Bình < Dũng < Đạt.
    const sorted = [...kp1].sort((a, b) =>
      vietnameseNameSortKey(a.fullName) < vietnameseNameSortKey(b.fullName) ? -1 : 1,
    );
    const order = sorted
      .map((m) => m.fullName.split(' ').at(-1))
      .filter((g) => ['An', 'Ánh', 'Ân', 'Dũng', 'Đạt'].includes(g!));
    expect([...new Set(order)]).toEqual(['An', 'Ánh', 'Ân', 'Dũng', 'Đạt']);
  });

  it('uses plausible personal data', () => {
    for (const m of org.members) {
      expect(m.address).toMatch(/^Số \d/);
      expect(m.address).toMatch(/(phường|xã) /);
      expect(m.hometown.length).toBeGreaterThan(2);
      const [family] = m.fullName.split(' ');
      expect(FAMILY_NAMES.some(([f]) => f === family)).toBe(true);
    }
    const nguyen = org.members.filter((m) => m.fullName.startsWith('Nguyễn ')).length / org.members.length;
    expect(nguyen).toBeGreaterThan(0.25);
    expect(nguyen).toBeLessThan(0.5);
    expect(GIVEN_NAMES.nam.length).toBeGreaterThanOrEqual(60);
    expect(GIVEN_NAMES.nu.length).toBeGreaterThanOrEqual(60);
    for (const list of [GIVEN_NAMES.nam, GIVEN_NAMES.nu]) {
      expect(new Set(list).size).toBe(list.length);
      for (const n of list) expect(n).toBe(n.normalize('NFC'));
    }
  });

  it('keeps its invariants across seeds and days', () => {
    checkInvariants(org, TODAY);
    for (const [seed, today] of [
      [2, '2026-03-15'],
      [7, '2024-02-29'],
      [42, '2025-12-31'],
      [2025, '2030-06-01'],
      [123456789, '2023-01-01'],
    ] as const) {
      checkInvariants(generateDemoOrg({ seed, today }), today);
    }
  });
});
