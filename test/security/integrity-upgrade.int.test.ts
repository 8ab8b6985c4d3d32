/**
 * Issue 8, point 9 (ADR 017), the operator's side: rows adopted before keyed hashes stay
 * verifiable and are sealed once at the upgrade (the upgrade needs the key); the key file is made
 * on first start, readable by its owner only, and a start that would sign on with a new key while
 * the database holds records of another is refused; `chibo verify` exits 1 on a forgery; on
 * PostgreSQL the app logs in as a member of chibo_app (DATABASE_URL) while migrations run as the
 * owner (DATABASE_OWNER_URL), and a single-role setup is warned about.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionRole, openAppDb } from '../../src/db/connect.js';
import type { Db, Executor } from '../../src/db/executor.js';
import { listMigrations, migrate } from '../../src/db/migrate.js';
import { openPglite, openPostgres } from '../../src/db/open.js';
import { KEY_FILE_NAME } from '../../src/db/record-key.js';
import { chainHead } from '../../src/features/demo/committee-meeting.js';
import { verifyIntegrity } from '../../src/features/integrity/verify.js';
import { chainHash, lockAdoptedVersion } from '../../src/features/meetings/record.js';
import { builtCli } from '../support/built-cli.js';
import { createTestDb, TEST_RECORD_KEY, TEST_RECORD_SECRET, testDbKind } from '../support/db.js';
import { meeting, unit } from '../support/factory.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A held meeting of the cell whose minutes are adopted by the meetings feature's own lock. */
async function adoptOne(ex: Executor, unitId: number, scheduledAt: string, situation: string) {
  const id = await meeting(ex, { unitId, status: 'held', scheduledAt });
  const [draft] = await ex.query<{ id: number }>(
    "INSERT INTO meeting_record_versions (meeting_id, version, status, content) VALUES ($1, 1, 'draft', '{}') RETURNING id",
    [id],
  );
  await lockAdoptedVersion(ex, {
    id: draft!.id,
    meetingId: id,
    version: 1,
    prevHash: await chainHead(ex, unitId),
    content: { text: { situation }, record: { cellName: 'Chi bộ Nâng Cấp' } },
    adoptedAt: new Date(new Date(scheduledAt).getTime() + 2 * 3600_000),
  });
  return id;
}

describe('upgrade: rows adopted on the plain SHA-256 chain', () => {
  it('are sealed once with the key at the upgrade (which needs the key), verify, and a rewrite is caught by the seal', async () => {
    const t = await createTestDb({ migrated: false });
    cleanups.push(t.dispose);
    const db = t.db;
    // The database as it was before migration 0009, with minutes adopted and a score confirmed the old way.
    await db.exec(
      'CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    for (const m of listMigrations().filter((x) => x.name < '0009')) {
      await db.exec(m.sql);
      await db.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
    }
    const ward = await unit(db, { name: 'Đảng bộ phường Cũ' });
    const cell = await unit(db, { parentId: ward.id, name: 'Chi bộ Nâng Cấp', cellType: 'khu_dan_cu' });
    let prev: string | null = null;
    const legacy: number[] = [];
    for (const [i, when] of ['2026-01-10T19:30:00+07:00', '2026-02-10T19:30:00+07:00'].entries()) {
      const id = await meeting(db, { unitId: cell.id, status: 'held', scheduledAt: when });
      const content = { text: { situation: `Tháng ${i + 1} ổn định.` }, record: { number: String(i + 1) } };
      const hash = chainHash(prev, content);
      await db.query(
        `INSERT INTO meeting_record_versions (meeting_id, version, status, content, content_hash, prev_hash, adopted_at)
         VALUES ($1, 1, 'adopted', $2, $3, $4, $5)`,
        [id, JSON.stringify(content), hash, prev, when],
      );
      prev = hash;
      legacy.push(id);
    }
    await db.query(
      `INSERT INTO meeting_scores (meeting_id, scorer, judgement, result, total, band, rule_pack, rule_pack_version, confirmed_at)
       VALUES ($1, 'cell', '{"guiding": 3}', '{"total": 88.5}', 88.5, 'Tốt', 'hd42-2025', '2025.10.28', now())`,
      [legacy[0]],
    );

    // Without the key the upgrade stops, and nothing of it stays.
    const strip = (ex: Executor): Executor => ({
      query: (sql, params) => ex.query(sql, params),
      exec: (sql) => ex.exec(sql),
      transaction: (fn) => ex.transaction((tx) => fn(strip(tx))),
    });
    const keyless: Db = { ...strip(db), kind: db.kind, close: () => db.close() };
    await expect(migrate(keyless)).rejects.toThrow(/Chưa nạp khóa niêm phong/);
    expect(await db.query("SELECT 1 FROM schema_migrations WHERE name LIKE '0009%'")).toEqual([]);

    const applied = await migrate(db);
    expect(applied).toContain('0009_integrity.sql');
    expect(applied).toContain('0009_record_seals.js');
    const rows = await db.query<{ hash_alg: string; hash_key: string; seal: string | null }>(
      "SELECT hash_alg, hash_key, seal FROM meeting_record_versions WHERE status = 'adopted' ORDER BY id",
    );
    expect(rows).toEqual([
      { hash_alg: 'sha256', hash_key: TEST_RECORD_KEY.id, seal: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { hash_alg: 'sha256', hash_key: TEST_RECORD_KEY.id, seal: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    const [sealed] = await db.query<{ after: unknown }>(
      "SELECT after FROM audit_log WHERE action = 'integrity.seal'",
    );
    expect(sealed!.after).toEqual({ records: 2, scores: 1, keyId: TEST_RECORD_KEY.id });
    // New adoptions chain on with keyed hashes after the old ones.
    await adoptOne(db, cell.id, '2026-03-10T19:30:00+07:00', 'Tháng 3 ổn định.');
    let report = await verifyIntegrity(db);
    expect(report).toMatchObject({ ok: true, records: { versions: 3 }, scores: { checked: 1, broken: 0 } });

    // The owner rewrites the first old minutes and recomputes the whole plain chain: the seal does not follow.
    await db.exec('ALTER TABLE meeting_record_versions DISABLE TRIGGER meeting_record_locked');
    const chain = await db.query<{ id: number; content: object; hash_alg: string }>(
      `SELECT v.id, v.content, v.hash_alg FROM meeting_record_versions v JOIN meetings mt ON mt.id = v.meeting_id
        WHERE mt.unit_id = $1 AND v.status = 'adopted' ORDER BY v.adopted_at, v.id`,
      [cell.id],
    );
    let head: string | null = null;
    for (const [i, v] of chain.entries()) {
      const content = i === 0 ? { ...v.content, text: { situation: 'Đã viết lại.' } } : v.content;
      const hash = chainHash(head, content);
      await db.query(
        "UPDATE meeting_record_versions SET content = $2, content_hash = $3, prev_hash = $4, hash_alg = 'sha256' WHERE id = $1",
        [v.id, JSON.stringify(content), hash, head],
      );
      head = hash;
    }
    await db.exec('ALTER TABLE meeting_record_versions ENABLE TRIGGER meeting_record_locked');
    report = await verifyIntegrity(db);
    expect(report.ok).toBe(false);
    expect(report.breaks).toMatchObject([{ meetingId: legacy[0], reason: 'seal' }]);
    expect(report.breaks[0]!.message).toMatch(/niêm phong có khóa không khớp/);
  });
});

/** The CLI as production runs it (test/support/built-cli.ts), not through tsx. */
let CLI = '';
beforeAll(async () => {
  CLI = await builtCli();
}, 600_000);

describe('the key and the roles at start', () => {
  /** Where `openAppDb` and the CLI find the database: a PGlite directory, or a fresh server database. */
  async function place(): Promise<{ dataDir: string; databaseUrl?: string; ownerUrl?: string }> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'chibo-integrity-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    if (testDbKind() !== 'postgres') return { dataDir };
    const t = await createTestDb({ migrated: false });
    await t.db.close();
    cleanups.push(t.dispose);
    return { dataDir, databaseUrl: t.url, ownerUrl: t.url };
  }

  /** The database as its owner sees it (PGlite: the embedded superuser; PostgreSQL: the test server's). */
  const openOwner = (where: { dataDir: string; ownerUrl?: string }) =>
    where.ownerUrl ? openPostgres(where.ownerUrl) : openPglite(where.dataDir);

  const cli = (where: { dataDir: string; databaseUrl?: string }, ...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: where.dataDir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.DATABASE_OWNER_URL;
    delete env.RECORD_SECRET;
    if (where.databaseUrl) env.DATABASE_URL = where.databaseUrl;
    return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  };

  it('makes the key file on first start (owner-only), refuses a new key for signed records, and `chibo verify` exits 1 on a forgery', async () => {
    const where = await place();
    const notes: string[] = [];
    const opts = { ...where, warn: (m: string) => notes.push(m), info: (m: string) => notes.push(m) };
    const first = await openAppDb(opts);
    const file = path.join(where.dataDir, KEY_FILE_NAME);
    expect(first.key).toMatchObject({ created: true, source: 'file', file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(notes.join('\n')).toMatch(/Đã tạo khóa niêm phong biên bản .* hãy sao lưu tệp này riêng/);
    const ward = await unit(first.db, { name: 'Đảng bộ phường Khóa' });
    const cell = await unit(first.db, {
      parentId: ward.id,
      name: 'Chi bộ Khu phố Khóa',
      cellType: 'khu_dan_cu',
    });
    const adopted = await adoptOne(first.db, cell.id, '2026-10-10T19:30:00+07:00', 'Tháng 10 ổn định.');
    await first.db.close();

    // Same file, same key: the CLI verifies and exits 0.
    let out = cli(where, 'verify');
    expect(out.stdout, out.stderr).toMatch(/Kết quả: mọi biên bản và điểm đã khóa đều khớp mã kiểm tra\./);
    expect(out.status).toBe(0);

    // The key file lost: starting would sign on with a new key while records carry the old one.
    const keyText = readFileSync(file, 'utf8');
    rmSync(file);
    await expect(openAppDb(opts)).rejects.toThrow(/không tìm thấy tệp khóa/);
    expect(existsSync(file)).toBe(false);
    // A different key set on purpose starts, with a warning; its check reports the other key.
    notes.length = 0;
    const other = await openAppDb({ ...opts, recordSecret: `${TEST_RECORD_SECRET}-khac` });
    expect(notes.join('\n')).toMatch(/khác khóa đã ký bản ghi gần nhất/);
    const report = await verifyIntegrity(other.db);
    expect(report.breaks).toMatchObject([{ meetingId: adopted, reason: 'key' }]);
    await other.db.close();
    writeFileSync(file, keyText, { mode: 0o600 });

    // The owner forges the minutes (trigger off, plain SHA-256): `chibo verify` says where and exits 1.
    const owner = await openOwner(where);
    await owner.exec('ALTER TABLE meeting_record_versions DISABLE TRIGGER meeting_record_locked');
    const [v] = await owner.query<{ id: number; content: object; prev_hash: string | null }>(
      'SELECT id, content, prev_hash FROM meeting_record_versions WHERE meeting_id = $1',
      [adopted],
    );
    const forged = { ...v!.content, text: { situation: 'Không họp.' } };
    await owner.query('UPDATE meeting_record_versions SET content = $2, content_hash = $3 WHERE id = $1', [
      v!.id,
      JSON.stringify(forged),
      chainHash(v!.prev_hash, forged),
    ]);
    await owner.exec('ALTER TABLE meeting_record_versions ENABLE TRIGGER meeting_record_locked');
    await owner.close();
    out = cli(where, 'verify');
    expect(out.status, out.stdout + out.stderr).toBe(1);
    expect(out.stdout).toContain(
      `✗ Chi bộ Khu phố Khóa: biên bản buổi "Sinh hoạt thử" (buổi #${adopted}, bản 1, thông qua lúc 21:30 ngày 10/10/2026) — nội dung không khớp mã kiểm tra có khóa: biên bản đã bị sửa sau khi thông qua.`,
    );
    expect(out.stdout).toMatch(/Kết quả: PHÁT HIỆN SAI LỆCH/);
  });

  it.runIf(testDbKind() === 'postgres')(
    'PostgreSQL: migrations as the owner, the app as a login in chibo_app (no warning); one role for both is warned about',
    async () => {
      const where = await place();
      const login = `chibo_web_${randomBytes(4).toString('hex')}`;
      const su = new pg.Client({ connectionString: where.ownerUrl });
      await su.connect();
      cleanups.push(async () => {
        const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await c.connect();
        await c.query(`DROP ROLE IF EXISTS ${login}`);
        await c.end();
      });
      const loginUrl = new URL(where.ownerUrl!);
      loginUrl.username = login;
      const notes: string[] = [];
      const warn = (m: string) => notes.push(m);

      // The app's login alone cannot build the schema: it is told to use the owner.
      await su.query(`CREATE ROLE ${login} LOGIN`);
      await expect(
        openAppDb({
          dataDir: where.dataDir,
          databaseUrl: loginUrl.toString(),
          recordSecret: TEST_RECORD_SECRET,
          warn,
        }),
      ).rejects.toThrow(/Không đủ quyền cập nhật cấu trúc cơ sở dữ liệu.*DATABASE_OWNER_URL/);
      // Owner and app apart: the migration creates and grants chibo_app, the login is made a member of it.
      const single = await openAppDb({
        dataDir: where.dataDir,
        databaseUrl: where.ownerUrl,
        recordSecret: TEST_RECORD_SECRET,
        warn,
      });
      expect(single.roleNotes.join('\n')).toMatch(/Chưa đặt DATABASE_OWNER_URL/);
      await single.db.close();
      await su.query(`GRANT chibo_app TO ${login}`);
      await su.end();
      const apart = await openAppDb({
        dataDir: where.dataDir,
        databaseUrl: loginUrl.toString(),
        databaseOwnerUrl: where.ownerUrl,
        recordSecret: TEST_RECORD_SECRET,
        warn,
      });
      const db = apart.db;
      try {
        expect(apart.roleNotes).toEqual([]);
        expect(await connectionRole(db)).toEqual({ role: login, superuser: false, ownsTables: false });
        const code = async (sql: string) =>
          db.query(sql).then(
            () => 'accepted',
            (e: { code?: string }) => e.code,
          );
        expect(await code("UPDATE audit_log SET action = 'x'")).toBe('42501');
        expect(await code('DELETE FROM audit_log')).toBe('42501');
        expect(await code('TRUNCATE audit_log')).toBe('42501');
        expect(await code('TRUNCATE meeting_scores')).toBe('42501');
        expect(await code('ALTER TABLE meeting_record_versions DISABLE TRIGGER meeting_record_locked')).toBe(
          '42501',
        );
        expect(await code('ALTER TABLE audit_log DISABLE TRIGGER ALL')).toBe('42501');
        expect(await code('RESET ROLE')).toBe('accepted');
        // Logged in as itself, there is no owner role to go back to.
        expect((await connectionRole(db)).ownsTables).toBe(false);
        expect(
          await code("INSERT INTO audit_log (action, entity_type) VALUES ('test.append', 'system')"),
        ).toBe('accepted');
        expect(await code('SELECT count(*) FROM audit_log')).toBe('accepted');
      } finally {
        await db.close();
      }
    },
  );
});
