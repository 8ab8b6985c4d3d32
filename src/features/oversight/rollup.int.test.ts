/**
 * Summary rows kept on write (ADR 021): the month's state in the database (pending, missed, held
 * late, none before the cell exists), and every write these rows read (a visit, a member joining or
 * removed, a unit moved or archived) refreshing the cell's row and the roll-ups of its ancestors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { meeting, member, unit, user } from '../../../test/support/factory.js';
import { todayIso } from '../../domain/format.js';
import { refreshCellMonth } from '../scoring/status.js';
import { rebuildSummaries } from './summary.js';

const TODAY = todayIso();
const MONTH = TODAY.slice(0, 7);
const shift = (month: string, n: number) => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
};
const PREV = shift(MONTH, -1);

describe('summary rows kept on write', () => {
  let t: TestApp;
  let admin: Client;
  let sup: Client;
  const u = {} as Record<'p' | 'w1' | 'w2' | 'a' | 'b' | 'c', { id: number; path: string }>;
  beforeAll(async () => {
    t = await createTestApp();
    const db = t.db;
    u.p = await unit(db, { name: 'Đảng bộ tỉnh thử', kind: 'dang_bo_tinh' });
    u.w1 = await unit(db, { parentId: u.p.id, name: 'Đảng bộ phường Một' });
    u.w2 = await unit(db, { parentId: u.p.id, name: 'Đảng bộ phường Hai' });
    u.a = await unit(db, { parentId: u.w1.id, name: 'Chi bộ A', cellType: 'khu_dan_cu' });
    u.b = await unit(db, { parentId: u.w1.id, name: 'Chi bộ B', cellType: 'khu_dan_cu' });
    u.c = await unit(db, { parentId: u.w2.id, name: 'Chi bộ C', cellType: 'khu_dan_cu' });
    for (const [cell, n] of [
      [u.a, 3],
      [u.b, 2],
    ] as const)
      for (let i = 0; i < n; i++)
        await member(db, { unitId: cell.id, fullName: `Đảng viên ${cell.id}-${i}` });
    await user(db, 'quantri-r', [{ role: 'admin', unitId: u.p.id }]);
    await user(db, 'giamsat-r', [{ role: 'supervisor', unitId: u.a.id }]);
    admin = await t.login('quantri-r');
    sup = await t.login('giamsat-r');
    await rebuildSummaries(db, { from: shift(MONTH, -3), to: MONTH });
  });
  afterAll(() => t.close());

  const cellRow = async (id: number, month = MONTH) =>
    (
      await t.db.query<Record<string, unknown>>(
        'SELECT * FROM cell_month_status WHERE unit_id = $1 AND month = $2',
        [id, month],
      )
    )[0];
  const rollup = async (id: number, month = MONTH) =>
    (
      await t.db.query<Record<string, number>>(
        'SELECT * FROM unit_month_rollup WHERE unit_id = $1 AND month = $2',
        [id, month],
      )
    )[0];

  it('counts a month pending until its due date and missed after it; held after the due date is late', async () => {
    await t.db.query(
      "INSERT INTO meeting_series (unit_id, day_of_month, start_time, place) VALUES ($1, 10, '19:30', 'Nhà văn hóa')",
      [u.b.id],
    );
    await refreshCellMonth(t.db, u.b.id, '2026-10', '2026-10-10');
    expect((await cellRow(u.b.id, '2026-10'))!.regular_state).toBe('pending');
    await refreshCellMonth(t.db, u.b.id, '2026-10', '2026-10-11');
    expect((await cellRow(u.b.id, '2026-10'))!.regular_state).toBe('missed');
    // Chi bộ A, with no meeting at all that month, missed it too.
    expect((await cellRow(u.a.id, '2026-10'))!.regular_state).toBe('missed');
    expect((await rollup(u.w1.id, '2026-10'))!.months_missed).toBe(2);
    await meeting(t.db, { unitId: u.b.id, status: 'held', scheduledAt: '2026-10-20T19:30:00+07:00' });
    await refreshCellMonth(t.db, u.b.id, '2026-10', '2026-10-25');
    const row = (await cellRow(u.b.id, '2026-10'))!;
    expect(row.regular_state).toBe('held_late');
    expect(row.regular_on_time).toBe(false);
    expect((await rollup(u.w1.id, '2026-10'))!.months_missed).toBe(1);
    expect((await rollup(u.p.id, '2026-10'))!.months_held).toBe(1);
    await meeting(t.db, { unitId: u.b.id, status: 'held', scheduledAt: '2026-09-09T19:30:00+07:00' });
    await refreshCellMonth(t.db, u.b.id, '2026-09', '2026-10-25');
    expect((await cellRow(u.b.id, '2026-09'))!.regular_state).toBe('held_on_time');
  });

  it('counts no month before the cell has any record', async () => {
    const d = await unit(t.db, { parentId: u.w2.id, name: 'Chi bộ D mới', cellType: 'khu_dan_cu' });
    await t.db.query("UPDATE org_units SET created_at = '2026-11-03T09:00:00+07:00' WHERE id = $1", [d.id]);
    await refreshCellMonth(t.db, d.id, '2026-10', '2026-11-20');
    await refreshCellMonth(t.db, d.id, '2026-11', '2026-11-20');
    expect((await cellRow(d.id, '2026-10'))!.regular_state).toBe('none');
    expect((await cellRow(d.id, '2026-11'))!.regular_state).toBe('pending');
    expect((await rollup(d.id, '2026-10'))!.cells).toBe(0);
    expect((await rollup(d.id, '2026-11'))!.cells).toBe(1);
    await t.db.query('DELETE FROM unit_month_rollup WHERE unit_id = $1', [d.id]);
    await t.db.query('DELETE FROM cell_month_status WHERE unit_id = $1', [d.id]);
    await t.db.query('DELETE FROM unit_member_counts WHERE unit_id = $1', [d.id]);
    await t.db.query('DELETE FROM org_units WHERE id = $1', [d.id]);
    await rebuildSummaries(t.db, { from: '2026-10', to: MONTH });
  });

  it('counts a supervision visit in the cell’s month and in every ancestor', async () => {
    const before = Number((await rollup(u.p.id))!.visits);
    const res = await sup.post(`/api/org-units/${u.a.id}/visits`, {
      visitedOn: TODAY,
      comments: 'Dự sinh hoạt',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await cellRow(u.a.id))!.visits).toBe(1);
    expect((await rollup(u.w1.id))!.visits).toBe(before + 1);
    expect((await rollup(u.p.id))!.visits).toBe(before + 1);
  });

  it('counts a member who joins from the joining month on, and not after removal', async () => {
    expect((await cellRow(u.a.id, PREV))!.members_count).toBe(3);
    const res = await admin.post(`/api/org-units/${u.a.id}/members`, {
      fullName: 'Nguyễn Văn Mới',
      relation: 'existing',
      admissionDate: '2010-05-01',
      officialDate: '2011-05-01',
      joinDate: `${PREV}-01`,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await cellRow(u.a.id, shift(MONTH, -2)))!.members_count).toBe(3);
    expect((await cellRow(u.a.id, PREV))!.members_count).toBe(4);
    expect((await cellRow(u.a.id))!.members_count).toBe(4);
    expect((await rollup(u.p.id))!.members).toBe(6);
    const removed = await admin.post(`/api/members/${res.json().id}/status-changes`, {
      type: 'remove',
      date: TODAY,
      reason: 'tu_tran',
    });
    expect(removed.statusCode, removed.body).toBeLessThan(300);
    expect((await cellRow(u.a.id))!.members_count).toBe(3);
    expect((await cellRow(u.a.id, PREV))!.members_count).toBe(4);
    expect((await rollup(u.w1.id))!.members).toBe(5);
  });

  it('moves a cell’s figures from its old ancestors to its new ones, and drops an archived cell', async () => {
    const cellsOf = async (id: number) => (await rollup(id))?.cells ?? 0;
    expect([await cellsOf(u.w1.id), await cellsOf(u.w2.id), await cellsOf(u.p.id)]).toEqual([2, 1, 3]);
    const moved = await admin.post(`/api/org-units/${u.b.id}/move`, { parentId: u.w2.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect([await cellsOf(u.w1.id), await cellsOf(u.w2.id), await cellsOf(u.p.id)]).toEqual([1, 2, 3]);
    expect((await rollup(u.w2.id))!.members).toBe(2);
    expect((await rollup(u.w2.id, '2026-10'))!.months_held).toBe(1);
    expect((await rollup(u.w1.id, '2026-10'))?.months_held ?? 0).toBe(0);
    const archived = await admin.post(`/api/org-units/${u.c.id}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect([await cellsOf(u.w2.id), await cellsOf(u.p.id), await cellsOf(u.c.id)]).toEqual([1, 2, 0]);
    // The job's bulk rebuild agrees with what the writes left.
    const kept = await t.db.query('SELECT * FROM unit_month_rollup ORDER BY unit_id, month');
    await rebuildSummaries(t.db, { from: shift(MONTH, -3), to: MONTH });
    const rebuilt = await t.db.query('SELECT * FROM unit_month_rollup ORDER BY unit_id, month');
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ updated_at: _, ...r }) => r);
    expect(strip(rebuilt)).toEqual(strip(kept));
  });
});
