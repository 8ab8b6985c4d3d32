/**
 * The overview's sums with the children chosen in SQL (ADR 031): the same rows as the sums of the
 * unit and its listed children, an archived child left out, a cell answering its own row only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { meeting, member, unit } from '../../../test/support/factory.js';
import { todayIso } from '../../domain/format.js';
import { readSums, readUnitAndChildSums } from './overview-sql.js';
import { rebuildSummaries } from './summary.js';

const MONTH = todayIso().slice(0, 7);
const shift = (month: string, n: number) => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
};
const FROM = shift(MONTH, -3);

describe('overview sums with the children chosen in SQL', () => {
  let t: TestApp;
  const u = {} as Record<'p' | 'w1' | 'w2' | 'w3' | 'a' | 'b' | 'c' | 'd', { id: number; path: string }>;
  beforeAll(async () => {
    t = await createTestApp();
    const db = t.db;
    u.p = await unit(db, { name: 'Đảng bộ tỉnh Tổng', kind: 'dang_bo_tinh' });
    u.w1 = await unit(db, { parentId: u.p.id, name: 'Đảng bộ phường Một' });
    u.w2 = await unit(db, { parentId: u.p.id, name: 'Đảng bộ phường Hai' });
    u.w3 = await unit(db, { parentId: u.p.id, name: 'Đảng bộ phường Ba' });
    u.a = await unit(db, { parentId: u.w1.id, name: 'Chi bộ A', cellType: 'khu_dan_cu' });
    u.b = await unit(db, { parentId: u.w1.id, name: 'Chi bộ B', cellType: 'khu_dan_cu' });
    u.c = await unit(db, { parentId: u.w2.id, name: 'Chi bộ C', cellType: 'khu_dan_cu' });
    u.d = await unit(db, { parentId: u.w3.id, name: 'Chi bộ D', cellType: 'khu_dan_cu' });
    for (const cell of [u.a, u.b, u.c, u.d])
      await member(db, { unitId: cell.id, fullName: `Đảng viên ${cell.id}`, joinDate: '2020-01-01' });
    await meeting(db, {
      unitId: u.a.id,
      status: 'held',
      scheduledAt: `${shift(MONTH, -1)}-05T19:30:00+07:00`,
    });
    await rebuildSummaries(db, { from: FROM, to: MONTH });
    // Ward 3 archived after its rows were written: its roll-up rows stay but it is not a child any more.
    await db.query('UPDATE org_units SET archived_at = now() WHERE id = $1', [u.w3.id]);
  });
  afterAll(() => t.close());

  const byId = (rows: { unit_id: number }[]) => [...rows].sort((x, y) => x.unit_id - y.unit_id);

  it('answers the rows of the unit and its children that are not archived, as readSums does', async () => {
    const got = await readUnitAndChildSums(t.db, u.p.id, FROM, MONTH);
    const want = await readSums(t.db, [u.p.id, u.w1.id, u.w2.id], FROM, MONTH);
    expect(byId(got)).toEqual(byId(want));
    expect(got.map((r) => r.unit_id)).not.toContain(u.w3.id);
    expect(got.find((r) => r.unit_id === u.w1.id)!.months_held).toBe(1);
    expect(got.find((r) => r.unit_id === u.w1.id)!.cell_months).toBeGreaterThan(0);
  });

  it('answers a cell its own row only', async () => {
    const got = await readUnitAndChildSums(t.db, u.a.id, FROM, MONTH);
    expect(got.map((r) => r.unit_id)).toEqual([u.a.id]);
    expect(got).toEqual(await readSums(t.db, [u.a.id], FROM, MONTH));
  });
});
