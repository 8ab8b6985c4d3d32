/**
 * Registry and counts benchmark (issue 12 part 1, ADR 027): p50/p95 over BENCH_RUNS (20) runs
 * through `app.inject` with the province office's session (bench<seed>_tinh) of the unit page,
 * the children list, the members page (first and middle) and two searches, at a ward (~8–20
 * cells), ~10× (100–200), ~100× (1.000–2.000) and the province root, and the log-log slope of
 * p95 from ~10× to the province. One JSON line per measurement.
 *
 *   DATABASE_URL=postgres://…/chibo_bench_copy RECORD_SECRET=… npx tsx bench/registry.ts
 *
 * Runs unchanged on older code (the "before" figures): the middle page goes by `offset` when the
 * response has no `nextCursor`.
 */
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/db/open.js';
import { recordKeyFromSecret } from '../src/db/record-key.js';
import { BENCH_PASSWORD } from '../src/features/demo/bench-data/index.js';
import { encodeCursor } from '../src/features/oversight/subtree-cursor.js';
import { benchApp, injectLogin, quantile } from './support.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('Cần DATABASE_URL trỏ tới một bản sao cơ sở dữ liệu `chibo bench-data`.');
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const db = await openDb({
  databaseUrl: url,
  recordKey: recordKeyFromSecret(process.env.RECORD_SECRET ?? 'benchsecretbenchsecretbenchsecret00'),
});
const [root] = await db.query<{ id: number; path: string; code: string }>(
  `SELECT id, path, code FROM org_units WHERE parent_id IS NULL AND code LIKE 'BENCH.%' ORDER BY id LIMIT 1`,
);
if (!root) throw new Error('Không thấy đơn vị gốc BENCH.* trong cơ sở dữ liệu.');
const seed = root.code.split('.')[1];

// Units by their number of cells: the one nearest the middle of each band.
const sized = await db.query<{ id: number; path: string; cells: number }>(
  `SELECT u.id, u.path, count(c.id)::int AS cells
     FROM org_units u JOIN org_units c ON c.path LIKE u.path || '%' AND c.kind IN ('chi_bo', 'chi_bo_co_so')
    WHERE u.kind NOT IN ('chi_bo', 'chi_bo_co_so')
    GROUP BY u.id, u.path`,
);
const pick = (lo: number, hi: number) =>
  sized
    .filter((u) => u.cells >= lo && u.cells <= hi)
    .sort((a, b) => Math.abs(a.cells - (lo + hi) / 2) - Math.abs(b.cells - (lo + hi) / 2) || a.id - b.id)[0];
const levels = [
  { level: 'ward', unit: pick(8, 20) },
  { level: '10x', unit: pick(100, 200) },
  { level: '100x', unit: pick(1000, 2000) },
  { level: 'province', unit: sized.find((u) => u.id === root.id) },
].filter((l): l is { level: string; unit: { id: number; path: string; cells: number } } => !!l.unit);

const app = await benchApp(db);
const { cookie } = await injectLogin(app, `bench${seed}_tinh`, process.env.BENCH_PASSWORD ?? BENCH_PASSWORD);
const get = (u: string) => app.inject({ method: 'GET', url: u, headers: { cookie } });

async function measure(route: string, level: string, cells: number, u: string) {
  const first = await get(u); // warm-up, and the status to report
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = await get(u);
    times.push(performance.now() - t);
    if (r.statusCode !== 200) break;
  }
  const body = first.statusCode === 200 ? first.json() : null;
  const out = {
    bench: 'registry',
    route,
    level,
    cells,
    status: first.statusCode,
    items: body?.items?.length ?? null,
    total: body?.total ?? null,
    runs: times.length,
    p50: Math.round(quantile(times, 0.5) * 10) / 10,
    p95: Math.round(quantile(times, 0.95) * 10) / 10,
  };
  console.log(JSON.stringify(out));
  return out;
}

// A name to search: the full name of a member in the middle of the province's list, and the most
// common family name typed without diacritics.
const [named] = await db.query<{ full_name: string }>(
  `SELECT full_name FROM members ORDER BY id OFFSET (SELECT count(*) / 2 FROM members) LIMIT 1`,
);
const searches = [
  ['search', named!.full_name],
  ['searchCommon', 'nguyen'],
] as const;

const results: { route: string; level: string; cells: number; p95: number }[] = [];
for (const { level, unit } of levels) {
  const base = `/api/org-units/${unit.id}`;
  results.push(await measure('unit', level, unit.cells, base));
  results.push(await measure('children', level, unit.cells, `${base}/children`));
  const list = `${base}/members?subtree=true&limit=50`;
  const first = await measure('membersFirst', level, unit.cells, list);
  results.push(first);
  // The middle page: a cursor built from the member at the middle position (today's code), or
  // the offset (older code without cursors).
  const probe = (await get(list)).json();
  const total = Number(probe.total ?? 0);
  let middle = `${list}&offset=${Math.floor(total / 2 / 50) * 50}`;
  if ('nextCursor' in probe) {
    const [m] = await db.query<{ id: number; sort_key: string }>(
      `SELECT m.id, m.sort_key FROM members m JOIN memberships ms ON ms.member_id = m.id AND ms.valid_to IS NULL
         JOIN org_units u ON u.id = ms.unit_id WHERE u.path LIKE $1
        ORDER BY m.sort_key COLLATE "C", m.id OFFSET $2 LIMIT 1`,
      [`${unit.path}%`, Math.floor(total / 2)],
    );
    if (m)
      middle = `${list}&cursor=${encodeCursor('members', { key: m.sort_key.replaceAll('\u0001', '\u00b7'), id: m.id, total })}`;
  }
  results.push(await measure('membersMiddle', level, unit.cells, middle));
  for (const [route, q] of searches) {
    results.push(await measure(route, level, unit.cells, `${list}&q=${encodeURIComponent(q)}`));
  }
}

// Growth from ~10× to the province: the slope of log(p95) against log(cells).
for (const route of [...new Set(results.map((r) => r.route))]) {
  const a = results.find((r) => r.route === route && r.level === '10x');
  const b = results.find((r) => r.route === route && r.level === 'province');
  if (!a || !b) continue;
  const slope = Math.log(b.p95 / a.p95) / Math.log(b.cells / a.cells);
  console.log(
    JSON.stringify({ bench: 'registry', route, slope10xToProvince: Math.round(slope * 100) / 100 }),
  );
}
await app.close();
await db.close();
