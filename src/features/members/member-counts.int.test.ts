/**
 * The summary rows (unit_member_counts, ADR 027) hold exactly the figures of the live query
 * (countsForSubtree, the rules of domain/membership.ts), on the demo and on a fixture with every
 * status kind, after writes through the API, a unit move, an import-like direct write repaired
 * by the job's refreshMemberCountsIfStale, and the turn of the date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { countsForSubtree } from './counts.js';
import {
  refreshAllMemberCounts,
  refreshMemberCounts,
  refreshMemberCountsIfStale,
  summaryCounts,
} from './member-counts.js';

/** Every unit under `rootPath`: the summary's subtree figures next to the live query's. */
async function compareAll(db: Executor, rootPath: string) {
  const today = todayIso();
  const live = await countsForSubtree(db, rootPath, today);
  const ids = [...live.keys()];
  const summary = await summaryCounts(db, ids, today);
  const got = Object.fromEntries(ids.map((id) => [id, summary.get(id)?.subtree]));
  const want = Object.fromEntries(ids.map((id) => [id, live.get(id)]));
  return { got, want, ids };
}

function daysAgo(n: number): string {
  const d = new Date(`${todayIso()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

describe('member counts summary: a fixture with every status kind', () => {
  let t: TestApp;
  let staff: Client;
  let ward: { id: number; path: string };
  let part: { id: number; path: string };
  let cellA: { id: number; path: string };
  let cellB: { id: number; path: string };
  let cellC: { id: number; path: string };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    ward = await unit(t.db, { name: 'Đảng bộ phường Đếm' });
    part = await unit(t.db, { parentId: ward.id, name: 'Đảng bộ bộ phận Một', kind: 'dang_bo_bo_phan' });
    cellA = await unit(t.db, { parentId: part.id, name: 'Chi bộ A', cellType: 'khu_dan_cu' });
    cellB = await unit(t.db, { parentId: part.id, name: 'Chi bộ B', cellType: 'khu_dan_cu' });
    cellC = await unit(t.db, { parentId: ward.id, name: 'Chi bộ C', cellType: 'khu_dan_cu' });
    ids.official = await member(t.db, { unitId: cellA.id, fullName: 'Nguyễn Văn Chính' });
    ids.probationary = await member(t.db, {
      unitId: cellA.id,
      fullName: 'Trần Thị Dự',
      admissionDate: daysAgo(100),
      officialDate: null,
    });
    ids.exempted = await member(t.db, { unitId: cellA.id, fullName: 'Lê Văn Miễn' });
    ids.away = await member(t.db, { unitId: cellA.id, fullName: 'Phạm Văn Đi' });
    ids.contact = await member(t.db, { unitId: cellC.id, fullName: 'Hoàng Thị Liên' });
    ids.leaver = await member(t.db, { unitId: cellB.id, fullName: 'Vũ Văn Rời' });
    ids.mover = await member(t.db, { unitId: cellB.id, fullName: 'Đặng Văn Chuyển' });
    await user(t.db, 'vp_dem', [{ role: 'committee_staff', unitId: ward.id }]);
    staff = await t.login('vp_dem');
  });
  afterAll(() => t.close());

  it('agrees with the live query before and after status changes through the API', async () => {
    const before = await compareAll(t.db, ward.path);
    expect(before.got).toEqual(before.want);

    const change = (id: number, body: Record<string, unknown>) =>
      staff.post(`/api/members/${id}/status-changes`, body);
    const today = todayIso();
    expect(
      (await change(ids.exempted!, { type: 'exempt', date: today, reason: 'Ốm dài ngày' })).statusCode,
    ).toBe(200);
    const away = await change(ids.away!, {
      type: 'temporary_out',
      date: today,
      until: daysAgo(-180),
      hostUnitId: cellC.id,
    });
    expect(away.statusCode, away.body).toBe(200);
    const c213 = await change(ids.contact!, { type: 'contact_213', date: today, unitId: cellB.id });
    expect(c213.statusCode, c213.body).toBe(200);
    expect((await change(ids.leaver!, { type: 'remove', date: today, reason: 'xoa_ten' })).statusCode).toBe(
      200,
    );
    expect((await change(ids.mover!, { type: 'transfer', date: today, toUnitId: cellC.id })).statusCode).toBe(
      200,
    );

    const after = await compareAll(t.db, ward.path);
    expect(after.got).toEqual(after.want);
    // The changes did move the figures (the comparison is not of two empty maps).
    const a = after.want[cellA.id]!;
    expect(a).toMatchObject({ total: 4, probationary: 1, exempted: 1, temporaryOut: 1 });
    expect(after.want[cellC.id]!.temporaryIn).toBe(1);
    expect(after.want[ward.id]!.total).toBe(before.want[ward.id]!.total - 1);

    // The unit page and /counts read the summary.
    const page = (await staff.get(`/api/org-units/${part.id}`)).json();
    expect(page.counts).toEqual(after.want[part.id]);
    const counts = (await staff.get(`/api/org-units/${ward.id}/counts`)).json();
    expect(counts).toMatchObject(after.want[ward.id]!);
  });

  it('a new member through the API and a unit move keep the rows right', async () => {
    const res = await staff.post(`/api/org-units/${cellB.id}/members`, {
      fullName: 'Ngô Thị Mới',
      birthDate: '1990-05-06',
      gender: 'nu',
      admissionDate: daysAgo(30),
      relation: 'admission',
    });
    expect(res.statusCode, res.body).toBe(201);
    const mid = await compareAll(t.db, ward.path);
    expect(mid.got).toEqual(mid.want);

    const before = (await staff.get(`/api/org-units/${part.id}`)).json().counts.total;
    const moved = await staff.post(`/api/org-units/${cellC.id}/move`, { parentId: part.id });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await compareAll(t.db, ward.path);
    expect(after.got).toEqual(after.want);
    const now = (await staff.get(`/api/org-units/${part.id}`)).json().counts.total;
    expect(now).toBeGreaterThan(before);
  });

  it('a write outside the application is repaired by refreshMemberCountsIfStale when the date turns', async () => {
    // A period written directly (as a repair script would) and rows of yesterday.
    await t.db.query(
      `INSERT INTO member_status_periods (member_id, kind, valid_from, reason) VALUES ($1, 'exempted', $2, 'Trực tiếp')`,
      [ids.official, daysAgo(1)],
    );
    await t.db.query(`UPDATE unit_member_counts SET as_of = $1`, [daysAgo(1)]);
    expect(await t.db.transaction((tx) => refreshMemberCountsIfStale(tx, todayIso()))).toBe(true);
    expect(await t.db.transaction((tx) => refreshMemberCountsIfStale(tx, todayIso()))).toBe(false);
    const r = await compareAll(t.db, ward.path);
    expect(r.got).toEqual(r.want);
    expect(r.want[cellA.id]!.exempted).toBe(2);
  });

  it('a read that finds a stale row brings every row to today first', async () => {
    await t.db.query(`UPDATE unit_member_counts SET as_of = $1, sub_total = 999 WHERE unit_id = $2`, [
      daysAgo(2),
      ward.id,
    ]);
    const page = (await staff.get(`/api/org-units/${ward.id}`)).json();
    const live = await countsForSubtree(t.db, ward.path, todayIso());
    expect(page.counts).toEqual(live.get(ward.id));
  });

  it('refreshMemberCounts of one unit leaves every figure equal to a full rebuild', async () => {
    await t.db.transaction((tx) => refreshMemberCounts(tx, [cellA.id]));
    const one = await t.db.query('SELECT * FROM unit_member_counts ORDER BY unit_id');
    await t.db.transaction((tx) => refreshAllMemberCounts(tx));
    const all = await t.db.query('SELECT * FROM unit_member_counts ORDER BY unit_id');
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ updated_at: _u, ...r }) => r);
    expect(strip(one)).toEqual(strip(all));
  });
});

describe('member counts summary: the demo', () => {
  let t: TestApp;
  let staff: Client;
  let root: { id: number; path: string };

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.transaction((tx) => seedDemo(tx, todayIso()));
    [root] = (await t.db.query<{ id: number; path: string }>(
      'SELECT id, path FROM org_units WHERE parent_id IS NULL',
    )) as [{ id: number; path: string }];
    staff = await t.login('danguy', DEMO_PASSWORD);
  }, 600_000);
  afterAll(() => t.close());

  it('every demo unit: the summary equals the live query, before and after a status change', async () => {
    const before = await compareAll(t.db, root.path);
    expect(before.ids.length).toBeGreaterThan(3);
    expect(before.got).toEqual(before.want);
    const [m] = await t.db.query<{ id: number }>(
      `SELECT m.id FROM members m JOIN memberships ms ON ms.member_id = m.id AND ms.valid_to IS NULL
        WHERE NOT EXISTS (SELECT 1 FROM member_status_periods p WHERE p.member_id = m.id AND p.kind = 'exempted'
                           AND (p.valid_to IS NULL OR p.valid_to > CURRENT_DATE))
          AND EXISTS (SELECT 1 FROM member_status_periods p WHERE p.member_id = m.id AND p.kind = 'official')
        ORDER BY m.id LIMIT 1`,
    );
    const res = await staff.post(`/api/members/${m!.id}/status-changes`, {
      type: 'exempt',
      date: todayIso(),
      reason: 'Tuổi cao, sức yếu',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await compareAll(t.db, root.path);
    expect(after.got).toEqual(after.want);
    const sum = (x: typeof after.want) => Object.values(x).reduce((n, c) => n + (c?.exempted ?? 0), 0);
    expect(sum(after.want)).toBeGreaterThan(sum(before.want));
  });
});
