/**
 * Benchmarks (not tests): one JSON line per measurement, as ARCHITECTURE.md describes.
 * `npm run bench` — on PGlite; with DATABASE_URL set, on that PostgreSQL server (an empty
 * database: the demo organisation is seeded into it).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { migrate } from '../src/db/migrate.js';
import { openDb } from '../src/db/open.js';
import { recordKeyFromSecret } from '../src/db/record-key.js';
import { seedDemo } from '../src/features/demo/seed.js';
import { countsForSubtree } from '../src/features/members/counts.js';
import { buildMembersXlsx } from '../src/features/members/export.js';
import { listUnitMembers } from '../src/features/members/service.js';
import { findUnit } from '../src/features/org/service.js';

const url = process.env.DATABASE_URL;
// The demo's minutes and scores are locked with keyed hashes (ADR 017): a throwaway key for a bench.
const db = await openDb({
  databaseUrl: url,
  recordKey: recordKeyFromSecret(randomBytes(32).toString('hex')),
});
const kind = db.kind;
await migrate(db);
const [existing] = await db.query('SELECT 1 FROM org_units LIMIT 1');
if (!existing) {
  // `serve --demo` seeds at start-up: how long a new user waits for the first page.
  const t0 = performance.now();
  await db.transaction((tx) => seedDemo(tx, '2026-11-21'));
  console.log(
    JSON.stringify({
      bench: 'demo.seed',
      value: Math.round(performance.now() - t0),
      unit: 'ms',
      n: 1,
      db: kind,
    }),
  );
}

const [ward] = await db.query<{ id: number; path: string }>(
  "SELECT id, path FROM org_units WHERE kind = 'dang_bo_co_so' ORDER BY id LIMIT 1",
);
const [cell] = await db.query<{ id: number; path: string }>(
  `SELECT id, path FROM org_units WHERE kind = 'chi_bo' ORDER BY id LIMIT 1`,
);
if (!ward || !cell)
  throw new Error('Benchmark needs an empty database or one holding the demo organisation.');
const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM members')) as [{ n: number }];

async function measure(name: string, runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    JSON.stringify({
      bench: name,
      value: Number(median.toFixed(2)),
      unit: 'ms',
      n: runs,
      db: kind,
      members: n,
      p95: Number(times[Math.floor(times.length * 0.95)]!.toFixed(2)),
    }),
  );
}

await measure('counts.subtree.ward', 30, () => countsForSubtree(db, ward!.path, '2026-11-21'));
await measure('members.list.cell.page', 30, () =>
  listUnitMembers(db, {
    unitPath: cell!.path,
    unitId: cell!.id,
    date: '2026-11-21',
    subtree: false,
    filter: 'all',
    limit: 50,
    offset: 0,
  }),
);
await measure('members.list.ward.subtree.page', 30, () =>
  listUnitMembers(db, {
    unitPath: ward!.path,
    unitId: ward!.id,
    date: '2026-11-21',
    subtree: true,
    filter: 'all',
    limit: 50,
    offset: 0,
  }),
);
const wardUnit = (await findUnit(db, ward!.id))!;
await measure('members.xlsx.ward', 10, () => buildMembersXlsx(db, null, wardUnit, '2026-11-21'));
await db.close();
