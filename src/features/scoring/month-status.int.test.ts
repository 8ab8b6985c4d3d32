/**
 * The month status pages (issue 12, ADR 031): paged by unit with a cursor, no duplicate and no gap
 * across pages (ties in sort_order and name broken by id), the children's roll-up rows equal to the
 * sum of the cells under each child, the default scope by the unit's children, and the refusals
 * (a foreign cursor, a limit above 200, a unit outside the actor's scope).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { meeting, member, unit, user } from '../../../test/support/factory.js';
import { todayIso } from '../../domain/format.js';
import { encodeCursor } from '../oversight/subtree-cursor.js';
import { rebuildSummaries } from '../oversight/summary.js';

const MONTH = todayIso().slice(0, 7);
const shift = (month: string, n: number) => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
};
const FROM = shift(MONTH, -2);

interface Page {
  items: { unitId: number; month: string; [k: string]: unknown }[];
  units: { unitId: number; unitName: string }[];
  total: number;
  nextCursor: string | null;
  scope: string;
}

describe('month status pages', () => {
  let t: TestApp;
  let admin: Client;
  let wardStaff: Client;
  const ward1Cells: number[] = [];
  const ward2Cells: number[] = [];
  let province: { id: number; path: string };
  let ward1: { id: number; path: string };
  let ward2: { id: number; path: string };
  let other: { id: number; path: string };

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.db;
    province = await unit(db, { name: 'Đảng bộ tỉnh Trang', kind: 'dang_bo_tinh' });
    ward1 = await unit(db, { parentId: province.id, name: 'Đảng bộ phường Một' });
    ward2 = await unit(db, { parentId: province.id, name: 'Đảng bộ phường Hai' });
    // A cell straight under the province: a child that is a cell has its own row.
    const direct = await unit(db, {
      parentId: province.id,
      name: 'Chi bộ Cơ quan tỉnh',
      cellType: 'co_quan',
    });
    // Seven cells in ward 1, three of them with the same name and sort order (ties broken by id).
    const names = [
      'Chi bộ Trùng',
      'Chi bộ Trùng',
      'Chi bộ Trùng',
      'Chi bộ An',
      'Chi bộ Bình',
      'Chi bộ Cúc',
      'Chi bộ Dân',
    ];
    for (const name of names)
      ward1Cells.push((await unit(db, { parentId: ward1.id, name, cellType: 'khu_dan_cu' })).id);
    for (const name of ['Chi bộ Xuân', 'Chi bộ Yên'])
      ward2Cells.push((await unit(db, { parentId: ward2.id, name, cellType: 'khu_dan_cu' })).id);
    await db.query('UPDATE org_units SET sort_order = 5 WHERE id = ANY($1::int[])', [ward1Cells.slice(0, 3)]);
    other = await unit(db, { name: 'Đảng bộ tỉnh Khác', kind: 'dang_bo_tinh' });
    await unit(db, { parentId: other.id, name: 'Chi bộ Ngoài', cellType: 'khu_dan_cu' });
    for (const [i, cell] of [...ward1Cells, ...ward2Cells, direct.id].entries())
      for (let k = 0; k <= i % 3; k++)
        await member(db, { unitId: cell, fullName: `Đảng viên ${cell}-${k}`, joinDate: '2020-01-01' });
    // A held regular meeting in two cells this month and last month.
    for (const cell of [ward1Cells[0]!, ward1Cells[4]!, ward2Cells[1]!])
      await meeting(db, {
        unitId: cell,
        status: 'held',
        scheduledAt: `${shift(MONTH, -1)}-05T19:30:00+07:00`,
      });
    await user(db, 'quantri-ms', [{ role: 'admin', unitId: province.id }]);
    await user(db, 'vanphong-ms', [{ role: 'committee_staff', unitId: ward1.id }]);
    admin = await t.login('quantri-ms');
    wardStaff = await t.login('vanphong-ms');
    await rebuildSummaries(db, { from: FROM, to: MONTH });
  });
  afterAll(() => t.close());

  const url = (id: number, extra = '') =>
    `/api/org-units/${id}/month-status?from=${FROM}&to=${MONTH}${extra}`;

  async function walk(client: Client, id: number, extra: string): Promise<Page[]> {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const res = await client.get(url(id, `${extra}${cursor ? `&cursor=${cursor}` : ''}`));
      expect(res.statusCode).toBe(200);
      const page = res.json() as Page;
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  }

  it('pages the cells of a subtree by unit with no duplicate and no gap, all months of a cell on its page', async () => {
    const pages = await walk(admin, province.id, '&scope=cells&limit=2');
    const all = [...ward1Cells, ...ward2Cells];
    expect(pages).toHaveLength(Math.ceil((all.length + 1) / 2));
    const seen = pages.flatMap((p) => p.units.map((u) => u.unitId));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(all.length + 1);
    for (const id of all) expect(seen).toContain(id);
    for (const p of pages) {
      expect(p.scope).toBe('cells');
      expect(p.total).toBe(all.length + 1);
      const pageUnits = new Set(p.units.map((u) => u.unitId));
      for (const item of p.items) expect(pageUnits.has(item.unitId)).toBe(true);
      for (const u of p.units) expect(p.items.filter((x) => x.unitId === u.unitId)).toHaveLength(3);
    }
    // The order is the unit pages' order: sort_order, then name, then id (the three ties last, by id).
    expect(seen.slice(-3)).toEqual(ward1Cells.slice(0, 3));
    expect(pages[pages.length - 1]!.nextCursor).toBeNull();
  });

  it('answers the children roll-up by default at a unit with đảng bộ under it, each row the sum of its cells', async () => {
    const pages = await walk(admin, province.id, '&limit=2');
    expect(pages.every((p) => p.scope === 'children')).toBe(true);
    const seen = pages.flatMap((p) => p.units.map((u) => u.unitId));
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    const rows = pages.flatMap((p) => p.items) as unknown as {
      unitId: number;
      month: string;
      cells: number;
      members: number;
      monthsHeld: number;
      monthsMissed: number;
      monthsPending: number;
      attendancePercent: number | null;
    }[];
    for (const [child, cells] of [
      [ward1.id, ward1Cells],
      [ward2.id, ward2Cells],
    ] as const) {
      for (const month of [FROM, shift(MONTH, -1), MONTH]) {
        const [sum] = await t.db.query<Record<string, number>>(
          `SELECT count(*) FILTER (WHERE regular_state <> 'none')::int AS cells, sum(members_count)::int AS members,
                  count(*) FILTER (WHERE regular_state IN ('held_on_time', 'held_late'))::int AS held,
                  count(*) FILTER (WHERE regular_state = 'missed')::int AS missed,
                  count(*) FILTER (WHERE regular_state = 'pending')::int AS pending
             FROM cell_month_status WHERE unit_id = ANY($1::int[]) AND month = $2`,
          [cells, month],
        );
        const row = rows.find((r) => r.unitId === child && r.month === month);
        expect(row).toMatchObject({
          cells: sum!.cells,
          members: sum!.members,
          monthsHeld: sum!.held,
          monthsMissed: sum!.missed,
          monthsPending: sum!.pending,
        });
      }
    }
    const held = rows.find((r) => r.unitId === ward1.id && r.month === shift(MONTH, -1));
    expect(held!.monthsHeld).toBe(2);
    const ward2Held = rows.find((r) => r.unitId === ward2.id && r.month === shift(MONTH, -1));
    expect(ward2Held!.monthsHeld).toBe(1);
  });

  it('defaults to the cells for a đảng bộ whose children are cells, and for a cell', async () => {
    const ward = (await wardStaff.get(url(ward1.id))).json() as Page;
    expect(ward.scope).toBe('cells');
    expect(ward.units.map((u) => u.unitId).sort()).toEqual([...ward1Cells].sort());
    expect(ward.total).toBe(7);
    const cell = (await wardStaff.get(url(ward1Cells[4]!))).json() as Page;
    expect(cell.scope).toBe('cells');
    expect(cell.units).toEqual([{ unitId: ward1Cells[4], unitName: 'Chi bộ Bình', unitKind: 'chi_bo' }]);
    const held = cell.items.find((x) => x.month === shift(MONTH, -1));
    expect(held).toMatchObject({ regularHeld: true, state: 'held' });
  });

  it('refuses a limit above 200, a foreign or broken cursor, and a span above 60 months', async () => {
    const big = await admin.get(url(province.id, '&limit=201'));
    expect(big.statusCode).toBe(400);
    expect(big.json().code).toBe('VALIDATION_FAILED');
    expect(big.json().message).toMatch(/tối đa 200/);
    expect((await admin.get(url(province.id, '&limit=200'))).statusCode).toBe(200);
    const foreign = encodeCursor('members', { key: 'x', id: ward1Cells[0]!, total: 3 });
    const bad = await admin.get(url(province.id, `&cursor=${foreign}`));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/Con trỏ trang/);
    expect((await admin.get(url(province.id, '&cursor=%%%'))).statusCode).toBe(400);
    const long = await admin.get(`/api/org-units/${province.id}/month-status?from=2020-01&to=2025-12`);
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toMatch(/tối đa 60 tháng/);
    const backwards = await admin.get(`/api/org-units/${province.id}/month-status?from=2026-05&to=2026-01`);
    expect(backwards.statusCode).toBe(400);
  });

  it('answers 404 outside the scope, as for a unit that does not exist', async () => {
    const outside = await wardStaff.get(url(ward2.id));
    expect(outside.statusCode).toBe(404);
    const absent = await wardStaff.get(url(2_000_000_000));
    expect(absent.statusCode).toBe(404);
    expect(outside.json()).toEqual(absent.json());
    expect((await admin.get(url(other.id))).statusCode).toBe(404);
    // A cursor naming a unit of another subtree shows nothing of it.
    const page = (await wardStaff.get(url(ward1.id, '&limit=3'))).json() as Page;
    expect(page.nextCursor).not.toBeNull();
    const next = (await wardStaff.get(url(ward1.id, `&limit=3&cursor=${page.nextCursor}`))).json() as Page;
    for (const u of next.units) expect(ward1Cells).toContain(u.unitId);
  });
});
