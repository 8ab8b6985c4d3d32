/**
 * The committee overview on a small tree whose summary rows are written by hand, so every figure
 * is checked against sums worked out on paper (ADR 021 definitions):
 *
 *   Tỉnh ─┬─ Đảng bộ phường Đông Hòa ─┬─ Chi bộ Khu phố 1 (A, khu dân cư)
 *         │                            └─ Chi bộ Ấp Bình (B, nông thôn)
 *         └─ Đảng bộ xã Tây ─ Đảng bộ bộ phận Cơ quan ─ Chi bộ Văn phòng (C, cơ quan)
 *
 * Period 2025-01..2025-03 (2024-12 is the month before it).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { unit, user } from '../../../test/support/factory.js';
import { OVERVIEW_RATIO_COLUMNS } from '../../documents/overview-xlsx.js';
import { todayIso } from '../../domain/format.js';
import type { Actor } from '../../server/access.js';
import { overviewTable } from './overview.js';

type State = 'held_on_time' | 'held_late' | 'missed' | 'pending';
/** state, members, tasked, tasks due, done, present, base, thematic, visits, cell band, sup band, final. */
type Fact = [
  State,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  string | null,
  string | null,
  number | null,
];
/** cum_due, cum_not_on_time, cum_missed, cum_quarters, cum_quarters_without. */
type Cum = [number, number, number, number, number];

const MONTHS = ['2024-12', '2025-01', '2025-02', '2025-03'];
const FACTS: Record<'A' | 'B' | 'C', [Fact, Cum][]> = {
  A: [
    [
      ['held_on_time', 10, 2, 1, 1, 9, 10, 1, 1, 'tot', 'tot', 95],
      [1, 0, 0, 1, 0],
    ],
    [
      ['held_on_time', 10, 4, 2, 1, 9, 10, 0, 1, 'tot', 'kha', 85],
      [2, 0, 0, 1, 0],
    ],
    [
      ['held_late', 10, 3, 1, 1, 8, 10, 0, 0, 'tot', 'tot', 92],
      [3, 1, 0, 1, 0],
    ],
    [
      ['held_on_time', 11, 5, 0, 0, 10, 11, 1, 1, 'kha', null, 75],
      [4, 1, 0, 2, 0],
    ],
  ],
  B: [
    [
      ['missed', 6, 0, 0, 0, 0, 0, 0, 0, null, null, null],
      [1, 1, 1, 1, 1],
    ],
    [
      ['held_on_time', 6, 2, 2, 2, 6, 6, 0, 1, 'kem', 'trung_binh', 55],
      [2, 1, 1, 1, 1],
    ],
    [
      ['missed', 6, 0, 1, 0, 0, 0, 0, 0, null, null, null],
      [3, 2, 2, 1, 1],
    ],
    [
      ['held_on_time', 5, 1, 1, 1, 4, 5, 0, 0, 'kha', 'kha', 72],
      [4, 2, 2, 2, 2],
    ],
  ],
  C: [
    [
      ['held_on_time', 8, 1, 1, 1, 7, 8, 1, 1, 'kha', 'kha', 80],
      [1, 0, 0, 1, 0],
    ],
    [
      ['held_on_time', 8, 2, 1, 1, 8, 8, 0, 1, 'tot', 'tot', 96],
      [2, 0, 0, 1, 0],
    ],
    [
      ['held_on_time', 8, 2, 2, 2, 7, 8, 1, 0, 'tot', 'kha', 88],
      [3, 0, 0, 1, 0],
    ],
    [
      ['pending', 8, 0, 0, 0, 0, 0, 0, 0, null, null, null],
      [3, 0, 0, 1, 0],
    ],
  ],
};

const BANDS = ['tot', 'kha', 'trung_binh', 'kem'];
/** The roll-up columns of one cell row (what rollup.ts derives; written here by hand). */
function rollupOf(f: Fact): Record<string, number> {
  const [state, members, tasked, due, done, present, base, thematic, visits, cb, sb, fin] = f;
  const r: Record<string, number> = {
    cells: 1,
    members,
    months_due: state === 'pending' ? 0 : 1,
    months_held: state.startsWith('held') ? 1 : 0,
    months_on_time: state === 'held_on_time' ? 1 : 0,
    months_missed: state === 'missed' ? 1 : 0,
    months_pending: state === 'pending' ? 1 : 0,
    thematic_held: thematic,
    att_present: present,
    att_base: base,
    members_tasked: tasked,
    tasks_due: due,
    tasks_done: done,
    visits,
    cell_scored: cb ? 1 : 0,
    sup_scored: sb ? 1 : 0,
    final_scored: fin === null ? 0 : 1,
    final_score_sum: fin ?? 0,
  };
  for (const b of BANDS) {
    r[`cell_${b}`] = cb === b ? 1 : 0;
    r[`sup_${b}`] = sb === b ? 1 : 0;
  }
  return r;
}

const json = (c: Client, url: string) => c.get(url).then((r) => ({ status: r.statusCode, body: r.json() }));
const pct = (body: { totals: Record<string, { percent: number | null }> }, key: string) =>
  body.totals[key]!.percent;

describe('committee overview (ADR 021)', () => {
  let t: TestApp;
  let staff: Client;
  let secretary: Client;
  let supervisor: Client;
  let plain: Client;
  const id: Record<string, number> = {};
  const today = todayIso();
  const daysAgo = (n: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.db;
    const p = await unit(db, { name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh' });
    const w1 = await unit(db, { parentId: p.id, name: 'Đảng bộ phường Đông Hòa' });
    const a = await unit(db, { parentId: w1.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' });
    const b = await unit(db, { parentId: w1.id, name: 'Chi bộ Ấp Bình', cellType: 'nong_thon' });
    const w2 = await unit(db, { parentId: p.id, name: 'Đảng bộ xã Tây' });
    const s = await unit(db, { parentId: w2.id, name: 'Đảng bộ bộ phận Cơ quan', kind: 'dang_bo_bo_phan' });
    const c = await unit(db, { parentId: s.id, name: 'Chi bộ Văn phòng', cellType: 'co_quan' });
    Object.assign(id, { P: p.id, W1: w1.id, A: a.id, B: b.id, W2: w2.id, S: s.id, C: c.id });
    const chain: Record<'A' | 'B' | 'C', number[]> = {
      A: [a.id, w1.id, p.id],
      B: [b.id, w1.id, p.id],
      C: [c.id, s.id, w2.id, p.id],
    };
    const rollups = new Map<string, Record<string, number>>();
    for (const [cell, rows] of Object.entries(FACTS) as ['A' | 'B' | 'C', [Fact, Cum][]][]) {
      for (const [i, [f, cum]] of rows.entries()) {
        const month = MONTHS[i]!;
        await db.query(
          `INSERT INTO cell_month_status (unit_id, month, regular_state, members_count, members_tasked, tasks_due, tasks_done,
             att_present, att_base, thematic_held, visits, cell_band, supervisor_band,
             cum_due, cum_not_on_time, cum_missed, cum_quarters, cum_quarters_without, thematic_in_quarter)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
          // The final score is read from the roll-up only (final_scored, final_score_sum). A quarter
          // that ended with a thematic meeting adds to cum_quarters but not to cum_quarters_without.
          [id[cell], month, ...f.slice(0, 11), ...cum, cum[4] === (rows[i - 1]?.[1][4] ?? 0)],
        );
        for (const u of chain[cell]) {
          const key = `${u}|${month}`;
          const acc = rollups.get(key) ?? {};
          for (const [k, v] of Object.entries(rollupOf(f))) acc[k] = (acc[k] ?? 0) + v;
          rollups.set(key, acc);
        }
      }
    }
    for (const [key, cols] of rollups) {
      const [u, month] = key.split('|');
      const names = Object.keys(cols);
      await db.query(
        `INSERT INTO unit_month_rollup (unit_id, month, ${names.join(', ')})
         VALUES ($1, $2, ${names.map((_, i) => `$${i + 3}`).join(', ')})`,
        [Number(u), month, ...names.map((n) => cols[n])],
      );
    }
    // Current state: open alerts and recommendations (a closed one of each never counts).
    const alert = (unitId: number, kind: string, key: string, resolved = false) =>
      db.query(
        `INSERT INTO alerts (unit_id, kind, subject_key, severity, title, resolved_at)
         VALUES ($1, $2, $3, 'warning', 'Cảnh báo thử', ${resolved ? 'now()' : 'NULL'})`,
        [unitId, kind, key],
      );
    await alert(a.id, 'no_regular_meeting', 'a1');
    await alert(a.id, 'low_attendance', 'a2');
    await alert(c.id, 'no_regular_meeting', 'c1');
    await alert(b.id, 'low_attendance', 'b1', true);
    const rec = (unitId: number, raised: string, closed = false) =>
      db.query(
        `INSERT INTO recommendations (unit_id, raised_on, content, closed_at) VALUES ($1, $2, 'Kiến nghị thử', ${closed ? 'now()' : 'NULL'})`,
        [unitId, raised],
      );
    await rec(a.id, daysAgo(10));
    await rec(a.id, daysAgo(60));
    await rec(c.id, daysAgo(200));
    await rec(b.id, daysAgo(5), true);

    await user(db, 'vp.tinh', [{ role: 'committee_staff', unitId: p.id }]);
    await user(db, 'bithu.a', [{ role: 'cell_secretary', unitId: a.id }]);
    await user(db, 'giamsat.ac', [
      { role: 'supervisor', unitId: a.id },
      { role: 'supervisor', unitId: c.id },
    ]);
    await user(db, 'dangvien.a', [{ role: 'member', unitId: a.id }]);
    staff = await t.login('vp.tinh');
    secretary = await t.login('bithu.a');
    supervisor = await t.login('giamsat.ac');
    plain = await t.login('dangvien.a');
  });
  afterAll(() => t?.close());

  /** The province office as the data functions see it (the service calls, not the HTTP ones). */
  async function provinceStaffActor(): Promise<Actor> {
    const [g] = await t.db.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [id.P]);
    return {
      userId: 0,
      grants: [{ id: 0, role: 'committee_staff', orgUnitId: id.P, path: g!.path, unitName: '' }],
    } as unknown as Actor;
  }

  const Q = 'from=2025-01&to=2025-03';

  it('adds up the province exactly as worked out by hand', async () => {
    const { status, body } = await json(staff, `/api/org-units/${id.P}/overview?${Q}`);
    expect(status).toBe(200);
    expect(body.limited).toBe(false);
    expect(body.period).toMatchObject({ from: '2025-01', to: '2025-03', months: 3, lastMonth: '2025-03' });
    expect(body.unit).toMatchObject({ id: id.P, kind: 'dang_bo_tinh', cells: 3 });
    const tt = body.totals;
    expect(tt.cells).toEqual({ numerator: 3, denominator: 3, percent: 100 });
    expect(tt.members).toEqual({ numerator: 24, denominator: 24, percent: 100 });
    // Due in the period: A, B, C; on time every month: C only (A late in February, B missed it).
    expect(tt.regularOnTime).toEqual({ numerator: 1, denominator: 3, percent: 33.33 });
    expect(tt.regularMissed).toEqual({ numerator: 1, denominator: 3, percent: 33.33 });
    // Pending is not missed: C's March is not yet due, and C missed nothing.
    expect(tt.regularPending).toEqual({ numerator: 1, denominator: 3, percent: 33.33 });
    expect(tt.regularMonths).toEqual({ numerator: 7, denominator: 8, percent: 87.5 });
    expect(tt.thematicQuarters).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(tt.attendance).toEqual({ numerator: 52, denominator: 58, percent: 89.66 });
    expect(tt.membersWithTasks).toEqual({ numerator: 19, denominator: 72, percent: 26.39 });
    expect(tt.tasksCompleted).toEqual({ numerator: 8, denominator: 10, percent: 80 });
    expect(tt.ratingCell.tot).toEqual({ numerator: 4, denominator: 7, percent: 57.14 });
    expect(tt.ratingCell.kha).toEqual({ numerator: 2, denominator: 7, percent: 28.57 });
    expect(tt.ratingCell.trung_binh).toEqual({ numerator: 0, denominator: 7, percent: 0 });
    expect(tt.ratingCell.kem).toEqual({ numerator: 1, denominator: 7, percent: 14.29 });
    expect(tt.ratingSupervisor.tot).toEqual({ numerator: 2, denominator: 6, percent: 33.33 });
    expect(tt.ratingSupervisor.kha).toEqual({ numerator: 3, denominator: 6, percent: 50 });
    expect(tt.ratingSupervisor.trung_binh).toEqual({ numerator: 1, denominator: 6, percent: 16.67 });
    // 4 visits against ⌈6 × 9 cell-months ÷ 12⌉ = 5.
    expect(tt.visits).toEqual({ numerator: 4, denominator: 5, percent: 80 });
    expect(tt.alertsOpen).toEqual({ total: 3, byKind: { no_regular_meeting: 2, low_attendance: 1 } });
    expect(tt.recommendationsOpen).toEqual({ total: 3, upTo30Days: 1, upTo90Days: 1, over90Days: 1 });
    // (85 + 92 + 75 + 55 + 72 + 96 + 88) / 7 = 80,43 → Khá.
    expect(body.totalsRating).toEqual({ band: 'kha', averageScore: 80.4, scoredMonths: 7 });

    expect(body.total).toBe(2);
    const [w1, w2] = body.items;
    expect(w1.unit).toMatchObject({ id: id.W1, name: 'Đảng bộ phường Đông Hòa', cells: 2 });
    expect(w1.indicators.cells).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    expect(w1.indicators.members).toEqual({ numerator: 16, denominator: 24, percent: 66.67 });
    expect(w1.indicators.regularOnTime).toEqual({ numerator: 0, denominator: 2, percent: 0 });
    expect(w1.indicators.regularMissed).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(w1.indicators.regularPending).toEqual({ numerator: 0, denominator: 2, percent: 0 });
    expect(w1.indicators.regularMonths).toEqual({ numerator: 5, denominator: 6, percent: 83.33 });
    expect(w1.indicators.attendance).toEqual({ numerator: 37, denominator: 42, percent: 88.1 });
    expect(w1.indicators.membersWithTasks).toEqual({ numerator: 15, denominator: 48, percent: 31.25 });
    expect(w1.indicators.tasksCompleted).toEqual({ numerator: 5, denominator: 7, percent: 71.43 });
    expect(w1.indicators.visits).toEqual({ numerator: 3, denominator: 3, percent: 100 });
    expect(w1.indicators.alertsOpen.total).toBe(2);
    expect(w1.indicators.recommendationsOpen).toEqual({
      total: 2,
      upTo30Days: 1,
      upTo90Days: 1,
      over90Days: 0,
    });
    expect(w1.rating).toEqual({ band: 'kha', averageScore: 75.8, scoredMonths: 5 });
    expect(w2.unit).toMatchObject({ id: id.W2, cells: 1 });
    expect(w2.indicators.regularOnTime).toEqual({ numerator: 1, denominator: 1, percent: 100 });
    expect(w2.indicators.regularPending).toEqual({ numerator: 1, denominator: 1, percent: 100 });
    expect(w2.indicators.thematicQuarters).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(w2.indicators.visits).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(w2.indicators.recommendationsOpen.over90Days).toBe(1);
    expect(w2.rating.band).toBe('tot');
  });

  it('drills down to a grassroots committee and to a cell', async () => {
    const w1 = (await json(staff, `/api/org-units/${id.W1}/overview?${Q}`)).body;
    expect(w1.totals.attendance).toEqual({ numerator: 37, denominator: 42, percent: 88.1 });
    expect(w1.items.map((i: { unit: { name: string } }) => i.unit.name)).toEqual([
      'Chi bộ Ấp Bình',
      'Chi bộ Khu phố 1',
    ]);
    const a = w1.items[1];
    expect(a.unit).toMatchObject({ kind: 'chi_bo', cellType: 'khu_dan_cu', cells: 1 });
    expect(a.indicators.cells).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(a.indicators.regularOnTime).toEqual({ numerator: 0, denominator: 1, percent: 0 });
    // A cell answers its own figures as totals, and no rows.
    const cell = (await json(staff, `/api/org-units/${id.A}/overview?${Q}`)).body;
    expect(cell.items).toEqual([]);
    expect(cell.total).toBe(0);
    expect(cell.totals.attendance).toEqual({ numerator: 27, denominator: 31, percent: 87.1 });
    expect(cell.totals.regularMonths).toEqual({ numerator: 3, denominator: 3, percent: 100 });
    expect(cell.totals.alertsOpen.total).toBe(2);
    // The sub-committee under W2 rolls C up: W2 = S = C.
    const w2 = (await json(staff, `/api/org-units/${id.W2}/overview?${Q}`)).body;
    expect(w2.items).toHaveLength(1);
    expect(w2.items[0].unit).toMatchObject({ id: id.S, kind: 'dang_bo_bo_phan', cells: 1 });
    expect(w2.items[0].indicators.attendance).toEqual({ numerator: 15, denominator: 16, percent: 93.75 });
  });

  it('filters by cell type, rating and a name typed without diacritics; sorts and pages', async () => {
    const base = `/api/org-units/${id.P}/overview?${Q}`;
    const names = (b: { items: { unit: { name: string } }[] }) => b.items.map((i) => i.unit.name);
    expect(names((await json(staff, `${base}&rating=tot`)).body)).toEqual(['Đảng bộ xã Tây']);
    expect(names((await json(staff, `${base}&rating=kem`)).body)).toEqual([]);
    const search = (await json(staff, `${base}&q=${encodeURIComponent('dong hoa')}`)).body;
    expect(names(search)).toEqual(['Đảng bộ phường Đông Hòa']);
    expect(search.total).toBe(1);
    // Filters choose rows; the totals stay the unit's.
    expect(pct(search, 'attendance')).toBe(89.66);
    const byAttendance = (await json(staff, `${base}&sort=attendance&order=desc`)).body;
    expect(names(byAttendance)).toEqual(['Đảng bộ xã Tây', 'Đảng bộ phường Đông Hòa']);
    const page = (await json(staff, `${base}&limit=1&offset=1`)).body;
    expect(names(page)).toEqual(['Đảng bộ xã Tây']);
    expect(page.total).toBe(2);
    const w1 = `/api/org-units/${id.W1}/overview?${Q}`;
    expect(names((await json(staff, `${w1}&cellType=nong_thon`)).body)).toEqual(['Chi bộ Ấp Bình']);
    // Rows without a percent (nothing to divide) sort last either way.
    const them = (await json(staff, `${base}&sort=thematicQuarters&order=asc`)).body;
    expect(names(them)).toEqual(['Đảng bộ phường Đông Hòa', 'Đảng bộ xã Tây']);
  });

  it('computes only the page when sorted by name, and the page equals the whole table’s slice', async () => {
    // Name order computes the rows of the page only (ADR 031); the whole table (the .xlsx path)
    // computes every row and then sorts. Both must give the same rows, figures and total.
    const actor = await provinceStaffActor();
    const variants: [number, string][] = [
      [id.P!, ''],
      [id.P!, '&order=desc'],
      [id.P!, '&order=desc&limit=1'],
      [id.P!, '&limit=1&offset=1'],
      [id.P!, '&offset=5'],
      [id.P!, `&q=${encodeURIComponent('xa tay')}`],
      [id.W1!, '&cellType=khu_dan_cu'],
      [id.W1!, '&order=desc'],
    ];
    for (const [unitId, extra] of variants) {
      const params = new URLSearchParams(`${Q}${extra}`);
      const paged = (await json(staff, `/api/org-units/${unitId}/overview?${params}`)).body;
      const whole = await overviewTable(t.db, actor, unitId, {
        from: '2025-01',
        to: '2025-03',
        order: (params.get('order') as 'asc' | 'desc' | null) ?? 'asc',
        ...(params.get('q') ? { q: params.get('q')! } : {}),
        ...(params.get('cellType') ? { cellType: params.get('cellType') as 'khu_dan_cu' } : {}),
      });
      const offset = Number(params.get('offset') ?? 0);
      const limit = Number(params.get('limit') ?? 50);
      expect(paged.total, extra).toBe(whole.rows.length);
      expect(paged.items, extra).toEqual(
        JSON.parse(JSON.stringify(whole.rows.slice(offset, offset + limit))),
      );
      expect(paged.totals, extra).toEqual(JSON.parse(JSON.stringify(whole.totals)));
    }
    // A limited viewer's page is cut from the rows they may see.
    const mine = (await json(secretary, `/api/org-units/${id.P}/overview?${Q}&order=desc`)).body;
    expect(mine.total).toBe(1);
    expect(mine.items.map((i: { unit: { id: number } }) => i.unit.id)).toEqual([id.W1]);
  });

  it('compares with the same-length period just before', async () => {
    const body = (await json(staff, `/api/org-units/${id.P}/overview?${Q}&compare=previous`)).body;
    expect(body.previousPeriod).toMatchObject({ from: '2024-10', to: '2024-12', months: 3 });
    // Only December has rows: A and C held on time, B missed.
    expect(body.previousTotals.regularMonths).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    expect(body.previousTotals.regularOnTime).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    expect(body.previousTotals.cells).toEqual({ numerator: 3, denominator: 3, percent: 100 });
    expect(body.totals.regularMonths.numerator).toBe(7);
    const plainBody = (await json(staff, `/api/org-units/${id.P}/overview?${Q}`)).body;
    expect(plainBody.previousTotals).toBeUndefined();
  });

  it('draws the trend month by month from the unit’s own rows', async () => {
    const { status, body } = await json(
      staff,
      `/api/org-units/${id.W1}/overview/trend?from=2024-12&to=2025-04`,
    );
    expect(status).toBe(200);
    expect(body.items.map((i: { month: string }) => i.month)).toEqual([
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
    ]);
    const [dec, , feb, mar, apr] = body.items.map((i: { indicators: unknown }) => i.indicators);
    expect(feb.regularMonths).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(feb.regularOnTime).toEqual({ numerator: 0, denominator: 2, percent: 0 });
    expect(feb.regularMissed).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(feb.thematicQuarters.denominator).toBe(0);
    // Quarter ends: December (A with, B without), March (A with, B without).
    expect(dec.thematicQuarters).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(mar.thematicQuarters).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(mar.attendance).toEqual({ numerator: 14, denominator: 16, percent: 87.5 });
    expect(apr.cells).toEqual({ numerator: 0, denominator: 0, percent: null });
  });

  it('shows a secretary the totals and only the row leading to their own cell', async () => {
    const p = (await json(secretary, `/api/org-units/${id.P}/overview?${Q}`)).body;
    expect(p.limited).toBe(true);
    expect(p.totals.attendance).toEqual({ numerator: 52, denominator: 58, percent: 89.66 });
    expect(p.items.map((i: { unit: { id: number } }) => i.unit.id)).toEqual([id.W1]);
    expect(p.total).toBe(1);
    const w1 = (await json(secretary, `/api/org-units/${id.W1}/overview?${Q}`)).body;
    expect(w1.items.map((i: { unit: { id: number } }) => i.unit.id)).toEqual([id.A]);
    const own = await json(secretary, `/api/org-units/${id.A}/overview?${Q}`);
    expect(own.status).toBe(200);
    expect(own.body.limited).toBe(false);
    const trend = await json(secretary, `/api/org-units/${id.P}/overview/trend?${Q}`);
    expect(trend.status).toBe(200);
    // A supervisor of A and C sees both paths.
    const sup = (await json(supervisor, `/api/org-units/${id.P}/overview?${Q}`)).body;
    expect(sup.limited).toBe(true);
    expect(sup.items.map((i: { unit: { id: number } }) => i.unit.id)).toEqual([id.W1, id.W2]);
  });

  it('answers 404 outside the caller’s reach, as for a missing id, and 403 to a member of the cell', async () => {
    for (const [c, unitId] of [
      [secretary, id.W2],
      [secretary, id.B],
      [secretary, id.S],
      [plain, id.P],
      [supervisor, id.B],
      [staff, 999_999],
    ] as const) {
      for (const suffix of ['overview', 'overview/trend', 'overview.xlsx']) {
        const res = await c.get(`/api/org-units/${unitId}/${suffix}?${Q}`);
        expect(res.statusCode, `${c.username} ${unitId} ${suffix}`).toBe(404);
        expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: 'Không tìm thấy đơn vị.' });
      }
    }
    const own = await plain.get(`/api/org-units/${id.A}/overview?${Q}`);
    expect(own.statusCode).toBe(403);
  });

  it('refuses bad periods and limits with a 400 in Vietnamese', async () => {
    const bad = [
      'from=2025-03&to=2025-01',
      'from=2015-01&to=2025-01',
      'from=2025-13&to=2025-12',
      'from=2025-1&to=2025-12',
      'to=2025-12',
      `${Q}&limit=201`,
      `${Q}&limit=0`,
      `${Q}&offset=-1`,
      `${Q}&sort=password`,
      `${Q}&rating=xuat_sac`,
      `${Q}&compare=next`,
    ];
    for (const q of bad) {
      const res = await staff.get(`/api/org-units/${id.P}/overview?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code, q).toBe('VALIDATION_FAILED');
      expect(res.json().message, q).toMatch(/[ăâđêôơưáàảãạếềểễệóòỏõọ]/i);
    }
    const tenYears = await staff.get(`/api/org-units/${id.P}/overview?from=2015-02&to=2025-01`);
    expect(tenYears.statusCode).toBe(200);
    const longTrend = await staff.get(`/api/org-units/${id.P}/overview/trend?from=2020-01&to=2025-01`);
    expect(longTrend.statusCode).toBe(400);
    expect(longTrend.json().message).toContain('tối đa 60 tháng');
    const okTrend = await staff.get(`/api/org-units/${id.P}/overview/trend?from=2020-02&to=2025-01`);
    expect(okTrend.statusCode).toBe(200);
    expect(okTrend.json().items).toHaveLength(60);
  });

  it('refuses an export above its row limit instead of cutting it', async () => {
    const actor = await provinceStaffActor();
    const q = { from: '2025-01', to: '2025-03' };
    await expect(overviewTable(t.db, actor, id.P!, q, { maxRows: 1 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      details: { rows: 2, max: 1 },
    });
    expect((await overviewTable(t.db, actor, id.P!, q, { maxRows: 2 })).rows).toHaveLength(2);
  });

  it('exports the whole filtered table to .xlsx with the same numbers, and audits the export', async () => {
    const res = await staff.get(`/api/org-units/${id.P}/overview.xlsx?${Q}&sort=name`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain('Tong-quan-Dang-bo-tinh-Thu-2025-01-den-2025-03.xlsx');
    expect(disposition).not.toMatch(/[^\x20-\x7e]/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(1, 1).value)).toContain('ĐẢNG BỘ TỈNH THỬ');
    expect(String(ws.getCell(2, 1).value)).toContain('Từ tháng 01/2025 đến tháng 03/2025');
    const json2 = (await json(staff, `/api/org-units/${id.P}/overview?${Q}`)).body;
    const header = ws.getRow(3).values as unknown[];
    const col = header.indexOf(OVERVIEW_RATIO_COLUMNS.find((c) => c.path === 'attendance')!.label);
    expect(col).toBeGreaterThan(0);
    expect(ws.getRow(4).getCell(col).value).toBe('Số');
    const rowsByName = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => {
      if (n > 4) rowsByName.set(String(row.getCell(2).value), row);
    });
    expect([...rowsByName.keys()]).toEqual([
      'Đảng bộ phường Đông Hòa',
      'Đảng bộ xã Tây',
      'Toàn Đảng bộ tỉnh Thử',
    ]);
    for (const item of json2.items) {
      const row = rowsByName.get(item.unit.name)!;
      for (const [k, c] of OVERVIEW_RATIO_COLUMNS.entries()) {
        const at = 6 + k * 3;
        let r: unknown = item.indicators;
        for (const part of c.path.split('.')) r = (r as Record<string, unknown>)[part];
        const x = r as { numerator: number; denominator: number; percent: number | null };
        expect(
          [row.getCell(at).value, row.getCell(at + 1).value, row.getCell(at + 2).value ?? null],
          c.path,
        ).toEqual([x.numerator, x.denominator, x.percent]);
      }
    }
    const totals = rowsByName.get('Toàn Đảng bộ tỉnh Thử')!;
    expect(totals.getCell(col).value).toBe(52);
    expect(totals.getCell(col + 1).value).toBe(58);
    expect(totals.getCell(col + 2).value).toBe(89.66);
    const [row] = await t.db.query<{ after: { rows: number; from: string } }>(
      "SELECT after FROM audit_log WHERE action = 'overview.export' AND org_unit_id = $1 ORDER BY id DESC LIMIT 1",
      [id.P],
    );
    expect(row?.after).toMatchObject({ rows: 2, from: '2025-01', to: '2025-03' });
    // Filters apply to the export too; a limited reader's file holds only their rows.
    const mine = await secretary.get(`/api/org-units/${id.P}/overview.xlsx?${Q}`);
    expect(mine.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(mine.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    wb2.worksheets[0]!.eachRow((r, n) => {
      if (n > 4) names.push(String(r.getCell(2).value));
    });
    expect(names).toEqual(['Đảng bộ phường Đông Hòa', 'Toàn Đảng bộ tỉnh Thử']);
  });
});
