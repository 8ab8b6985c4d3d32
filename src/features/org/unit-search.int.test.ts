/**
 * The unit pickers' search (ADR 032): names found without diacritics, the kind filter, keyset
 * pages without repetition or gaps, scope (another subtree answers 404, a cell secretary sees
 * only their cell), bad input as a 400 with a code, and a subtree above the 2.000 units of
 * `/tree` answered page by page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { unit, user } from '../../../test/support/factory.js';
import { encodeCursor } from '../oversight/subtree-cursor.js';
import { TREE_MAX_UNITS } from './routes.js';

interface Item {
  id: number;
  name: string;
  kind: string;
  cellType: string | null;
  path: string;
  parentId: number | null;
  depth: number;
  parentName: string | null;
  archived: boolean;
}
interface Page {
  items: Item[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
}

async function allPages(c: Client, url: string, limit: number) {
  const seen: Item[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  for (let i = 0; i < 1000; i++) {
    const sep = url.includes('?') ? '&' : '?';
    const res = await c.get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as Page;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    totals.push(page.total);
    pages++;
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { seen, totals, pages };
}

describe('GET /api/org-units/:id/units', () => {
  let t: TestApp;
  let staff: Client;
  let wardStaff: Client;
  let secretary: Client;
  let province: { id: number; path: string };
  let wardA: { id: number; path: string };
  let wardB: { id: number; path: string };
  let kp1: { id: number; path: string };
  let other: { id: number; path: string };
  let big: { id: number; path: string };
  const BIG_CELLS = 2100;

  beforeAll(async () => {
    t = await createTestApp();
    province = await unit(t.db, { name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh' });
    wardA = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường Tân Định' });
    wardB = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường Bến Nghé' });
    kp1 = await unit(t.db, { parentId: wardA.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' });
    await unit(t.db, { parentId: wardA.id, name: 'Chi bộ Khu phố 2', cellType: 'khu_dan_cu' });
    await unit(t.db, {
      parentId: wardA.id,
      name: 'Chi bộ Trường Tiểu học Đinh Tiên Hoàng',
      cellType: 'truong_hoc',
    });
    await unit(t.db, { parentId: wardA.id, name: 'Đảng bộ bộ phận Khu phố 3', kind: 'dang_bo_bo_phan' });
    await unit(t.db, { parentId: wardB.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' });
    await unit(t.db, { parentId: wardB.id, name: 'Chi bộ Ấp Mỹ Thạnh', cellType: 'nong_thon' });
    const old = await unit(t.db, {
      parentId: wardA.id,
      name: 'Chi bộ Khu phố 9 (cũ)',
      cellType: 'khu_dan_cu',
    });
    await t.db.query('UPDATE org_units SET archived_at = now() WHERE id = $1', [old.id]);
    // Names with LIKE's own characters: typed, they are letters.
    await unit(t.db, { parentId: wardA.id, name: 'Chi bộ 100% tự quản', cellType: 'khu_dan_cu' });
    await unit(t.db, { parentId: wardA.id, name: 'Chi bộ 1000 tự quản', cellType: 'khu_dan_cu' });
    other = await unit(t.db, { name: 'Đảng bộ tỉnh Khác', kind: 'dang_bo_tinh' });
    await unit(t.db, { parentId: other.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' });

    // A ward above the 2.000 units of /tree, built set-based in one statement.
    big = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường Lớn' });
    await t.db.query(
      `WITH ids AS (SELECT nextval('org_units_id_seq')::int AS id, g FROM generate_series(1, $3::int) g)
       INSERT INTO org_units (id, parent_id, path, name, kind, cell_type)
       SELECT id, $1::int, $2::text || id || '/', 'Chi bộ Tổ dân phố ' || g, 'chi_bo', 'khu_dan_cu' FROM ids`,
      [big.id, big.path, BIG_CELLS],
    );

    await user(t.db, 'vp_tinh', [{ role: 'committee_staff', unitId: province.id }]);
    await user(t.db, 'vp_tandinh', [{ role: 'committee_staff', unitId: wardA.id }]);
    await user(t.db, 'bt_kp1', [{ role: 'cell_secretary', unitId: kp1.id }]);
    staff = await t.login('vp_tinh');
    wardStaff = await t.login('vp_tandinh');
    secretary = await t.login('bt_kp1');
  });
  afterAll(() => t.close());

  it('finds "Khu phố" typed without diacritics or in capitals, with the parent name to tell twins apart', async () => {
    for (const q of ['khu pho', 'KHU PHỐ', 'Khu phố']) {
      const res = await staff.get(`/api/org-units/${province.id}/units?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as Page;
      expect(page.items.map((u) => u.name).sort()).toEqual(
        ['Chi bộ Khu phố 1', 'Chi bộ Khu phố 1', 'Chi bộ Khu phố 2', 'Đảng bộ bộ phận Khu phố 3'].sort(),
      );
      expect(page.total).toBe(4);
      expect(page.totalCapped).toBe(false);
      expect(page.nextCursor).toBeNull();
    }
    const twins = ((await staff.get(`/api/org-units/${province.id}/units?q=khu%20pho%201`)).json() as Page)
      .items;
    expect(twins.map((u) => u.parentName).sort()).toEqual([
      'Đảng bộ phường Bến Nghé',
      'Đảng bộ phường Tân Định',
    ]);
    const first = twins.find((u) => u.id === kp1.id)!;
    expect(first).toMatchObject({
      kind: 'chi_bo',
      cellType: 'khu_dan_cu',
      path: kp1.path,
      parentId: wardA.id,
      depth: 2,
      archived: false,
    });
    // "dinh" matches "Định" and "Đinh" (đ folds to d).
    const dinh = ((await staff.get(`/api/org-units/${province.id}/units?q=dinh`)).json() as Page).items;
    expect(dinh.map((u) => u.name).sort()).toEqual(
      ['Chi bộ Trường Tiểu học Đinh Tiên Hoàng', 'Đảng bộ phường Tân Định'].sort(),
    );
  });

  it('treats % and _ as letters, and the unit itself belongs to its subtree', async () => {
    const pct = (
      (await staff.get(`/api/org-units/${wardA.id}/units?q=${encodeURIComponent('100%')}`)).json() as Page
    ).items;
    expect(pct.map((u) => u.name)).toEqual(['Chi bộ 100% tự quản']);
    const under = ((await staff.get(`/api/org-units/${wardA.id}/units?q=_`)).json() as Page).items;
    expect(under).toEqual([]);
    const self = ((await staff.get(`/api/org-units/${wardA.id}/units?q=tan%20dinh`)).json() as Page).items;
    expect(self.map((u) => u.id)).toEqual([wardA.id]);
  });

  it('filters cells and committees, and archived units only when asked', async () => {
    const cells = ((await staff.get(`/api/org-units/${wardA.id}/units?kind=cells&limit=50`)).json() as Page)
      .items;
    expect(cells.every((u) => u.kind === 'chi_bo' || u.kind === 'chi_bo_co_so')).toBe(true);
    expect(cells.map((u) => u.name)).not.toContain('Chi bộ Khu phố 9 (cũ)');
    expect(cells.length).toBe(5);
    const committees = ((await staff.get(`/api/org-units/${wardA.id}/units?kind=committees`)).json() as Page)
      .items;
    expect(committees.map((u) => u.name)).toEqual(['Đảng bộ phường Tân Định', 'Đảng bộ bộ phận Khu phố 3']);
    const withOld = (
      (
        await staff.get(`/api/org-units/${wardA.id}/units?kind=cells&includeArchived=true&q=khu%20pho`)
      ).json() as Page
    ).items;
    expect(withOld.find((u) => u.name === 'Chi bộ Khu phố 9 (cũ)')?.archived).toBe(true);
  });

  it('pages through every unit of the province with cursors, without repetition or gaps, in (depth, folded name, name, id) order', async () => {
    const { seen, totals } = await allPages(staff, `/api/org-units/${province.id}/units?kind=all`, 50);
    const expected = await t.db.query<{ id: number }>(
      `SELECT id FROM org_units WHERE path LIKE $1 AND archived_at IS NULL ORDER BY depth, chibo_fold(name), name, id`,
      [`${province.path}%`],
    );
    expect(expected.length).toBeGreaterThan(TREE_MAX_UNITS);
    expect(new Set(seen.map((u) => u.id)).size).toBe(seen.length);
    expect(seen.map((u) => u.id)).toEqual(expected.map((r) => r.id));
    // Counted on the first page up to 1.000, carried in the cursor.
    expect(new Set(totals)).toEqual(new Set([1000]));
    const first = (await staff.get(`/api/org-units/${province.id}/units`)).json() as Page;
    expect(first.totalCapped).toBe(true);
    expect(first.items.length).toBe(20);
    expect(first.items[0]!.id).toBe(province.id);
  });

  it('sorts names without regard to diacritics ("Ấp" among the a\'s, not after "Z")', async () => {
    const page = (await staff.get(`/api/org-units/${wardB.id}/units`)).json() as Page;
    expect(page.items.map((u) => u.name)).toEqual([
      'Đảng bộ phường Bến Nghé',
      'Chi bộ Ấp Mỹ Thạnh',
      'Chi bộ Khu phố 1',
    ]);
  });

  it('pages a search with ties in the name (small pages)', async () => {
    const { seen, totals } = await allPages(staff, `/api/org-units/${province.id}/units?q=khu%20pho`, 1);
    expect(seen.length).toBe(4);
    expect(new Set(seen.map((u) => u.id)).size).toBe(4);
    expect(new Set(totals)).toEqual(new Set([4]));
  });

  it('answers pages for a subtree above the 2.000 units of /tree', async () => {
    expect((await staff.get(`/api/org-units/${big.id}/tree`)).statusCode).toBe(413);
    const res = await staff.get(`/api/org-units/${big.id}/units?kind=cells&q=to%20dan%20pho%202099`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Page).items.map((u) => u.name)).toEqual(['Chi bộ Tổ dân phố 2099']);
    const { seen } = await allPages(staff, `/api/org-units/${big.id}/units?kind=cells`, 50);
    expect(seen.length).toBe(BIG_CELLS);
    expect(new Set(seen.map((u) => u.id)).size).toBe(BIG_CELLS);
  });

  it('answers 404 outside the scope, and a cell secretary sees only their cell', async () => {
    for (const id of [other.id, province.id, wardB.id]) {
      const res = await wardStaff.get(`/api/org-units/${id}/units`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    expect((await secretary.get(`/api/org-units/${wardA.id}/units`)).statusCode).toBe(404);
    const own = (await secretary.get(`/api/org-units/${kp1.id}/units?q=khu%20pho`)).json() as Page;
    expect(own.items.map((u) => u.id)).toEqual([kp1.id]);
    expect(own.items[0]!.parentName).toBeNull();
    const ward = (await wardStaff.get(`/api/org-units/${wardA.id}/units?q=khu%20pho%201`)).json() as Page;
    expect(ward.items.map((u) => u.id)).toEqual([kp1.id]);
    expect(ward.items[0]!.parentName).toBe('Đảng bộ phường Tân Định');
    const self = (await wardStaff.get(`/api/org-units/${wardA.id}/units?q=tan%20dinh`)).json() as Page;
    expect(self.items[0]!.parentName).toBeNull();
    expect((await t.anonymous.get(`/api/org-units/${wardA.id}/units`)).statusCode).toBe(401);
  });

  it('narrows to the units where the actor holds a capability (a secretary manages only their cell)', async () => {
    await user(t.db, 'gs_tandinh', [
      { role: 'supervisor', unitId: wardA.id },
      { role: 'cell_secretary', unitId: kp1.id },
    ]);
    const both = await t.login('gs_tandinh');
    const read = (await both.get(`/api/org-units/${wardA.id}/units?q=khu%20pho`)).json() as Page;
    expect(read.items.length).toBe(3);
    const manage = (
      await both.get(`/api/org-units/${wardA.id}/units?capability=member.manage`)
    ).json() as Page;
    expect(manage.items.map((u) => u.id)).toEqual([kp1.id]);
    const users = (
      await staff.get(`/api/org-units/${wardA.id}/units?capability=user.manage&kind=committees`)
    ).json() as Page;
    expect(users.items.length).toBe(2);
    const none = (
      await secretary.get(`/api/org-units/${kp1.id}/units?capability=user.manage`)
    ).json() as Page;
    expect(none.items).toEqual([]);
    expect(none.total).toBe(0);
  });

  it('refuses bad input with a 400, a code and a Vietnamese message', async () => {
    const base = `/api/org-units/${wardA.id}/units`;
    const bad = [
      `${base}?limit=0`,
      `${base}?limit=51`,
      `${base}?limit=abc`,
      `${base}?kind=chi_bo`,
      `${base}?q=${'a'.repeat(101)}`,
      `${base}?includeArchived=maybe`,
      `${base}?capability=admin`,
      `${base}?cursor=abc`,
      `${base}?cursor=${'x'.repeat(900)}`,
      `${base}?cursor=${encodeCursor('children', { key: '0', id: 1, total: 1 })}`,
      `${base}?cursor=${encodeCursor('units', { key: 'x', id: 1, total: 1 })}`,
    ];
    for (const url of bad) {
      const res = await staff.get(url);
      expect(res.statusCode, url).toBe(400);
      const body = res.json() as { code: string; message: string };
      expect(body.code, url).toBe('VALIDATION_FAILED');
      expect(body.message, url).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
    }
    expect((await staff.get(`${base}?q=${'a'.repeat(100)}&limit=50`)).statusCode).toBe(200);
    expect((await staff.get(`/api/org-units/abc/units`)).statusCode).toBe(400);
  });
});
