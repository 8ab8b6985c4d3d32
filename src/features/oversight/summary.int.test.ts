/**
 * The summary rows two ways (ADR 021): one cell × month at a time as every write does
 * (`refreshCellMonth`), and set-based for a subtree and period (`rebuildSummaries`). On the demo
 * both must write the same rows, column by column; the roll-ups must be the sums of their cells,
 * and the running counts the sums of the months so far.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.js';
import type { Executor } from '../../db/executor.js';
import { seedDemo } from '../demo/seed.js';
import { refreshCellMonth } from '../scoring/status.js';
import { ROLLUP_COLUMNS, rebuildRollups } from './rollup.js';
import { rebuildSummaries } from './summary.js';

const TODAY = '2026-11-21';

type Row = Record<string, unknown>;

async function snapshot(ex: Executor) {
  const strip = (rows: Row[]) => rows.map(({ updated_at: _, ...rest }) => rest);
  return {
    cells: strip(await ex.query<Row>('SELECT * FROM cell_month_status ORDER BY unit_id, month')),
    rollups: strip(await ex.query<Row>('SELECT * FROM unit_month_rollup ORDER BY unit_id, month')),
  };
}

/** Every cell and column where two snapshots differ, as readable lines (empty when equal). */
function differences(a: Row[], b: Row[]): string[] {
  const key = (r: Row) => `${r.unit_id}/${r.month}`;
  const byKey = new Map(b.map((r) => [key(r), r]));
  const out: string[] = [];
  for (const r of a) {
    const other = byKey.get(key(r));
    if (!other) {
      out.push(`${key(r)}: missing`);
      continue;
    }
    byKey.delete(key(r));
    for (const col of Object.keys(r)) {
      const x = JSON.stringify(r[col]);
      const y = JSON.stringify(other[col]);
      if (x !== y) out.push(`${key(r)}.${col}: ${x} ≠ ${y}`);
    }
  }
  for (const k of byKey.keys()) out.push(`${k}: extra`);
  return out;
}

async function clear(t: TestDb) {
  await t.db.query('DELETE FROM unit_month_rollup');
  await t.db.query('DELETE FROM cell_month_status');
}

describe('summary rows: per cell on write and set-based in bulk', () => {
  let t: TestDb;
  let period: { from: string; to: string };
  let cells: { id: number; path: string }[];
  let months: string[];
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.transaction((tx) => seedDemo(tx, TODAY));
    const [p] = await t.db.query<{ from: string; to: string }>(
      `SELECT to_char(min(scheduled_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS "from",
              to_char(max(scheduled_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS "to" FROM meetings`,
    );
    period = p!;
    cells = await t.db.query(
      "SELECT id, path FROM org_units WHERE kind IN ('chi_bo', 'chi_bo_co_so') AND archived_at IS NULL ORDER BY id",
    );
    months = (
      await t.db.query<{ m: string }>(
        `SELECT to_char(g, 'YYYY-MM') AS m
           FROM generate_series(to_date($1, 'YYYY-MM')::timestamp, to_date($2, 'YYYY-MM')::timestamp, interval '1 month') g`,
        [period.from, period.to],
      )
    ).map((r) => r.m);
    // Seeding the demo is the slow part (minutes on a busy machine), not what is tested.
  }, 600_000);
  afterAll(() => t.dispose());

  it('leaves the demo with a row for every cell and month it has', async () => {
    expect(cells.length).toBeGreaterThan(3);
    expect(months.length).toBeGreaterThanOrEqual(12);
    const [n] = await t.db.query<{ rows: number; none: number }>(
      `SELECT count(*)::int AS rows, count(*) FILTER (WHERE regular_state = 'none')::int AS none
         FROM cell_month_status WHERE month BETWEEN $1 AND $2`,
      [period.from, period.to],
    );
    expect(n!.rows).toBe(cells.length * months.length);
    // The demo's cells have members long before their first meeting: no month is "none".
    expect(n!.none).toBe(0);
    const states = await t.db.query<{ regular_state: string }>(
      'SELECT DISTINCT regular_state FROM cell_month_status ORDER BY 1',
    );
    expect(states.map((s) => s.regular_state)).toEqual(expect.arrayContaining(['held_on_time', 'pending']));
  });

  it('writes the same rows and roll-ups one cell × month at a time as in bulk', async () => {
    await clear(t);
    for (const c of cells) for (const m of months) await refreshCellMonth(t.db, c.id, m, TODAY);
    const incremental = await snapshot(t.db);
    expect(incremental.cells.length).toBe(cells.length * months.length);
    await clear(t);
    const out = await rebuildSummaries(t.db, { ...period, today: TODAY });
    expect(out.cellRows).toBe(cells.length * months.length);
    const bulk = await snapshot(t.db);
    expect(differences(incremental.cells, bulk.cells)).toEqual([]);
    expect(differences(incremental.rollups, bulk.rollups)).toEqual([]);
    // Not vacuous: the demo's rows carry every kind of fact.
    const [facts] = await t.db.query<Record<string, number>>(
      `SELECT sum(members_count)::int AS members, sum(members_tasked)::int AS tasked, sum(tasks_due)::int AS due,
              sum(tasks_done)::int AS done, sum(att_base)::int AS base, sum(thematic_held)::int AS thematic,
              sum(visits)::int AS visits, count(cell_band)::int AS cell_bands, count(supervisor_band)::int AS sup_bands,
              count(final_score)::int AS finals, count(*) FILTER (WHERE documents_on_time)::int AS docs,
              count(*) FILTER (WHERE minutes_on_time)::int AS minutes, max(cum_due)::int AS cum_due,
              max(cum_quarters)::int AS quarters
         FROM cell_month_status`,
    );
    for (const [k, v] of Object.entries(facts!)) expect(v, k).toBeGreaterThan(0);
  });

  it('keeps running counts equal to the sums of the months so far', async () => {
    const wrong = await t.db.query(
      `SELECT s.unit_id, s.month FROM cell_month_status s
         CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE p.regular_state IN ('held_on_time', 'held_late', 'missed')) AS due,
                  count(*) FILTER (WHERE p.regular_state IN ('held_late', 'missed')) AS late,
                  count(*) FILTER (WHERE p.regular_state = 'missed') AS missed,
                  count(*) FILTER (WHERE substr(p.month, 6, 2) IN ('03', '06', '09', '12') AND p.regular_state <> 'none'
                                     AND (to_date(p.month, 'YYYY-MM') + interval '1 month')::date <= $1::date) AS quarters,
                  count(*) FILTER (WHERE substr(p.month, 6, 2) IN ('03', '06', '09', '12') AND p.regular_state <> 'none'
                                     AND (to_date(p.month, 'YYYY-MM') + interval '1 month')::date <= $1::date
                                     AND NOT p.thematic_in_quarter) AS without
             FROM cell_month_status p WHERE p.unit_id = s.unit_id AND p.month <= s.month
         ) c
        WHERE (s.cum_due, s.cum_not_on_time, s.cum_missed, s.cum_quarters, s.cum_quarters_without)
              IS DISTINCT FROM (c.due::int, c.late::int, c.missed::int, c.quarters::int, c.without::int)`,
      [TODAY],
    );
    expect(wrong).toEqual([]);
    // A month rewritten later moves the counts of every month after it.
    const [c] = cells;
    const first = months[0]!;
    const before = await t.db.query<{ cum_due: number }>(
      'SELECT cum_due FROM cell_month_status WHERE unit_id = $1 ORDER BY month DESC LIMIT 1',
      [c!.id],
    );
    await t.db.query(
      "UPDATE cell_month_status SET regular_state = 'none' WHERE unit_id = $1 AND month = $2",
      [c!.id, first],
    );
    const { recomputeCum } = await import('./summary.js');
    await recomputeCum(t.db, c!.path, first, TODAY);
    const after = await t.db.query<{ cum_due: number }>(
      'SELECT cum_due FROM cell_month_status WHERE unit_id = $1 ORDER BY month DESC LIMIT 1',
      [c!.id],
    );
    expect(after[0]!.cum_due).toBe(before[0]!.cum_due - 1);
    await rebuildSummaries(t.db, { ...period, today: TODAY });
  });

  it('makes every unit’s roll-up the sum of the cells of its subtree (ward and province)', async () => {
    const units = await t.db.query<{ id: number; path: string; kind: string }>(
      "SELECT id, path, kind FROM org_units WHERE kind NOT IN ('chi_bo', 'chi_bo_co_so') ORDER BY path",
    );
    expect(units.length).toBeGreaterThanOrEqual(2);
    const sums = ROLLUP_COLUMNS.map(
      (c) =>
        ({
          cells: "count(*) FILTER (WHERE s.regular_state <> 'none')",
          members: 'sum(s.members_count)',
          months_due: "count(*) FILTER (WHERE s.regular_state IN ('held_on_time', 'held_late', 'missed'))",
          months_held: 'count(*) FILTER (WHERE s.regular_held)',
          months_on_time: 'count(*) FILTER (WHERE s.regular_on_time)',
          months_missed: "count(*) FILTER (WHERE s.regular_state = 'missed')",
          months_pending: "count(*) FILTER (WHERE s.regular_state = 'pending')",
          cell_scored: 'count(s.cell_band)',
          cell_tot: "count(*) FILTER (WHERE s.cell_band = 'tot')",
          cell_kha: "count(*) FILTER (WHERE s.cell_band = 'kha')",
          cell_trung_binh: "count(*) FILTER (WHERE s.cell_band = 'trung_binh')",
          cell_kem: "count(*) FILTER (WHERE s.cell_band = 'kem')",
          sup_scored: 'count(s.supervisor_band)',
          sup_tot: "count(*) FILTER (WHERE s.supervisor_band = 'tot')",
          sup_kha: "count(*) FILTER (WHERE s.supervisor_band = 'kha')",
          sup_trung_binh: "count(*) FILTER (WHERE s.supervisor_band = 'trung_binh')",
          sup_kem: "count(*) FILTER (WHERE s.supervisor_band = 'kem')",
          final_scored: 'count(s.final_score)',
          final_score_sum: 'coalesce(sum(s.final_score), 0)',
        })[c] ?? `sum(s.${c})`,
    );
    for (const u of units) {
      const mismatches = await t.db.query(
        `WITH expected AS (
           SELECT s.month, ${sums.map((e, i) => `(${e})::numeric AS ${ROLLUP_COLUMNS[i]}`).join(', ')}
             FROM cell_month_status s JOIN org_units c ON c.id = s.unit_id
            WHERE c.path LIKE $1 AND c.kind IN ('chi_bo', 'chi_bo_co_so') AND c.archived_at IS NULL
            GROUP BY s.month
         )
         SELECT e.month FROM expected e LEFT JOIN unit_month_rollup r ON r.unit_id = $2 AND r.month = e.month
          WHERE r.unit_id IS NULL
             OR (${ROLLUP_COLUMNS.map((c) => `e.${c}`).join(', ')}) IS DISTINCT FROM (${ROLLUP_COLUMNS.map((c) => `r.${c}::numeric`).join(', ')})`,
        [`${u.path}%`, u.id],
      );
      expect(mismatches, `${u.kind} ${u.path}`).toEqual([]);
    }
    const [province] = units;
    const [row] = await t.db.query<{ cells: number; months_held: number }>(
      'SELECT cells, months_held FROM unit_month_rollup WHERE unit_id = $1 AND month = $2',
      [province!.id, months[2]],
    );
    expect(row!.cells).toBe(cells.length);
    expect(row!.months_held).toBeGreaterThan(0);
  });

  it('rebuilds one subtree’s roll-ups and its ancestors’ to the same rows', async () => {
    const before = await snapshot(t.db);
    const [ward] = await t.db.query<{ path: string }>(
      "SELECT path FROM org_units WHERE kind NOT IN ('chi_bo', 'chi_bo_co_so') AND parent_id IS NOT NULL ORDER BY path LIMIT 1",
    );
    await t.db.query('UPDATE unit_month_rollup SET cells = cells + 7');
    await rebuildRollups(t.db, { rootPath: ward!.path, ...period });
    const all = await t.db.query<{ id: number; path: string; parent_id: number | null }>(
      'SELECT id, path, parent_id FROM org_units',
    );
    const paths = new Map(all.map((u) => [u.id, u.path]));
    const parents = new Map(all.map((u) => [u.id, u.parent_id]));
    const redone = new Set(all.filter((u) => u.path.startsWith(ward!.path)).map((u) => u.id));
    const after = new Map((await snapshot(t.db)).rollups.map((r) => [`${r.unit_id}/${r.month}`, r]));
    let inside = 0;
    let outside = 0;
    for (const r of before.rollups) {
      const now = after.get(`${r.unit_id}/${r.month}`)!;
      if (redone.has(Number(r.unit_id))) {
        inside++;
        expect(now).toEqual(r);
      } else if (String(ward!.path).startsWith(String(paths.get(Number(r.unit_id))))) {
        // An ancestor: the sum of its direct children as they are now (one of them still off).
        const children = [...after.values()].filter(
          (x) => parents.get(Number(x.unit_id)) === Number(r.unit_id) && x.month === r.month,
        );
        expect(now.cells).toBe(children.reduce((n, x) => n + Number(x.cells), 0));
      } else {
        outside++;
        expect(now.cells).toBe(Number(r.cells) + 7);
      }
    }
    expect(inside).toBeGreaterThan(0);
    expect(outside).toBeGreaterThan(0);
    await rebuildSummaries(t.db, { ...period, today: TODAY });
    expect(differences(before.rollups, (await snapshot(t.db)).rollups)).toEqual([]);
  });
});
