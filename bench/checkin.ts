/**
 * Self check-in burst (issue 12, ADR 030): a hall checks in at once. Builds its own data (CELLS
 * cells with MEMBERS members in all, each with an account and a live session; one meeting in
 * progress per cell), starts PROCESSES built app processes (`chibo serve`, CHIBO_CLI, default
 * dist/src/cli.js) and sends every member's `POST /api/meetings/:id/check-in` with the right code
 * from CONCURRENCY clients (keep-alive agent, round robin over the processes). Prints one JSON
 * line: req/s, p50/p95/p99 (ms), the CPU the load generator and the servers took, and the checks
 * afterwards (each member present once, one audit row each).
 *
 *   DATABASE_URL=postgres://…/postgres npx tsx bench/checkin.ts   (a fresh database is made there)
 *   npx tsx bench/checkin.ts                                       (PGlite in a temporary directory)
 *
 * Env: MEMBERS (2000), CELLS (1), CONCURRENCY (100), PROCESSES (1), DATABASE_POOL_MAX (10), PORT0 (3104).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { openDb } from '../src/db/open.js';
import { recordKeyFromSecret } from '../src/db/record-key.js';
import { vietnameseNameSortKey } from '../src/domain/vietnamese.js';
import { checkinCodeAt } from '../src/features/meetings/checkin-code.js';
import { buildApp } from '../src/server/app.js';

const MEMBERS = Number(process.env.MEMBERS ?? 2000);
const CELLS = Number(process.env.CELLS ?? 1);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 100);
const PROCESSES = Number(process.env.PROCESSES ?? 1);
const POOL = process.env.DATABASE_POOL_MAX ?? '10';
const PORT0 = Number(process.env.PORT0 ?? 3104);
const CLI = process.env.CHIBO_CLI ?? path.resolve(import.meta.dirname, '../dist/src/cli.js');
const SECRET = 'bench-checkin-record-secret-0123456789abcdef';

const serverUrl = process.env.DATABASE_URL;
const dataDir = mkdtempSync(path.join(tmpdir(), 'chibo-checkin-'));
let dbUrl: string | undefined;
const dbName = `chibo_checkin_${randomBytes(4).toString('hex')}`;
if (serverUrl) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  dbUrl = u.toString();
}

// --- data: set-based, then one meeting per cell started through the API ---------------------------
const db = await openDb({ databaseUrl: dbUrl, dataDir, recordKey: recordKeyFromSecret(SECRET) });
await migrate(db);
const t0 = performance.now();
const [ward] = await db.query<{ id: number }>(
  `INSERT INTO org_units (parent_id, path, name, kind) VALUES (NULL, '/', 'Đảng bộ phường Thử Tải', 'dang_bo_co_so') RETURNING id`,
);
await db.query(`UPDATE org_units SET path = '/' || id || '/' WHERE id = $1`, [ward!.id]);
const cells = await db.query<{ id: number }>(
  `INSERT INTO org_units (parent_id, path, name, kind, cell_type)
   SELECT $1, '/new/' || i || '/', 'Chi bộ ' || i, 'chi_bo', 'khu_dan_cu' FROM generate_series(1, $2::int) i RETURNING id`,
  [ward!.id, CELLS],
);
await db.query(`UPDATE org_units SET path = '/' || parent_id || '/' || id || '/' WHERE parent_id = $1`, [
  ward!.id,
]);
const cellIds = cells.map((c) => c.id);
const names = Array.from({ length: MEMBERS }, (_, i) => `Nguyễn Văn Thử ${i + 1}`);
await db.query(
  `INSERT INTO members (full_name, sort_key, unit_id, admission_date, official_date, birth_date)
   SELECT n, k, ($3::int[])[1 + (i - 1) % cardinality($3::int[])], '2000-01-01', '2001-01-01', '1970-01-01'
     FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(n, k, i)`,
  [names, names.map(vietnameseNameSortKey), cellIds],
);
await db.query(
  `INSERT INTO memberships (member_id, unit_id, valid_from, start_reason)
   SELECT id, unit_id, '2000-01-01', 'initial' FROM members`,
);
await db.query(
  `INSERT INTO member_status_periods (member_id, kind, valid_from, valid_to)
   SELECT id, 'probationary', date '2000-01-01', date '2001-01-01' FROM members
   UNION ALL SELECT id, 'official', date '2001-01-01', NULL FROM members`,
);
await db.query(
  `INSERT INTO users (username, password_hash, display_name, member_id)
   SELECT 'tv' || m.id, 'x', m.full_name, m.id FROM members m`,
);
await db.query(`INSERT INTO role_grants (user_id, role, org_unit_id) SELECT u.id, 'member', m.unit_id
                  FROM users u JOIN members m ON m.id = u.member_id`);
const secretaries = await db.query<{ id: number; cell: number }>(
  `INSERT INTO users (username, password_hash, display_name)
   SELECT 'bithu' || c, 'x', 'Bí thư ' || c FROM unnest($1::int[]) c RETURNING id, substr(username, 6)::int AS cell`,
  [cellIds],
);
for (const s of secretaries)
  await db.query(`INSERT INTO role_grants (user_id, role, org_unit_id) VALUES ($1, 'cell_secretary', $2)`, [
    s.id,
    s.cell,
  ]);
// Sessions: token 'tok<user id>', stored as its sha256 (auth/service.ts); CSRF 'csrf<user id>'.
await db.query(
  `INSERT INTO sessions (id, user_id, csrf_token, expires_at)
   SELECT encode(sha256(convert_to('tok' || id, 'UTF8')), 'hex'), id, 'csrf' || id, now() + interval '1 day' FROM users`,
);
const app = await buildApp({
  config: loadConfig({}, { logLevel: 'silent', webDir: undefined }),
  db,
  logger: false,
});
await app.ready();
const meetings: { id: number; cell: number }[] = [];
const soon = new Date(Date.now() + 5 * 60_000).toISOString();
for (const s of secretaries) {
  const headers = { cookie: `chibo_session=tok${s.id}`, 'x-csrf-token': `csrf${s.id}` };
  const created = await app.inject({
    method: 'POST',
    url: `/api/org-units/${s.cell}/meetings`,
    headers,
    payload: { kind: 'regular', scheduledAt: soon },
  });
  if (created.statusCode !== 201) throw new Error(`meeting: ${created.statusCode} ${created.body}`);
  const id = created.json().id as number;
  const started = await app.inject({ method: 'POST', url: `/api/meetings/${id}/start`, headers });
  if (started.statusCode !== 200) throw new Error(`start: ${started.statusCode} ${started.body}`);
  meetings.push({ id, cell: s.cell });
}
const secrets = new Map(
  (
    await db.query<{ id: number; unit_id: number; checkin_secret: string }>(
      'SELECT id, unit_id, checkin_secret FROM meetings',
    )
  ).map((m) => [m.unit_id, { id: m.id, secret: m.checkin_secret }]),
);
const work = await db.query<{ user_id: number; unit_id: number }>(
  `SELECT u.id AS user_id, m.unit_id FROM users u JOIN members m ON m.id = u.member_id ORDER BY u.id`,
);
const setupMs = performance.now() - t0;
await app.close();
await db.close();

// --- servers ---------------------------------------------------------------------------------------
const procs: ChildProcess[] = [];
for (let i = 0; i < PROCESSES; i++) {
  const env = {
    ...process.env,
    PORT: String(PORT0 + i),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    RECORD_SECRET: SECRET,
    LOG_LEVEL: 'warn',
    DATABASE_POOL_MAX: POOL,
  } as NodeJS.ProcessEnv;
  if (dbUrl) env.DATABASE_URL = dbUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  procs.push(child);
}
for (let i = 0; i < PROCESSES; i++) {
  for (let tries = 0; ; tries++) {
    const ok = await fetch(`http://127.0.0.1:${PORT0 + i}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (tries > 600) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}
// The oversight job's first run comes 5 s after start (jobs.ts): let it pass before the burst.
await new Promise((r) => setTimeout(r, 8_000));
const cpuOf = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, clock ticks (100/s) → ms
};

// --- load ------------------------------------------------------------------------------------------
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const post = (port: number, url: string, headers: Record<string, string>, body: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: url,
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
const latencies: number[] = [];
const statuses = new Map<number, number>();
let next = 0;
const serverCpu0 = procs.map((p) => cpuOf(p.pid!));
// PostgreSQL: the CPU of this database's backends (their process titles name it).
const backendCpu = () => {
  if (!dbUrl) return 0;
  let ms = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dbName)) ms += cpuOf(Number(pid));
    } catch {}
  }
  return ms;
};
const backend0 = backendCpu();
const cpu0 = process.cpuUsage();
const start = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async (_, w) => {
    for (;;) {
      const i = next++;
      if (i >= work.length) return;
      const { user_id, unit_id } = work[i]!;
      const m = secrets.get(unit_id)!;
      const code = checkinCodeAt(m.secret, new Date()).code;
      const t = performance.now();
      const res = await post(
        PORT0 + ((i + w) % PROCESSES),
        `/api/meetings/${m.id}/check-in`,
        {
          cookie: `chibo_session=tok${user_id}`,
          'x-csrf-token': `csrf${user_id}`,
          'content-type': 'application/json',
        },
        JSON.stringify({ code }),
      );
      latencies.push(performance.now() - t);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  }),
);
const elapsed = performance.now() - start;
const cpu = process.cpuUsage(cpu0);
const serverCpuMs = procs.reduce((s, p, i) => s + cpuOf(p.pid!) - serverCpu0[i]!, 0);
const backendCpuMs = backendCpu() - backend0;
agent.destroy();
for (const p of procs) p.kill('SIGTERM');
await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));

// --- checks ----------------------------------------------------------------------------------------
const check = await openDb({ databaseUrl: dbUrl, dataDir, recordKey: recordKeyFromSecret(SECRET) });
const [c] = await check.query<{ present: number; audits: number; counters: number }>(
  `SELECT (SELECT count(*)::int FROM attendance WHERE status = 'present' AND via = 'self') AS present,
          (SELECT count(*)::int FROM audit_log WHERE action = 'meeting.check_in') AS audits,
          (SELECT sum(att_present)::int FROM meetings) AS counters`,
);
await check.close();
if (serverUrl) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
rmSync(dataDir, { recursive: true, force: true });

latencies.sort((x, y) => x - y);
const pct = (p: number) =>
  Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]! * 10) / 10;
console.log(
  JSON.stringify({
    bench: 'checkin',
    db: dbUrl ? 'postgres' : 'pglite',
    processes: PROCESSES,
    poolMax: dbUrl ? Number(POOL) : null,
    concurrency: CONCURRENCY,
    cells: CELLS,
    members: MEMBERS,
    requests: latencies.length,
    statuses: Object.fromEntries(statuses),
    reqPerSec: Math.round((latencies.length * 1000) / elapsed),
    p50Ms: pct(0.5),
    p95Ms: pct(0.95),
    p99Ms: pct(0.99),
    loadGenCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    serverCpuMs,
    dbBackendCpuMs: dbUrl ? backendCpuMs : null,
    elapsedMs: Math.round(elapsed),
    setupMs: Math.round(setupMs),
    checks: {
      present: c!.present,
      auditRows: c!.audits,
      meetingCounters: c!.counters,
      ok: c!.present === MEMBERS && c!.audits === MEMBERS && c!.counters === MEMBERS,
    },
  }),
);
