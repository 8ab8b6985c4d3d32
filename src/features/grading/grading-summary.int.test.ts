/**
 * The grading summary rows (ADR 024) equal a direct count — current decisions per level and
 * cadres per unit, each unit's own organisation decision, the members reviewed and graded per
 * cell by `reviewableMembers` — on the demo and on a hand-built ward whose decisions are issued
 * and revised through the API (refreshed in the write's transaction, no rebuild); the rows kept
 * on write equal a bulk rebuild; and the statistics read from the summary equal the statistics
 * counted directly (a year not summarised).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { GRADE_LEVELS } from '../../rules/year-types.js';
import { seedDemo } from '../demo/seed.js';
import { CURRENT_SQL } from './decisions.js';
import { reviewableMembers } from './facts.js';
import { rebuildGradingSummary, refreshStaleGradingYears } from './grading-summary.js';
import { childCounts } from './statistics.js';

const TODAY = todayIso();
const YEAR = Number(TODAY.slice(0, 4)) - 1;

type Row = Record<string, number | string | null>;

/** The summary rows of a year, without the refresh's time, keyed by unit. */
async function summaryRows(ex: Executor, year: number): Promise<Map<number, Row>> {
  const rows = await ex.query<Row & { unit_id: number }>(
    `SELECT * FROM grading_unit_year WHERE year = $1 ORDER BY unit_id`,
    [year],
  );
  return new Map(
    rows.map(({ refreshed_at: _r, reference_day: _d, year: _y, ...r }) => [r.unit_id as number, r]),
  );
}

/** The same rows counted directly from the decisions and `reviewableMembers`. */
async function directRows(ex: Executor, year: number): Promise<Map<number, Row>> {
  const out = new Map<number, Row>();
  const row = (unitId: number): Row => {
    let r = out.get(unitId);
    if (!r) {
      r = { unit_id: unitId, reviewable_members: 0, org_level: null };
      for (const l of GRADE_LEVELS) r[`graded_${l}`] = r[`cadres_${l}`] = 0;
      out.set(unitId, r);
    }
    return r;
  };
  for (const m of await reviewableMembers(ex, { year, unitPath: '/', today: TODAY }))
    if (m.graded) (row(m.unitId).reviewable_members as number) += 1;
  const decisions = await ex.query<{
    unit_id: number;
    subject_type: string;
    level: string;
    is_cadre: boolean;
  }>(
    `SELECT d.unit_id, d.subject_type, d.level, d.is_cadre
       FROM grading_decisions d JOIN grading_decision_sets s ON s.id = d.set_id
      WHERE d.year = $1 AND ${CURRENT_SQL}`,
    [year],
  );
  for (const d of decisions) {
    const r = row(d.unit_id);
    if (d.subject_type === 'organisation') {
      expect(r.org_level).toBeNull();
      r.org_level = d.level;
    } else {
      (r[`graded_${d.level}`] as number) += 1;
      if (d.is_cadre) (r[`cadres_${d.level}`] as number) += 1;
    }
  }
  return out;
}

/** The statistics of each unit, read from the summary and then counted directly. */
async function bothWays(t: TestApp, c: Client, units: { id: number; path: string }[], years: number[]) {
  const read = async () => {
    const out: unknown[] = [];
    for (const u of units)
      for (const y of years) {
        const res = await c.get(`/api/org-units/${u.id}/grading/${y}`);
        expect(res.statusCode, res.body).toBe(200);
        out.push(res.json(), await childCounts(t.db, y, u.path));
      }
    return out;
  };
  const summarised = await read();
  const marked = await t.db.query<{ year: number; reference_day: string }>(
    'SELECT year, reference_day::text FROM grading_summary_years',
  );
  await t.db.query('DELETE FROM grading_summary_years');
  const direct = await read();
  for (const m of marked)
    await t.db.query('INSERT INTO grading_summary_years (year, reference_day) VALUES ($1, $2)', [
      m.year,
      m.reference_day,
    ]);
  return { summarised, direct };
}

describe('grading summary on the demo', () => {
  let t: TestApp;
  let c: Client;
  let units: { id: number; path: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.transaction((tx) => seedDemo(tx, TODAY));
    units = await t.db.query<{ id: number; path: string }>('SELECT id, path FROM org_units ORDER BY path');
    await user(t.db, 'gs_root', [{ role: 'committee_staff', unitId: units[0]!.id }]);
    c = await t.login('gs_root');
  }, 240_000);
  afterAll(() => t?.close());

  it('the rows equal a direct count for last year (the completed review) and this year', async () => {
    const years = (
      await t.db.query<{ year: number }>('SELECT year FROM grading_summary_years ORDER BY year')
    ).map((r) => r.year);
    expect(years).toEqual([YEAR, YEAR + 1]);
    for (const y of years) expect(await summaryRows(t.db, y)).toEqual(await directRows(t.db, y));
    const [graded] = await t.db.query<{ n: number; orgs: number }>(
      `SELECT sum(graded_xuat_sac + graded_tot + graded_hoan_thanh + graded_khong_hoan_thanh)::int AS n,
              count(org_level)::int AS orgs FROM grading_unit_year WHERE year = $1`,
      [YEAR],
    );
    expect(graded!.n).toBeGreaterThan(0);
    expect(graded!.orgs).toBeGreaterThan(0);
  });

  it('the statistics from the summary equal those counted directly, for every unit', async () => {
    const { summarised, direct } = await bothWays(t, c, units, [YEAR, YEAR + 1]);
    expect(summarised).toEqual(direct);
    const root = summarised[0] as { members: { denominator: number }[]; notGraded: { members: number } };
    expect(root.members[0]!.denominator).toBeGreaterThan(0);
    const thisYear = summarised[2] as { notGraded: { members: number } };
    expect(thisYear.notGraded.members).toBeGreaterThan(0);
  });

  it('the job rebuilds this year on a later day, and leaves it alone the same day', async () => {
    expect(await refreshStaleGradingYears(t.db, TODAY)).toEqual([]);
    const next = `${YEAR + 1}-12-31` > TODAY ? `${YEAR + 1}-12-31` : TODAY;
    if (next !== TODAY) expect(await refreshStaleGradingYears(t.db, next)).toEqual([YEAR + 1]);
  });
});

describe('grading summary kept on write', () => {
  let t: TestApp;
  let staff: Client;
  let ward: { id: number; path: string };
  let c1: { id: number };
  let c2: { id: number };
  let c3: { id: number };
  let province: { id: number; path: string };
  let ward2: { id: number; path: string };
  let c4: { id: number; path: string };
  let prov: Client;
  let c1m: number[];
  let c2m: number[];
  const base = (unitId: number) => `/api/org-units/${unitId}/grading/${YEAR}`;
  const put = (url: string, payload: unknown) =>
    staff.request({ method: 'PUT', url, payload: payload as object });

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.transaction(async (tx) => {
      province = await unit(tx, { name: 'Đảng bộ tỉnh Tổng Hợp', kind: 'dang_bo_tinh' });
      ward = await unit(tx, { parentId: province.id, name: 'Đảng bộ phường Tổng Hợp' });
      c1 = await unit(tx, { parentId: ward.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' });
      c2 = await unit(tx, { parentId: ward.id, name: 'Chi bộ Khu phố 2', cellType: 'khu_dan_cu' });
      c3 = await unit(tx, { parentId: ward.id, name: 'Chi bộ Khu phố 3', cellType: 'khu_dan_cu' });
      c1m = [];
      for (const n of ['An', 'Bình', 'Cường', 'Dũng', 'Giang'])
        c1m.push(await member(tx, { unitId: c1.id, fullName: `Nguyễn Văn ${n}` }));
      c2m = [];
      for (const n of ['Khánh', 'Lan', 'Minh'])
        c2m.push(await member(tx, { unitId: c2.id, fullName: `Trần Thị ${n}` }));
      const c3m = await member(tx, { unitId: c3.id, fullName: 'Lê Văn Ba' });
      c2m.push(c3m);
      ward2 = await unit(tx, { parentId: province.id, name: 'Đảng bộ phường Chưa Xếp' });
      c4 = await unit(tx, { parentId: ward2.id, name: 'Chi bộ Khu phố 4', cellType: 'khu_dan_cu' });
      for (const n of ['Quang', 'Sơn']) await member(tx, { unitId: c4.id, fullName: `Đỗ Văn ${n}` });
      // Reviewed, not graded; and exempted, not reviewed: neither is "not graded".
      await member(tx, {
        unitId: c2.id,
        fullName: 'Lê Văn Mới',
        admissionDate: `${YEAR}-10-01`,
        officialDate: null,
      });
      const exempted = await member(tx, { unitId: c2.id, fullName: 'Phạm Văn Miễn' });
      await tx.query(
        `INSERT INTO member_status_periods (member_id, kind, valid_from) VALUES ($1, 'exempted', $2)`,
        [exempted, `${YEAR}-03-01`],
      );
      await user(tx, 'gs_staff', [{ role: 'committee_staff', unitId: ward.id }]);
      await user(tx, 'gs_prov', [{ role: 'committee_staff', unitId: province.id }]);
    });
    staff = await t.login('gs_staff');
    prov = await t.login('gs_prov');
  });
  afterAll(() => t?.close());

  type LevelRow = { level: string; numerator: number };
  const stats = async (id: number, c = staff) => {
    const body = (await c.get(base(id))).json();
    return {
      members: Object.fromEntries((body.members as LevelRow[]).map((r) => [r.level, r.numerator])),
      organisations: Object.fromEntries(
        (body.organisations as LevelRow[]).map((r) => [r.level, r.numerator]),
      ),
      notGraded: body.notGraded,
    };
  };

  it('an issued set and a revision refresh the rows in their transaction', async () => {
    expect((await stats(ward.id)).notGraded).toEqual({ members: 9, organisations: 3 });
    const saved = await put(`${base(ward.id)}/decisions`, {
      type: 'member',
      items: [
        ...c1m.map((id, i) => ({ memberId: id, level: i === 0 ? 'xuat_sac' : 'tot', isCadre: i < 2 })),
        ...c2m.map((id, i) => ({ memberId: id, level: i < 3 ? 'hoan_thanh' : 'tot' })),
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // A draft counts nowhere.
    expect((await stats(ward.id)).notGraded.members).toBe(9);
    const issued = await staff.post(`${base(ward.id)}/decisions/issue`, {
      type: 'member',
      decisionNo: '200-QĐ/ĐU',
      decisionDate: `${YEAR + 1}-01-10`,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(await stats(ward.id)).toEqual({
      members: { xuat_sac: 1, tot: 5, hoan_thanh: 3, khong_hoan_thanh: 0 },
      organisations: { xuat_sac: 0, tot: 0, hoan_thanh: 0, khong_hoan_thanh: 0 },
      notGraded: { members: 0, organisations: 3 },
    });
    const orgs = await put(`${base(ward.id)}/decisions`, {
      type: 'organisation',
      items: [
        { unitId: c1.id, level: 'tot' },
        { unitId: c2.id, level: 'hoan_thanh' },
        { unitId: c3.id, level: 'hoan_thanh' },
      ],
    });
    expect(orgs.statusCode, orgs.body).toBe(200);
    const orgIssued = await staff.post(`${base(ward.id)}/decisions/issue`, {
      type: 'organisation',
      decisionNo: '201-QĐ/ĐU',
      decisionDate: `${YEAR + 1}-01-10`,
    });
    expect(orgIssued.statusCode, orgIssued.body).toBe(200);
    expect((await stats(ward.id)).organisations).toEqual({
      xuat_sac: 0,
      tot: 1,
      hoan_thanh: 2,
      khong_hoan_thanh: 0,
    });
    expect((await stats(ward.id)).notGraded.organisations).toBe(0);
    // The other ward has decided nothing: its members and its cell, and both wards, are not graded.
    expect((await stats(province.id, prov)).notGraded).toEqual({ members: 2, organisations: 3 });

    const list = (await staff.get(`${base(ward.id)}/proposals?cellId=${c2.id}`)).json();
    const current = list.items.find((i: { memberId: number }) => i.memberId === c2m[0]).current;
    const revised = await staff.post(`/api/grading-decisions/${current.decisionId}/revisions`, {
      level: 'tot',
      reason: 'Xem xét lại theo đơn',
      decisionNo: '202-QĐ/ĐU',
      decisionDate: `${YEAR + 1}-02-10`,
    });
    expect(revised.statusCode, revised.body).toBe(201);
    expect((await stats(ward.id)).members).toEqual({
      xuat_sac: 1,
      tot: 6,
      hoan_thanh: 2,
      khong_hoan_thanh: 0,
    });
    expect((await stats(c2.id)).members).toEqual({ xuat_sac: 0, tot: 1, hoan_thanh: 2, khong_hoan_thanh: 0 });
    expect((await stats(province.id, prov)).members.tot).toBe(6);
  });

  it('the rows kept on write equal a direct count and a bulk rebuild', async () => {
    const kept = await summaryRows(t.db, YEAR);
    expect(kept).toEqual(await directRows(t.db, YEAR));
    expect(kept.get(c2.id)).toMatchObject({ reviewable_members: 3, graded_tot: 1, org_level: 'hoan_thanh' });
    expect(kept.get(c1.id)).toMatchObject({ reviewable_members: 5, cadres_xuat_sac: 1, cadres_tot: 1 });
    expect(kept.get(c4.id)).toMatchObject({ reviewable_members: 2, graded_tot: 0, org_level: null });
    expect(kept.has(ward2.id)).toBe(false);
    await rebuildGradingSummary(t.db, { year: YEAR });
    expect(await summaryRows(t.db, YEAR)).toEqual(kept);
  });

  it('the statistics, the per-child counts and the periodic review from the summary equal a direct count', async () => {
    const all = await t.db.query<{ id: number; path: string }>(
      'SELECT id, path FROM org_units WHERE path LIKE $1 ORDER BY path',
      [`${province.path}%`],
    );
    expect(all).toHaveLength(7);
    const { summarised, direct } = await bothWays(t, prov, all, [YEAR]);
    expect(summarised).toEqual(direct);
    const review = await staff.post(`/api/org-units/${ward.id}/reviews`, {
      title: 'Sơ kết năm',
      subject: null,
      from: `${YEAR}-01`,
      to: `${YEAR}-12`,
    });
    expect(review.statusCode, review.body).toBe(201);
    const grading = (await staff.get(`/api/reviews/${review.json().id}/statistics`)).json().statistics
      .grading;
    expect(grading.map((g: { year: number }) => g.year)).toEqual([YEAR]);
    expect(grading[0].members[1]).toMatchObject({ level: 'tot', numerator: 6, denominator: 9 });
  });
});
