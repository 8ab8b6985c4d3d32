/**
 * The chi ủy as a body (issue 11 item 5, ADR 025 part E): recording a term and its members, the
 * rule for cells below the threshold, hostile input, and the roster of a chi ủy meeting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { fromNow } from '../../../test/support/meeting-flow.js';

describe('the chi ủy as a body', () => {
  let t: TestApp;
  let bithu: Client;
  let plain: Client;
  let outsider: Client;
  let cell: number;
  let small: number;
  let bare: number;
  const ids: number[] = [];
  let probationary: number;
  let foreign: number;
  let smallIds: number[] = [];

  const terms = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cell_committee_terms'))[0]!.n;
  const seats = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cell_committee_members'))[0]!.n;
  const committee = (over: Record<string, unknown> = {}) => ({
    termLabel: '2025–2030',
    electedOn: '2025-05-10',
    endsOn: '2030-05-10',
    members: [
      { memberId: ids[0], role: 'bi_thu' },
      { memberId: ids[1], role: 'pho_bi_thu' },
      { memberId: ids[2], role: 'chi_uy_vien' },
      { memberId: ids[3], role: 'chi_uy_vien' },
      { memberId: ids[4], role: 'chi_uy_vien' },
    ],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    const ward = await unit(t.db, { name: 'Đảng bộ phường Thử' });
    cell = (await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố Lớn', cellType: 'khu_dan_cu' })).id;
    small = (await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố Nhỏ', cellType: 'khu_dan_cu' })).id;
    bare = (await unit(t.db, { parentId: ward.id, name: 'Chi bộ Chưa Ghi', cellType: 'khu_dan_cu' })).id;
    const other = await unit(t.db, { name: 'Đảng bộ xã Khác' });
    const otherCell = (await unit(t.db, { parentId: other.id, name: 'Chi bộ Khác', cellType: 'nong_thon' }))
      .id;
    for (let i = 0; i < 10; i++)
      ids.push(await member(t.db, { unitId: cell, fullName: `Nguyễn Văn Lớn ${i + 1}` }));
    probationary = await member(t.db, {
      unitId: cell,
      fullName: 'Trần Thị Dự Bị',
      admissionDate: '2026-06-01',
      officialDate: null,
    });
    smallIds = [
      await member(t.db, { unitId: small, fullName: 'Lê Văn Nhỏ Một' }),
      await member(t.db, { unitId: small, fullName: 'Lê Văn Nhỏ Hai' }),
      await member(t.db, { unitId: small, fullName: 'Lê Văn Nhỏ Ba' }),
    ];
    for (let i = 0; i < 4; i++) await member(t.db, { unitId: bare, fullName: `Phạm Văn Chưa ${i + 1}` });
    foreign = await member(t.db, { unitId: otherCell, fullName: 'Hoàng Văn Ngoài' });
    await user(t.db, 'bithu.lon', [{ role: 'cell_secretary', unitId: cell }], ids[0]);
    await user(t.db, 'bithu.nho', [{ role: 'cell_secretary', unitId: small }]);
    await user(t.db, 'bithu.chua', [{ role: 'cell_secretary', unitId: bare }]);
    await user(t.db, 'dangvien.lon', [{ role: 'member', unitId: cell }]);
    await user(t.db, 'ngoai', [{ role: 'cell_secretary', unitId: otherCell }]);
    bithu = await t.login('bithu.lon');
    plain = await t.login('dangvien.lon');
    outsider = await t.login('ngoai');
  });
  afterAll(() => t.close());

  it('starts without a chi ủy, and says whether the cell elects one', async () => {
    const res = await bithu.get(`/api/org-units/${cell}/cell-committee`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      term: null,
      officialMembers: 10,
      threshold: 9,
      committeeExpected: true,
    });
    expect(res.json().officials).toHaveLength(10);
  });

  it('refuses hostile input with a Vietnamese 400 and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ members: [{ memberId: foreign, role: 'bi_thu' }] }, 'members.0.memberId'],
      [{ members: [{ memberId: probationary, role: 'bi_thu' }] }, 'members.0.memberId'],
      [
        {
          members: [
            { memberId: ids[0], role: 'bi_thu' },
            { memberId: ids[1], role: 'bi_thu' },
          ],
        },
        'members',
      ],
      [{ members: [{ memberId: ids[1], role: 'pho_bi_thu' }] }, 'members'],
      [{ endsOn: '2025-01-01' }, 'endsOn'],
      [{ electedOn: '2025-02-30' }, 'electedOn'],
      [{ members: [{ memberId: ids[0], role: 'truong_ban' }] }, 'members.0.role'],
      [
        {
          members: [
            { memberId: ids[0], role: 'bi_thu' },
            { memberId: ids[0], role: 'chi_uy_vien' },
          ],
        },
        'members.1.memberId',
      ],
      [{ members: [{ memberId: ids[0], role: 'bi_thu', fromOn: '2024-01-01' }] }, 'members.0.fromOn'],
      [{ members: [{ memberId: ids[0], role: 'bi_thu', toOn: '2031-01-01' }] }, 'members.0.toOn'],
    ];
    for (const [over, field] of cases) {
      const res = await bithu.request({
        method: 'PUT',
        url: `/api/org-units/${cell}/cell-committee`,
        payload: committee(over),
      });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      const body = res.json();
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.message).toMatch(/[àáảãạăâđêôơưệốồớờụủứừ]/u);
      const fields = [
        body.details?.field,
        ...(body.details?.issues ?? []).map((i: { field: string }) => i.field),
      ];
      expect(fields, JSON.stringify(body)).toContain(field);
    }
    expect(await terms()).toBe(0);
    expect(await seats()).toBe(0);
  });

  it('records the term and its members; a member reads it, only the registry writes it', async () => {
    expect(
      (
        await plain.request({
          method: 'PUT',
          url: `/api/org-units/${cell}/cell-committee`,
          payload: committee(),
        })
      ).statusCode,
    ).toBe(403);
    const res = await bithu.request({
      method: 'PUT',
      url: `/api/org-units/${cell}/cell-committee`,
      payload: committee(),
    });
    expect(res.statusCode).toBe(200);
    const term = res.json().term;
    expect(term).toMatchObject({
      termLabel: '2025–2030',
      electedOn: '2025-05-10',
      endsOn: '2030-05-10',
      inOffice: true,
    });
    expect(term.members).toHaveLength(5);
    expect(term.members[0]).toMatchObject({
      memberId: ids[0],
      role: 'bi_thu',
      roleLabel: 'Bí thư',
      hasAccount: true,
    });
    // Only the bí thư has an account: the four others are shown as without one.
    expect(term.withoutAccount).toBe(4);
    const read = await plain.get(`/api/org-units/${cell}/cell-committee`);
    expect(read.statusCode).toBe(200);
    expect(
      read
        .json()
        .term.members.map((m: { memberId: number }) => m.memberId)
        .sort(),
    ).toEqual(ids.slice(0, 5).sort());
    expect(read.json().canManage).toBe(false);
    expect((await outsider.get(`/api/org-units/${cell}/cell-committee`)).statusCode).toBe(404);
    const [row] = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'cell_committee_term' ORDER BY id DESC LIMIT 1",
    );
    expect(row?.action).toBe('cell_committee.create');
  });

  it('a cell below the threshold records a bí thư and phó bí thư, never a chi ủy viên (422, the rule cited)', async () => {
    const c = await t.login('bithu.nho');
    const refused = await c.request({
      method: 'PUT',
      url: `/api/org-units/${small}/cell-committee`,
      payload: {
        termLabel: '2025–2030',
        electedOn: '2025-05-10',
        members: [
          { memberId: smallIds[0], role: 'bi_thu' },
          { memberId: smallIds[1], role: 'chi_uy_vien' },
        ],
      },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('CELL_COMMITTEE_BELOW_THRESHOLD');
    expect(refused.json().message).toContain('dưới 9');
    expect(await terms()).toBe(1);
    const ok = await c.request({
      method: 'PUT',
      url: `/api/org-units/${small}/cell-committee`,
      payload: {
        termLabel: '2025–2030',
        electedOn: '2025-05-10',
        members: [
          { memberId: smallIds[0], role: 'bi_thu' },
          { memberId: smallIds[1], role: 'pho_bi_thu' },
        ],
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ committeeExpected: false, officialMembers: 3 });
    expect(ok.json().term.members).toHaveLength(2);
  });

  it('a chi ủy meeting started through the API summons exactly the chi ủy in office', async () => {
    // A change during the term: chi ủy viên ids[4] left, ids[5] took the seat.
    const changed = committee({
      members: [
        ...committee().members.slice(0, 4),
        { memberId: ids[4], role: 'chi_uy_vien', toOn: '2026-03-01' },
        { memberId: ids[5], role: 'chi_uy_vien', fromOn: '2026-03-01' },
      ],
    });
    const put = await bithu.request({
      method: 'PUT',
      url: `/api/org-units/${cell}/cell-committee`,
      payload: changed,
    });
    expect(put.statusCode).toBe(200);
    expect(await terms()).toBe(2);
    const created = await bithu.post(`/api/org-units/${cell}/meetings`, {
      kind: 'committee',
      scheduledAt: fromNow(5),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    // Before the start, the live roster already is the chi ủy.
    const planned = (await bithu.get(`/api/meetings/${id}`)).json();
    expect(planned.attendance.members.map((m: { memberId: number }) => m.memberId).sort()).toEqual(
      [ids[0], ids[1], ids[2], ids[3], ids[5]].sort(),
    );
    const started = await bithu.post(`/api/meetings/${id}/start`);
    expect(started.statusCode).toBe(200);
    const stored = await t.db.query<{ member_id: number }>(
      'SELECT member_id FROM attendance WHERE meeting_id = $1',
      [id],
    );
    expect(stored.map((r) => r.member_id).sort()).toEqual([ids[0], ids[1], ids[2], ids[3], ids[5]].sort());
    const facts = (await bithu.get(`/api/meetings/${id}/cell-committee`)).json();
    expect(facts).toMatchObject({ recorded: true, members: 5, summonsWholeCell: false });
    // The chi ủy member without a role grant sees the chi ủy meeting among their meetings.
    await user(t.db, 'chiuy.lon', [{ role: 'member', unitId: cell }], ids[5]);
    const mine = (await (await t.login('chiuy.lon')).get('/api/me/meetings')).json();
    expect(mine.upcoming.map((m: { id: number }) => m.id)).toContain(id);
    // A regular meeting still summons the whole cell.
    const regular = await bithu.post(`/api/org-units/${cell}/meetings`, {
      kind: 'regular',
      scheduledAt: fromNow(60),
    });
    const detail = (await bithu.get(`/api/meetings/${regular.json().id}`)).json();
    expect(detail.attendance.members).toHaveLength(11);
  });

  it('without a chi ủy recorded, a chi ủy meeting summons the whole cell and says so', async () => {
    const c = await t.login('bithu.chua');
    const created = await c.post(`/api/org-units/${bare}/meetings`, {
      kind: 'committee',
      scheduledAt: fromNow(5),
    });
    const id = created.json().id as number;
    const detail = (await c.get(`/api/meetings/${id}`)).json();
    expect(detail.attendance.members).toHaveLength(4);
    const facts = (await c.get(`/api/meetings/${id}/cell-committee`)).json();
    expect(facts).toMatchObject({ recorded: false, summonsWholeCell: true, prepMeeting: null });
    expect((await outsider.get(`/api/meetings/${id}/cell-committee`)).statusCode).toBe(404);
  });
});
