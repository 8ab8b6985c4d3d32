/**
 * Export benchmark (issue 12, ADR 028): against a built server process on a `chibo bench-data`
 * database, with the province office's session — the background export of the province's
 * member list (rows, seconds, rows/s), the server's RSS before / peak (/proc/<pid>/status VmRSS,
 * VmHWM) and `/api/health` p50/p99 sampled every 50 ms while it runs; the direct download at a
 * ward; then the produced file's rows counted with a streaming reader. One JSON line each.
 *
 *   CHIBO_CLI=/tmp/p12/h2-dist/src/cli.js PORT=3102 DATABASE_URL=postgres://…/chibo_bench_h2 \
 *     RECORD_SECRET=… npx tsx bench/export.ts
 *
 * CHIBO_CLI: the built cli.js to start (`serve`); without it, BENCH_URL and SERVER_PID name a
 * server already running. The file is kept at EXPORT_OUT (default /tmp/chibo-export-province.xlsx).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { openDb } from '../src/db/open.js';
import { recordKeyFromSecret } from '../src/db/record-key.js';
import { BENCH_PASSWORD } from '../src/features/demo/bench-data/index.js';

const port = Number(process.env.PORT ?? 3102);
const base = process.env.BENCH_URL ?? `http://127.0.0.1:${port}`;
const out = process.env.EXPORT_OUT ?? '/tmp/chibo-export-province.xlsx';
const dbUrl = process.env.DATABASE_URL;
if (!dbUrl) throw new Error('Cần DATABASE_URL của một bản sao cơ sở dữ liệu bench-data.');
const line = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: ChildProcess | undefined;
let pid = Number(process.env.SERVER_PID ?? 0);
if (process.env.CHIBO_CLI) {
  // No web app: an empty page, so the server starts without the built SPA.
  const webDir = mkdtempSync(path.join(tmpdir(), 'chibo-noweb-'));
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>chibo</title>');
  server = spawn(process.execPath, [process.env.CHIBO_CLI, 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      WEB_DIR: webDir,
      LOG_LEVEL: 'warn',
      EXPORT_DIR: process.env.EXPORT_DIR ?? path.join(tmpdir(), 'chibo-bench-exports'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  pid = server.pid!;
  server.on('exit', (code) => {
    if (code !== null && code !== 0) {
      console.error(`server exited with code ${code}`);
      process.exit(1);
    }
  });
  process.on('exit', () => server?.kill('SIGTERM'));
}
for (let i = 0; ; i++) {
  const ok = await fetch(`${base}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  if (i > 600) throw new Error('Máy chủ không trả lời /api/health.');
  await sleep(200);
}

const memKb = (field: 'VmRSS' | 'VmHWM') => {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
  return Number(m?.[1] ?? 0);
};

// Units by their number of cells, read from the bench copy (read-only).
const db = await openDb({ databaseUrl: dbUrl, recordKey: recordKeyFromSecret(process.env.RECORD_SECRET!) });
const [root] = await db.query<{ id: number; code: string }>(
  "SELECT id, code FROM org_units WHERE parent_id IS NULL AND code LIKE 'BENCH.%' ORDER BY id LIMIT 1",
);
const [ward] = await db.query<{ id: number; cells: number }>(
  `SELECT g.id, count(c.id)::int AS cells FROM org_units g JOIN org_units c ON c.path LIKE g.path || '%' AND c.kind = 'chi_bo'
    WHERE g.kind = 'dang_bo_co_so' GROUP BY g.id HAVING count(c.id) BETWEEN 8 AND 20 ORDER BY count(c.id) DESC, g.id LIMIT 1`,
);
await db.close();
const seed = root!.code.split('.')[1];

const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    username: `bench${seed}_tinh`,
    password: process.env.BENCH_PASSWORD ?? BENCH_PASSWORD,
  }),
});
if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
const date = process.env.EXPORT_DATE ?? new Date().toISOString().slice(0, 10);

// The direct download at a ward (~8–20 cells).
{
  const t0 = performance.now();
  const r = await fetch(`${base}/api/org-units/${ward!.id}/members.xlsx?date=${date}`, { headers });
  const bytes = (await r.arrayBuffer()).byteLength;
  line({
    bench: 'members.xlsx.sync.ward',
    cells: ward!.cells,
    status: r.status,
    bytes,
    ms: Math.round(performance.now() - t0),
  });
}

// The background export of the province, with /api/health sampled every 50 ms meanwhile.
const rssBefore = memKb('VmRSS');
const hwmBefore = memKb('VmHWM');
let rssPeak = rssBefore;
const health: number[] = [];
let running = true;
const sampler = (async () => {
  while (running) {
    const t = performance.now();
    await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
    health.push(performance.now() - t);
    rssPeak = Math.max(rssPeak, memKb('VmRSS'));
    await sleep(Math.max(0, 50 - (performance.now() - t)));
  }
})();
const t0 = performance.now();
const created = await fetch(`${base}/api/org-units/${root!.id}/exports`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ kind: 'members', date }),
});
if (created.status !== 202) throw new Error(`POST exports: ${created.status} ${await created.text()}`);
const postMs = performance.now() - t0;
const jobId = ((await created.json()) as { job: { id: number } }).job.id;
type Job = { state: string; rowsDone: number; rowsTotal: number; bytes: number; error: string | null };
let job: Job;
for (;;) {
  await sleep(1000);
  job = ((await (await fetch(`${base}/api/exports/${jobId}`, { headers })).json()) as { job: Job }).job;
  if (job.state !== 'queued' && job.state !== 'running') break;
}
const seconds = (performance.now() - t0) / 1000;
running = false;
await sampler;
const sorted = [...health].sort((a, b) => a - b);
const pct = (p: number) =>
  Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
line({
  bench: 'members.export.province',
  state: job.state,
  error: job.error,
  rows: job.rowsDone,
  rowsTotal: job.rowsTotal,
  bytes: job.bytes,
  seconds: Math.round(seconds * 10) / 10,
  rowsPerSecond: Math.round(job.rowsDone / seconds),
  postMs: Math.round(postMs),
  rssBeforeMb: Math.round(rssBefore / 1024),
  rssPeakMb: Math.round(rssPeak / 1024),
  rssGrowthMb: Math.round((rssPeak - rssBefore) / 1024),
  vmHwmBeforeMb: Math.round(hwmBefore / 1024),
  vmHwmAfterMb: Math.round(memKb('VmHWM') / 1024),
  healthSamples: health.length,
  healthP50Ms: pct(50),
  healthP99Ms: pct(99),
  healthMaxMs: Math.round(sorted[sorted.length - 1]! * 10) / 10,
});

// The file, downloaded and read back with a streaming reader.
{
  const t = performance.now();
  const r = await fetch(`${base}/api/exports/${jobId}/file`, { headers });
  await finished(Readable.fromWeb(r.body as never).pipe(createWriteStream(out)));
  const downloadMs = performance.now() - t;
  let rows = 0;
  let header = -1;
  const first: unknown[][] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(out, { worksheets: 'emit', sharedStrings: 'cache' });
  for await (const ws of reader) {
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as unknown[]).slice(1);
      if (header < 0) {
        if (values[0] === 'STT') header = row.number;
        continue;
      }
      rows++;
      if (first.length < 3) first.push(values);
    }
  }
  line({
    bench: 'members.export.province.file',
    file: out,
    downloadMs: Math.round(downloadMs),
    dataRows: rows,
    headerRow: header,
    first,
  });
}
server?.kill('SIGTERM');
