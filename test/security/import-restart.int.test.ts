/**
 * Issue 8, point 10: an import never stays "validating" forever, and the server stops when told.
 * The real `chibo serve` process: SIGTERM during a file check stops it promptly (exit code 0,
 * not the shutdown deadline's 1) and fails the job with a Vietnamese reason; a job left in
 * flight by a process that died is failed when the next one starts. PGlite and PostgreSQL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/executor.js';
import { openDb } from '../../src/db/open.js';
import { ERRORS } from '../../src/server/errors.js';
import { TEST_PASSWORD } from '../support/app.js';
import { builtCli } from '../support/built-cli.js';
import { createTestDb, testDbKind } from '../support/db.js';
import { unit, user } from '../support/factory.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
// The built CLI run by Node itself: the signal reaches the server as in production
// (`node dist/src/cli.js serve`), with no wrapper relaying it.

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** A file of `n` valid members, big enough that its check is still running a moment later. */
async function memberFile(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Ngày vào Đảng', 'Số thẻ đảng viên']);
  const dmy = (d: Date) =>
    `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  for (let i = 0; i < n; i++) {
    const born = new Date(Date.UTC(1950, 0, 1 + i));
    ws.addRow([
      i + 1,
      'Nguyễn Văn Thử',
      dmy(born),
      dmy(new Date(Date.UTC(2000, 0, 1))),
      String(30_000_000 + i),
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The CLI as production runs it (test/support/built-cli.ts), not through tsx. */
let CLI = '';
beforeAll(async () => {
  CLI = await builtCli();
}, 600_000);

describe('import jobs across a stop and a start of chibo serve', () => {
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'chibo-import-restart-'));
    env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
    delete env.DATABASE_URL;
    if (testDbKind() === 'postgres') {
      const { db, dispose, url } = await createTestDb({ migrated: false });
      await db.close();
      env.DATABASE_URL = url;
      cleanup = dispose;
    }
  });
  afterAll(async () => {
    await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The database as the operator would open it while no server runs. */
  const withDb = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };

  async function start(): Promise<{ base: string; child: ChildProcess; output: () => string }> {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'serve'], {
      cwd: ROOT,
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => (out += String(d)));
    child.stderr?.on('data', (d) => (out += String(d)));
    const base = `http://127.0.0.1:${port}`;
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
    return { base, child, output: () => out };
  }

  /** Sends SIGTERM and waits for the exit (the server's own deadline is 10 s). */
  async function stop({
    child,
    output,
  }: {
    child: ChildProcess;
    output: () => string;
  }): Promise<number | null> {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    const deadline = new Promise<'hung'>((r) => setTimeout(() => r('hung'), 30_000));
    const code = await Promise.race([exited, deadline]);
    if (code === 'hung') {
      child.kill('SIGKILL');
      throw new Error('serve did not stop on SIGTERM');
    }
    if (code !== 0) console.error(output());
    return code;
  }

  async function session(base: string) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bithu-restart', password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken };
  }

  it('fails at start-up the job a dead process left validating, then stops mid-check on SIGTERM and fails that one too', async () => {
    // A first start migrates the new database; with nothing to do it stops at once, cleanly.
    const first = await start();
    expect(await stop(first)).toBe(0);

    // The process that "died": its job is still 'validating', its lease long gone.
    const { cellId, orphan } = await withDb(async (db) => {
      const cell = await unit(db, { name: 'Chi bộ Khởi động lại', cellType: 'khu_dan_cu' });
      await user(db, 'bithu-restart', [{ role: 'cell_secretary', unitId: cell.id }]);
      const [job] = await db.query<{ id: number }>(
        `INSERT INTO member_imports (unit_id, file_name, file_sha256, status, processed, total_rows, lease_until)
         VALUES ($1, 'cu.xlsx', 'x', 'validating', 10, 30, now() - interval '1 hour') RETURNING id`,
        [cell.id],
      );
      return { cellId: cell.id, orphan: job!.id };
    });

    const server = await start();
    const headers = await session(server.base);
    const left = await (await fetch(`${server.base}/api/member-imports/${orphan}`, { headers })).json();
    expect(left).toMatchObject({
      status: 'failed',
      fileErrorCode: 'IMPORT_INTERRUPTED',
      fileError: ERRORS.IMPORT_INTERRUPTED.message,
    });
    expect(left.finishedAt).not.toBeNull();

    // A check in progress when the operator stops the server.
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await memberFile(15_000))]), 'lon.xlsx');
    const res = await fetch(`${server.base}/api/org-units/${cellId}/member-imports`, {
      method: 'POST',
      headers,
      body: form,
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: number };
    const during = await (await fetch(`${server.base}/api/member-imports/${id}`, { headers })).json();
    expect(during.status).toBe('validating');
    expect(await stop(server)).toBe(0);

    const after = await withDb((db) =>
      db.query<{ status: string; errors: { fileErrorCode?: string; fileError?: string }; chunks: number }>(
        `SELECT status, errors, (SELECT count(*)::int FROM member_import_chunks WHERE import_id = $1) AS chunks
           FROM member_imports WHERE id = $1`,
        [id],
      ),
    );
    expect(after).toEqual([
      {
        status: 'failed',
        errors: expect.objectContaining({
          fileErrorCode: 'IMPORT_INTERRUPTED',
          fileError: ERRORS.IMPORT_INTERRUPTED.message,
        }),
        chunks: 0,
      },
    ]);
  }, 180_000);
});
