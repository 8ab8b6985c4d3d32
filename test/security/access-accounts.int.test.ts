/**
 * Issue 8, access: an account is managed only by someone whose scope covers all of it. Ward staff
 * must not take over an account that also holds a province grant (reset its password, sign in as
 * it and read outside the ward), nor lock it, change its grants or any of its fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, TEST_PASSWORD, type TestApp } from '../support/app.js';
import { member, unit, user } from '../support/factory.js';

let t: TestApp;
let wardStaff: Client;
let provinceStaff: Client;
const ids = {} as Record<
  | 'province'
  | 'wardA'
  | 'wardB'
  | 'cellA'
  | 'cellB'
  | 'dual'
  | 'provinceOnly'
  | 'plain'
  | 'linkedB'
  | 'adminA',
  number
>;

const NEW_PASSWORD = 'mat-khau-moi-9';

async function userRow(id: number) {
  const [u] = await t.db.query<{
    username: string;
    display_name: string;
    member_id: number | null;
    is_active: boolean;
    password_hash: string;
  }>('SELECT username, display_name, member_id, is_active, password_hash FROM users WHERE id = $1', [id]);
  return u!;
}
const grantsOf = (id: number) =>
  t.db.query<{ id: number; role: string; org_unit_id: number }>(
    'SELECT id, role, org_unit_id FROM role_grants WHERE user_id = $1 ORDER BY id',
    [id],
  );

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
  await user(t.db, 'vanphong.an', [{ role: 'committee_staff', unitId: wardA.id }]);
  await user(t.db, 'vanphong.tinh', [{ role: 'committee_staff', unitId: province.id }]);
  // A province officer who also sits in a cell of ward A: visible to ward A's staff, not theirs.
  ids.dual = await user(t.db, 'tinh.kiemnhiem', [
    { role: 'member', unitId: cellA.id },
    { role: 'committee_staff', unitId: province.id },
  ]);
  ids.provinceOnly = await user(t.db, 'tinh.chuyenvien', [{ role: 'committee_staff', unitId: province.id }]);
  ids.plain = await user(t.db, 'an.dangvien', [{ role: 'member', unitId: cellA.id }]);
  // Grants in ward A, but the member record (read in full by its holder) sits in ward B.
  const personB = await member(t.db, {
    unitId: cellB.id,
    fullName: 'Trần Thị Bình',
    nationalId: '001190000777',
  });
  ids.linkedB = await user(t.db, 'binh.chuyenden', [{ role: 'member', unitId: cellA.id }], personB);
  ids.adminA = await user(t.db, 'quantri.an', [{ role: 'admin', unitId: wardA.id }]);
  wardStaff = await t.login('vanphong.an');
  provinceStaff = await t.login('vanphong.tinh');
});
afterAll(() => t?.close());

describe('ward staff cannot take over an account that reaches beyond the ward', () => {
  it('refuses reset-password, deactivation, every field, adding and revoking grants: 403, nothing changed', async () => {
    const before = await userRow(ids.dual);
    const grantsBefore = await grantsOf(ids.dual);
    const attempts = [
      () => wardStaff.patch(`/api/users/${ids.dual}`, { password: NEW_PASSWORD }),
      () => wardStaff.patch(`/api/users/${ids.dual}`, { active: false }),
      () => wardStaff.patch(`/api/users/${ids.dual}`, { displayName: 'Tên bị đổi' }),
      () => wardStaff.patch(`/api/users/${ids.dual}`, { username: 'tinh.bichiem' }),
      () => wardStaff.patch(`/api/users/${ids.dual}`, { memberId: null }),
      () => wardStaff.post(`/api/users/${ids.dual}/grants`, { role: 'cell_committee', orgUnitId: ids.cellA }),
      () => wardStaff.del(`/api/users/${ids.dual}/grants/${grantsBefore[0]!.id}`),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      expect(res.json().message).toMatch(/ngoài phạm vi bạn quản lý/);
    }
    expect(await userRow(ids.dual)).toEqual(before);
    expect(await grantsOf(ids.dual)).toEqual(grantsBefore);
    // The attacker cannot sign in as the account; its owner still can.
    const login = await t.anonymous.post('/api/auth/login', {
      username: 'tinh.kiemnhiem',
      password: NEW_PASSWORD,
    });
    expect(login.statusCode).toBe(401);
    expect((await t.login('tinh.kiemnhiem')).username).toBe('tinh.kiemnhiem');
  });

  it('answers 404, as if absent, for an account with nothing in the ward', async () => {
    const grantsBefore = await grantsOf(ids.provinceOnly);
    for (const res of [
      await wardStaff.get(`/api/users/${ids.provinceOnly}`),
      await wardStaff.patch(`/api/users/${ids.provinceOnly}`, { password: NEW_PASSWORD }),
      await wardStaff.post(`/api/users/${ids.provinceOnly}/grants`, { role: 'member', orgUnitId: ids.cellA }),
      await wardStaff.del(`/api/users/${ids.provinceOnly}/grants/${grantsBefore[0]!.id}`),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    expect(await grantsOf(ids.provinceOnly)).toEqual(grantsBefore);
  });

  it('counts the linked member record: grants in the ward, person registered in ward B → 403', async () => {
    const before = await userRow(ids.linkedB);
    const res = await wardStaff.patch(`/api/users/${ids.linkedB}`, { password: NEW_PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(await userRow(ids.linkedB)).toEqual(before);
  });

  it('leaves an administrator account to administrators', async () => {
    const res = await wardStaff.patch(`/api/users/${ids.adminA}`, { password: NEW_PASSWORD });
    expect(res.statusCode).toBe(403);
  });

  it('still lets the right people manage: ward staff their own accounts, province staff the dual one', async () => {
    const reset = await wardStaff.patch(`/api/users/${ids.plain}`, { password: NEW_PASSWORD });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await t.login('an.dangvien', NEW_PASSWORD)).username).toBe('an.dangvien');
    const grant = await wardStaff.post(`/api/users/${ids.plain}/grants`, {
      role: 'cell_committee',
      orgUnitId: ids.cellA,
    });
    expect(grant.statusCode, grant.body).toBe(201);
    expect((await wardStaff.del(`/api/users/${ids.plain}/grants/${grant.json().id}`)).statusCode).toBe(200);
    const rename = await provinceStaff.patch(`/api/users/${ids.dual}`, { displayName: 'Cán bộ kiêm nhiệm' });
    expect(rename.statusCode, rename.body).toBe(200);
    expect((await userRow(ids.dual)).display_name).toBe('Cán bộ kiêm nhiệm');
    await provinceStaff.patch(`/api/users/${ids.dual}`, { displayName: 'tinh.kiemnhiem' });
  });

  it('tells the page which accounts of the list it may manage', async () => {
    const list = (await wardStaff.get(`/api/org-units/${ids.wardA}/users`)).json();
    const byName = new Map(
      list.items.map((u: { username: string; permissions: unknown }) => [u.username, u.permissions]),
    );
    expect(byName.get('tinh.kiemnhiem')).toEqual({ canManage: false });
    expect(byName.get('binh.chuyenden')).toEqual({ canManage: false });
    expect(byName.get('an.dangvien')).toEqual({ canManage: true });
    expect(byName.has('tinh.chuyenvien')).toBe(false);
    expect((await wardStaff.get(`/api/users/${ids.dual}`)).json().permissions).toEqual({ canManage: false });
  });

  it('refuses a new account linked to a person outside the ward, and grants on units out of reach', async () => {
    const [person] = await t.db.query<{ id: number }>(
      "SELECT id FROM members WHERE full_name = 'Trần Thị Bình'",
    );
    const base = {
      displayName: 'Người mới',
      password: TEST_PASSWORD,
      grants: [{ role: 'member', orgUnitId: ids.cellA }],
    };
    const linked = await wardStaff.post('/api/users', { ...base, username: 'moi.mot', memberId: person!.id });
    expect(linked.statusCode).toBe(400);
    expect(linked.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'memberId' } });
    const far = await wardStaff.post('/api/users', {
      ...base,
      username: 'moi.hai',
      grants: [{ role: 'member', orgUnitId: ids.cellB }],
    });
    expect(far.statusCode).toBe(404);
    expect(far.json()).toMatchObject({ code: 'NOT_FOUND', details: { field: 'grants.0.orgUnitId' } });
    const [n] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE username IN ('moi.mot', 'moi.hai')",
    );
    expect(n!.n).toBe(0);
  });
});
