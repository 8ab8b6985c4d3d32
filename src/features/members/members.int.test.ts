import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { countUnitMembers, type MemberTimeline } from '../../domain/membership.js';
import { sortByVietnameseName } from '../../domain/vietnamese.js';
import { seedDemo } from '../demo/seed.js';
import { countsForSubtree } from './counts.js';

describe('member registry', () => {
  let t: TestApp;
  let staff: Client;
  let secretary: Client;
  let plain: Client;
  let ward: { id: number; path: string };
  let cell: { id: number; path: string };
  let cell2: { id: number; path: string };
  let selfId: number;
  let otherId: number;

  beforeAll(async () => {
    t = await createTestApp();
    ward = await unit(t.db, { name: 'Đảng bộ phường Thử' });
    cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' });
    cell2 = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 2', cellType: 'khu_dan_cu' });
    selfId = await member(t.db, {
      unitId: cell.id,
      fullName: 'Trần Văn Bình',
      nationalId: '079080000001',
      phone: '0901000001',
    });
    otherId = await member(t.db, {
      unitId: cell.id,
      fullName: 'Lê Thị An',
      nationalId: '079080000002',
      phone: '0901000002',
    });
    await member(t.db, { unitId: cell2.id, fullName: 'Đỗ Văn Khác', nationalId: '079080000003' });
    await user(t.db, 'vanphong', [{ role: 'committee_staff', unitId: ward.id }]);
    await user(t.db, 'bithu', [{ role: 'cell_secretary', unitId: cell.id }]);
    await user(t.db, 'dangvien', [{ role: 'member', unitId: cell.id }], selfId);
    staff = await t.login('vanphong');
    secretary = await t.login('bithu');
    plain = await t.login('dangvien');
  });
  afterAll(() => t.close());

  it('admits a new probationary member and lists the cell sorted the Vietnamese way', async () => {
    const res = await secretary.post(`/api/org-units/${cell.id}/members`, {
      fullName: 'Nguyễn Thị Ánh',
      birthDate: '1998-02-03',
      gender: 'nu',
      admissionDate: '2025-09-02',
      nationalId: '079198000004',
      relation: 'admission',
    });
    expect(res.statusCode).toBe(201);
    const list = (await secretary.get(`/api/org-units/${cell.id}/members`)).json();
    const names = list.items.map((m: { fullName: string }) => m.fullName);
    expect(names).toEqual(['Lê Thị An', 'Nguyễn Thị Ánh', 'Trần Văn Bình']);
    expect(names).toEqual(sortByVietnameseName(names, (n: string) => n));
    const anh = list.items.find((m: { fullName: string }) => m.fullName === 'Nguyễn Thị Ánh');
    expect(anh.status.labels).toEqual(['Dự bị']);
    expect(anh.status.rank).toBe('probationary');
  });

  it('rejects a member under 18 at admission and a duplicate CCCD, with Vietnamese messages', async () => {
    const young = await secretary.post(`/api/org-units/${cell.id}/members`, {
      fullName: 'Phạm Văn Nhỏ',
      birthDate: '2010-01-01',
      admissionDate: '2026-01-01',
    });
    expect(young.statusCode).toBe(400);
    expect(young.json().message).toMatch(/đủ 18 tuổi/);
    const dup = await secretary.post(`/api/org-units/${cell.id}/members`, {
      fullName: 'Phạm Văn Trùng',
      admissionDate: '2000-01-01',
      nationalId: '079080000001',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({
      code: 'DUPLICATE_NATIONAL_ID',
      // The holder is in the secretary's own cell, so it is named (ADR 015).
      message: expect.stringMatching(/^Số CCCD này đã có trong hồ sơ đảng viên /),
      details: { field: 'nationalId' },
    });
    const bad = await secretary.post(`/api/org-units/${cell.id}/members`, {
      fullName: 'A',
      admissionDate: '01/01/2000',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect(bad.json().details.issues.map((i: { field: string }) => i.field)).toEqual(
      expect.arrayContaining(['fullName', 'admissionDate']),
    );
  });

  it('hides other members’ CCCD and phone from a plain member, but shows their own', async () => {
    const list = (await plain.get(`/api/org-units/${cell.id}/members`)).json();
    const other = list.items.find((m: { id: number }) => m.id === otherId);
    const self = list.items.find((m: { id: number }) => m.id === selfId);
    expect(other.fullName).toBe('Lê Thị An');
    expect(other).not.toHaveProperty('nationalId');
    expect(other).not.toHaveProperty('phone');
    expect(self.nationalId).toBe('079080000001');
    expect((await plain.get(`/api/members/${otherId}`)).json()).not.toHaveProperty('nationalId');
    expect((await plain.get(`/api/members/${selfId}`)).json().phone).toBe('0901000001');
    // The secretary keeps the registry and sees it.
    expect((await secretary.get(`/api/members/${otherId}`)).json().nationalId).toBe('079080000002');
    // A plain member cannot change anything, even their own record.
    expect((await plain.patch(`/api/members/${selfId}`, { phone: '0909999999' })).statusCode).toBe(403);
  });

  it('keeps every status change dated, answerable as of any past date', async () => {
    const id = (
      await staff.post(`/api/org-units/${cell.id}/members`, {
        fullName: 'Võ Văn Lịch Sử',
        birthDate: '1950-05-05',
        admissionDate: '1975-01-01',
        officialDate: '1976-01-01',
        relation: 'existing',
        joinDate: '2020-01-01',
      })
    ).json().id;
    const change = (body: object) => staff.post(`/api/members/${id}/status-changes`, body);
    expect(
      (await change({ type: 'exempt', date: '2025-01-10', reason: 'Tuổi cao, sức khỏe yếu' })).statusCode,
    ).toBe(200);
    expect((await change({ type: 'exempt', date: '2025-02-10', reason: 'Lặp lại' })).statusCode).toBe(409);
    expect((await change({ type: 'end_exemption', date: '2025-06-01' })).statusCode).toBe(200);
    expect(
      (
        await change({
          type: 'temporary_out',
          date: '2025-07-01',
          until: '2025-12-01',
          hostUnitId: cell2.id,
          reason: 'Ở với con',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await change({ type: 'transfer', date: '2026-02-01', toUnitId: cell2.id, decisionNo: '12-QĐ/ĐU' }))
        .statusCode,
    ).toBe(200);
    expect((await change({ type: 'remove', date: '2026-10-01', reason: 'tu_tran' })).statusCode).toBe(200);

    const at = async (date: string) => (await staff.get(`/api/members/${id}?date=${date}`)).json().status;
    expect((await at('2025-03-01')).labels).toEqual(['Chính thức', 'Miễn sinh hoạt']);
    expect((await at('2025-08-01')).temporaryOut).toMatchObject({
      hostUnitId: cell2.id,
      hostName: 'Chi bộ Khu phố 2',
    });
    expect((await at('2026-10-02')).labels).toEqual(['Từ trần']);

    const count = async (u: number, date: string) =>
      (await staff.get(`/api/org-units/${u}/counts?date=${date}`)).json();
    expect(await count(cell.id, '2025-03-01')).toMatchObject({ exempted: 1 });
    expect(await count(cell2.id, '2025-08-01')).toMatchObject({ temporaryIn: 1 });
    expect((await count(cell2.id, '2026-03-01')).total).toBe(2);
    expect((await count(cell2.id, '2026-10-02')).total).toBe(1);

    const detail = (await staff.get(`/api/members/${id}`)).json();
    expect(
      detail.history.memberships.map((m: { unitName: string; endReasonLabel: string | null }) => [
        m.unitName,
        m.endReasonLabel,
      ]),
    ).toEqual([
      ['Chi bộ Khu phố 1', 'Chuyển sinh hoạt chính thức'],
      ['Chi bộ Khu phố 2', 'Từ trần'],
    ]);
    // Nothing was deleted: the history holds every period.
    expect(detail.history.periods.map((p: { kind: string }) => p.kind).sort()).toEqual(
      ['exempted', 'official', 'probationary', 'temporary_out'].sort(),
    );
    // Removed members leave the current list but stay findable as former members.
    const former = (await staff.get(`/api/org-units/${cell2.id}/members?status=former`)).json();
    expect(former.items.map((m: { id: number }) => m.id)).toContain(id);
  });

  it('records official recognition of a probationary member and the voting base follows', async () => {
    const list = (await secretary.get(`/api/org-units/${cell.id}/members?status=probationary`)).json();
    const anh = list.items[0];
    expect(anh.fullName).toBe('Nguyễn Thị Ánh');
    const before = (await secretary.get(`/api/org-units/${cell.id}/counts`)).json();
    // The probation is 12 months (rule pack): not before 02/09/2026 for an admission on 02/09/2025.
    const early = await secretary.post(`/api/members/${anh.id}/status-changes`, {
      type: 'recognize_official',
      date: '2026-03-10',
      cardNumber: '12345678',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'PROBATION_NOT_ENDED', details: { field: 'date' } });
    const res = await secretary.post(`/api/members/${anh.id}/status-changes`, {
      type: 'recognize_official',
      date: '2026-09-10',
      cardNumber: '12345678',
    });
    expect(res.statusCode).toBe(200);
    const after = (await secretary.get(`/api/org-units/${cell.id}/counts`)).json();
    expect(after.votingBase).toBe(before.votingBase + 1);
    expect(after.probationary).toBe(before.probationary - 1);
  });

  it('a secretary cannot touch another cell: 404 for its members, its list and its records', async () => {
    expect((await secretary.get(`/api/org-units/${cell2.id}/members`)).statusCode).toBe(404);
    const [other] = await t.db.query<{ id: number }>(
      "SELECT id FROM members WHERE full_name = 'Đỗ Văn Khác'",
    );
    expect((await secretary.get(`/api/members/${other!.id}`)).statusCode).toBe(404);
    expect((await secretary.patch(`/api/members/${other!.id}`, { phone: '0900000000' })).statusCode).toBe(
      404,
    );
  });

  it('exports the members of a unit as .xlsx with a file name without diacritics', async () => {
    const res = await staff.get(`/api/org-units/${cell.id}/members.xlsx`);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(
      /filename="Danh-sach-dang-vien-Chi-bo-Khu-pho-1-\d{4}-\d{2}-\d{2}\.xlsx"/,
    );
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('member counts in SQL agree with the domain rules', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.db.transaction((tx) => seedDemo(tx, '2026-11-21'));
  });
  afterAll(() => t.close());

  it('for every demo unit on several dates', async () => {
    const members = await t.db.query<{ id: number }>('SELECT id FROM members');
    const ms = await t.db.query<{
      member_id: number;
      unit_id: number;
      valid_from: string;
      valid_to: string | null;
    }>('SELECT member_id, unit_id, valid_from, valid_to FROM memberships');
    const ps = await t.db.query<{
      member_id: number;
      kind: MemberTimeline['periods'][number]['kind'];
      unit_id: number | null;
      valid_from: string;
      valid_to: string | null;
    }>('SELECT member_id, kind, unit_id, valid_from, valid_to FROM member_status_periods');
    const timelines: MemberTimeline[] = members.map((m) => ({
      memberId: m.id,
      memberships: ms
        .filter((x) => x.member_id === m.id)
        .map((x) => ({ unitId: x.unit_id, validFrom: x.valid_from, validTo: x.valid_to })),
      periods: ps
        .filter((x) => x.member_id === m.id)
        .map((x) => ({ kind: x.kind, unitId: x.unit_id, validFrom: x.valid_from, validTo: x.valid_to })),
    }));
    const cells = await t.db.query<{ id: number }>("SELECT id FROM org_units WHERE kind = 'chi_bo'");
    const [root] = await t.db.query<{ path: string }>('SELECT path FROM org_units WHERE parent_id IS NULL');
    let nonZero = 0;
    for (const date of ['2020-01-01', '2025-06-15', '2026-01-01', '2026-11-21']) {
      const sql = await countsForSubtree(t.db, root!.path, date);
      for (const c of cells) {
        const expected = countUnitMembers(timelines, c.id, date);
        expect(sql.get(c.id)).toEqual(expected);
        if (expected.exempted + expected.temporaryIn + expected.contact213 > 0) nonZero++;
      }
    }
    // The comparison is meaningful only if the special statuses occur.
    expect(nonZero).toBeGreaterThan(5);
  });
});
