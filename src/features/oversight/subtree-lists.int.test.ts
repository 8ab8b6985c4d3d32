/**
 * The subtree lists (issue 9): every meeting, alert, visit and recommendation below a unit,
 * filtered and keyset-paged, through the API on a real database. Paging is walked to the end on
 * both plans (a small ward: per-unit merge; the province with > 300 units: one index walk) and
 * compared with the rows the database holds; scope and bad input are checked on every list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { meeting, unit, user } from '../../../test/support/factory.js';
import { todayIso } from '../../domain/format.js';
import { PER_UNIT_PLAN_MAX_UNITS } from './subtree-lists.js';

interface Page {
  items: { id: number; [k: string]: unknown }[];
  total: number;
  nextCursor: string | null;
}

describe('subtree lists', () => {
  let t: TestApp;
  let admin: Client;
  let staff: Client;
  let supervisor: Client;
  let secretary: Client;
  let otherStaff: Client;
  let province: { id: number; path: string };
  let ward: { id: number; path: string };
  let otherWard: { id: number; path: string };
  const cells: { id: number; path: string; name: string }[] = [];
  let outsideCell: { id: number; path: string };
  let supervisorId: number;
  /** Ids of the ward's meetings with the fields the filters look at. */
  const wardMeetings: { id: number; unitId: number; at: string; kind: string; status: string }[] = [];
  let scored: { meetingId: number; cellOnly: number; adopted: number };
  const today = todayIso();
  const daysAgo = (n: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - n);
    return d.toISOString().slice(0, 10);
  };

  /** Every page of a list from the first, with the totals each page reported. */
  async function walk(client: Client, url: string, limit: number) {
    const seen: Page['items'] = [];
    const totals: number[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 200; guard++) {
      const sep = url.includes('?') ? '&' : '?';
      const res = await client.get(
        `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as Page;
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items);
      totals.push(page.total);
      cursor = page.nextCursor;
      if (!cursor) break;
      expect(page.items).toHaveLength(limit);
    }
    return { items: seen, totals };
  }

  beforeAll(async () => {
    t = await createTestApp();
    province = await unit(t.db, { name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh' });
    ward = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường Một' });
    otherWard = await unit(t.db, { parentId: province.id, name: 'Đảng bộ xã Hai' });
    for (const name of ['Chi bộ khu phố 1', 'Chi bộ khu phố 2', 'Chi bộ khu phố 3']) {
      cells.push({ ...(await unit(t.db, { parentId: ward.id, name, cellType: 'khu_dan_cu' })), name });
    }
    outsideCell = await unit(t.db, {
      parentId: otherWard.id,
      name: 'Chi bộ thôn Ngoài',
      cellType: 'nong_thon',
    });
    // Enough empty cells elsewhere that the province takes the index-walk plan (the ward stays small).
    await t.db.query(
      `INSERT INTO org_units (id, parent_id, path, name, kind, cell_type)
       SELECT n, $1, $2 || n || '/', 'Chi bộ trống ' || n, 'chi_bo', 'khu_dan_cu'
         FROM (SELECT nextval('org_units_id_seq')::int AS n FROM generate_series(1, $3::int)) s`,
      [otherWard.id, otherWard.path, PER_UNIT_PLAN_MAX_UNITS + 5],
    );

    await user(t.db, 'tinh.admin', [{ role: 'admin', unitId: province.id }]);
    await user(t.db, 'phuong.vanphong', [{ role: 'committee_staff', unitId: ward.id }]);
    supervisorId = await user(t.db, 'phuong.giamsat', [{ role: 'supervisor', unitId: cells[0]!.id }]);
    await user(t.db, 'kp2.bithu', [{ role: 'cell_secretary', unitId: cells[1]!.id }]);
    await user(t.db, 'xa.vanphong', [{ role: 'committee_staff', unitId: otherWard.id }]);
    admin = await t.login('tinh.admin');
    staff = await t.login('phuong.vanphong');
    supervisor = await t.login('phuong.giamsat');
    secretary = await t.login('kp2.bithu');
    otherStaff = await t.login('xa.vanphong');

    // 3 cells × 14 months of meetings; cell 2 and 3 share times (ties broken by id); a few of other kinds.
    for (const [ci, c] of cells.entries()) {
      for (let m = 0; m < 14; m++) {
        const month = `${2025 + Math.floor((m + 5) / 12)}-${String(((m + 5) % 12) + 1).padStart(2, '0')}`;
        const at = `${month}-${ci === 0 ? '05' : '10'}T19:30:00+07:00`;
        const status = m < 12 ? 'held' : 'planned';
        const id = await meeting(t.db, { unitId: c.id, status, scheduledAt: at });
        wardMeetings.push({ id, unitId: c.id, at, kind: 'regular', status });
      }
      const them = await meeting(t.db, {
        unitId: c.id,
        status: 'held',
        kind: 'thematic',
        scheduledAt: '2026-03-20T08:00:00+07:00',
      });
      wardMeetings.push({
        id: them,
        unitId: c.id,
        at: '2026-03-20T08:00:00+07:00',
        kind: 'thematic',
        status: 'held',
      });
    }
    for (let m = 0; m < 6; m++) await meeting(t.db, { unitId: outsideCell.id, status: 'held' });

    // Scores: the supervisor's confirmed score decides; else the cell's; an unconfirmed one never does.
    const held = wardMeetings.filter((m) => m.status === 'held' && m.kind === 'regular');
    const [a, b, c] = [held[0]!.id, held[1]!.id, held[2]!.id];
    const score = (
      id: number,
      scorer: string,
      revision: number,
      total: number,
      band: string,
      confirmed = true,
    ) =>
      t.db.query(
        `INSERT INTO meeting_scores (meeting_id, scorer, revision, total, band, rule_pack, rule_pack_version, confirmed_at)
         VALUES ($1, $2, $3, $4, $5, 'hd42-2025', '2025.10.28', ${confirmed ? 'now()' : 'NULL'})`,
        [id, scorer, revision, total, band],
      );
    await score(a, 'cell', 1, 92, 'tot');
    await score(a, 'supervisor', 1, 60, 'trung_binh');
    await score(a, 'supervisor', 2, 75, 'kha');
    await score(b, 'cell', 1, 45, 'kem');
    await score(b, 'supervisor', 1, 95, 'tot', false);
    await score(c, 'cell', 1, 30, 'kem', false);
    await t.db.query('UPDATE meetings SET att_present = 14, att_summoned = 15 WHERE id = $1', [a]);
    await t.db.query(
      "INSERT INTO meeting_record_versions (meeting_id, version, status, content) VALUES ($1, 1, 'draft', '{}')",
      [c],
    );
    await t.db.query(
      "UPDATE meeting_record_versions SET status = 'adopted', content_hash = 'x', adopted_at = now() WHERE meeting_id = $1",
      [c],
    );
    scored = { meetingId: a, cellOnly: b, adopted: c };

    // Alerts (open, resolved by the job, dismissed by a person), visits and recommendations.
    for (const [i, cell] of [...cells, outsideCell].entries()) {
      for (let k = 0; k < 4; k++) {
        const state = k === 0 ? 'open' : k === 1 ? 'open' : k === 2 ? 'resolved' : 'dismissed';
        await t.db.query(
          `INSERT INTO alerts (unit_id, kind, subject_key, severity, title, opened_at, resolved_at, dismissed_at, dismiss_note)
           VALUES ($1, $2, $3, 'warning', 'Cảnh báo thử', $4::date + time '08:00', $5::timestamptz, $6::timestamptz, $7)`,
          [
            cell.id,
            k === 1 ? 'low_attendance' : 'no_regular_meeting',
            `${cell.id}:${k}`,
            daysAgo(10 + k + i),
            state === 'open' ? null : `${daysAgo(1)}T08:00:00+07:00`,
            state === 'dismissed' ? `${daysAgo(1)}T08:00:00+07:00` : null,
            state === 'dismissed' ? 'Đã xử lý tại chi bộ' : null,
          ],
        );
      }
      for (let k = 0; k < 5; k++) {
        await t.db.query(
          'INSERT INTO supervision_visits (unit_id, supervisor_id, visited_on, comments) VALUES ($1, $2, $3, $4)',
          [cell.id, supervisorId, k === 4 ? daysAgo(30) : `2026-0${k + 1}-15`, `Nhận xét ${k}`],
        );
        await t.db.query(
          `INSERT INTO recommendations (unit_id, raised_on, content, closed_at, answer)
           VALUES ($1, $2, $3, $4::timestamptz, $5)`,
          [
            cell.id,
            daysAgo(k * 40),
            `Kiến nghị ${k}`,
            k === 3 ? `${daysAgo(1)}T08:00:00+07:00` : null,
            k === 3 ? 'Đã trả lời' : null,
          ],
        );
      }
    }
  });
  afterAll(() => t.close());

  const byTimeDesc = (x: { at: string; id: number }, y: { at: string; id: number }) =>
    Date.parse(y.at) - Date.parse(x.at) || y.id - x.id;

  it('pages the ward (per-unit plan) in order, without duplicates or gaps, with a steady total', async () => {
    const expected = [...wardMeetings].sort(byTimeDesc).map((m) => m.id);
    for (const limit of [1, 7, 200]) {
      const { items, totals } = await walk(staff, `/api/org-units/${ward.id}/meetings?subtree=true`, limit);
      expect(items.map((i) => i.id)).toEqual(expected);
      expect(new Set(totals)).toEqual(new Set([expected.length]));
    }
  });

  it('pages the province (index-walk plan) the same way and never leaves the scope', async () => {
    const [{ n }] = (await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM org_units WHERE path LIKE $1',
      [`${province.path}%`],
    )) as [{ n: number }];
    expect(n).toBeGreaterThan(PER_UNIT_PLAN_MAX_UNITS);
    const rows = await t.db.query<{ id: number }>(
      `SELECT mt.id FROM meetings mt JOIN org_units u ON u.id = mt.unit_id WHERE u.path LIKE $1
        ORDER BY mt.scheduled_at DESC, mt.id DESC`,
      [`${province.path}%`],
    );
    const { items, totals } = await walk(admin, `/api/org-units/${province.id}/meetings?subtree=true`, 9);
    expect(items.map((i) => i.id)).toEqual(rows.map((r) => r.id));
    expect(totals[0]).toBe(rows.length);
    const staffView = await walk(staff, `/api/org-units/${ward.id}/meetings?subtree=true`, 50);
    expect(staffView.items.some((i) => i.orgUnitId === outsideCell.id)).toBe(false);
  });

  it('filters meetings by month, kind, status and rating', async () => {
    const get = async (q: string) =>
      (await staff.get(`/api/org-units/${ward.id}/meetings?subtree=true&limit=200&${q}`)).json() as Page;
    const march = await get('month=2026-03');
    expect(march.items.map((i) => i.id).sort()).toEqual(
      wardMeetings
        .filter((m) => m.at.startsWith('2026-03'))
        .map((m) => m.id)
        .sort(),
    );
    expect(march.total).toBe(6);
    const thematic = await get('kind=thematic');
    expect(thematic.items.map((i) => i.kind)).toEqual(['thematic', 'thematic', 'thematic']);
    const planned = await get('status=planned');
    expect(planned.total).toBe(wardMeetings.filter((m) => m.status === 'planned').length);
    expect(planned.items.every((i) => i.status === 'planned')).toBe(true);
    expect((await get('rating=kha')).items.map((i) => i.id)).toEqual([scored.meetingId]);
    expect((await get('rating=kem')).items.map((i) => i.id)).toEqual([scored.cellOnly]);
    expect((await get('rating=tot')).total).toBe(0);
    expect((await get('rating=trung_binh')).total).toBe(0);
    expect((await get('rating=kem&month=2020-01')).total).toBe(0);
  });

  it('carries the cell, attendance, final rating and adopted minutes on each item', async () => {
    const { items } = await walk(staff, `/api/org-units/${ward.id}/meetings?subtree=true`, 200);
    const a = items.find((i) => i.id === scored.meetingId)!;
    const cell = cells.find((c) => c.id === a.orgUnitId)!;
    expect(a).toMatchObject({
      orgUnitName: cell.name,
      kind: 'regular',
      kindLabel: expect.any(String),
      status: 'held',
      attendance: { present: 14, base: 15, percent: 93.33 },
      rating: { band: 'kha', score: 75, scorer: 'supervisor' },
      minutesAdopted: false,
    });
    expect(String(a.scheduledAt)).toMatch(/\+07:00$/);
    expect(items.find((i) => i.id === scored.cellOnly)!.rating).toEqual({
      band: 'kem',
      score: 45,
      scorer: 'cell',
    });
    const c = items.find((i) => i.id === scored.adopted)!;
    expect(c.rating).toBeNull();
    expect(c.minutesAdopted).toBe(true);
  });

  it('keeps the old answer without subtree=true (a cell’s own meetings, a đảng bộ’s own)', async () => {
    const cell = await staff.get(`/api/org-units/${cells[0]!.id}/meetings?from=2025-01-01&to=2027-12-31`);
    expect(cell.statusCode).toBe(200);
    const body = cell.json();
    expect(body.from).toBe('2025-01-01');
    expect(body.nextCursor).toBeUndefined();
    expect(body.total).toBe(wardMeetings.filter((m) => m.unitId === cells[0]!.id).length);
    expect((await staff.get(`/api/org-units/${ward.id}/meetings`)).json().total).toBe(0);
    const alerts = (await staff.get(`/api/org-units/${ward.id}/alerts`)).json();
    expect(alerts.nextCursor).toBeUndefined();
    expect(alerts.total).toBe(6);
    const recs = (await staff.get(`/api/org-units/${ward.id}/recommendations`)).json();
    expect(recs.total).toBe(12);
  });

  it('scopes: a supervisor sees their cells only, cell roles and other wards get 404', async () => {
    const sup = await walk(supervisor, `/api/org-units/${ward.id}/meetings?subtree=true`, 200);
    expect(sup.items.length).toBeGreaterThan(0);
    expect(sup.items.every((i) => i.orgUnitId === cells[0]!.id)).toBe(true);
    const supAlerts = (
      await supervisor.get(`/api/org-units/${province.id}/alerts?subtree=true`)
    ).json() as Page;
    expect(supAlerts.items.every((i) => i.unitId === cells[0]!.id)).toBe(true);
    expect(supAlerts.total).toBe(2);
    for (const list of ['meetings', 'alerts', 'visits', 'recommendations']) {
      expect((await supervisor.get(`/api/org-units/${otherWard.id}/${list}?subtree=true`)).statusCode).toBe(
        404,
      );
      expect((await secretary.get(`/api/org-units/${ward.id}/${list}?subtree=true`)).statusCode).toBe(404);
      expect((await otherStaff.get(`/api/org-units/${ward.id}/${list}?subtree=true`)).statusCode).toBe(404);
      expect((await staff.get(`/api/org-units/${otherWard.id}/${list}?subtree=true`)).statusCode).toBe(404);
      expect((await admin.get(`/api/org-units/2147483000/${list}?subtree=true`)).statusCode).toBe(404);
      const own = await secretary.get(`/api/org-units/${cells[1]!.id}/${list}?subtree=true`);
      expect(own.statusCode).toBe(200);
      expect((own.json() as Page).items.every((i) => (i.unitId ?? i.orgUnitId) === cells[1]!.id)).toBe(true);
    }
  });

  it('refuses a bad limit, cursor or month with a 400 and a Vietnamese message', async () => {
    const first = (await staff.get(`/api/org-units/${ward.id}/alerts?subtree=true&limit=1`)).json() as Page;
    expect(first.nextCursor).toBeTruthy();
    const bad = [
      'meetings?subtree=true&limit=201',
      'meetings?subtree=true&limit=0',
      'alerts?subtree=true&limit=300',
      'visits?subtree=true&limit=201',
      'recommendations?subtree=true&limit=1000',
      'meetings?subtree=true&cursor=abc',
      'meetings?subtree=true&cursor=%E1%BA%A1',
      `meetings?subtree=true&cursor=${first.nextCursor}`,
      `visits?subtree=true&cursor=${Buffer.from('["v","2026-02-31",1,0]').toString('base64url')}`,
      `alerts?subtree=true&cursor=${Buffer.from('["a","2026-01-01T00:00:00.000000",0,0]').toString('base64url')}`,
      'meetings?subtree=true&month=2026-13',
      'meetings?subtree=true&rating=xuat_sac',
      'alerts?subtree=true&status=closed',
      'visits?subtree=true&from=2026-02-30',
      'recommendations?subtree=true&olderThanDays=-1',
    ];
    for (const q of bad) {
      const res = await staff.get(`/api/org-units/${ward.id}/${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code, q).toBe('VALIDATION_FAILED');
      expect(res.json().message, q).toMatch(
        /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i,
      );
    }
    expect((await staff.get(`/api/org-units/${ward.id}/meetings?subtree=true&limit=200`)).statusCode).toBe(
      200,
    );
  });

  it('lists alerts by status and kind, newest first, paged', async () => {
    const url = (q: string) => `/api/org-units/${ward.id}/alerts?subtree=true${q}`;
    const open = await walk(staff, url(''), 4);
    expect(open.items).toHaveLength(6);
    expect(open.items.every((a) => a.status === 'open' && a.canDismiss === true)).toBe(true);
    const opened = open.items.map((a) => Date.parse(String(a.openedAt)));
    expect([...opened].sort((x, y) => y - x)).toEqual(opened);
    const dismissed = await walk(staff, url('&status=dismissed'), 2);
    expect(dismissed.items.map((a) => a.dismissNote)).toEqual(Array(3).fill('Đã xử lý tại chi bộ'));
    const resolved = await walk(staff, url('&status=resolved'), 2);
    expect(resolved.items.every((a) => a.status === 'resolved' && a.canDismiss === false)).toBe(true);
    expect(resolved.items).toHaveLength(3);
    const low = await walk(staff, url('&kind=low_attendance'), 50);
    expect(low.items.map((a) => a.unitName).sort()).toEqual(cells.map((c) => c.name).sort());
  });

  it('lists visits in a date range and recommendations by state and age', async () => {
    const visits = await walk(
      staff,
      `/api/org-units/${ward.id}/visits?subtree=true&from=2026-02-01&to=2026-03-31`,
      4,
    );
    expect(visits.items).toHaveLength(6);
    expect(
      visits.items.every((v) => String(v.visitedOn) >= '2026-02-01' && String(v.visitedOn) <= '2026-03-31'),
    ).toBe(true);
    const days = visits.items.map((v) => String(v.visitedOn));
    expect([...days].sort().reverse()).toEqual(days);
    expect(visits.items[0]).toMatchObject({ supervisor: 'phuong.giamsat', unitName: expect.any(String) });

    const rec = (q: string) => walk(staff, `/api/org-units/${ward.id}/recommendations?subtree=true${q}`, 5);
    const all = await rec('');
    expect(all.items).toHaveLength(15);
    const raised = all.items.map((r) => String(r.raisedOn));
    expect([...raised].sort()).toEqual(raised);
    expect((await rec('&open=true')).items.every((r) => r.closed === false)).toBe(true);
    expect((await rec('&open=true')).items).toHaveLength(12);
    expect((await rec('&open=false')).items.map((r) => r.answer)).toEqual(Array(3).fill('Đã trả lời'));
    const old = await rec('&open=true&olderThanDays=80');
    expect(old.items.map((r) => Number(r.ageDays)).sort((x, y) => x - y)).toEqual([
      80, 80, 80, 160, 160, 160,
    ]);
  });
});
