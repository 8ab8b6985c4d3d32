/**
 * Two app processes on one PostgreSQL database behave as one system (issue 12, ADR 026 part 4,
 * ADR 030): the built server (`dist/src/cli.js serve`, or CHIBO_CLI) twice, on two ports.
 * - sessions: logged in on A, used on B; logged out on B, refused on A;
 * - rate limits: the login limit per address and username counts the attempts on both;
 * - the oversight job: one run at a time across the processes (the advisory lock);
 * - the outbox: with both sending, every message reaches the SMTP server exactly once.
 * PostgreSQL only (PGlite is one process's embedded database): skipped without TEST_DATABASE_URL.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServerUrl } from '../support/db.js';
import { type FakeSmtp, fakeSmtp } from '../support/fake-smtp.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = process.env.CHIBO_CLI ?? path.join(ROOT, 'dist/src/cli.js');
const serverUrl = testServerUrl();
const OVERSIGHT_JOB_LOCK = 727026; // src/features/oversight/jobs.ts
const LOGIN_LIMIT = 4;
const PASSWORD = 'mat-khau-2-tien-trinh';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, tries = 600) {
  for (let i = 0; i < tries; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Proc {
  base: string;
  child: ChildProcess;
  output: () => string;
}

// Skipped without TEST_DATABASE_URL: two processes need a shared PostgreSQL (PGlite belongs
// to one process); .ci/run always sets it.
describe.skipIf(!serverUrl)(
  'two app processes on one PostgreSQL database (skipped without TEST_DATABASE_URL)',
  () => {
    const name = `chibo_mp_${randomBytes(5).toString('hex')}`;
    let dbUrl: string;
    let dataDir: string;
    let smtp: FakeSmtp;
    let a: Proc;
    let b: Proc;
    let sql: pg.Client;

    const env = (port: number): NodeJS.ProcessEnv => ({
      ...process.env,
      DATABASE_URL: dbUrl,
      RECORD_SECRET: 'multi-process-record-secret-0123456789',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT),
      LOGIN_LOCKOUT_FAILURES: '100',
      SMTP_URL: smtp.url,
      MAIL_INTERVAL_MS: '200',
    });

    const start = async (): Promise<Proc> => {
      const port = await freePort();
      const child = spawn(process.execPath, [CLI, 'serve'], {
        cwd: ROOT,
        env: env(port),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout?.on('data', (d) => (out += String(d)));
      child.stderr?.on('data', (d) => (out += String(d)));
      const base = `http://127.0.0.1:${port}`;
      await until(
        `process on ${port} to answer`,
        async () => {
          if (child.exitCode !== null) throw new Error(`chibo exited early:\n${out}`);
          return fetch(`${base}/api/health`).then(
            (r) => r.ok,
            () => false,
          );
        },
        (ok) => ok,
        1200,
      );
      return { base, child, output: () => out };
    };

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(serverUrl!);
      u.pathname = `/${name}`;
      dbUrl = u.toString();
      dataDir = mkdtempSync(path.join(tmpdir(), 'chibo-mp-'));
      smtp = await fakeSmtp();
      // Migrates and creates the account, as an operator would, before the two processes start.
      execFileSync(process.execPath, [CLI, 'create-admin', '--username', 'quantri', '--password', PASSWORD], {
        cwd: ROOT,
        env: env(0),
        stdio: 'pipe',
      });
      a = await start();
      b = await start();
      sql = new pg.Client({ connectionString: dbUrl });
      await sql.connect();
    });

    afterAll(async () => {
      for (const p of [a, b]) p?.child.kill('SIGTERM');
      await Promise.all(
        [a, b].map((p) =>
          p && p.child.exitCode === null ? new Promise((r) => p.child.once('exit', r)) : null,
        ),
      );
      await sql?.end().catch(() => {});
      await smtp?.close();
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    const login = (p: Proc, username: string, password: string) =>
      fetch(`${p.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });

    it('a session opened on A works on B; logged out on B, it is refused on A', async () => {
      const res = await login(a, 'quantri', PASSWORD);
      expect(res.status).toBe(200);
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      const cookie = res.headers
        .getSetCookie()
        .find((c) => c.startsWith('chibo_session='))!
        .split(';')[0]!;
      const meOnB = await fetch(`${b.base}/api/me`, { headers: { cookie } });
      expect(meOnB.status).toBe(200);
      expect(((await meOnB.json()) as { user: { username: string } }).user.username).toBe('quantri');
      const out = await fetch(`${b.base}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken },
      });
      expect(out.status).toBeLessThan(300);
      const meOnA = await fetch(`${a.base}/api/me`, { headers: { cookie } });
      expect(meOnA.status).toBe(401);
    });

    it('the login limit counts the attempts on both processes', async () => {
      const codes: number[] = [];
      // Alternating A, B, A, B…: per process only half the attempts, together more than the limit.
      for (let i = 0; i < LOGIN_LIMIT + 2; i++) {
        const res = await login(i % 2 === 0 ? a : b, 'khach.lan', `sai-${i}`);
        codes.push(res.status);
        if (res.status === 429) expect(((await res.json()) as { code: string }).code).toBe('RATE_LIMITED');
      }
      expect(codes).toEqual([...Array(LOGIN_LIMIT).fill(401), 429, 429]);
    });

    it('the oversight job runs once at a time across the processes', async () => {
      const res = await login(b, 'quantri', PASSWORD);
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      const cookie = res.headers
        .getSetCookie()
        .find((c) => c.startsWith('chibo_session='))!
        .split(';')[0]!;
      const run = (p: Proc) =>
        fetch(`${p.base}/api/jobs/oversight`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrfToken },
        });
      // The test holds the job's lock: a run asked of A waits for it, whichever process holds it.
      await sql.query('SELECT pg_advisory_lock($1)', [OVERSIGHT_JOB_LOCK]);
      let answered = false;
      const onA = run(a).then((r) => {
        answered = true;
        return r;
      });
      await until(
        'A to wait for the lock',
        () =>
          sql
            .query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
              [OVERSIGHT_JOB_LOCK],
            )
            .then((r) => r.rows[0]!.n),
        (n) => n === 1,
      );
      expect(answered).toBe(false);
      await sql.query('SELECT pg_advisory_unlock($1)', [OVERSIGHT_JOB_LOCK]);
      const [ra, rb] = await Promise.all([onA, run(b)]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      const [ja, jb] = (await Promise.all([ra.json(), rb.json()])) as { skipped: boolean; open: number }[];
      expect([ja!.skipped, jb!.skipped]).toEqual([false, false]);
      expect(ja!.open).toBe(jb!.open);
      for (const p of [a, b]) expect(p.output()).not.toMatch(/oversight jobs failed/);
    });

    it('with both processes sending, every message of the outbox is sent exactly once', async () => {
      const n = 40;
      await sql.query(
        `INSERT INTO mail_outbox (to_address, subject, body)
       SELECT 'nguoi' || i || '@example.vn', 'Thông báo ' || i, 'Nội dung ' || i FROM generate_series(1, $1::int) i`,
        [n],
      );
      await until(
        'the outbox to drain',
        () =>
          sql
            .query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox WHERE status = 'sent'`)
            .then((r) => r.rows[0]!.n),
        (sent) => sent === n,
      );
      const expected = Array.from({ length: n }, (_, i) => `nguoi${i + 1}@example.vn`).sort();
      expect([...smtp.accepted].sort()).toEqual(expected);
      const [row] = (
        await sql.query<{ attempts: number }>('SELECT max(attempts)::int AS attempts FROM mail_outbox')
      ).rows;
      expect(row!.attempts).toBe(1);
    });
  },
);
