/**
 * The `chibo` command as an operator runs it: `serve` creates no account with a known
 * password, `serve --demo` seeds the demo organisation and its five accounts once,
 * `create-admin` makes the first admin, `backup` → `restore` → `verify` gives back the same
 * data. Runs on PGlite, and on PostgreSQL via DATABASE_URL in the "postgres" project.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_FILE_NAME } from '../../src/db/record-key.js';
import { createTestDb, testDbKind } from '../support/db.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe('chibo command line', () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  let dataDir: string;
  /** The demo database seeded by `serve --demo` below, kept for the backup case (seeding is slow). */
  let seededDemo: { dataDir: string; url?: string } | undefined;
  const later: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'chibo-cli-'));
    env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
    delete env.DATABASE_URL;
    cleanup = async () => {};
    if (testDbKind() === 'postgres') {
      // A fresh, empty database on the server; the CLI migrates it itself.
      const { db, dispose, url } = await createTestDb({ migrated: false });
      await db.close();
      env.DATABASE_URL = url;
      cleanup = dispose;
    }
  });
  afterAll(async () => {
    for (const fn of later) await fn();
    await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [TSX, 'src/cli.ts', ...args], { cwd: ROOT, env, encoding: 'utf8' });

  async function serve(args: string[], fn: (base: string) => Promise<void>) {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, [TSX, 'src/cli.ts', 'serve', ...args], {
      cwd: ROOT,
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => (out += String(d)));
    child.stderr?.on('data', (d) => (out += String(d)));
    const base = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; ; i++) {
        if (child.exitCode !== null) throw new Error(`serve exited: ${out}`);
        const ok = await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (i > 400) throw new Error(`serve did not start: ${out}`);
        await new Promise((r) => setTimeout(r, 150));
      }
      await fn(base);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }

  const login = (base: string, username: string, password: string) =>
    fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });

  it('`serve` without --demo creates no account and no organisation', async () => {
    await serve([], async (base) => {
      const health = await (await fetch(`${base}/api/health`)).json();
      expect(health).toEqual({ status: 'ok', db: env.DATABASE_URL ? 'postgres' : 'pglite' });
      expect((await login(base, 'quantri', 'chibo-demo')).status).toBe(401);
    });
  });

  it('`create-admin` makes the first admin on a new root unit', () => {
    const weak = run('create-admin', '--username', 'admin2', '--password', 'short');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/ít nhất 8 ký tự/);
    const res = run(
      'create-admin',
      '--username',
      'admin',
      '--password',
      'mat-khau-manh-2026',
      '--name',
      'Quản trị',
    );
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/Đã tạo tài khoản quản trị "admin"/);
  });

  it('`serve --demo` does not seed a database that already has data', async () => {
    await serve(['--demo'], async (base) => {
      expect((await login(base, 'quantri', 'chibo-demo')).status).toBe(401);
      expect((await login(base, 'admin', 'mat-khau-manh-2026')).status).toBe(200);
    });
  });

  it('`serve --demo` on an empty database seeds the demo organisation with its five accounts', async () => {
    // A second, empty database for the demo.
    const demoDir = mkdtempSync(path.join(tmpdir(), 'chibo-demo-'));
    const saved = { ...env };
    env.DATA_DIR = demoDir;
    let extra = async () => {};
    if (testDbKind() === 'postgres') {
      const { db, dispose, url } = await createTestDb({ migrated: false });
      await db.close();
      env.DATABASE_URL = url;
      extra = dispose;
    }
    try {
      await serve(['--demo'], async (base) => {
        const expected: Record<string, string> = {
          quantri: 'admin',
          danguy: 'committee_staff',
          bithu1: 'cell_secretary',
          dangvien1: 'member',
          giamsat1: 'supervisor',
        };
        for (const [username, role] of Object.entries(expected)) {
          const res = await login(base, username, 'chibo-demo');
          expect(res.status, username).toBe(200);
          const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
          const me = await (await fetch(`${base}/api/me`, { headers: { cookie } })).json();
          expect(me.grants.map((g: { role: string }) => g.role)).toContain(role);
          if (username === 'giamsat1') {
            expect(me.grants.filter((g: { role: string }) => g.role === 'supervisor')).toHaveLength(2);
          }
          if (username === 'danguy') {
            const ward = await (
              await fetch(`${base}/api/org-units/${me.homeUnitId}`, { headers: { cookie } })
            ).json();
            expect(ward.name).toBe('Đảng bộ phường An Hội');
            expect(ward.counts.total).toBeGreaterThanOrEqual(300);
            const cells = await (
              await fetch(`${base}/api/org-units/${me.homeUnitId}/children`, { headers: { cookie } })
            ).json();
            expect(cells.items.length).toBeGreaterThanOrEqual(12);
            expect(
              new Set(cells.items.map((c: { cellType: string }) => c.cellType)).size,
            ).toBeGreaterThanOrEqual(4);
            const sum = (k: string) =>
              cells.items.reduce((s: number, c: { counts: Record<string, number> }) => s + c.counts[k]!, 0);
            for (const k of ['probationary', 'exempted', 'temporaryOut', 'contact213'])
              expect(sum(k), k).toBeGreaterThan(0);
          }
        }
      });
      seededDemo = { dataDir: demoDir, url: env.DATABASE_URL };
    } finally {
      Object.assign(env, saved);
      if (!saved.DATABASE_URL) delete env.DATABASE_URL;
      later.push(async () => {
        await extra();
        rmSync(demoDir, { recursive: true, force: true });
      });
    }
  });

  it('`backup` → `restore` into an empty database → `verify`: same rows and digests per table, intact chains', async () => {
    const srcDir = seededDemo?.dataDir ?? mkdtempSync(path.join(tmpdir(), 'chibo-backup-src-'));
    const fileDir = mkdtempSync(path.join(tmpdir(), 'chibo-backup-file-'));
    const dstDir = mkdtempSync(path.join(tmpdir(), 'chibo-backup-dst-'));
    const file = path.join(fileDir, 'chibo.chibo-backup.gz');
    const saved = { ...env };
    const disposals: (() => Promise<void>)[] = [];
    const emptyDatabase = async () => {
      if (testDbKind() !== 'postgres') return undefined;
      const { db, dispose, url } = await createTestDb({ migrated: false });
      await db.close();
      disposals.push(dispose);
      return url;
    };
    const use = (dataDir: string, url: string | undefined) => {
      env.DATA_DIR = dataDir;
      if (url) env.DATABASE_URL = url;
      else delete env.DATABASE_URL;
    };
    const tableLines = (out: string) =>
      out.split('\n').filter((l) => /^ {2}\S+: [\d.]+ dòng, sha256 [0-9a-f]{64}$/.test(l));
    try {
      if (seededDemo) use(seededDemo.dataDir, seededDemo.url);
      else {
        use(srcDir, await emptyDatabase());
        expect(run('seed', '--demo').status).toBe(0);
      }
      const backup = run('backup', file);
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      expect(backup.stdout).toMatch(/^Đã sao lưu \d+ bảng, [\d.]+ dòng vào /);
      const backedUp = tableLines(backup.stdout);
      expect(backedUp.length).toBeGreaterThan(20);
      expect(backedUp.find((l) => l.startsWith('  meeting_record_versions: '))).toBeDefined();

      use(dstDir, await emptyDatabase());
      // Without the server's key the restored minutes cannot be checked: refused, no key left behind.
      const keyless = run('restore', file);
      expect(keyless.status).toBe(1);
      expect(keyless.stderr).toMatch(/không qua kiểm tra toàn vẹn/);
      expect(existsSync(path.join(dstDir, KEY_FILE_NAME))).toBe(false);

      // The operator keeps the key file with the backup (docs/operations.md) and restores both.
      copyFileSync(path.join(srcDir, KEY_FILE_NAME), path.join(dstDir, KEY_FILE_NAME));
      const restore = run('restore', file);
      expect(restore.stderr).toBe('');
      expect(restore.status).toBe(0);
      expect(restore.stdout).toMatch(/Số dòng và mã kiểm tra \(sha256\) của từng bảng khớp với bản sao lưu/);
      expect(tableLines(restore.stdout)).toEqual(backedUp);

      const verify = run('verify');
      expect(verify.status).toBe(0);
      expect(verify.stdout).toMatch(/chuỗi bị phá vỡ: 0/);
      expect(verify.stdout).toMatch(/mọi biên bản và điểm đã khóa đều khớp mã kiểm tra/);
      expect(verify.stdout).not.toMatch(/Biên bản đã thông qua: 0 bản/);

      // Only into an empty database.
      const again = run('restore', file);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/đã có dữ liệu/);
    } finally {
      Object.assign(env, saved);
      if (!saved.DATABASE_URL) delete env.DATABASE_URL;
      for (const d of disposals) await d();
      if (!seededDemo) rmSync(srcDir, { recursive: true, force: true });
      rmSync(fileDir, { recursive: true, force: true });
      rmSync(dstDir, { recursive: true, force: true });
    }
  }, 300_000);
});
