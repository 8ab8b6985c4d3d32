/**
 * The committee overview at a unit, piece by piece (ADR 031): each read of `buildTable` timed on
 * its own (p50/p95 over BENCH_RUNS), then the whole route, so the slowest piece is the one to fix.
 *
 *   DATABASE_URL=postgres://…/chibo_bench_x RECORD_SECRET=… UNIT_ID=1 npx tsx bench/overview-parts.ts
 */
import { randomBytes } from 'node:crypto';
import { openDb } from '../src/db/open.js';
import { recordKeyFromSecret } from '../src/db/record-key.js';
import { todayIso } from '../src/domain/format.js';
import { BENCH_PASSWORD } from '../src/features/demo/bench-data/index.js';
import { rulePackForUnit } from '../src/features/org/service.js';
import {
  readAlerts,
  readCellCounts,
  readRecommendations,
  readUnitAndChildSums,
} from '../src/features/oversight/overview-sql.js';
import { addMonths, benchApp, injectLogin, r2, timeRuns } from './support.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('Cần DATABASE_URL của một cơ sở dữ liệu bench-data.');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const db = await openDb({
  databaseUrl: url,
  recordKey: recordKeyFromSecret(process.env.RECORD_SECRET ?? randomBytes(32).toString('hex')),
});
const unitId = Number(process.env.UNIT_ID ?? 1);
const [u] = await db.query<{ id: number; path: string; depth: number; root_code: string }>(
  `SELECT u.id, u.path, u.depth, r.code AS root_code FROM org_units u
     JOIN org_units r ON r.id = split_part(u.path, '/', 2)::int WHERE u.id = $1`,
  [unitId],
);
if (!u) throw new Error(`Không có đơn vị #${unitId}.`);
const [{ last }] = (await db.query<{ last: string }>(
  'SELECT max(month) AS last FROM unit_month_rollup WHERE unit_id = $1',
  [u.id],
)) as [{ last: string }];
const month = addMonths(last, -1);
const today = todayIso();
const periods: Record<string, [string, string]> = {
  month: [month, month],
  '5y': [addMonths(last, -59), last],
};
const print = (o: Record<string, unknown>) => console.log(JSON.stringify({ ...o, unitId, db: db.kind }));
for (const [name, [from, to]] of Object.entries(periods)) {
  const parts: Record<string, () => Promise<unknown>> = {
    pack: () => rulePackForUnit(db, u.path, `${to}-28`),
    children: () =>
      db.query(
        `SELECT id, parent_id, path, name, kind, cell_type, depth, archived_at FROM org_units
          WHERE parent_id = $1 AND archived_at IS NULL`,
        [u.id],
      ),
    sums: () => readUnitAndChildSums(db, u.id, from, to),
    cellCounts: () => readCellCounts(db, u.path, u.depth, addMonths(from, -1), to),
    alerts: () => readAlerts(db, u.path, u.depth),
    recommendations: () => readRecommendations(db, u.path, u.depth, today),
  };
  for (const [part, fn] of Object.entries(parts)) {
    const t = await timeRuns(RUNS, fn);
    print({ bench: `overview.part.${part}.${name}`, value: r2(t.p50), unit: 'ms', p95: r2(t.p95) });
  }
  const app = await benchApp(db);
  const seed = u.root_code.split('.')[1];
  const { cookie } = await injectLogin(
    app,
    `bench${seed}_tinh`,
    process.env.BENCH_PASSWORD ?? BENCH_PASSWORD,
  );
  const route = `/api/org-units/${u.id}/overview?from=${from}&to=${to}`;
  const t = await timeRuns(RUNS, () => app.inject({ method: 'GET', url: route, headers: { cookie } }));
  print({ bench: `overview.route.${name}`, value: r2(t.p50), unit: 'ms', p95: r2(t.p95) });
  await app.close();
}
await db.close();
