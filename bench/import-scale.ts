/**
 * Benchmark (not a test): a member import of 10 000 and 100 000 rows through the running server
 * (upload → check in the worker → commit → check again → checked by someone who may not see those
 * members, every number a hidden collision), with the longest event-loop stall and
 * the slowest /api/health answer while it runs. JSON lines as ARCHITECTURE.md describes.
 *
 *   npx tsx bench/import-scale.ts            # PGlite in memory
 *   DATABASE_URL=postgres://… npx tsx bench/import-scale.ts
 *   BENCH_IMPORT_SCALE_ROWS=10000,50000 npx tsx bench/import-scale.ts
 *
 * Target (issue 8): 100 000 rows checked in under 60 s, no stall over 200 ms, time ∝ rows.
 */
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { openDb } from '../src/db/open.js';
import { generateDemoOrg } from '../src/features/demo/generate.js';
import { insertGrant, insertUser } from '../src/features/users/service.js';
import { buildApp } from '../src/server/app.js';

const SIZES = (process.env.BENCH_IMPORT_SCALE_ROWS ?? '10000,100000').split(',').map(Number);
const PASSWORD = 'bench-Mat-khau-2026';

const db = await openDb({ databaseUrl: process.env.DATABASE_URL });
await migrate(db);
const config = loadConfig(
  {},
  {
    logLevel: 'silent',
    webDir: undefined,
    // A province office importing its whole registry at once (ADR 018).
    importMaxRows: Math.max(...SIZES),
    importMaxUnzippedMb: 200,
    uploadLimitMb: 50,
  },
);
const app = await buildApp({ config, db, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const people = generateDemoOrg({ today: '2026-11-21' }).members.filter((m) => m.officialDate);

async function memberFile(n: number, offset: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow([
    'STT',
    'Họ và tên',
    'Ngày sinh',
    'Giới tính',
    'Ngày vào Đảng',
    'Ngày chính thức',
    'Số thẻ đảng viên',
    'Số CCCD',
    'Số điện thoại',
  ]);
  const d = (iso: string) => iso.split('-').reverse().join('/');
  for (let i = 0; i < n; i++) {
    const p = people[(offset + i) % people.length]!;
    // Each repetition is born a day later, so no two rows (of this file or an earlier one) are
    // the same person.
    const born = new Date(`${p.birthDate}T00:00:00Z`);
    born.setUTCDate(born.getUTCDate() + Math.floor((offset + i) / people.length));
    ws.addRow([
      i + 1,
      p.fullName,
      d(born.toISOString().slice(0, 10)),
      p.gender === 'nam' ? 'Nam' : 'Nữ',
      d(p.admissionDate),
      d(p.officialDate!),
      String(10_000_000 + offset + i),
      `0${String(79_000_000_000 + offset + i)}`,
      p.phone,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Runs `work` while probing the event loop and /api/health; returns its time and what the probes saw. */
async function observed<T>(work: () => Promise<T>) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // A drift probe too: a timer every 10 ms notes how late it fires (the histogram alone has been
  // seen to miss a stall made of promise jobs only).
  let drift = 0;
  let last = performance.now();
  const probeTimer = setInterval(() => {
    const now = performance.now();
    drift = Math.max(drift, now - last - 10);
    last = now;
  }, 10);
  let running = true;
  const health: number[] = [];
  let failures = 0;
  const probe = (async () => {
    while (running) {
      const t0 = performance.now();
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) health.push(performance.now() - t0);
      else failures++;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const t0 = performance.now();
  const value = await work();
  const ms = performance.now() - t0;
  running = false;
  await probe;
  loop.disable();
  clearInterval(probeTimer);
  return {
    value,
    ms,
    // The histogram counts the sampling interval too; what is left is the stall.
    stallMs: Math.max(0, loop.max / 1e6 - 10, drift),
    healthMaxMs: health.length ? Math.max(...health) : null,
    healthAnswers: health.length,
    healthFailures: failures,
  };
}

async function session(username = 'bench-import') {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

const uid = await insertUser(db, { username: 'bench-import', password: PASSWORD, displayName: 'Bench' });
const headers = await session();

async function checkFile(
  unitId: number,
  bytes: Buffer,
  as: Record<string, string> = headers,
  expected: 'ready' | 'invalid' = 'ready',
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), 'dang-vien.xlsx');
  const res = await fetch(`${base}/api/org-units/${unitId}/member-imports`, {
    method: 'POST',
    headers: as,
    body: form,
  });
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: number };
  for (;;) {
    const job = (await (await fetch(`${base}/api/member-imports/${id}`, { headers: as })).json()) as {
      status: string;
      summary: Record<string, number> | null;
      fileError?: string;
    };
    if (job.status !== 'validating') {
      if (job.status !== expected)
        throw new Error(`import ${job.status}: ${job.fileError ?? JSON.stringify(job.summary)}`);
      return { id, summary: job.summary! };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const line = (bench: string, value: number, n: number, extra: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench, value: Math.round(value), unit: 'ms', n, db: db.kind, ...extra }));
const round = (v: number | null) => (v === null ? null : Math.round(v));

const perRow: Record<number, number> = {};
let offset = 0;
for (const n of SIZES) {
  const [{ id: unitId }] = (await db.query<{ id: number }>(
    "INSERT INTO org_units (path, name, kind, cell_type) VALUES ('', $1, 'chi_bo', 'khu_dan_cu') RETURNING id",
    [`Chi bộ Bench ${n}`],
  )) as [{ id: number }];
  await db.query('UPDATE org_units SET path = $2 WHERE id = $1', [unitId, `/${unitId}/`]);
  await insertGrant(db, uid, 'cell_secretary', unitId);
  const bytes = await memberFile(n, offset);
  offset += n;

  const check = await observed(() => checkFile(unitId, bytes));
  perRow[n] = check.ms / n;
  const smaller = SIZES.filter((s) => s < n && perRow[s]).at(-1);
  line('members.import.check', check.ms, n, {
    fileMB: Number((bytes.length / 1e6).toFixed(1)),
    maxStallMs: round(check.stallMs),
    healthMaxMs: round(check.healthMaxMs),
    healthAnswers: check.healthAnswers,
    healthFailures: check.healthFailures,
    perRowUs: Number((perRow[n] * 1000).toFixed(1)),
    ...(smaller
      ? { perRowVsN: smaller, perRowRatio: Number((perRow[n] / perRow[smaller]!).toFixed(2)) }
      : {}),
    create: check.value.summary.create,
  });

  const commit = await observed(async () => {
    const res = await fetch(`${base}/api/member-imports/${check.value.id}/commit`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{}',
    });
    if (!res.ok) throw new Error(`commit: ${res.status} ${await res.text()}`);
  });
  line('members.import.commit', commit.ms, n, {
    maxStallMs: round(commit.stallMs),
    healthMaxMs: round(commit.healthMaxMs),
    healthAnswers: commit.healthAnswers,
    healthFailures: commit.healthFailures,
  });

  // The same file again: every row now finds its member (the lookups return n members).
  const again = await observed(() => checkFile(unitId, bytes));
  line('members.import.recheck', again.ms, n, {
    maxStallMs: round(again.stallMs),
    healthMaxMs: round(again.healthMaxMs),
    healthAnswers: again.healthAnswers,
    healthFailures: again.healthFailures,
    unchanged: again.value.summary.unchanged,
  });

  // The same file from a cell secretary elsewhere, who may not see these members: every card
  // and CCCD is a hidden collision (ADR 015), audited in one statement per lookup chunk, and the
  // file is refused whole past the hourly budget.
  const [{ id: elsewhere }] = (await db.query<{ id: number }>(
    "INSERT INTO org_units (path, name, kind, cell_type) VALUES ('', $1, 'chi_bo', 'khu_dan_cu') RETURNING id",
    [`Chi bộ Bench khác ${n}`],
  )) as [{ id: number }];
  await db.query('UPDATE org_units SET path = $2 WHERE id = $1', [elsewhere, `/${elsewhere}/`]);
  const outsider = await insertUser(db, {
    username: `bench-outsider-${n}`,
    password: PASSWORD,
    displayName: 'Bench',
  });
  await insertGrant(db, outsider, 'cell_secretary', elsewhere);
  const hidden = await observed(async () =>
    checkFile(elsewhere, bytes, await session(`bench-outsider-${n}`), 'invalid'),
  );
  const [{ refusals }] = (await db.query<{ refusals: number }>(
    "SELECT count(*)::int AS refusals FROM audit_log WHERE actor_user_id = $1 AND action = 'member.identity_refused'",
    [outsider],
  )) as [{ refusals: number }];
  line('members.import.check_hidden', hidden.ms, n, {
    maxStallMs: round(hidden.stallMs),
    healthMaxMs: round(hidden.healthMaxMs),
    healthAnswers: hidden.healthAnswers,
    healthFailures: hidden.healthFailures,
    perRowUs: Number(((hidden.ms / n) * 1000).toFixed(1)),
    refusals,
  });
}
await app.close();
await db.close();
