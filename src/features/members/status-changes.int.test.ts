/**
 * Status rules come from the rule pack and hold on every path (issue 7, point 19): official
 * recognition after the probation, temporary transfers of 3 months to under 1 year, transfers
 * out of the tree to a named organisation — and the list sorted the Vietnamese way (point 20).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';

describe('status changes follow the pack', () => {
  let t: TestApp;
  let staff: Client;
  let ward: { id: number; path: string };
  let cell: { id: number; path: string };
  let cell2: { id: number; path: string };

  beforeAll(async () => {
    t = await createTestApp();
    ward = await unit(t.db, { name: 'Đảng bộ phường Quy Tắc' });
    cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 3', cellType: 'khu_dan_cu' });
    cell2 = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 4', cellType: 'khu_dan_cu' });
    await user(t.db, 'vp.quytac', [{ role: 'committee_staff', unitId: ward.id }]);
    staff = await t.login('vp.quytac');
  });
  afterAll(() => t.close());

  const change = (id: number, body: object) => staff.post(`/api/members/${id}/status-changes`, body);
  const auditCount = async (id: number) =>
    (
      await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'member' AND entity_id = $1",
        [String(id)],
      )
    )[0]!.n;

  it('refuses official recognition before the 12 months of probation, citing the rule, and changes nothing', async () => {
    const id = await member(t.db, {
      unitId: cell.id,
      fullName: 'Hoàng Thị Dự Bị',
      admissionDate: '2025-03-02',
      officialDate: null,
    });
    const audits = await auditCount(id);
    const early = await change(id, {
      type: 'recognize_official',
      date: '2026-03-01',
      cardNumber: '55500001',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toEqual({
      code: 'PROBATION_NOT_ENDED',
      message:
        'Đảng viên vào Đảng ngày 02/03/2025, đến ngày 02/03/2026 mới đủ 12 tháng dự bị; chưa thể công nhận chính thức ' +
        'từ ngày 01/03/2026. Đảng viên dự bị được xét công nhận chính thức khi hết 12 tháng dự bị (Điều lệ Đảng, Điều 5; Quy định 24-QĐ/TW).',
      details: { field: 'date', probationEnds: '2026-03-02' },
    });
    const [row] = await t.db.query<{ official_date: string | null; card_number: string | null }>(
      'SELECT official_date, card_number FROM members WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ official_date: null, card_number: null });
    expect(await auditCount(id)).toBe(audits);

    const onTime = await change(id, {
      type: 'recognize_official',
      date: '2026-03-02',
      cardNumber: '55500001',
    });
    expect(onTime.statusCode).toBe(200);
    expect(onTime.json().status.rank).toBe('official');
  });

  it('refuses a new member whose official date falls inside the probation (same rule)', async () => {
    const res = await staff.post(`/api/org-units/${cell.id}/members`, {
      fullName: 'Đinh Văn Sớm',
      relation: 'existing',
      admissionDate: '2020-01-10',
      officialDate: '2020-07-10',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'PROBATION_NOT_ENDED', details: { field: 'officialDate' } });
  });

  it('takes a temporary transfer of 3 months to under 1 year, and says which limit another breaks', async () => {
    const id = await member(t.db, { unitId: cell.id, fullName: 'Vũ Văn Tạm', joinDate: '2020-01-01' });
    const out = (date: string, until: string) =>
      change(id, { type: 'temporary_out', date, until, hostUnitId: cell2.id, reason: 'Đi làm xa' });

    const short = await out('2026-01-05', '2026-04-04');
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({
      code: 'TEMPORARY_TRANSFER_TOO_SHORT',
      details: { field: 'until', limit: '2026-04-05' },
    });
    expect(short.json().message).toMatch(/ngắn hơn 3 tháng .*từ 3 tháng đến dưới 1 năm/);

    const long = await out('2026-01-05', '2027-01-05');
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ code: 'TEMPORARY_TRANSFER_TOO_LONG', details: { field: 'until' } });
    expect(long.json().message).toMatch(/kéo dài từ 1 năm trở lên/);
    const periods = await t.db.query(
      "SELECT 1 FROM member_status_periods WHERE member_id = $1 AND kind = 'temporary_out'",
      [id],
    );
    expect(periods).toHaveLength(0);

    expect((await out('2026-01-05', '2026-04-05')).statusCode).toBe(200);
  });

  it('refuses a date that is not on the calendar with a 400, before the database sees it', async () => {
    const id = await member(t.db, { unitId: cell.id, fullName: 'Lâm Văn Lịch', joinDate: '2020-01-01' });
    const res = await change(id, { type: 'exempt', date: '2026-02-30', reason: 'Tuổi cao, sức yếu' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ field: 'date', message: 'Ngày không có thật trên lịch' }] },
    });
  });

  it('transfers a member out of the tree to a named organisation, and refuses a transfer with no destination', async () => {
    const id = await member(t.db, { unitId: cell.id, fullName: 'Trịnh Văn Đi', joinDate: '2020-01-01' });
    const none = await change(id, { type: 'transfer', date: '2026-02-01' });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'otherOrg' } });

    const res = await change(id, {
      type: 'transfer',
      date: '2026-02-01',
      otherOrg: 'Chi bộ Trường THPT Lê Quý Đôn, Đảng bộ xã Hòa Bình',
      decisionNo: '45-QĐ/ĐU',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status.ended).toMatchObject({
      reason: 'transfer_out',
      date: '2026-02-01',
      otherOrg: 'Chi bộ Trường THPT Lê Quý Đôn, Đảng bộ xã Hòa Bình',
    });
    const [m] = await t.db.query<{ standing: string; unit_id: number }>(
      'SELECT standing, unit_id FROM members WHERE id = $1',
      [id],
    );
    expect(m).toEqual({ standing: 'transferred_out', unit_id: cell.id });
    const former = (await staff.get(`/api/org-units/${cell.id}/members?status=former`)).json();
    expect(former.items.map((x: { id: number }) => x.id)).toContain(id);
  });

  it('lists a cell the Vietnamese way: the given name, its tones included, before the family name', async () => {
    const sorted = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Sắp Xếp', cellType: 'co_quan' });
    for (const fullName of ['Trần Ân', 'Lê Thị Ánh', 'Nguyễn Văn Anh', 'Phạm An', 'Bùi Thị Ánh']) {
      await member(t.db, { unitId: sorted.id, fullName });
    }
    const list = (await staff.get(`/api/org-units/${sorted.id}/members`)).json();
    expect(list.items.map((m: { fullName: string }) => m.fullName)).toEqual([
      'Phạm An',
      'Nguyễn Văn Anh',
      'Bùi Thị Ánh',
      'Lê Thị Ánh',
      'Trần Ân',
    ]);
  });
});
