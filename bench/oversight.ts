/**
 * Oversight benchmark (issue 9, ADR 021): p50/p95 of the overview of the province, of a grassroots
 * đảng bộ and of a cell, for a month, a quarter and 5 years, through `app.inject` with a staff
 * session (HTTP routing, validation, scope and JSON included: what a browser waits for); the same
 * aggregate (regular meetings on time and attendance) by a raw SQL scan over meetings and
 * attendance in the same run, and the ratio; the 5-year review report's DOCX and XLSX time.
 *
 * With DATABASE_URL: against an existing `chibo bench-data` database (accounts bench<seed>_tinh,
 * password chibo-bench or BENCH_PASSWORD). Without: a ward-scale PGlite database built here
 * (`--cells 40`). One JSON line per measurement.
 */
import { randomBytes } from 'node:crypto';
import { migrate } from '../src/db/migrate.js';
import { openDb } from '../src/db/open.js';
import { recordKeyFromSecret } from '../src/db/record-key.js';
import { BENCH_PASSWORD, generateBenchData } from '../src/features/demo/bench-data/index.js';
import { addMonths, benchApp, injectLogin, r2, timeRuns } from './support.js';

const url = process.env.DATABASE_URL;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const RAW_RUNS = Number(process.env.BENCH_RAW_RUNS ?? 5);
const db = await openDb({
  databaseUrl: url,
  recordKey: recordKeyFromSecret(process.env.RECORD_SECRET ?? randomBytes(32).toString('hex')),
});
const kind = db.kind;
if (!url) {
  await migrate(db);
  await generateBenchData(db, { cells: 40, years: 5, seed: 1, force: false }, () => {});
}
const [root] = await db.query<{ id: number; path: string; code: string; cells: number }>(
  `SELECT r.id, r.path, r.code, (SELECT count(*)::int FROM org_units c WHERE c.path LIKE r.path || '%' AND c.kind IN ('chi_bo', 'chi_bo_co_so')) AS cells
     FROM org_units r WHERE r.parent_id IS NULL AND r.code LIKE 'BENCH.%' ORDER BY r.id LIMIT 1`,
);
if (!root)
  throw new Error(
    'Cần một cơ sở dữ liệu tạo bằng `chibo bench-data` (DATABASE_URL), hoặc không đặt DATABASE_URL.',
  );
const seed = root.code.split('.')[1];
// The largest grassroots đảng bộ, and its largest cell.
const [grass] = await db.query<{ id: number; path: string; cells: number }>(
  `SELECT g.id, g.path, count(c.id)::int AS cells FROM org_units g JOIN org_units c ON c.path LIKE g.path || '%' AND c.kind = 'chi_bo'
    WHERE g.parent_id = $1 AND g.kind = 'dang_bo_co_so' GROUP BY g.id ORDER BY count(c.id) DESC, g.id LIMIT 1`,
  [root.id],
);
const [cell] = await db.query<{ id: number; path: string }>(
  `SELECT c.id, c.path FROM org_units c WHERE c.path LIKE $1 AND c.kind = 'chi_bo'
    ORDER BY (SELECT count(*) FROM memberships m WHERE m.unit_id = c.id AND m.valid_to IS NULL) DESC, c.id LIMIT 1`,
  [`${grass!.path}%`],
);
const [{ last: lastPeriod }] = (await db.query<{ last: string }>(
  'SELECT max(month) AS last FROM unit_month_rollup WHERE unit_id = $1',
  [root.id],
)) as [{ last: string }];

const app = await benchApp(db);
const { cookie, csrf } = await injectLogin(
  app,
  `bench${seed}_tinh`,
  process.env.BENCH_PASSWORD ?? BENCH_PASSWORD,
);
const get = (u: string) => app.inject({ method: 'GET', url: u, headers: { cookie } });

// Periods: the last ended month and quarter before the current month, and the whole history.
const month = addMonths(lastPeriod, -1);
const qEnd = (() => {
  let m = month;
  while (Number(m.slice(5, 7)) % 3 !== 0) m = addMonths(m, -1);
  return m;
})();
const periods: Record<string, [string, string]> = {
  month: [month, month],
  quarter: [addMonths(qEnd, -2), qEnd],
  '5y': [addMonths(lastPeriod, -59), lastPeriod],
};

const time = (runs: number, fn: () => Promise<unknown>, warm = 3) => timeRuns(runs, fn, warm);
const print = (o: Record<string, unknown>) => console.log(JSON.stringify({ ...o, db: kind }));

/** The same two indicators straight from meetings and attendance (no summary rows). */
async function rawScan(path: string, from: string, to: string) {
  const [row] = await db.query<{ on_time: number; due: number; present: number; base: number }>(
    `WITH cells AS (
       SELECT u.id, s.day_of_month FROM org_units u JOIN meeting_series s ON s.unit_id = u.id AND s.active
        WHERE u.path LIKE $1 AND u.kind IN ('chi_bo', 'chi_bo_co_so')
     ), months AS (
       SELECT to_char(g, 'YYYY-MM') AS month FROM generate_series(to_date($2, 'YYYY-MM'), to_date($3, 'YYYY-MM'), interval '1 month') g
     ), due AS (
       SELECT c.id, m.month, (m.month || '-' || lpad(c.day_of_month::text, 2, '0'))::date AS due_day
         FROM cells c CROSS JOIN months m WHERE (m.month || '-' || lpad(c.day_of_month::text, 2, '0'))::date < $4::date
     ), held AS (
       SELECT mt.unit_id, mt.series_period AS month, min((mt.scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS day
         FROM meetings mt JOIN cells c ON c.id = mt.unit_id
        WHERE mt.status = 'held' AND mt.kind IN ('regular', 'combined') AND mt.series_period BETWEEN $2 AND $3
        GROUP BY 1, 2
     ), per_cell AS (
       SELECT d.id, bool_and(h.day IS NOT NULL AND h.day <= d.due_day) AS all_on_time FROM due d
         LEFT JOIN held h ON h.unit_id = d.id AND h.month = d.month GROUP BY d.id
     ), att AS (
       SELECT count(*) FILTER (WHERE a.status IN ('present', 'late', 'left_early'))::int AS present, count(*)::int AS base
         FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id JOIN cells c ON c.id = mt.unit_id
        WHERE a.category = 'member' AND NOT a.away AND mt.status = 'held' AND mt.kind IN ('regular', 'combined')
          AND mt.series_period BETWEEN $2 AND $3
     )
     SELECT (SELECT count(*) FILTER (WHERE all_on_time)::int FROM per_cell) AS on_time, (SELECT count(*)::int FROM per_cell) AS due,
            att.present, att.base FROM att`,
    [`${path}%`, from, to, new Date().toISOString().slice(0, 10)],
  );
  return row!;
}

const targets = [
  { level: 'province', unit: root },
  { level: 'grassroots', unit: grass! },
  { level: 'cell', unit: cell! },
] as const;
for (const { level, unit } of targets) {
  for (const [label, [from, to]] of Object.entries(periods)) {
    const u = `/api/org-units/${unit.id}/overview?from=${from}&to=${to}`;
    const first = await get(u);
    if (first.statusCode !== 200) throw new Error(`${u}: ${first.statusCode} ${first.body}`);
    const totals = first.json().totals;
    const o = await time(RUNS, () => get(u));
    let raw: Awaited<ReturnType<typeof rawScan>> | undefined;
    const rt = await time(
      level === 'cell' ? RUNS : RAW_RUNS,
      async () => {
        raw = await rawScan(unit.path, from, to);
      },
      1,
    );
    print({
      bench: `oversight.overview.${level}.${label}`,
      value: r2(o.p50),
      unit: 'ms',
      n: RUNS,
      p95: r2(o.p95),
      cells: level === 'province' ? root.cells : level === 'grassroots' ? grass!.cells : 1,
      from,
      to,
      rawScanMs: r2(rt.p50),
      rawScanRuns: level === 'cell' ? RUNS : RAW_RUNS,
      ratio: r2(rt.p50 / o.p50),
      ratioP95: r2(rt.p50 / o.p95),
      // The overview's numbers and the raw scan's, so a reader sees that both count the same thing.
      attendance: `${totals.attendance.numerator}/${totals.attendance.denominator}`,
      rawAttendance: `${raw!.present}/${raw!.base}`,
      regularOnTime: `${totals.regularOnTime.numerator}/${totals.regularOnTime.denominator}`,
      rawRegularOnTime: `${raw!.on_time}/${raw!.due}`,
    });
  }
}

// The 5-year review report of the province: a draft, then its DOCX and XLSX (generation and HTTP).
const [from5, to5] = periods['5y']!;
const created = await app.inject({
  method: 'POST',
  url: `/api/org-units/${root.id}/reviews`,
  headers: { cookie, 'x-csrf-token': csrf },
  payload: {
    title: `Báo cáo tổng kết 5 năm (thử tải ${from5}–${to5})`,
    from: from5,
    to: to5,
    subject: 'Chỉ thị 10-CT/TU',
  },
});
if (created.statusCode === 200 || created.statusCode === 201) {
  const id = created.json().id as number;
  for (const format of ['docx', 'xlsx'] as const) {
    const t = await time(
      Math.max(3, Math.round(RUNS / 4)),
      async () => {
        const res = await get(`/api/reviews/${id}/report.${format}`);
        if (res.statusCode !== 200)
          throw new Error(`report.${format}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      },
      1,
    );
    print({
      bench: `oversight.review.province.5y.${format}`,
      value: r2(t.p50),
      unit: 'ms',
      n: Math.max(3, Math.round(RUNS / 4)),
      p95: r2(t.p95),
      cells: root.cells,
    });
  }
} else {
  print({
    bench: 'oversight.review.province.5y',
    value: -1,
    unit: 'ms',
    n: 0,
    error: `${created.statusCode} ${created.body.slice(0, 200)}`,
  });
}
await app.close();
await db.close();
