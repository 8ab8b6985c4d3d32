import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';

describe('organisation tree', () => {
  let t: TestApp;
  let staff: Client;
  let ward: { id: number; path: string };
  let otherWard: { id: number; path: string };
  let cellA: { id: number; path: string };

  beforeAll(async () => {
    t = await createTestApp();
    const province = await unit(t.db, { name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh' });
    ward = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường Một' });
    otherWard = await unit(t.db, { parentId: province.id, name: 'Đảng bộ xã Hai' });
    cellA = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố A', cellType: 'khu_dan_cu' });
    for (let i = 0; i < 4; i++) await member(t.db, { unitId: cellA.id, fullName: `Lê Văn Thử ${i}` });
    await member(t.db, {
      unitId: cellA.id,
      fullName: 'Phạm Dự Bị',
      admissionDate: '2026-06-01',
      officialDate: null,
    });
    await user(t.db, 'vanphong', [{ role: 'committee_staff', unitId: ward.id }]);
    staff = await t.login('vanphong');
  });
  afterAll(() => t.close());

  it('creates a cell under the ward, with a materialized path, and audits it', async () => {
    const res = await staff.post('/api/org-units', {
      parentId: ward.id,
      name: '  Chi bộ   Trường THCS  ',
      kind: 'chi_bo',
      cellType: 'truong_hoc',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      name: 'Chi bộ Trường THCS',
      parentId: ward.id,
      cellType: 'truong_hoc',
      depth: 2,
    });
    const [row] = await t.db.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [
      created.id,
    ]);
    expect(row!.path).toBe(`${ward.path}${created.id}/`);
    const log = (await staff.get(`/api/org-units/${ward.id}/audit`)).json();
    expect(log.items[0]).toMatchObject({
      actionLabel: 'Thêm đơn vị',
      entityId: String(created.id),
      actor: { username: 'vanphong' },
    });
  });

  it('refuses a cell without a cell type, and a unit under a cell, in Vietnamese', async () => {
    const a = await staff.post('/api/org-units', { parentId: ward.id, name: 'Chi bộ X', kind: 'chi_bo' });
    expect(a.statusCode).toBe(400);
    expect(a.json().message).toBe('Chi bộ cần chọn loại hình chi bộ.');
    const b = await staff.post('/api/org-units', { parentId: cellA.id, name: 'Tổ', kind: 'other' });
    expect(b.json().message).toMatch(/trực thuộc một chi bộ/);
  });

  it('renames a unit and keeps before/after in the audit log', async () => {
    const res = await staff.patch(`/api/org-units/${cellA.id}`, { name: 'Chi bộ Khu phố A mới' });
    expect(res.json().name).toBe('Chi bộ Khu phố A mới');
    const [a] = await t.db.query<{ before: { name: string }; after: { name: string } }>(
      "SELECT before, after FROM audit_log WHERE action = 'unit.update' ORDER BY id DESC LIMIT 1",
    );
    expect(a!.before.name).toBe('Chi bộ Khu phố A');
    expect(a!.after.name).toBe('Chi bộ Khu phố A mới');
  });

  it('moves a subtree in one statement and refuses cycles', async () => {
    const sub = (
      await staff.post('/api/org-units', {
        parentId: ward.id,
        name: 'Đảng bộ bộ phận Khối A',
        kind: 'dang_bo_bo_phan',
      })
    ).json();
    const moved = await staff.post(`/api/org-units/${cellA.id}/move`, { parentId: sub.id });
    expect(moved.statusCode).toBe(200);
    const [row] = await t.db.query<{ path: string; parent_id: number }>(
      'SELECT path, parent_id FROM org_units WHERE id = $1',
      [cellA.id],
    );
    expect(row).toEqual({ path: `${ward.path}${sub.id}/${cellA.id}/`, parent_id: sub.id });
    // Counts follow the move: the sub-organisation now holds the cell's 5 members.
    expect((await staff.get(`/api/org-units/${sub.id}`)).json().counts.total).toBe(5);
    const cycle = await staff.post(`/api/org-units/${sub.id}/move`, { parentId: cellA.id });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().code).toBe('UNIT_CYCLE');
    const cycle2 = await staff.post(`/api/org-units/${ward.id}/move`, { parentId: sub.id });
    // The ward is the staff's own root: they do not manage its parent, so this is forbidden.
    expect(cycle2.statusCode).toBe(403);
    // Moving into another organisation outside the staff's subtree: it does not exist for them.
    const out = await staff.post(`/api/org-units/${cellA.id}/move`, { parentId: otherWard.id });
    expect(out.statusCode).toBe(404);
  });

  it('shows member counts as of a date, rolled up the tree', async () => {
    const today = (await staff.get(`/api/org-units/${ward.id}`)).json();
    expect(today.counts).toMatchObject({ total: 5, official: 4, probationary: 1, votingBase: 4 });
    const before = (await staff.get(`/api/org-units/${ward.id}?date=2026-05-31`)).json();
    expect(before.counts).toMatchObject({ total: 4, probationary: 0 });
    const children = (await staff.get(`/api/org-units/${ward.id}/children`)).json();
    expect(children.items.map((c: { name: string }) => c.name)).toContain('Đảng bộ bộ phận Khối A');
  });

  it('archives only an empty unit, and an archived unit takes no new children', async () => {
    const refused = await staff.post(`/api/org-units/${cellA.id}/archive`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/còn 5 đảng viên/);
    const empty = (
      await staff.post('/api/org-units', {
        parentId: ward.id,
        name: 'Chi bộ Giải thể',
        kind: 'chi_bo',
        cellType: 'co_quan',
      })
    ).json();
    expect((await staff.post(`/api/org-units/${empty.id}/archive`)).json().archived).toBe(true);
    const child = await staff.post('/api/org-units', {
      parentId: empty.id,
      name: 'Con',
      kind: 'chi_bo',
      cellType: 'co_quan',
    });
    expect(child.statusCode).toBe(409);
    const list = (await staff.get(`/api/org-units/${ward.id}/children`)).json();
    expect(list.items.find((c: { id: number }) => c.id === empty.id)).toBeUndefined();
  });

  it('answers 404 for a unit outside the scope, exactly like a missing one', async () => {
    const outside = await staff.get(`/api/org-units/${otherWard.id}`);
    const missing = await staff.get('/api/org-units/999999');
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
  });
});
