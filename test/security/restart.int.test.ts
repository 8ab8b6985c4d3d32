/**
 * Issue 8, point 11: the app survives a restart of its PostgreSQL server. The real `chibo serve`
 * process runs against a PostgreSQL cluster of this file's own (initdb into a temporary
 * directory, a free port), requests are driven in a loop while the cluster is restarted with
 * `pg_ctl restart -m fast`: the requests caught in the gap answer 503 DATABASE_UNAVAILABLE with a
 * Vietnamese message, none answers 500, the process stays up and serves again without a restart.
 *
 * Runs in the "postgres" project only. On PGlite there is no server to restart: the database
 * lives inside the app process, so a "database restart" is an app restart.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/executor.js';
import { migrate } from '../../src/db/migrate.js';
import { openPostgres } from '../../src/db/open.js';
import { isDatabaseUnavailable } from '../../src/db/unavailable.js';
import { startOversightJobs } from '../../src/features/oversight/jobs.js';
import { buildApp } from '../../src/server/app.js';
import { ERRORS } from '../../src/server/errors.js';
import { TEST_PASSWORD } from '../support/app.js';
import { builtCli } from '../support/built-cli.js';
import { testDbKind } from '../support/db.js';
import { unit, user } from '../support/factory.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** The newest Debian server binaries, as scripts/pg-throwaway.sh finds them (or PG_BIN). */
function findPgBin(): string | undefined {
  const ok = (dir: string) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(path.join(dir, b)));
  if (process.env.PG_BIN) return ok(process.env.PG_BIN) ? process.env.PG_BIN : undefined;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => ok(path.join(base, v, 'bin')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : undefined;
}

/** PostgreSQL refuses to run as root: as root, run its tools as `postgres` (or `chibo-pg`). */
function pgUser(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'chibo-pg']) if (spawnSync('id', ['-u', name]).status === 0) return name;
  throw new Error('Chạy với quyền root cần người dùng hệ thống postgres (hoặc chibo-pg) để chạy PostgreSQL.');
}

/** A PostgreSQL cluster owned by this test file: its own data directory and port. */
class Cluster {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'chibo-restart-'));
  readonly data = path.join(this.dir, 'data');
  port = 0;
  private opts = '';
  private readonly user = pgUser();

  constructor(private readonly bin: string) {}

  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private pg(tool: string, args: string[]) {
    const exe = path.join(this.bin, tool);
    const [cmd, argv] = this.user ? ['runuser', ['-u', this.user, '--', exe, ...args]] : [exe, args];
    return run(cmd, argv, { cwd: this.dir, timeout: 60_000 });
  }

  async init() {
    chmodSync(this.dir, 0o755);
    const sock = path.join(this.dir, 'sock');
    mkdirSync(sock);
    if (this.user) {
      const uid = Number(spawnSync('id', ['-u', this.user], { encoding: 'utf8' }).stdout.trim());
      chownSync(this.dir, uid, -1);
      chownSync(sock, uid, -1);
    }
    await this.pg('initdb', [
      '-D',
      this.data,
      '--auth=trust',
      '--username=postgres',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    this.port = await freePort();
    this.opts = `-c listen_addresses=127.0.0.1 -p ${this.port} -c unix_socket_directories=${sock} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await this.start();
  }

  // The server's output goes to a log file: an inherited pipe would keep pg_ctl's caller waiting.
  private get log() {
    return ['-l', path.join(this.dir, 'server.log')];
  }
  start() {
    return this.pg('pg_ctl', ['-D', this.data, ...this.log, '-w', '-t', '60', 'start', '-o', this.opts]);
  }
  restart() {
    return this.pg('pg_ctl', [
      '-D',
      this.data,
      ...this.log,
      '-w',
      '-t',
      '60',
      'restart',
      '-m',
      'fast',
      '-o',
      this.opts,
    ]);
  }
  stop() {
    return this.pg('pg_ctl', ['-D', this.data, '-w', '-t', '60', 'stop', '-m', 'fast']);
  }
  async destroy() {
    await this.pg('pg_ctl', ['-D', this.data, '-w', 'stop', '-m', 'immediate']).catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const onPostgres = testDbKind() === 'postgres';

/** The CLI as production runs it (test/support/built-cli.ts), not through tsx. */
let CLI = '';
if (onPostgres)
  beforeAll(async () => {
    CLI = await builtCli();
  }, 600_000);

// Only on PostgreSQL, on purpose: on PGlite the database runs inside the test process, so there is
// no server to restart; the suite runs this file on PostgreSQL too (TEST_DATABASE_URL).
describe.skipIf(!onPostgres)('the app survives a restart of the PostgreSQL server', () => {
  let cluster: Cluster;
  let unitId: number;

  beforeAll(async () => {
    const bin = findPgBin();
    if (!bin)
      throw new Error(
        'Không tìm thấy initdb/pg_ctl trong /usr/lib/postgresql/*/bin (cài gói postgresql hoặc đặt PG_BIN).',
      );
    cluster = new Cluster(bin);
    await cluster.init();
    const db = await openPostgres(cluster.url);
    try {
      await migrate(db);
      const u = await unit(db, { name: 'Đảng bộ phường Thử Khởi Động' });
      unitId = u.id;
      await user(db, 'quantri-restart', [{ role: 'admin', unitId }]);
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await cluster?.destroy();
  });

  it('`chibo serve` under load across `pg_ctl restart -m fast`: 503 in the gap, never 500, stays up, recovers', async () => {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, [CLI, 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: cluster.url,
        // The record key file lives in the data directory: the cluster's, never the repository's ./data.
        DATA_DIR: path.join(cluster.dir, 'app'),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        SMTP_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => (out += String(d)));
    child.stderr?.on('data', (d) => (out += String(d)));
    let exited: number | null | 'running' = 'running';
    child.on('exit', (code) => (exited = code));
    const base = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; ; i++) {
        if (exited !== 'running') throw new Error(`serve exited: ${out}`);
        if (
          await fetch(`${base}/api/health`).then(
            (r) => r.ok,
            () => false,
          )
        )
          break;
        if (i > 300) throw new Error(`serve did not start: ${out}`);
        await sleep(100);
      }
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'quantri-restart', password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const csrf = (await login.json()).csrfToken as string;

      // Three kinds of work: the public probe, a read behind the session lookup, and a write in a
      // transaction with its audit row (the path where a checked-out client loses its connection).
      type Kind = 'health' | 'read' | 'write';
      let n = 0;
      const call = (kind: Kind) => {
        if (kind === 'health') return fetch(`${base}/api/health`);
        if (kind === 'read') return fetch(`${base}/api/org-units/${unitId}`, { headers: { cookie } });
        return fetch(`${base}/api/org-units/${unitId}`, {
          method: 'PATCH',
          headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Đảng bộ phường Thử Khởi Động ${++n}` }),
        });
      };
      type Seen = { at: number; kind: Kind; status: number; code?: string; message?: string };
      const seen: Seen[] = [];
      const networkErrors: string[] = [];
      let stop = false;
      const worker = async (w: number) => {
        const kinds: Kind[] = ['health', 'read', 'write'];
        for (let i = w; !stop; i++) {
          const kind = kinds[i % kinds.length]!;
          try {
            const res = await call(kind);
            const body = (await res.json()) as { code?: string; message?: string };
            seen.push({ at: Date.now(), kind, status: res.status, code: body.code, message: body.message });
          } catch (err) {
            networkErrors.push(String(err));
            await sleep(20);
          }
        }
      };
      const workers = Array.from({ length: 6 }, (_, w) => worker(w));

      const okCount = (kind: Kind, since = 0) =>
        seen.filter((s) => s.kind === kind && s.at >= since && s.status === 200).length;
      const until = async (cond: () => boolean, ms: number) => {
        for (const end = Date.now() + ms; !cond() && Date.now() < end; ) await sleep(50);
      };
      await until(() => okCount('write') >= 10 && okCount('read') >= 10, 10_000);
      const restartAt = Date.now();
      await cluster.restart();
      const backAt = Date.now();
      // Recovery without any action on the app: each kind of request succeeds again.
      await until(() => (['health', 'read', 'write'] as const).every((k) => okCount(k, backAt) >= 5), 20_000);
      stop = true;
      await Promise.all(workers);

      const statuses = new Set(seen.map((s) => s.status));
      const unavailable = seen.filter((s) => s.status === 503);
      expect(networkErrors, 'the app process kept its port open').toEqual([]);
      expect(
        seen.filter((s) => s.status === 500),
        'no request answered 500',
      ).toEqual([]);
      expect([...statuses].sort()).toEqual([200, 503]);
      expect(unavailable.length, 'requests caught in the gap answer 503').toBeGreaterThan(0);
      for (const s of unavailable)
        expect(s).toMatchObject({
          code: 'DATABASE_UNAVAILABLE',
          message: ERRORS.DATABASE_UNAVAILABLE.message,
        });
      expect(ERRORS.DATABASE_UNAVAILABLE.message).toMatch(/cơ sở dữ liệu/);
      expect(unavailable.some((s) => s.kind === 'health')).toBe(true);
      expect(unavailable.every((s) => s.at >= restartAt)).toBe(true);
      for (const k of ['health', 'read', 'write'] as const)
        expect(okCount(k, backAt), k).toBeGreaterThanOrEqual(5);
      expect(exited, `serve exited: ${out}`).toBe('running');
      expect(out).not.toMatch(/unhandled|uncaught/i);

      // The write that answered last is in the database: the app is really back, not answering from memory.
      const last = await (await fetch(`${base}/api/org-units/${unitId}`, { headers: { cookie } })).json();
      expect(last.name).toMatch(/^Đảng bộ phường Thử Khởi Động \d+$/);
      const lastGap = unavailable.at(-1)!.at;
      const firstOk = seen.find((s) => s.at > lastGap && s.status === 200)!.at;
      console.log(
        JSON.stringify({
          restartMs: backAt - restartAt,
          requests: seen.length,
          unavailable: unavailable.length,
          servingAgainAfterMs: firstOk - restartAt,
        }),
      );
    } finally {
      child.kill('SIGTERM');
      if (exited === 'running') await new Promise((r) => child.once('exit', r));
    }
  });

  it('while the server is stopped: health 503 and the jobs report and retry; once it is back both recover', async () => {
    const db: Db = await openPostgres(cluster.url);
    const config = loadConfig({}, { logLevel: 'silent', webDir: undefined });
    const app = await buildApp({ config, db, logger: false });
    await app.ready();
    let stopJobs = () => {};
    try {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      await cluster.stop();

      const down = await app.inject({ method: 'GET', url: '/api/health' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE', details: { db: 'postgres' } });

      const errors: unknown[] = [];
      let runs = 0;
      stopJobs = startOversightJobs(db, (err) => errors.push(err), 60_000, {
        firstMs: 0,
        retryMs: 200,
        onRun: () => runs++,
      });
      for (let i = 0; errors.length < 3 && i < 100; i++) await sleep(50);
      expect(errors.length, 'the loop retried after each failure').toBeGreaterThanOrEqual(3);
      expect(errors.every((e) => isDatabaseUnavailable(e))).toBe(true);
      expect(runs).toBe(0);

      await cluster.start();
      for (let i = 0; runs === 0 && i < 200; i++) await sleep(50);
      expect(runs, 'the jobs ran again by themselves').toBeGreaterThanOrEqual(1);
      expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({
        status: 'ok',
        db: 'postgres',
      });
    } finally {
      stopJobs();
      await app.close();
      await db.close();
    }
  });
});
