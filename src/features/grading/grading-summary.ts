/**
 * The year's grading summary rows (issue 10, ADR 021 "roll-ups are designed", ADR 024):
 * `grading_unit_year` holds, per unit and year, the unit's own counts — the members its cell
 * reviews and grades on the reference day, its members' current decisions per level (and the
 * cadres among them), its own current organisation decision — so the statistics of a subtree are
 * sums over its units' rows. `grading_summary_years` lists the years built for the whole tree;
 * the statistics read only those years from the summary (any other year is counted directly).
 *
 * One rule, set-based: `writeRows` rewrites the rows of one year for the units under a path in
 * one statement (reviewable members per cell with each cell's pack, current decisions grouped by
 * unit). `refreshGradingSummary` is called in the transaction of every issue and revision for the
 * subtree it touched; `rebuildGradingSummary` rebuilds whole years (demo, bench, the job).
 *
 * "Reviewable" is `reviewableMembers(...).graded` of facts.ts, stated in SQL: a home membership
 * in the cell open on the reference day, official or probationary that day, not exempted that
 * day unless the cell's pack reviews the exempted, and not admitted (admission date, else the
 * first probationary period) after the pack's new-member cutoff under `review_not_graded`.
 */
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { GRADE_LEVELS } from '../../rules/year-types.js';
import { packsForCells, referenceDate } from './facts.js';

/** Subtracts whole months from an ISO date (day clamped to the month's end), as facts.ts. */
function minusMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const MEMBER_COLS = GRADE_LEVELS.map((l) => `graded_${l}`);
const CADRE_COLS = GRADE_LEVELS.map((l) => `cadres_${l}`);

/** Whether the year's rows were built for the whole tree (the statistics read the summary). */
export async function isGradingYearSummarised(ex: Executor, year: number): Promise<boolean> {
  const rows = await ex.query<{ year: number }>('SELECT year FROM grading_summary_years WHERE year = $1', [
    year,
  ]);
  return rows.length > 0;
}

/** Of `years`, those built for the whole tree. */
export async function summarisedYears(ex: Executor, years: readonly number[]): Promise<Set<number>> {
  if (years.length === 0) return new Set();
  const rows = await ex.query<{ year: number }>(
    'SELECT year FROM grading_summary_years WHERE year = ANY($1::int[])',
    [[...years]],
  );
  return new Set(rows.map((r) => r.year));
}

/**
 * Rewrites the rows of `year` for every unit whose path starts with `prefix` (the subtree, or
 * '/' for the whole tree): two reads to find the cells' packs, one DELETE and one INSERT … SELECT.
 * Decisions are attributed to their unit (`grading_decisions.unit_id`) under the unit's current
 * path; a decision whose copied `unit_path` lies outside `prefix` (a unit moved since) is picked
 * up by the next whole-tree rebuild.
 */
async function writeRows(ex: Executor, year: number, prefix: string, today: string): Promise<number> {
  const day = referenceDate(year, today);
  const like = `${prefix}%`;
  const cells = await ex.query<{ id: number; path: string }>(
    `SELECT id, path FROM org_units WHERE path LIKE $1 AND kind IN ('chi_bo', 'chi_bo_co_so')`,
    [like],
  );
  const packs = await packsForCells(
    ex,
    cells.map((c) => ({ unitId: c.id, unitPath: c.path })),
    day,
  );
  const ids: number[] = [];
  const exempted: boolean[] = [];
  const cutoffs: (string | null)[] = [];
  for (const c of cells) {
    const rules = packs.get(c.id)!.grading;
    ids.push(c.id);
    exempted.push(rules.reviewExempted);
    cutoffs.push(
      rules.newMembers.rule === 'review_not_graded'
        ? minusMonths(`${year}-12-31`, rules.newMembers.minMonths)
        : null,
    );
  }
  await ex.query(
    `DELETE FROM grading_unit_year WHERE year = $1 AND unit_id IN (SELECT id FROM org_units WHERE path LIKE $2)`,
    [year, like],
  );
  const onDay = `p.valid_from <= $3::date AND (p.valid_to IS NULL OR p.valid_to > $3::date)`;
  const level = (col: string, l: string, cadre = false) =>
    `count(*) FILTER (WHERE level = '${l}'${cadre ? ' AND is_cadre' : ''})::int AS ${col}`;
  const rows = await ex.query<{ n: number }>(
    `WITH units AS (
       SELECT id FROM org_units WHERE path LIKE $2
     ), rules AS (
       SELECT * FROM unnest($4::int[], $5::boolean[], $6::date[]) AS r(cell_id, review_exempted, new_cutoff)
     ), home AS (
       SELECT ms.member_id, ms.unit_id FROM memberships ms JOIN rules r ON r.cell_id = ms.unit_id
        WHERE ms.valid_from <= $3::date AND (ms.valid_to IS NULL OR ms.valid_to > $3::date)
     ), st AS (
       SELECT h.member_id, h.unit_id,
              coalesce(bool_or(p.kind IN ('official', 'probationary') AND ${onDay}), false) AS active,
              coalesce(bool_or(p.kind = 'exempted' AND ${onDay}), false) AS exempted,
              min(p.valid_from) FILTER (WHERE p.kind = 'probationary') AS first_probation
         FROM home h LEFT JOIN member_status_periods p ON p.member_id = h.member_id
        GROUP BY h.member_id, h.unit_id
     ), rev AS (
       SELECT st.unit_id, count(*)::int AS n
         FROM st JOIN members m ON m.id = st.member_id JOIN rules r ON r.cell_id = st.unit_id
        WHERE st.active AND (r.review_exempted OR NOT st.exempted)
          AND (r.new_cutoff IS NULL OR coalesce(m.admission_date, st.first_probation) IS NULL
               OR coalesce(m.admission_date, st.first_probation) <= r.new_cutoff)
        GROUP BY st.unit_id
     ), cur AS (
       SELECT d.id, d.unit_id, d.subject_type, d.level, d.is_cadre, s.issued_at
         FROM grading_decisions d JOIN grading_decision_sets s ON s.id = d.set_id AND s.year = $1 AND s.status = 'issued'
        WHERE d.year = $1 AND d.unit_path LIKE $2
          AND NOT EXISTS (SELECT 1 FROM grading_decisions n JOIN grading_decision_sets ns ON ns.id = n.set_id
                           WHERE n.supersedes_id = d.id AND ns.status = 'issued')
     ), mem AS (
       SELECT unit_id, ${GRADE_LEVELS.map((l, i) => level(MEMBER_COLS[i]!, l)).join(', ')},
              ${GRADE_LEVELS.map((l, i) => level(CADRE_COLS[i]!, l, true)).join(', ')}
         FROM cur WHERE subject_type = 'member' GROUP BY unit_id
     ), org AS (
       SELECT unit_id, (array_agg(level ORDER BY issued_at DESC, id DESC))[1] AS org_level
         FROM cur WHERE subject_type = 'organisation' GROUP BY unit_id
     ), ids AS (
       SELECT unit_id FROM rev UNION SELECT unit_id FROM mem UNION SELECT unit_id FROM org
     ), ins AS (
       INSERT INTO grading_unit_year (unit_id, year, reviewable_members, ${MEMBER_COLS.join(', ')},
                                      ${CADRE_COLS.join(', ')}, org_level, reference_day, refreshed_at)
       SELECT i.unit_id, $1, coalesce(rev.n, 0),
              ${[...MEMBER_COLS, ...CADRE_COLS].map((c) => `coalesce(mem.${c}, 0)`).join(', ')},
              org.org_level, $3::date, now()
         FROM ids i JOIN units u ON u.id = i.unit_id LEFT JOIN rev ON rev.unit_id = i.unit_id LEFT JOIN mem ON mem.unit_id = i.unit_id
         LEFT JOIN org ON org.unit_id = i.unit_id
       ON CONFLICT (unit_id, year) DO UPDATE SET reviewable_members = EXCLUDED.reviewable_members,
         ${[...MEMBER_COLS, ...CADRE_COLS].map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
         org_level = EXCLUDED.org_level, reference_day = EXCLUDED.reference_day, refreshed_at = now()
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM ins`,
    [year, like, day, ids, exempted, cutoffs],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Rebuilds whole years: `year`, or every year with a decision set or already summarised, and
 * the current year. Marks each year summarised (the marker's row lock serialises concurrent
 * rebuilds of a year). Returns the rows written.
 */
export async function rebuildGradingSummary(
  ex: Executor,
  opts: { year?: number; today?: string } = {},
): Promise<{ years: number[]; rows: number }> {
  const today = opts.today ?? todayIso();
  let years: number[];
  if (opts.year !== undefined) years = [opts.year];
  else {
    const found = await ex.query<{ year: number }>(
      `SELECT year FROM grading_decision_sets UNION SELECT year FROM grading_summary_years
        UNION SELECT $1::int ORDER BY 1`,
      [Number(today.slice(0, 4))],
    );
    years = found.map((r) => r.year);
  }
  let rows = 0;
  for (const year of years) {
    await ex.query(
      `INSERT INTO grading_summary_years (year, reference_day, rebuilt_at) VALUES ($1, $2, now())
       ON CONFLICT (year) DO UPDATE SET reference_day = EXCLUDED.reference_day, rebuilt_at = now()`,
      [year, referenceDate(year, today)],
    );
    rows += await writeRows(ex, year, '/', today);
  }
  return { years, rows };
}

/**
 * Refreshes the year's rows of the subtree a write touched (an issued set: the deciding unit's
 * path; a revision: the decision's unit). Call it in the write's transaction. A year not yet
 * summarised is rebuilt whole instead (once), so the summary is never partial.
 */
export async function refreshGradingSummary(
  ex: Executor,
  opts: { year: number; unitPath: string; today?: string },
): Promise<number> {
  const today = opts.today ?? todayIso();
  if (!(await isGradingYearSummarised(ex, opts.year)))
    return (await rebuildGradingSummary(ex, { year: opts.year, today })).rows;
  return writeRows(ex, opts.year, opts.unitPath, today);
}

/**
 * The oversight job's part (ADR 024): rebuilds the current year when its rows were read on an
 * earlier day (members join and leave while the year runs: the reviewable count is at most a
 * day old), and last year until it has been rebuilt on its 31/12 snapshot. Years already closed
 * and rebuilt are left alone: membership recorded after the year does not change them.
 */
export async function refreshStaleGradingYears(ex: Executor, today = todayIso()): Promise<number[]> {
  const current = Number(today.slice(0, 4));
  const rows = await ex.query<{ year: number; reference_day: string }>(
    `SELECT year, to_char(reference_day, 'YYYY-MM-DD') AS reference_day FROM grading_summary_years
      WHERE year = ANY($1::int[])`,
    [[current - 1, current]],
  );
  const done = new Map(rows.map((r) => [r.year, r.reference_day]));
  const rebuilt: number[] = [];
  for (const year of [current - 1, current]) {
    const day = done.get(year);
    if (day !== undefined && day >= referenceDate(year, today)) continue;
    await rebuildGradingSummary(ex, { year, today });
    rebuilt.push(year);
  }
  return rebuilt;
}
