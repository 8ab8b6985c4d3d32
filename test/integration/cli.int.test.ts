/**
 * The `chibo` command as an operator runs it, the BUILT one (node <build>/src/cli.js, as `npm run
 * build` makes it; tsx start-up timed out under load): every command answers `--help`, `-h`,
 * `--version` in Vietnamese and a wrong command line with exit code 2; `migrate` lists what it
 * applied; `serve` creates no account with a known password, `serve --demo` seeds the demo
 * organisation and its five accounts once, `create-admin` makes the first admin, `backup` →
 * `restore` → `verify` gives back the same data. Runs on PGlite, and on PostgreSQL via
 * DATABASE_URL in the "postgres" project.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationNames } from '../../src/db/migrate.js';
import { KEY_FILE_NAME } from '../../src/db/record-key.js';
import { builtCli } from '../support/built-cli.js';
import { createTestDb, testDbKind } from '../support/db.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;
/** Every command of the CLI. */
const COMMANDS = [
  'serve',
  'migrate',
  'verify',
  'run-jobs',
  'seed',
  'create-admin',
  'import-members',
  'export-members',
  'backup',
  'restore',
  'bench-data',
];
/** Letters only Vietnamese text has (the help must not fall back to English or lose its marks). */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

let CLI = '';
/** A test that starts `serve`: on an empty database it migrates first (and seeds with --demo). */
const SERVE_TIMEOUT = 240_000;
beforeAll(async () => {
  CLI = await builtCli();
}, 600_000);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** The CLI with a clean environment: no database settings of the caller's. */
function bare(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(tmpdir(), 'chibo-cli-never-opened') };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8' });
}

describe('chibo --help, --version and wrong command lines', () => {
  it('the top level answers --help and -h with the Vietnamese list of commands', () => {
    const long = bare('--help');
    const short = bare('-h');
    for (const r of [long, short]) {
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^chibo — quản lý sinh hoạt chi bộ/);
      expect(r.stdout).toMatch(/Cách dùng: chibo <lệnh> \[tùy chọn\]/);
      for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
    }
    expect(short.stdout).toBe(long.stdout);
    // `chibo help <lệnh>` is the command's own help.
    expect(bare('help', 'restore').stdout).toBe(bare('restore', '--help').stdout);
  });

  it('--version and -v print the version of package.json, at the top and on every command', () => {
    for (const args of [['--version'], ['-v'], ...COMMANDS.map((c) => [c, '--version']), ['serve', '-v']]) {
      const r = bare(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toBe(`chibo ${VERSION}\n`);
      expect(r.stderr).toBe('');
    }
  });

  it.each(COMMANDS)('`%s --help` and `-h` tell its usage and options in Vietnamese', (command) => {
    const long = bare(command, '--help');
    const short = bare(command, '-h');
    for (const r of [long, short]) {
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      const [title, , usage] = r.stdout.split('\n');
      expect(title).toMatch(new RegExp(`^chibo ${command} — \\S`));
      expect(title).toMatch(VIETNAMESE);
      expect(usage).toMatch(new RegExp(`^Cách dùng: chibo ${command}( |$)`));
      expect(r.stdout).toMatch(/^Tùy chọn:$/m);
      expect(r.stdout).toMatch(/^ {2}-h, --help +Xem hướng dẫn này$/m);
    }
    expect(short.stdout).toBe(long.stdout);
  });

  it('each help names the options of its command', () => {
    const options: Record<string, string[]> = {
      serve: ['--demo'],
      verify: ['--unit ID'],
      'create-admin': ['--username U', '--password P', '--name', '--unit ID'],
      'import-members': ['--unit ID', '--dry-run', '--as USERNAME'],
      'export-members': ['--unit ID', '--out FILE', '--date YYYY-MM-DD'],
      restore: ['--unverified'],
      'bench-data': ['--cells N', '--scale X', '--years N', '--seed N', '--force'],
    };
    for (const [command, names] of Object.entries(options)) {
      const help = bare(command, '--help').stdout;
      for (const name of names) expect(help, `${command} ${name}`).toContain(`  ${name} `);
    }
  });

  it('an unknown option, command or a missing argument answers in Vietnamese with exit code 2', () => {
    const cases: [string[], RegExp, string][] = [
      [['serve', '--bogus'], /^Tùy chọn không hợp lệ cho lệnh serve: --bogus$/m, 'serve'],
      [['migrate', '-x'], /^Tùy chọn không hợp lệ cho lệnh migrate: -x$/m, 'migrate'],
      [['--bogus'], /^Tùy chọn không hợp lệ: --bogus$/m, ''],
      [['bogus'], /^Không có lệnh "bogus"\. Các lệnh: serve, migrate/m, ''],
      [['serve', '--demo=yes'], /^Tùy chọn --demo không nhận giá trị/m, 'serve'],
      [['verify', '--unit'], /^Tùy chọn --unit cần một giá trị \(ID\)\.$/m, 'verify'],
      [['verify', '--unit', 'abc'], /^Tùy chọn --unit cần một mã số/m, 'verify'],
      [['backup'], /^Thiếu FILE cho lệnh backup\.$/m, 'backup'],
      [['migrate', 'now'], /^Thừa đối số cho lệnh migrate: now/m, 'migrate'],
      [['export-members'], /^Lệnh export-members cần --unit\.$/m, 'export-members'],
      [['create-admin', '--username', 'a'], /^Lệnh create-admin cần --password\.$/m, 'create-admin'],
    ];
    for (const [args, message, command] of cases) {
      const r = bare(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).toMatch(
        new RegExp(`^Xem hướng dẫn: chibo ${command ? `${command} ` : ''}--help$`, 'm'),
      );
      expect(r.stderr).not.toMatch(/ERR_PARSE_ARGS|Unknown option|at .*\.js:\d+/);
    }
  });
});

describe('chibo migrate', () => {
  let env: NodeJS.ProcessEnv;
  let dispose = async () => {};
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'chibo-migrate-'));
    env = { ...process.env, DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    if (testDbKind() === 'postgres') {
      const fresh = await createTestDb({ migrated: false });
      await fresh.db.close();
      env.DATABASE_URL = fresh.url;
      dispose = fresh.dispose;
    }
  });
  afterAll(async () => {
    await dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('on an empty database lists every migration it applied; run again, says the database is up to date', () => {
    const migrate = () => spawnSync(process.execPath, [CLI, 'migrate'], { cwd: ROOT, env, encoding: 'utf8' });
    const all = migrationNames();
    expect(all.length).toBeGreaterThan(20);

    const first = migrate();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`Đã áp dụng ${all.length} bản cập nhật cấu trúc cơ sở dữ liệu:\n`);
    // One line per migration, in the order applied: the SQL files, then the code steps.
    const listed = first.stdout.split('\n').filter((l) => /^ {2}\S/.test(l));
    expect(listed).toEqual(all.map((n) => `  ${n}`));
    expect(listed[0]).toBe('  0001_foundation.sql');
    expect(first.stdout).not.toMatch(/phiên bản mới nhất/);

    const second = migrate();
    expect(second.stderr).toBe('');
    expect(second.status).toBe(0);
    const newest = [...all].sort().at(-1)!;
    expect(second.stdout.trim()).toBe(
      `Cơ sở dữ liệu đã ở phiên bản mới nhất (${all.length} bản cập nhật cấu trúc, mới nhất: ${newest}); không có gì để áp dụng.`,
    );
  }, 180_000);
});

describe('chibo command line', () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  let dataDir: string;
  /** The demo database seeded by `serve --demo` below, kept for the backup case (seeding is slow). */
  let seededDemo: { dataDir: string; url?: string } | undefined;
  const later: (() => Promise<void>)[] = [];
  /** Servers started and not yet stopped: a test that times out leaves its server to afterAll. */
  const running = new Set<ChildProcess>();
  const stop = async (child: ChildProcess) => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    running.delete(child);
  };

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
    for (const child of running) await stop(child);
    for (const fn of later) await fn();
    await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8' });

  /** Runs `serve` until `fn` is done; answers what the server wrote to stdout (its log). */
  async function serve(args: string[], fn: (base: string) => Promise<void>): Promise<string> {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', ...args], {
      cwd: ROOT,
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let out = '';
    let stdout = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      stdout += String(d);
    });
    child.stderr?.on('data', (d) => (out += String(d)));
    const base = `http://127.0.0.1:${port}`;
    // Migrating and seeding an empty PGlite database takes a minute or more on a loaded machine.
    const deadline = Date.now() + SERVE_TIMEOUT - 30_000;
    try {
      for (;;) {
        if (child.exitCode !== null) throw new Error(`serve exited: ${out}`);
        const ok = await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (Date.now() > deadline) throw new Error(`serve did not start: ${out}`);
        await new Promise((r) => setTimeout(r, 150));
      }
      await fn(base);
    } finally {
      await stop(child);
    }
    return stdout;
  }

  const login = (base: string, username: string, password: string) =>
    fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });

  it(
    '`serve` without --demo creates no account and no organisation',
    async () => {
      await serve([], async (base) => {
        const health = await (await fetch(`${base}/api/health`)).json();
        expect(health).toEqual({ status: 'ok', db: env.DATABASE_URL ? 'postgres' : 'pglite' });
        expect((await login(base, 'quantri', 'chibo-demo')).status).toBe(401);
      });
    },
    SERVE_TIMEOUT,
  );

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

  it(
    '`serve --demo` does not seed a database that already has data',
    async () => {
      await serve(['--demo'], async (base) => {
        expect((await login(base, 'quantri', 'chibo-demo')).status).toBe(401);
        expect((await login(base, 'admin', 'mat-khau-manh-2026')).status).toBe(200);
      });
    },
    SERVE_TIMEOUT,
  );

  it(
    '`serve --demo` on an empty database seeds the demo organisation with its five accounts',
    async () => {
      // A second, empty database for the demo.
      const demoDir = mkdtempSync(path.join(tmpdir(), 'chibo-demo-'));
      const saved = { ...env };
      env.DATA_DIR = demoDir;
      env.LOG_LEVEL = 'info';
      let extra = async () => {};
      if (testDbKind() === 'postgres') {
        const { db, dispose, url } = await createTestDb({ migrated: false });
        await db.close();
        env.DATABASE_URL = url;
        extra = dispose;
      }
      try {
        const log = await serve(['--demo'], async (base) => {
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
        // Nothing but JSON on stdout (ADR 034): the key, demo and start notes are log lines too.
        const lines = log.split('\n').filter((l) => l.trim() !== '');
        const messages = lines.map((l) => (JSON.parse(l) as { msg?: string }).msg ?? '');
        expect(messages).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^Đã tạo khóa niêm phong biên bản /),
            expect.stringMatching(
              /^Đã tạo tổ chức mẫu: \d+ đơn vị, \d+ đảng viên\. Mật khẩu mẫu: chibo-demo$/,
            ),
            expect.stringMatching(/^chibo đang chạy tại http:\/\/localhost:\d+ \(CSDL: /),
          ]),
        );
        seededDemo = { dataDir: demoDir, url: env.DATABASE_URL };
      } finally {
        Object.assign(env, saved);
        if (!saved.DATABASE_URL) delete env.DATABASE_URL;
        later.push(async () => {
          await extra();
          rmSync(demoDir, { recursive: true, force: true });
        });
      }
    },
    SERVE_TIMEOUT,
  );

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
  }, 600_000);
});
