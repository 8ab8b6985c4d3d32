/**
 * Issue 8, point 15: backups are a command. A seeded demo (a year of meetings, adopted minutes on
 * keyed chains, confirmed scores) is backed up while the app serves, restored into a fresh
 * database, and reads back identical: row count and digest of every table, the records' keyed
 * hashes intact, the locks back on, ids continuing after the restored ones. A restore refuses a
 * database that holds data, a damaged file, and a file whose minutes were rewritten (even with
 * the file's own digests recomputed): restoring is no way to forge records.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Executor } from '../../src/db/executor.js';
import { backupToFile } from '../../src/features/backup/backup.js';
import { readCatalog } from '../../src/features/backup/catalog.js';
import { restoreBackup, restoreFromFile } from '../../src/features/backup/restore.js';
import { digestTables, fixTextForms, TableDigest } from '../../src/features/backup/rows.js';
import { seedDemoIfEmpty } from '../../src/features/demo/seed.js';
import { reportLines, verifyIntegrity } from '../../src/features/integrity/verify.js';
import { AppError } from '../../src/server/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createTestDb, type TestDb } from '../support/db.js';

const verify = async (tx: Executor) => {
  const r = await verifyIntegrity(tx);
  return { ok: r.ok, lines: reportLines(r) };
};

/** Every table's row count and digest, read the way the backup reads them. */
const digests = (db: Db) =>
  db.transaction(async (tx) => {
    await fixTextForms(tx);
    return digestTables(tx, (await readCatalog(tx)).tables);
  });

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'the restore was refused').toBeInstanceOf(AppError);
  return err as AppError;
}

const count = async (db: Db, sql: string) => ((await db.query<{ n: number }>(sql))[0]?.n ?? -1) as number;

describe('backup and restore', () => {
  let t: TestApp;
  let dir: string;
  let file: string;
  const fresh: TestDb[] = [];
  const freshDb = async () => {
    const d = await createTestDb({ migrated: false });
    fresh.push(d);
    return d.db;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIfEmpty(t.db);
    // A cell moved under a unit created after it: its parent has the larger id (the self-reference
    // is loaded in a second pass). A document's bytes with every byte value.
    const [root] = await t.db.query<{ id: number; path: string }>(
      'SELECT id, path FROM org_units WHERE parent_id IS NULL ORDER BY id LIMIT 1',
    );
    const [late] = await t.db.query<{ id: number; path: string }>(
      `INSERT INTO org_units (parent_id, path, name, kind) VALUES ($1, $2 || 'x/', 'Đảng bộ bộ phận Mới Lập', 'dang_bo_bo_phan')
       RETURNING id, path`,
      [root!.id, root!.path],
    );
    await t.db.query('UPDATE org_units SET path = $2 WHERE id = $1', [late!.id, `${root!.path}${late!.id}/`]);
    const [cell] = await t.db.query<{ id: number }>(
      `SELECT u.id FROM org_units u WHERE u.kind = 'chi_bo' AND NOT EXISTS (SELECT 1 FROM org_units c WHERE c.parent_id = u.id)
        ORDER BY u.id LIMIT 1`,
    );
    await t.db.query('UPDATE org_units SET parent_id = $2, path = $3 WHERE id = $1', [
      cell!.id,
      late!.id,
      `${root!.path}${late!.id}/${cell!.id}/`,
    ]);
    const [m] = await t.db.query<{ id: number }>('SELECT id FROM meetings ORDER BY id DESC LIMIT 1');
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await t.db.query(
      `INSERT INTO meeting_documents (meeting_id, purpose, title, file_name, mime_type, size_bytes, sha256, content)
       VALUES ($1, 'material', 'Tài liệu nhị phân', 'bytes.bin', 'application/pdf', 256, 'x', $2)`,
      [m!.id, bytes],
    );
    dir = mkdtempSync(path.join(tmpdir(), 'chibo-backup-'));
    file = path.join(dir, 'demo.chibo-backup.gz');
  });
  afterAll(async () => {
    for (const d of fresh) await d.dispose();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a seeded demo into a fresh database: same rows and digests, chains intact, locks on, ids go on', async () => {
    // Backed up through the application's own connection, while it serves.
    const backup = await backupToFile(t.db, file);
    const source = await digests(t.db);
    expect(backup.tables).toEqual(source);
    const adopted = await count(
      t.db,
      "SELECT count(*)::int AS n FROM meeting_record_versions WHERE status = 'adopted'",
    );
    const confirmed = await count(
      t.db,
      'SELECT count(*)::int AS n FROM meeting_scores WHERE confirmed_at IS NOT NULL',
    );
    expect(adopted).toBeGreaterThan(10);
    expect(confirmed).toBeGreaterThan(10);

    const target = await freshDb();
    const restored = await restoreFromFile(target, file, { verify });
    expect(restored.integrity?.ok).toBe(true);
    expect(restored.tables).toEqual(source);
    // Read again after the commit, independently of the restore's own check.
    expect(await digests(target)).toEqual(source);
    const check = await verifyIntegrity(target);
    expect(check).toMatchObject({ ok: true, breaks: [] });
    expect(check.records.versions).toBe(adopted);
    expect(check.scores.checked).toBe(confirmed);
    expect(await count(target, 'SELECT count(*)::int AS n FROM members')).toBeGreaterThanOrEqual(300);
    const [doc] = await target.query<{ content: Buffer }>(
      "SELECT content FROM meeting_documents WHERE file_name = 'bytes.bin'",
    );
    expect([...doc!.content]).toEqual(Array.from({ length: 256 }, (_, i) => i));

    // The locks are back: an adopted version refuses any change.
    const [v] = await target.query<{ id: number }>(
      "SELECT id FROM meeting_record_versions WHERE status = 'adopted' ORDER BY id LIMIT 1",
    );
    await expect(
      target.query("UPDATE meeting_record_versions SET correction_note = 'sửa' WHERE id = $1", [v!.id]),
    ).rejects.toThrow(/locked/);
    // Serial ids continue after the restored ones.
    for (const table of ['org_units', 'members', 'meetings', 'meeting_record_versions', 'audit_log']) {
      const [r] = await target.query<{ next: number; max: number }>(
        `SELECT nextval(pg_get_serial_sequence('${table}', 'id'))::int AS next, (SELECT max(id)::int FROM ${table}) AS max`,
      );
      expect(r!.next, table).toBeGreaterThan(r!.max);
    }
    await target.query(
      "INSERT INTO org_units (path, name, kind) VALUES ('/tam/', 'Đơn vị thêm sau khôi phục', 'dang_bo_co_so')",
    );
  });

  it('refuses a database that already holds data, and leaves it as it was', async () => {
    const before = await digests(t.db);
    const err = await refusal(restoreFromFile(t.db, file, { verify }));
    expect(err.code).toBe('RESTORE_REFUSED');
    expect(err.message).toMatch(/đã có dữ liệu.*Chỉ khôi phục vào cơ sở dữ liệu trống/s);
    expect(await digests(t.db)).toEqual(before);
  });

  it('refuses a file cut short or not a backup, and loads nothing', async () => {
    const bytes = readFileSync(file);
    const target = await freshDb();
    const cut = await refusal(
      restoreBackup(target, Readable.from([bytes.subarray(0, Math.floor(bytes.length / 10))])),
    );
    expect(cut.code).toBe('BACKUP_FILE_INVALID');
    expect(cut.message).toMatch(/cắt cụt|hỏng/);
    const foreign = await refusal(restoreBackup(target, Readable.from([gzipSync('{"hello":1}\n')])));
    expect(foreign.message).toMatch(/không phải tệp sao lưu của chibo/);
    expect(await count(target, 'SELECT count(*)::int AS n FROM org_units')).toBe(0);
  });

  it('is no way to forge minutes: rewritten content with recomputed file digests fails the keyed check', async () => {
    // The forger edits adopted minutes in the file and fixes the file's own digest of that table.
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0]!);
    const mrv = header.tables.find((x: { name: string }) => x.name === 'meeting_record_versions');
    const statusAt = mrv.columns.findIndex((c: { name: string }) => c.name === 'status');
    const contentAt = mrv.columns.findIndex((c: { name: string }) => c.name === 'content');
    const start = lines.indexOf('{"table":"meeting_record_versions"}');
    let forged = false;
    const digest = new TableDigest();
    let i = start + 1;
    for (; lines[i]!.startsWith('['); i++) {
      const row = JSON.parse(lines[i]!);
      if (!forged && row[statusAt] === 'adopted' && row[contentAt].includes('Chi bộ')) {
        // In the database's own text form of jsonb, as a careful forger would write it.
        row[contentAt] = row[contentAt].replace('Chi bộ', 'Toàn thể chi bộ nhất trí, chi bộ');
        lines[i] = JSON.stringify(row);
        forged = true;
      }
      digest.add(JSON.parse(lines[i]!));
    }
    const end = JSON.parse(lines[i]!);
    lines[i] = JSON.stringify({ ...end, sha256: digest.hex() });
    expect(forged).toBe(true);
    const forgedFile = path.join(dir, 'forged.chibo-backup.gz');
    writeFileSync(forgedFile, gzipSync(lines.join('\n')));

    const target = await freshDb();
    const err = await refusal(restoreFromFile(target, forgedFile, { verify }));
    expect(err.code).toBe('RESTORE_REFUSED');
    expect(err.message).toMatch(/không qua kiểm tra toàn vẹn/);
    expect(err.message).toMatch(/biên bản buổi/);
    expect(await count(target, 'SELECT count(*)::int AS n FROM meeting_record_versions')).toBe(0);
  });

  it('POST /api/admin/backup streams the running server’s backup to an administrator only, and writes it down', async () => {
    expect((await t.anonymous.post('/api/admin/backup')).statusCode).toBe(401);
    // Committee staff, cell secretary, supervisor, member: the whole register is not theirs.
    for (const username of ['danguy', 'bithu1', 'giamsat1', 'dangvien1']) {
      const c = await t.login(username, 'chibo-demo');
      const res = await c.post('/api/admin/backup');
      expect(res.statusCode, username).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    const admin = await t.login('quantri', 'chibo-demo');
    const res = await admin.post('/api/admin/backup');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/gzip');
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="chibo-\d{8}-\d{4}\.chibo-backup\.gz"/,
    );
    const tables = Number(res.headers['x-chibo-backup-tables']);
    const target = await freshDb();
    const restored = await restoreBackup(target, Readable.from([res.rawPayload]), { verify });
    expect(restored.tables).toHaveLength(tables);
    expect(restored.integrity?.ok).toBe(true);
    expect(await count(target, 'SELECT count(*)::int AS n FROM members')).toBe(
      await count(t.db, 'SELECT count(*)::int AS n FROM members'),
    );
    const [row] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'system.backup' AND actor_user_id = (SELECT id FROM users WHERE username = 'quantri')",
    );
    expect(row!.n).toBe(1);
  });
});
