/**
 * The dues ledger through the API on a real database (issue 10 item 1): bases and dues computed
 * by the server, the bulk save all or nothing, hostile input, scope (404 outside, 403 inside
 * without the role, a member reads only their own year), the đảng bộ's sums equal to the sum of
 * the entries, the statement (read back with exceljs) equal to the API, and the xóa tên alert.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { meeting, member, unit, user } from '../../../test/support/factory.js';
import { minutesDocument } from '../../documents/minutes-text.js';
import { addMonthsToMonth } from '../../domain/dues.js';
import { todayIso } from '../../domain/format.js';
import { buildMeetingRecord } from '../meetings/record.js';
import { findMeeting } from '../meetings/service.js';
import { detectAlerts } from '../oversight/alerts.js';
import { duesSummaryForMeeting } from './service.js';

const TODAY = todayIso();
const NOW = TODAY.slice(0, 7);
const M1 = addMonthsToMonth(NOW, -2);
const M2 = addMonthsToMonth(NOW, -1);
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

describe('dues ledger', () => {
  let t: TestApp;
  let ward: number;
  let cellA: number;
  let cellB: number;
  let cellOut: number;
  let m1: number;
  let m2: number;
  let m3: number;
  let m4: number;
  let m5: number;
  let bithuA: Client;
  let chiuyB: Client;
  let staff: Client;
  let outsider: Client;
  let self2: Client;
  let plainA: Client;

  const put = (c: Client, url: string, payload: unknown) =>
    c.request({ method: 'PUT', url, payload: payload as object });
  const entryCount = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dues_entries'))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp();
    ward = (await unit(t.db, { name: 'Đảng bộ phường Thử Phí' })).id;
    cellA = (await unit(t.db, { parentId: ward, name: 'Chi bộ Khu phố A', cellType: 'khu_dan_cu' })).id;
    cellB = (await unit(t.db, { parentId: ward, name: 'Chi bộ Khu phố B', cellType: 'khu_dan_cu' })).id;
    const other = (await unit(t.db, { name: 'Đảng bộ xã Khác' })).id;
    cellOut = (await unit(t.db, { parentId: other, name: 'Chi bộ Ấp Ngoài', cellType: 'nong_thon' })).id;
    m1 = await member(t.db, { unitId: cellA, fullName: 'Nguyễn Văn Lương' });
    m2 = await member(t.db, { unitId: cellA, fullName: 'Trần Thị Sinh' });
    m3 = await member(t.db, { unitId: cellA, fullName: 'Lê Văn Khác' });
    m4 = await member(t.db, { unitId: cellB, fullName: 'Phạm Thị Hưu' });
    m5 = await member(t.db, { unitId: cellOut, fullName: 'Võ Văn Ngoài' });
    await user(t.db, 'bithu.a', [{ role: 'cell_secretary', unitId: cellA }]);
    await user(t.db, 'chiuy.b', [{ role: 'cell_committee', unitId: cellB }]);
    await user(t.db, 'vanphong', [{ role: 'committee_staff', unitId: ward }]);
    await user(t.db, 'bithu.ngoai', [{ role: 'cell_secretary', unitId: cellOut }]);
    await user(t.db, 'dangvien.sinh', [{ role: 'member', unitId: cellA }], m2);
    await user(t.db, 'dangvien.luong', [{ role: 'member', unitId: cellA }], m1);
    bithuA = await t.login('bithu.a');
    chiuyB = await t.login('chiuy.b');
    staff = await t.login('vanphong');
    outsider = await t.login('bithu.ngoai');
    self2 = await t.login('dangvien.sinh');
    plainA = await t.login('dangvien.luong');
  }, 120_000);
  afterAll(() => t.close());

  it('sets bases and computes the monthly due from the pack (1 % half-up to 1.000 đ)', async () => {
    const from = addMonthsToMonth(NOW, -12);
    let res = await put(bithuA, `/api/members/${m1}/dues-base`, {
      category: 'salary',
      baseAmount: 5_050_000,
      from,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ category: 'salary', baseAmount: 5_050_000, monthlyDue: 51_000 });
    res = await put(bithuA, `/api/members/${m2}/dues-base`, { category: 'student', from });
    expect(res.json().monthlyDue).toBe(5_000);
    res = await put(chiuyB, `/api/members/${m4}/dues-base`, {
      category: 'pension',
      baseAmount: 4_900_000,
      from,
    });
    expect(res.json().monthlyDue).toBe(25_000);
    // A percent category needs its base; an unknown category is refused; both in Vietnamese.
    res = await put(bithuA, `/api/members/${m3}/dues-base`, { category: 'salary', from });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(VIETNAMESE);
    res = await put(bithuA, `/api/members/${m3}/dues-base`, { category: 'khong-co', from });
    expect(res.statusCode).toBe(400);
    // A member does not set bases; another cell's keeper does not see this member.
    expect((await put(plainA, `/api/members/${m1}/dues-base`, { category: 'other', from })).statusCode).toBe(
      403,
    );
    expect(
      (await put(outsider, `/api/members/${m1}/dues-base`, { category: 'other', from })).statusCode,
    ).toBe(404);
    const [audit] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'dues.base_set' AND entity_id = $1",
      [String(m1)],
    );
    expect(audit!.n).toBe(1);
  });

  it('lists a month not yet recorded with each due computed and paid 0', async () => {
    const res = await bithuA.get(`/api/org-units/${cellA}/dues?month=${M1}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.kind).toBe('cell');
    const byId = new Map(body.items.map((i: { memberId: number }) => [i.memberId, i]));
    expect(byId.get(m1)).toMatchObject({ due: 51_000, paid: 0, recorded: false, category: 'salary' });
    expect(byId.get(m2)).toMatchObject({ due: 5_000, paid: 0, recorded: false });
    // No base: the pack's default category (5.000 đ).
    expect(byId.get(m3)).toMatchObject({ due: 5_000, category: 'other', recorded: false });
    expect(body.totals).toMatchObject({ members: 3, recorded: 0, due: 61_000, paid: 0 });
  });

  it('saves a month in one batch and reports arrears and unpaid months', async () => {
    let res = await put(bithuA, `/api/org-units/${cellA}/dues/${M1}`, {
      entries: [
        { memberId: m1, paid: 51_000, paidOn: `${M1}-05` },
        { memberId: m2, paid: 0, reason: 'Ốm nằm viện' },
        { memberId: m3, paid: 2_000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ saved: 3, due: 61_000, paid: 53_000 });
    res = await put(bithuA, `/api/org-units/${cellA}/dues/${M2}`, {
      entries: [
        { memberId: m1, paid: 0 },
        { memberId: m2, paid: 5_000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await bithuA.get(`/api/org-units/${cellA}/dues?month=${M2}`);
    const body = res.json();
    const byId = new Map(body.items.map((i: { memberId: number }) => [i.memberId, i]));
    expect(byId.get(m1)).toMatchObject({ due: 51_000, paid: 0, arrears: 51_000, recorded: true });
    // m2's January shortfall has a reason: arrears, but not an unpaid month for xóa tên.
    expect(byId.get(m2)).toMatchObject({ paid: 5_000, arrears: 5_000, paidOn: TODAY });
    expect(byId.get(m3)).toMatchObject({ recorded: false, arrears: 3_000 });
    const sameYear = M1.slice(0, 4) === M2.slice(0, 4);
    expect((byId.get(m1) as { unpaidMonthsThisYear: number }).unpaidMonthsThisYear).toBe(1);
    expect((byId.get(m2) as { unpaidMonthsThisYear: number }).unpaidMonthsThisYear).toBe(0);
    expect((byId.get(m3) as { unpaidMonthsThisYear: number }).unpaidMonthsThisYear).toBe(sameYear ? 1 : 0);
    expect(body.totals).toMatchObject({
      members: 3,
      recorded: 2,
      paid: 5_000,
      unpaidMembers: 1,
      paidMembers: 1,
    });
    const [a] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'dues.record' AND entity_id = $1",
      [String(cellA)],
    );
    expect(a!.n).toBe(2);
  });

  it('writes nothing when one entry is another cell’s member', async () => {
    const before = await entryCount();
    const res = await put(bithuA, `/api/org-units/${cellA}/dues/${M1}`, {
      entries: [
        { memberId: m1, paid: 1 },
        { memberId: m4, paid: 25_000 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(VIETNAMESE);
    expect(res.json().details.memberIds).toEqual([m4]);
    expect(await entryCount()).toBe(before);
    const [e] = await t.db.query<{ paid: string | number }>(
      'SELECT paid FROM dues_entries WHERE member_id = $1 AND month = $2',
      [m1, M1],
    );
    expect(Number(e!.paid)).toBe(51_000);
  });

  it('refuses hostile input with a Vietnamese 400 and writes nothing', async () => {
    const before = await entryCount();
    const url = `/api/org-units/${cellA}/dues`;
    const bodies: [string, unknown][] = [
      [`${url}/2026-13`, { entries: [{ memberId: m1, paid: 0 }] }],
      [`${url}/2026-00`, { entries: [{ memberId: m1, paid: 0 }] }],
      [`${url}/${addMonthsToMonth(NOW, 1)}`, { entries: [{ memberId: m1, paid: 0 }] }],
      [`${url}/${M1}`, { entries: [{ memberId: m1, paid: -1 }] }],
      [`${url}/${M1}`, { entries: [{ memberId: m1, paid: 1.5 }] }],
      [`${url}/${M1}`, { entries: [{ memberId: m1, paid: '1000' }] }],
      [`${url}/${M1}`, { entries: [{ memberId: m1, paid: 2 ** 60 }] }],
      [`${url}/${M1}`, { entries: [] }],
      [
        `${url}/${M1}`,
        {
          entries: [
            { memberId: m1, paid: 0 },
            { memberId: m1, paid: 5 },
          ],
        },
      ],
      [`${url}/${M1}`, { entries: [{ memberId: m1, paid: 0, paidOn: '2026-02-30' }] }],
      [`${url}/${M1}`, { entries: [{ memberId: m1, paid: 10, paidOn: '2199-01-01' }] }],
      [`${url}/${M1}`, { entries: Array.from({ length: 501 }, (_, i) => ({ memberId: i + 1, paid: 0 })) }],
    ];
    for (const [u, payload] of bodies) {
      const res = await put(bithuA, u, payload);
      expect(res.statusCode, `${u} ${JSON.stringify(payload).slice(0, 80)}`).toBe(400);
      expect(res.json().message).toMatch(VIETNAMESE);
    }
    expect(await entryCount()).toBe(before);
    // The ledger is kept by cells: a đảng bộ's own PUT is refused.
    expect(
      (await put(staff, `/api/org-units/${ward}/dues/${M1}`, { entries: [{ memberId: m1, paid: 0 }] }))
        .statusCode,
    ).toBe(400);
  });

  it('keeps scope: 404 outside, 403 inside without the role', async () => {
    expect((await outsider.get(`/api/org-units/${cellA}/dues?month=${M1}`)).statusCode).toBe(404);
    expect(
      (await put(outsider, `/api/org-units/${cellA}/dues/${M1}`, { entries: [{ memberId: m5, paid: 0 }] }))
        .statusCode,
    ).toBe(404);
    expect((await plainA.get(`/api/org-units/${cellA}/dues?month=${M1}`)).statusCode).toBe(403);
    expect(
      (await put(plainA, `/api/org-units/${cellA}/dues/${M1}`, { entries: [{ memberId: m1, paid: 0 }] }))
        .statusCode,
    ).toBe(403);
    // A cell keeper of B sees neither A's month nor writes it.
    expect((await chiuyB.get(`/api/org-units/${cellA}/dues?month=${M1}`)).statusCode).toBe(404);
    // Its own member through its own cell is fine; the outsider's member is not in B.
    const res = await put(chiuyB, `/api/org-units/${cellB}/dues/${M1}`, {
      entries: [
        { memberId: m4, paid: 25_000 },
        { memberId: m5, paid: 5_000 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(
      (await put(chiuyB, `/api/org-units/${cellB}/dues/${M1}`, { entries: [{ memberId: m4, paid: 20_000 }] }))
        .statusCode,
    ).toBe(200);
  });

  it('lets a member read their own year and nobody else’s', async () => {
    const year = M2.slice(0, 4);
    const res = await self2.get(`/api/members/${m2}/dues?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.months).toHaveLength(12);
    const m2Month = body.months.find((x: { month: string }) => x.month === M2);
    expect(m2Month).toMatchObject({ recorded: true, due: 5_000, paid: 5_000, unpaid: false });
    expect(body.base).toMatchObject({ category: 'student', monthlyDue: 5_000 });
    const other = await self2.get(`/api/members/${m1}/dues?year=${year}`);
    expect([403, 404]).toContain(other.statusCode);
    expect(other.body).not.toContain('51000');
    expect((await outsider.get(`/api/members/${m2}/dues?year=${year}`)).statusCode).toBe(404);
    expect((await bithuA.get(`/api/members/${m1}/dues?year=${year}`)).statusCode).toBe(200);
    expect((await self2.get(`/api/members/${m2}/dues?year=20x6`)).statusCode).toBe(400);
  });

  it('sums a đảng bộ from the summary rows, equal to the sum of the entries', async () => {
    const rem = await bithuA.post(`/api/org-units/${cellA}/dues/${M1}/remittance`, {
      amount: 50_000,
      remittedOn: TODAY,
    });
    expect(rem.statusCode, rem.body).toBe(201);
    expect(rem.json().remitted).toBe(50_000);
    expect(
      (await bithuA.post(`/api/org-units/${cellA}/dues/${M1}/remittance`, { amount: -5, remittedOn: TODAY }))
        .statusCode,
    ).toBe(400);
    const res = await staff.get(`/api/org-units/${ward}/dues?month=${M1}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.kind).toBe('subtree');
    const [sums] = await t.db.query<{ due: string | number; paid: string | number; n: number }>(
      `SELECT coalesce(sum(e.due), 0) AS due, coalesce(sum(e.paid), 0) AS paid, count(*)::int AS n
         FROM dues_entries e JOIN org_units u ON u.id = e.unit_id WHERE u.path LIKE $1 AND e.month = $2`,
      [`%/${ward}/%`, M1],
    );
    expect(body.totals.due).toBe(Number(sums!.due));
    expect(body.totals.paid).toBe(Number(sums!.paid));
    expect(body.totals.members).toBe(sums!.n);
    expect(body.totals.remitted).toBe(50_000);
    const a = body.items.find((i: { unitId: number }) => i.unitId === cellA);
    const b = body.items.find((i: { unitId: number }) => i.unitId === cellB);
    expect(a).toMatchObject({ members: 3, due: 61_000, paid: 53_000, unpaidMembers: 2, remitted: 50_000 });
    expect(b).toMatchObject({ members: 1, due: 25_000, paid: 20_000, unpaidMembers: 1, arrears: 5_000 });
    expect(a.arrears).toBe(5_000 + 3_000);
    // The meeting's sentence reads the same row.
    const s = await duesSummaryForMeeting(t.db, cellA, M1);
    expect(s?.sentence).toBe('Đã thu 1/3 đảng viên, 53.000 đ/61.000 đ; còn 2 đảng viên chưa nộp');
    expect(await duesSummaryForMeeting(t.db, cellA, addMonthsToMonth(NOW, -30))).toBeNull();
  });

  it('reports the month’s figures at the dues item of the meeting and in its minutes', async () => {
    const meetingId = await meeting(t.db, {
      unitId: cellA,
      status: 'held',
      scheduledAt: `${M1}-15T19:30:00+07:00`,
    });
    await t.db.query(
      `INSERT INTO agenda_items (meeting_id, position, section, step_key, title) VALUES
         ($1, 1, 'opening', 'dues', 'Báo cáo thu, nộp đảng phí'), ($1, 2, 'body', NULL, 'Công tác khác')`,
      [meetingId],
    );
    const record = await buildMeetingRecord(t.db, (await findMeeting(t.db, meetingId))!, {});
    expect(record.agenda[0]!.duesFigures).toBe(
      'Đã thu 1/3 đảng viên, 53.000 đ/61.000 đ; còn 2 đảng viên chưa nộp',
    );
    expect(record.agenda[1]!.duesFigures).toBeUndefined();
    expect(JSON.stringify(minutesDocument(record))).toContain('Đã thu 1/3 đảng viên, 53.000 đ/61.000 đ');
    const api = (await bithuA.get(`/api/org-units/${cellA}/dues?month=${M1}`)).json();
    expect(api.summary.sentence).toBe(record.agenda[0]!.duesFigures);
  });

  it('downloads a statement whose totals equal the API’s, audited as an export', async () => {
    const readTotals = async (bytes: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Bảng kê')!;
      let total: ExcelJS.Row | undefined;
      let remitted: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (row.getCell(2).value === 'Tổng cộng') total = row;
        if (row.getCell(2).value === 'Tổng số đã nộp lên cấp trên') remitted = row;
      });
      const text = JSON.stringify(ws.getSheetValues());
      return {
        due: total!.getCell(5).value,
        paid: total!.getCell(6).value,
        remitted: remitted!.getCell(6).value,
        text,
      };
    };
    for (const [client, id] of [
      [staff, ward],
      [bithuA, cellA],
    ] as const) {
      const api = (await client.get(`/api/org-units/${id}/dues?month=${M1}`)).json();
      const res = await client.get(`/api/org-units/${id}/dues/statement.xlsx?month=${M1}`);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const x = await readTotals(res.rawPayload);
      expect(x.due).toBe(api.totals.due);
      expect(x.paid).toBe(api.totals.paid);
      expect(x.remitted).toBe(api.totals.remitted);
      expect(x.text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(x.text).toContain('Nguyễn Văn Lương');
    }
    const [a] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'dues.export'",
    );
    expect(a!.n).toBe(2);
    expect((await outsider.get(`/api/org-units/${ward}/dues/statement.xlsx?month=${M1}`)).statusCode).toBe(
      404,
    );
    expect((await plainA.get(`/api/org-units/${cellA}/dues/statement.xlsx?month=${M1}`)).statusCode).toBe(
      403,
    );
  });

  it('raises the xóa tên alert on dues unpaid without reason, apart from absences', async () => {
    const year = '2025';
    const today = '2025-11-20';
    const put3 = async (memberId: number, cell: number, months: string[], reason: string | null) =>
      t.db.query(
        `INSERT INTO dues_entries (member_id, unit_id, month, category, due, paid, reason)
         SELECT $1, $2, m, 'other', 5000, 0, $4 FROM unnest($3::text[]) AS m`,
        [memberId, cell, months, reason],
      );
    await put3(m3, cellA, [`${year}-03`, `${year}-05`], null);
    await put3(m4, cellB, [`${year}-02`, `${year}-03`, `${year}-04`], null);
    await put3(m2, cellA, [`${year}-02`, `${year}-03`, `${year}-04`], 'Ốm dài ngày');
    await put3(m1, cellA, [`${year}-02`], null);
    const dues = (await detectAlerts(t.db, today)).filter((a) => a.subjectKey.startsWith('dues:'));
    const by = new Map(dues.map((a) => [a.memberId, a]));
    expect(by.get(m4)).toMatchObject({
      kind: 'removal_risk',
      severity: 'critical',
      subjectKey: `dues:${m4}:${year}`,
      unitId: cellB,
    });
    expect(by.get(m4)!.title).toContain('đảng phí');
    expect(by.get(m3)).toMatchObject({ severity: 'warning', subjectKey: `dues:${m3}:${year}` });
    // A reason keeps the months out; one month is below the warning.
    expect(by.has(m2)).toBe(false);
    expect(by.has(m1)).toBe(false);
  });
});
