/**
 * Issue 8, access: rule packs that apply beyond one's subtree are the administrators'. A ward's
 * staff loading a new version of the national default would rescore the planned meetings of
 * every other ward; they may load packs of their own, for their own subtree only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HD42_2025 } from '../../src/rules/hd42-2025.js';
import { type Client, createTestApp, type TestApp } from '../support/app.js';
import { meeting, unit, user } from '../support/factory.js';

let t: TestApp;
let staffA: Client;
let staffB: Client;
let provinceStaff: Client;
let admin: Client;
const ids = {} as Record<
  'province' | 'wardA' | 'wardB' | 'cellA' | 'cellB' | 'meetingA' | 'meetingB',
  number
>;

const pack = (id: string, version: string, effectiveFrom: string, name = `Bộ ${id}`) => ({
  ...structuredClone(HD42_2025),
  id,
  version,
  effectiveFrom,
  name,
});
const versions = async (id: string) =>
  (
    await t.db.query<{ version: string }>('SELECT version FROM rule_packs WHERE id = $1 ORDER BY version', [
      id,
    ])
  ).map((r) => r.version);
const packOf = async (meetingId: number) =>
  (
    await t.db.query<{ rule_pack: string; rule_pack_version: string }>(
      'SELECT rule_pack, rule_pack_version FROM meetings WHERE id = $1',
      [meetingId],
    )
  )[0]!;

beforeAll(async () => {
  t = await createTestApp();
  const province = await unit(t.db, { name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh' });
  const wardA = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường An' });
  const wardB = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường Bình' });
  const cellA = await unit(t.db, { parentId: wardA.id, name: 'Chi bộ An 1', cellType: 'khu_dan_cu' });
  const cellB = await unit(t.db, { parentId: wardB.id, name: 'Chi bộ Bình 1', cellType: 'khu_dan_cu' });
  Object.assign(ids, {
    province: province.id,
    wardA: wardA.id,
    wardB: wardB.id,
    cellA: cellA.id,
    cellB: cellB.id,
  });
  ids.meetingA = await meeting(t.db, { unitId: cellA.id, scheduledAt: '2099-06-10T19:30:00+07:00' });
  ids.meetingB = await meeting(t.db, { unitId: cellB.id, scheduledAt: '2099-06-10T19:30:00+07:00' });
  await user(t.db, 'vanphong.an', [{ role: 'committee_staff', unitId: wardA.id }]);
  await user(t.db, 'vanphong.binh', [{ role: 'committee_staff', unitId: wardB.id }]);
  await user(t.db, 'vanphong.tinh', [{ role: 'committee_staff', unitId: province.id }]);
  await user(t.db, 'quantri', [{ role: 'admin', unitId: province.id }]);
  staffA = await t.login('vanphong.an');
  staffB = await t.login('vanphong.binh');
  provinceStaff = await t.login('vanphong.tinh');
  admin = await t.login('quantri');
});
afterAll(() => t?.close());

describe('national packs are the administrators’', () => {
  it('refuses ward staff a new version of the built-in default: 403, nothing loaded, other wards untouched', async () => {
    const before = await packOf(ids.meetingB);
    const strict = pack('hd42-2025', '2099.1', '2099-01-01');
    strict.scoring.rubric.bands[0]!.min = 99;
    const res = await staffA.post('/api/rule-packs', { pack: strict });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/quản trị hệ thống/),
    });
    expect(await versions('hd42-2025')).toEqual([]);
    expect(await packOf(ids.meetingB)).toEqual(before);
    // Province staff are not administrators either.
    expect((await provinceStaff.post('/api/rule-packs', { pack: strict })).statusCode).toBe(403);
    expect(await versions('hd42-2025')).toEqual([]);
  });

  it('lets an administrator load it; the new version reaches planned meetings everywhere', async () => {
    const res = await admin.post('/api/rule-packs', { pack: pack('hd42-2025', '2099.1', '2099-01-01') });
    expect(res.statusCode, res.body).toBe(201);
    expect(await packOf(ids.meetingA)).toEqual({ rule_pack: 'hd42-2025', rule_pack_version: '2099.1' });
    expect(await packOf(ids.meetingB)).toEqual({ rule_pack: 'hd42-2025', rule_pack_version: '2099.1' });
    // An administrator's new pack is national: staff may select it, not version it.
    expect(
      (await admin.post('/api/rule-packs', { pack: pack('quoc-gia-thu', '1', '2099-01-01') })).statusCode,
    ).toBe(201);
    expect(
      (await staffA.post('/api/rule-packs', { pack: pack('quoc-gia-thu', '2', '2099-02-01') })).statusCode,
    ).toBe(403);
    const select = await staffB.request({
      method: 'PUT',
      url: `/api/org-units/${ids.cellB}/rule-pack`,
      payload: { packId: 'quoc-gia-thu' },
    });
    expect(select.statusCode, select.body).toBe(200);
    await staffB.request({
      method: 'PUT',
      url: `/api/org-units/${ids.cellB}/rule-pack`,
      payload: { packId: null },
    });
  });
});

describe('a committee’s own pack stays in its subtree', () => {
  it('lets ward staff load their own pack, owned by their ward', async () => {
    const res = await staffA.post('/api/rule-packs', {
      pack: pack('phuong-an-2099', '2099.1', '2099-01-01'),
    });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await t.db.query<{ owner_unit_id: number }>(
      "SELECT owner_unit_id FROM rule_packs WHERE id = 'phuong-an-2099'",
    );
    expect(row!.owner_unit_id).toBe(ids.wardA);
    const listA = (await staffA.get('/api/rule-packs')).json().items;
    expect(listA.find((p: { id: string }) => p.id === 'phuong-an-2099')).toMatchObject({
      ownerUnitId: ids.wardA,
      ownerUnitName: 'Đảng bộ phường An',
      permissions: { canLoadVersion: true },
    });
    const listB = (await staffB.get('/api/rule-packs')).json().items;
    expect(listB.map((p: { id: string }) => p.id)).not.toContain('phuong-an-2099');
    expect(listB.find((p: { id: string }) => p.id === 'hd42-2025').permissions).toEqual({
      canLoadVersion: false,
    });
  });

  it('refuses another ward its versions and its selection; province staff may not select it outside ward A', async () => {
    const other = await staffB.post('/api/rule-packs', {
      pack: pack('phuong-an-2099', '2099.2', '2099-02-01'),
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).not.toMatch(/phường An/);
    expect(await versions('phuong-an-2099')).toEqual(['2099.1']);
    const put = (c: Client, unitId: number) =>
      c.request({
        method: 'PUT',
        url: `/api/org-units/${unitId}/rule-pack`,
        payload: { packId: 'phuong-an-2099' },
      });
    // Ward B cannot see the pack at all: answered as if it did not exist.
    const hidden = await put(staffB, ids.cellB);
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'packId' } });
    const outside = await put(provinceStaff, ids.cellB);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().message).toMatch(/chỉ chọn được cho đơn vị đó/);
    const [unitB] = await t.db.query<{ rule_pack: string | null }>(
      'SELECT rule_pack FROM org_units WHERE id = $1',
      [ids.cellB],
    );
    expect(unitB!.rule_pack).toBeNull();
    expect(await packOf(ids.meetingB)).toEqual({ rule_pack: 'hd42-2025', rule_pack_version: '2099.1' });
    // Inside ward A it is selectable, by the ward and by those above it.
    expect((await put(staffA, ids.cellA)).statusCode).toBe(200);
    expect(await packOf(ids.meetingA)).toEqual({ rule_pack: 'phuong-an-2099', rule_pack_version: '2099.1' });
  });

  it('re-packs only the owner’s subtree when the owner loads a new version', async () => {
    // A stale pack on ward B's meeting shows whether a load touched it (a re-pack would rewrite it).
    await t.db.query("UPDATE meetings SET rule_pack = 'gop-dieu-hanh-2025' WHERE id = $1", [ids.meetingB]);
    const res = await staffA.post('/api/rule-packs', {
      pack: pack('phuong-an-2099', '2099.2', '2099-03-01'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await packOf(ids.meetingA)).toEqual({ rule_pack: 'phuong-an-2099', rule_pack_version: '2099.2' });
    expect((await packOf(ids.meetingB)).rule_pack).toBe('gop-dieu-hanh-2025');
  });

  it('keeps cell roles out of loading altogether', async () => {
    await user(t.db, 'bithu.an', [{ role: 'cell_secretary', unitId: ids.cellA }]);
    const secretary = await t.login('bithu.an');
    const res = await secretary.post('/api/rule-packs', { pack: pack('chi-bo-rieng', '1', '2099-01-01') });
    expect(res.statusCode).toBe(403);
    expect(await versions('chi-bo-rieng')).toEqual([]);
  });
});
