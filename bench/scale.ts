/**
 * Cross-route scale bench (issue 12, ADR 026/031): each read route of a unit at four sizes of the
 * same database — a ward (a đảng bộ cơ sở of ~8–20 cells), ~10× (~100–200 cells), ~100×
 * (~1.000–2.000 cells) and the province root — through `app.inject` with the province office's
 * session (routing, validation, scope and JSON included). For each route and size: p50/p95 over
 * BENCH_RUNS (20) runs and the body size; for each route the log-log slope of p95 from the ~10×
 * unit to the province, `ln(p95_prov / p95_10x) / ln(cells_prov / cells_10x)`; and the raw SQL
 * baseline of the same run (the subtree's current members counted, the month's meetings scanned).
 *
 * A two-level tree (province → đảng bộ cơ sở → cells) has no unit of ~150 or ~1.500 cells: the
 * ~10× and ~100× levels are then smaller bench provinces in the same database (`chibo bench-data
 * --force --seed 2 --cells 150`, `--seed 3 --cells 1500`), each read with its own office's session.
 * Without them, the closest unit is taken and its cell count printed. Works on
 * code before issue 12 too (lists without `nextCursor` are paged by `offset`), so "before" and
 * "after" are measured by one script. With DATABASE_URL: a `chibo bench-data` database (accounts
 * bench<seed>_tinh, password chibo-bench or BENCH_PASSWORD). Without: a small PGlite database built
 * here (`--cells 60`). One JSON line per measurement.
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
const LABEL = process.env.BENCH_LABEL ?? 'current';
const db = await openDb({
  databaseUrl: url,
  recordKey: recordKeyFromSecret(process.env.RECORD_SECRET ?? randomBytes(32).toString('hex')),
});
const kind = db.kind;
// The bench database gets the code's migrations (a no-op on the code it was made with).
await migrate(db);
if (!url) {
  await generateBenchData(db, { cells: 60, years: 2, seed: 1, force: false }, () => {});
}
const print = (o: Record<string, unknown>) => console.log(JSON.stringify({ ...o, label: LABEL, db: kind }));

// The largest bench province is measured at its root; smaller bench provinces written beside it
// (`chibo bench-data --force --seed 2 --cells 150`, `--seed 3 --cells 1500`) give the ~10× and
// ~100× levels, since a two-level tree has no unit of that size under the province.
const roots = await db.query<{ id: number; path: string; code: string }>(
  "SELECT id, path, code FROM org_units WHERE parent_id IS NULL AND code LIKE 'BENCH.%' ORDER BY id",
);
if (roots.length === 0)
  throw new Error(
    'Cần một cơ sở dữ liệu tạo bằng `chibo bench-data` (DATABASE_URL), hoặc không đặt DATABASE_URL.',
  );
const seedOfRoot = new Map(roots.map((r) => [r.id, r.code.split('.')[1]!]));
// Cells under every unit, counted once from the cells' paths (set-based, no join on LIKE).
const sized = (
  await db.query<{ id: number; path: string; kind: string; cells: number }>(
    `WITH c AS (
       SELECT a.id, count(*)::int AS cells
         FROM org_units u, unnest(string_to_array(trim(both '/' from u.path), '/')::int[]) AS a(id)
        WHERE u.kind IN ('chi_bo', 'chi_bo_co_so') AND u.archived_at IS NULL AND u.path LIKE ANY($1::text[])
        GROUP BY a.id)
     SELECT u.id, u.path, u.kind, c.cells FROM org_units u JOIN c ON c.id = u.id
      WHERE u.kind NOT IN ('chi_bo', 'chi_bo_co_so') ORDER BY c.cells, u.id`,
    [roots.map((r) => `${r.path}%`)],
  )
).map((u) => ({ ...u, seed: seedOfRoot.get(Number(u.path.split('/')[1]))! }));
const rootIds = new Set(roots.map((r) => r.id));
const prov = sized.filter((u) => rootIds.has(u.id)).reduce((a, b) => (b.cells > a.cells ? b : a));
const root = roots.find((r) => r.id === prov.id)!;
const closest = (want: number, pool = sized) =>
  pool.reduce((best, u) =>
    Math.abs(Math.log(u.cells / want)) < Math.abs(Math.log(best.cells / want)) ? u : best,
  );
const ward = closest(
  14,
  sized.filter((u) => u.kind === 'dang_bo_co_so' && u.path.startsWith(root.path)),
);
const others = sized.filter((u) => u.id !== prov.id);
const x10 = closest(150, others);
const x100 = closest(1500, others);
const levels = [
  { level: 'ward', unit: ward, want: '8–20' },
  { level: 'x10', unit: x10, want: '100–200' },
  { level: 'x100', unit: x100, want: '1.000–2.000' },
  { level: 'province', unit: prov, want: 'root' },
];
for (const l of levels)
  print({
    bench: `scale.unit.${l.level}`,
    value: l.unit.cells,
    unit: 'cells',
    unitId: l.unit.id,
    wanted: l.want,
  });

const app = await benchApp(db);
const cookies = new Map<string, string>();
/** The session of the province office of a bench province (bench<seed>_tinh), made once. */
async function cookieOf(seed: string): Promise<string> {
  const have = cookies.get(seed);
  if (have) return have;
  const { cookie } = await injectLogin(
    app,
    `bench${seed}_tinh`,
    process.env.BENCH_PASSWORD ?? BENCH_PASSWORD,
  );
  cookies.set(seed, cookie);
  return cookie;
}
let cookie = await cookieOf(seedOfRoot.get(root.id)!);
const get = (u: string) => app.inject({ method: 'GET', url: u, headers: { cookie } });
async function getOk(u: string) {
  const res = await get(u);
  if (res.statusCode !== 200) throw new Error(`${u}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}

const [{ last }] = (await db.query<{ last: string }>(
  'SELECT max(month) AS last FROM unit_month_rollup WHERE unit_id = $1',
  [root.id],
)) as [{ last: string }];
// The last ended month before the current one (as bench/oversight.ts).
const month = addMonths(last, -1);
// The last ended quarter (as bench/oversight.ts).
const quarter = (() => {
  let m = month;
  while (Number(m.slice(5, 7)) % 3 !== 0) m = addMonths(m, -1);
  return [addMonths(m, -2), m] as const;
})();
/** BENCH_ROUTES=a,b: only these routes (and the raw baseline). */
const ONLY = process.env.BENCH_ROUTES?.split(',').filter(Boolean);

const time = timeRuns;

/**
 * The members page about halfway through the list: by following cursors (limit 200 per step) when
 * the route answers `nextCursor`, else by `offset` (code before issue 12).
 */
async function middleMembersUrl(id: number): Promise<{ url: string; how: string; total: number }> {
  const base = `/api/org-units/${id}/members`;
  const first = (await getOk(`${base}?subtree=true&limit=200`)).json() as {
    total?: number;
    nextCursor?: string | null;
  };
  const total = Number(first.total ?? 0);
  if (!('nextCursor' in first))
    return { url: `${base}?subtree=true&limit=50&offset=${Math.floor(total / 2)}`, how: 'offset', total };
  let cursor = first.nextCursor ?? null;
  let seen = 200;
  while (cursor && seen + 200 <= total / 2) {
    const page = (await getOk(`${base}?subtree=true&limit=200&cursor=${cursor}`)).json() as {
      nextCursor: string | null;
    };
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
    seen += 200;
  }
  return {
    url: cursor ? `${base}?subtree=true&limit=50&cursor=${cursor}` : `${base}?subtree=true&limit=50`,
    how: `cursor@${seen}`,
    total,
  };
}

type Route = { name: string; url: (id: number) => Promise<{ url: string; note?: Record<string, unknown> }> };
const routes: Route[] = (
  [
    { name: 'unit', url: async (id) => ({ url: `/api/org-units/${id}` }) },
    { name: 'children', url: async (id) => ({ url: `/api/org-units/${id}/children?limit=50` }) },
    {
      name: 'members.first',
      url: async (id) => ({ url: `/api/org-units/${id}/members?subtree=true&limit=50` }),
    },
    {
      name: 'members.middle',
      url: async (id) => {
        const m = await middleMembersUrl(id);
        return { url: m.url, note: { how: m.how, total: m.total } };
      },
    },
    {
      name: 'members.search',
      url: async (id) => ({ url: `/api/org-units/${id}/members?subtree=true&limit=50&q=nguyen` }),
    },
    {
      name: 'monthStatus',
      url: async (id) => ({ url: `/api/org-units/${id}/month-status?from=${month}&to=${month}&limit=50` }),
    },
    {
      name: 'overview.month',
      url: async (id) => ({ url: `/api/org-units/${id}/overview?from=${month}&to=${month}` }),
    },
    {
      name: 'overview.quarter',
      url: async (id) => ({ url: `/api/org-units/${id}/overview?from=${quarter[0]}&to=${quarter[1]}` }),
    },
    {
      name: 'overview.5y',
      url: async (id) => ({ url: `/api/org-units/${id}/overview?from=${addMonths(last, -59)}&to=${last}` }),
    },
  ] as Route[]
).filter((r) => !ONLY || ONLY.includes(r.name));

/** The raw SQL baseline: the subtree's current members counted and the month's meetings scanned. */
async function rawBaseline(path: string) {
  const members = await time(
    RAW_RUNS,
    () =>
      db.query(
        `SELECT count(*)::int AS n FROM memberships ms JOIN org_units u ON u.id = ms.unit_id
          WHERE u.path LIKE $1 AND ms.valid_from <= current_date AND (ms.valid_to IS NULL OR ms.valid_to > current_date)`,
        [`${path}%`],
      ),
    1,
  );
  const meetings = await time(
    RAW_RUNS,
    () =>
      db.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE m.status = 'held')::int AS held
           FROM meetings m JOIN org_units u ON u.id = m.unit_id
          WHERE u.path LIKE $1 AND m.scheduled_at >= (($2 || '-01')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
            AND m.scheduled_at < ((($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Asia/Ho_Chi_Minh')`,
        [`${path}%`, month],
      ),
    1,
  );
  return { members, meetings };
}

const p95s = new Map<string, Map<string, { p95: number; cells: number }>>();
const measured = new Set<number>();
for (const { level, unit } of levels) {
  // The tree may have no unit of a size: the closest one is then the same unit as a smaller level.
  if (measured.has(unit.id)) {
    print({
      bench: `scale.skip.${level}`,
      value: unit.cells,
      unit: 'cells',
      note: 'same unit as a smaller level',
    });
    continue;
  }
  measured.add(unit.id);
  cookie = await cookieOf(unit.seed);
  for (const route of routes) {
    let target: { url: string; note?: Record<string, unknown> };
    try {
      target = await route.url(unit.id);
    } catch (e) {
      print({ bench: `scale.${route.name}.${level}`, value: -1, unit: 'ms', error: String(e).slice(0, 300) });
      continue;
    }
    const res = await get(target.url);
    if (res.statusCode !== 200) {
      print({
        bench: `scale.${route.name}.${level}`,
        value: -1,
        unit: 'ms',
        status: res.statusCode,
        error: res.body.slice(0, 300),
      });
      continue;
    }
    const t = await time(RUNS, () => get(target.url));
    const body = res.json() as { total?: number; items?: unknown[]; nextCursor?: unknown; scope?: string };
    print({
      bench: `scale.${route.name}.${level}`,
      value: r2(t.p50),
      unit: 'ms',
      n: RUNS,
      p95: r2(t.p95),
      bytes: res.rawPayload.length,
      cells: unit.cells,
      unitId: unit.id,
      ...(Array.isArray(body) ? { rows: body.length } : { rows: body.items?.length, total: body.total }),
      ...(body && typeof body === 'object' && 'nextCursor' in body ? { paged: 'cursor' } : {}),
      ...(body?.scope ? { scope: body.scope } : {}),
      ...(target.note ?? {}),
      ...(route.name.startsWith('monthStatus') || route.name.startsWith('overview') ? { month } : {}),
    });
    if (!p95s.has(route.name)) p95s.set(route.name, new Map());
    p95s.get(route.name)!.set(level, { p95: t.p95, cells: unit.cells });
  }
  const raw = await rawBaseline(unit.path);
  print({
    bench: `scale.raw.members.${level}`,
    value: r2(raw.members.p50),
    unit: 'ms',
    n: RAW_RUNS,
    p95: r2(raw.members.p95),
    cells: unit.cells,
  });
  print({
    bench: `scale.raw.meetings.${level}`,
    value: r2(raw.meetings.p50),
    unit: 'ms',
    n: RAW_RUNS,
    p95: r2(raw.meetings.p95),
    cells: unit.cells,
    month,
  });
}

for (const [name, byLevel] of p95s) {
  // From the ~10× unit, or the largest smaller one measured when the tree has none of that size.
  const a = byLevel.get('x10') ?? byLevel.get('ward');
  const b = byLevel.get('province');
  if (!a || !b || a.cells === b.cells) {
    print({
      bench: `scale.slope.${name}`,
      value: null,
      unit: 'log-log',
      note: 'the ~10× unit and the province have the same size',
    });
    continue;
  }
  print({
    bench: `scale.slope.${name}`,
    value: r2(Math.log(b.p95 / a.p95) / Math.log(b.cells / a.cells)),
    unit: 'log-log',
    from: { cells: a.cells, p95: r2(a.p95) },
    to: { cells: b.cells, p95: r2(b.p95) },
  });
}
await app.close();
await db.close();
