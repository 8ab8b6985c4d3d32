/**
 * The overview end to end on the seeded demo (records → summary rows by `rebuildSummaries` →
 * overview): the ward and the province answer for their staff, the rows add up to the totals,
 * the totals equal the cell rows they come from, and a cell secretary sees only their own row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { rebuildSummaries } from './summary.js';

const TODAY = '2026-11-21';
const FROM = '2025-12';
const TO = '2026-11';
const Q = `from=${FROM}&to=${TO}`;

type Ratio = { numerator: number; denominator: number; percent: number | null };
interface Item {
  unit: { id: number; name: string; cells: number };
  indicators: Record<string, Ratio>;
}

describe('overview on the demo', () => {
  let t: TestApp;
  let danguy: Client;
  let quantri: Client;
  let bithu: Client;
  let wardId: number;
  let provinceId: number;
  let wardPath: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.transaction((tx) => seedDemo(tx, TODAY));
    await rebuildSummaries(t.db, { from: '2025-01', to: TO, today: TODAY });
    const [ward] = await t.db.query<{ id: number; path: string; parent_id: number }>(
      "SELECT id, path, parent_id FROM org_units WHERE name = 'Đảng bộ phường An Hội'",
    );
    wardId = ward!.id;
    wardPath = ward!.path;
    provinceId = ward!.parent_id;
    danguy = await t.login('danguy', DEMO_PASSWORD);
    quantri = await t.login('quantri', DEMO_PASSWORD);
    bithu = await t.login('bithu1', DEMO_PASSWORD);
  }, 300_000);
  afterAll(() => t?.close());

  it('answers the ward for its staff; the rows add up to the totals and the totals to the cell rows', async () => {
    const res = await danguy.get(`/api/org-units/${wardId}/overview?${Q}&limit=200`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.limited).toBe(false);
    const items = body.items as Item[];
    expect(items.length).toBeGreaterThan(1);
    expect(body.total).toBe(items.length);
    const [facts] = await t.db.query<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE s.month = $3 AND s.regular_state <> 'none')::int AS cells,
              sum(s.att_present)::int AS att_present, sum(s.att_base)::int AS att_base,
              count(*) FILTER (WHERE s.regular_state IN ('held_on_time', 'held_late'))::int AS held,
              count(*) FILTER (WHERE s.regular_state IN ('held_on_time', 'held_late', 'missed'))::int AS due,
              sum(s.tasks_due)::int AS tasks_due, sum(s.tasks_done)::int AS tasks_done
         FROM cell_month_status s JOIN org_units u ON u.id = s.unit_id
        WHERE u.path LIKE $1 AND u.archived_at IS NULL AND s.month BETWEEN $2 AND $3`,
      [`${wardPath}%`, FROM, TO],
    );
    const tt = body.totals;
    expect(tt.cells.numerator).toBe(facts!.cells);
    expect(tt.attendance).toMatchObject({ numerator: facts!.att_present, denominator: facts!.att_base });
    expect(tt.regularMonths).toMatchObject({ numerator: facts!.held, denominator: facts!.due });
    expect(tt.tasksCompleted).toMatchObject({ numerator: facts!.tasks_done, denominator: facts!.tasks_due });
    expect(facts!.att_base).toBeGreaterThan(0);
    for (const key of [
      'cells',
      'members',
      'attendance',
      'regularMonths',
      'membersWithTasks',
      'tasksCompleted',
    ]) {
      const sum = (f: (r: Ratio) => number) => items.reduce((a, i) => a + f(i.indicators[key]!), 0);
      expect(
        sum((r) => r.numerator),
        key,
      ).toBe(tt[key].numerator);
      if (key !== 'cells' && key !== 'members')
        expect(
          sum((r) => r.denominator),
          key,
        ).toBe(tt[key].denominator);
    }
    for (const key of ['regularOnTime', 'regularMissed', 'thematicQuarters']) {
      const sum = items.reduce((a, i) => a + i.indicators[key]!.numerator, 0);
      expect(sum, key).toBe(tt[key].numerator);
      expect(tt[key].numerator).toBeLessThanOrEqual(tt[key].denominator);
    }
    // Every percent is its own ratio, half-up to two decimals.
    for (const i of items) {
      const r = i.indicators.attendance!;
      if (r.denominator > 0) expect(r.percent).toBe(Math.round((r.numerator * 10_000) / r.denominator) / 100);
    }
  });

  it('answers the province for the administrator with the ward as a row', async () => {
    const res = await quantri.get(`/api/org-units/${provinceId}/overview?${Q}`);
    expect(res.statusCode).toBe(200);
    const ward = (res.json().items as Item[]).find((i) => i.unit.id === wardId);
    const wardTotals = (await danguy.get(`/api/org-units/${wardId}/overview?${Q}`)).json().totals;
    expect(ward?.indicators.attendance).toEqual(wardTotals.attendance);
    const trend = await quantri.get(`/api/org-units/${provinceId}/overview/trend?${Q}`);
    expect(trend.statusCode).toBe(200);
    expect(trend.json().items).toHaveLength(12);
  });

  it('shows the secretary of Khu phố 1 only their own row, and 404 for another cell', async () => {
    const res = await bithu.get(`/api/org-units/${wardId}/overview?${Q}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.limited).toBe(true);
    expect(body.items).toHaveLength(1);
    const [own] = await t.db.query<{ id: number }>(
      "SELECT g.org_unit_id AS id FROM role_grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'bithu1'",
    );
    expect(body.items[0].unit.id).toBe(own!.id);
    const full = (await danguy.get(`/api/org-units/${wardId}/overview?${Q}`)).json();
    expect(body.totals).toEqual(full.totals);
    const [other] = await t.db.query<{ id: number }>(
      "SELECT id FROM org_units WHERE parent_id = $1 AND id <> $2 AND kind = 'chi_bo' ORDER BY id LIMIT 1",
      [wardId, own!.id],
    );
    const res2 = await bithu.get(`/api/org-units/${other!.id}/overview?${Q}`);
    expect(res2.statusCode).toBe(404);
    expect(res2.json().code).toBe('NOT_FOUND');
  });
});
