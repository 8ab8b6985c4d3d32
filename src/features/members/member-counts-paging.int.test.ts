/**
 * Keyset pages of the registry and of the children list (ADR 027): no duplicates and no gaps
 * across pages with ties in sort_key, both plans (walk of a large share, gather of a small one),
 * cursors that are not ours, the limit's maximum, search without diacritics, and identity
 * numbers searchable only by those who may read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { encodeCursor } from '../oversight/subtree-cursor.js';
import { refreshMemberCounts } from './member-counts.js';

interface Page {
  items: { id: number; fullName: string }[];
  total: number;
  nextCursor: string | null;
}

async function allPages(c: Client, url: string, limit: number) {
  const seen: number[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const sep = url.includes('?') ? '&' : '?';
    const res = await c.get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as Page;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((m) => m.id));
    totals.push(page.total);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { seen, totals };
}

describe('registry and children pages', () => {
  let t: TestApp;
  let staff: Client;
  let plain: Client;
  let ward: { id: number; path: string };
  let big: { id: number; path: string };
  let small: { id: number; path: string };
  let smallIds: number[];
  let bigIds: number[];

  beforeAll(async () => {
    t = await createTestApp();
    ward = await unit(t.db, { name: 'Đảng bộ phường Trang' });
    big = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Lớn', cellType: 'khu_dan_cu' });
    small = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Nhỏ', cellType: 'khu_dan_cu' });
    bigIds = [];
    // 23 members with only four names: ties in sort_key broken by id.
    const names = ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Văn Cường', 'Nguyễn Thị Ánh'];
    for (let i = 0; i < 23; i++) {
      bigIds.push(
        await member(t.db, {
          unitId: big.id,
          fullName: names[i % names.length]!,
          cardNumber: `7900${String(i).padStart(4, '0')}`,
        }),
      );
    }
    smallIds = [await member(t.db, { unitId: small.id, fullName: 'Phạm Văn Ít' })];
    for (let i = 0; i < 5; i++) await unit(t.db, { parentId: ward.id, name: `Chi bộ Phụ ${i % 2}` });
    await user(t.db, 'vp_trang', [{ role: 'committee_staff', unitId: ward.id }]);
    await user(t.db, 'dv_trang', [{ role: 'member', unitId: big.id }], bigIds[0]);
    staff = await t.login('vp_trang');
    plain = await t.login('dv_trang');
  });
  afterAll(() => t.close());

  it('walks the subtree page by page: every member once, in (sort_key, id) order, the total on each page', async () => {
    const { seen, totals } = await allPages(staff, `/api/org-units/${ward.id}/members?subtree=true`, 4);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual([...bigIds, ...smallIds].sort((a, b) => a - b));
    expect(new Set(totals)).toEqual(new Set([24]));
    const rows = await t.db.query<{ id: number }>(
      `SELECT id FROM members WHERE id = ANY($1::int[]) ORDER BY sort_key COLLATE "C", id`,
      [seen],
    );
    expect(seen).toEqual(rows.map((r) => r.id));
  });

  it('the same with a filter and with a search (counted on the first page, carried in the cursor)', async () => {
    const { seen, totals } = await allPages(
      staff,
      `/api/org-units/${ward.id}/members?subtree=true&status=official&q=nguyen`,
      2,
    );
    expect(seen.length).toBe(11);
    expect(new Set(seen).size).toBe(11);
    expect(new Set(totals)).toEqual(new Set([11]));
  });

  it('a small cell (gathered through its units) pages the same way', async () => {
    const { seen, totals } = await allPages(staff, `/api/org-units/${small.id}/members`, 1);
    expect(seen).toEqual(smallIds);
    expect(totals).toEqual([1]);
  });

  it('search without diacritics finds "Nguyễn"; a card number only for those who may read identity', async () => {
    const res = (await staff.get(`/api/org-units/${big.id}/members?q=NGUYEN%20van`)).json() as Page;
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items.every((m) => m.fullName === 'Nguyễn Văn An')).toBe(true);
    const otherCard = '79000003';
    const byStaff = (await staff.get(`/api/org-units/${big.id}/members?q=${otherCard}`)).json() as Page;
    expect(byStaff.items.map((m) => m.id)).toEqual([bigIds[3]]);
    const byPlain = (await plain.get(`/api/org-units/${big.id}/members?q=${otherCard}`)).json() as Page;
    expect(byPlain.items).toEqual([]);
    expect(byPlain.total).toBe(0);
    // Their own card number they may search.
    const own = (await plain.get(`/api/org-units/${big.id}/members?q=79000000`)).json() as Page;
    expect(own.items.map((m) => m.id)).toEqual([bigIds[0]]);
  });

  it('refuses a cursor that is not ours, of another list, and a limit above 200', async () => {
    const base = `/api/org-units/${ward.id}/members?subtree=true`;
    for (const cursor of ['abc', 'x'.repeat(900), encodeCursor('meetings', { key: 'a', id: 1, total: 1 })]) {
      const r = await staff.get(`${base}&cursor=${cursor}`);
      expect(r.statusCode).toBe(400);
      expect(r.json().code).toBe('VALIDATION_FAILED');
    }
    const big201 = await staff.get(`${base}&limit=201`);
    expect(big201.statusCode).toBe(400);
    expect(big201.json().code).toBe('VALIDATION_FAILED');
    expect((await staff.get(`${base}&limit=200`)).statusCode).toBe(200);
  });

  it('pages the children by cursor with ties in name, and refuses bad cursors and limits', async () => {
    const { seen, totals } = await allPages(staff, `/api/org-units/${ward.id}/children`, 2);
    const direct = await t.db.query<{ id: number }>(
      'SELECT id FROM org_units WHERE parent_id = $1 ORDER BY sort_order, name, id',
      [ward.id],
    );
    expect(seen).toEqual(direct.map((r) => r.id));
    expect(seen.length).toBe(7);
    expect(new Set(totals)).toEqual(new Set([7]));
    const bad = await staff.get(
      `/api/org-units/${ward.id}/children?cursor=${encodeCursor('children', { key: 'x', id: 1, total: 1 })}`,
    );
    expect(bad.statusCode).toBe(400);
    expect((await staff.get(`/api/org-units/${ward.id}/children?limit=201`)).statusCode).toBe(400);
    const counts = (await staff.get(`/api/org-units/${ward.id}/children?limit=200`)).json();
    const bigRow = counts.items.find((c: { id: number }) => c.id === big.id);
    expect(bigRow.counts.total).toBe(23);
  });

  it('a search counts at most 1.000 matches and says so; the unfiltered total is never capped', async () => {
    const crowd = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Đông' });
    await t.db.query(
      `WITH m AS (
         INSERT INTO members (full_name, sort_key, unit_id)
         SELECT 'Nguyễn Văn Đông ' || g, 'dong ' || lpad(g::text, 5, '0'), $1 FROM generate_series(1, 1005) g
         RETURNING id)
       INSERT INTO memberships (member_id, unit_id, valid_from, start_reason) SELECT id, $1, '2000-01-01', 'initial' FROM m`,
      [crowd.id],
    );
    await t.db.transaction((tx) => refreshMemberCounts(tx, [crowd.id]));
    const all = (await staff.get(`/api/org-units/${crowd.id}/members?limit=10`)).json();
    expect(all.total).toBe(1005);
    expect(all.totalCapped).toBe(false);
    const found = (await staff.get(`/api/org-units/${crowd.id}/members?limit=10&q=dong`)).json();
    expect(found.total).toBe(1000);
    expect(found.totalCapped).toBe(true);
    expect(found.items).toHaveLength(10);
    const next = (
      await staff.get(`/api/org-units/${crowd.id}/members?limit=10&q=dong&cursor=${found.nextCursor}`)
    ).json();
    expect(next.totalCapped).toBe(true);
    expect(next.items[0].id).not.toBe(found.items[9].id);
  });

  it('answers TREE_TOO_LARGE above 2.000 units, and the tree below it', async () => {
    expect((await staff.get(`/api/org-units/${ward.id}/tree`)).json().items.length).toBe(9);
    await t.db.query(
      `WITH ids AS (SELECT nextval('org_units_id_seq')::int AS id FROM generate_series(1, 2001))
       INSERT INTO org_units (id, parent_id, path, name, kind, cell_type)
       SELECT id, $1, $2 || id || '/', 'Chi bộ ' || id, 'chi_bo', 'khu_dan_cu' FROM ids`,
      [ward.id, ward.path],
    );
    const r = await staff.get(`/api/org-units/${ward.id}/tree`);
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('TREE_TOO_LARGE');
    expect(r.json().message).toMatch(/Cây đơn vị quá lớn/);
  });
});
