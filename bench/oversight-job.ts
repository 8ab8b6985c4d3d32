/**
 * Oversight job benchmark (issue 12, ADR 029): the whole-province job cold (after a month turn:
 * every cell's this and last month queued) and warm (nothing changed since), a subtree's run at
 * ~10× and ~100× a ward, and one ward's "Cập nhật ngay" (`POST /api/jobs/oversight` as that
 * ward's office account through app.inject); for each the time, the statements sent (a counting
 * Executor wraps the database) and the process's RSS growth (before → peak, sampled every 20 ms).
 *
 * With DATABASE_URL: an existing `chibo bench-data` database (accounts bench<seed>_vpN, password
 * chibo-bench or BENCH_PASSWORD). Without: a ward-scale PGlite database built here (`--cells 40`).
 * The same script runs on the code before issue 12 (no queue there: "cold" and "warm" are two runs).
 * One JSON line per measurement.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import type { Db, Executor } from '../src/db/executor.js';
import { migrate } from '../src/db/migrate.js';
import { openDb } from '../src/db/open.js';
import { recordKeyFromSecret } from '../src/db/record-key.js';
import { todayIso } from '../src/domain/format.js';
import { BENCH_PASSWORD, generateBenchData } from '../src/features/demo/bench-data/index.js';
import { runOversightJobs } from '../src/features/oversight/jobs.js';
import { buildApp } from '../src/server/app.js';

const url = process.env.DATABASE_URL;
const TODAY = process.env.BENCH_TODAY ?? todayIso();
const WARD_RUNS = Number(process.env.BENCH_RUNS ?? 5);
const raw = await openDb({
  databaseUrl: url,
  recordKey: recordKeyFromSecret(process.env.RECORD_SECRET ?? randomBytes(32).toString('hex')),
});
if (!url) {
  await migrate(raw);
  await generateBenchData(raw, { cells: 40, years: 5, seed: 1, force: false }, () => {});
}

/** Counts every statement sent through it (transactions included). */
let statements = 0;
function counting(ex: Executor): Executor {
  return {
    query: (sql, params) => {
      statements++;
      return ex.query(sql, params);
    },
    exec: (sql) => {
      statements++;
      return ex.exec(sql);
    },
    transaction: (fn) => ex.transaction((tx) => fn(counting(tx))),
    recordKey: ex.recordKey,
  } as Executor;
}
const db = Object.assign(Object.create(raw) as Db, counting(raw), {
  kind: raw.kind,
  close: () => raw.close(),
});

const print = (o: Record<string, unknown>) =>
  console.log(JSON.stringify({ ...o, db: raw.kind, today: TODAY }));
const mb = (n: number) => Math.round(n / 1048576);

/** Time, statements and RSS growth (peak over the run) of one call. */
async function measure<T>(
  fn: () => Promise<T>,
): Promise<{ ms: number; statements: number; rssGrowthMb: number; out: T }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const s0 = statements;
  const t0 = performance.now();
  const out = await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms: Math.round(ms), statements: statements - s0, rssGrowthMb: mb(peak - before), out };
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

/** Units by their number of cells: the one nearest `target` within [lo, hi]. */
async function unitNear(lo: number, hi: number, target: number) {
  const [u] = await db.query<{ id: number; path: string; cells: number; n: number | null }>(
    `WITH g AS (
       SELECT u.id, u.path, u.kind, row_number() OVER (PARTITION BY u.kind = 'dang_bo_co_so' ORDER BY u.id) AS n,
              (SELECT count(*)::int FROM org_units c WHERE c.path LIKE u.path || '%' AND c.kind IN ('chi_bo', 'chi_bo_co_so')) AS cells
         FROM org_units u WHERE u.path LIKE $1 AND u.kind NOT IN ('chi_bo', 'chi_bo_co_so') AND u.archived_at IS NULL
     )
     SELECT id, path, cells, CASE WHEN kind = 'dang_bo_co_so' THEN n::int END AS n FROM g
      WHERE cells BETWEEN $2 AND $3 ORDER BY abs(cells - $4), id LIMIT 1`,
    [`${root!.path}%`, lo, hi, target],
  );
  return u;
}
const ward = await unitNear(8, 20, 14);
const x10 = await unitNear(100, 200, 150);
const x100 = await unitNear(1000, 2000, 1500);

const hasQueue = (
  await db.query<{ ok: boolean }>("SELECT to_regclass('oversight_job_state') IS NOT NULL AS ok")
)[0]!.ok;

// The whole province: cold after a month turn (everything queued), then warm (nothing changed).
if (hasQueue) await db.query("DELETE FROM oversight_job_state WHERE key = 'calendar_day'");
for (const phase of ['cold', 'warm', 'warm']) {
  const r = await measure(() => runOversightJobs(db, TODAY));
  print({
    bench: 'oversight-job',
    scope: 'province',
    cells: root.cells,
    phase,
    ...r,
    out: undefined,
    result: r.out,
  });
}

// Subtrees of ~10× and ~100× a ward, run directly (the on-demand path).
for (const [label, u] of [
  ['x10', x10],
  ['x100', x100],
] as const) {
  if (!u) continue;
  const r = await measure(() => runOversightJobs(db, TODAY, [u.path]));
  print({ bench: 'oversight-job', scope: label, cells: u.cells, ...r, out: undefined, result: r.out });
}

// One ward's "Cập nhật ngay" through the route, as its office account.
if (ward?.n) {
  const config = loadConfig({}, { logLevel: 'silent', webDir: undefined, loginRateLimitPerMinute: 10_000 });
  const app = await buildApp({ config, db, logger: false });
  await app.ready();
  const username = `bench${seed}_vp${ward.n}`;
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: process.env.BENCH_PASSWORD ?? BENCH_PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.statusCode} ${login.body}`);
  const setCookie = login.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0]! : String(setCookie)).split(';')[0]!;
  const headers = { cookie, 'x-csrf-token': login.json().csrfToken as string };
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof measure>> | undefined;
  for (let i = 0; i < WARD_RUNS + 1; i++) {
    const r = await measure(async () => {
      const res = await app.inject({ method: 'POST', url: '/api/jobs/oversight', headers });
      if (res.statusCode !== 200) throw new Error(`POST /api/jobs/oversight: ${res.statusCode} ${res.body}`);
      return res.json();
    });
    if (i > 0) times.push(r.ms);
    last = r;
  }
  times.sort((a, b) => a - b);
  print({
    bench: 'oversight-job',
    scope: 'ward-route',
    cells: ward.cells,
    account: username,
    p50: times[Math.floor(times.length / 2)],
    max: times[times.length - 1],
    statements: last?.statements,
    rssGrowthMb: last?.rssGrowthMb,
    result: last?.out,
  });
  await app.close();
}
await raw.close();
