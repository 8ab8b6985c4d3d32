/**
 * Opens the database the way the application uses it (ADR 017): the record key loaded, the
 * migrations applied as the owner of the tables, and the application's own queries made as the
 * role `chibo_app`, which owns nothing (no trigger can be disabled, no table altered or truncated,
 * the audit log only appended to).
 *
 * - PostgreSQL: migrations through DATABASE_OWNER_URL, the pool through DATABASE_URL (a login
 *   that is, or is a member of, `chibo_app`). Without DATABASE_OWNER_URL both go through
 *   DATABASE_URL (a single-role setup), with a warning.
 * - PGlite (one embedded connection, always the superuser): migrate, then `SET ROLE chibo_app`
 *   for the rest of the session. This stops a stray statement of the application, not someone
 *   holding the data directory; there the keyed hashes are what detect a change.
 */
import { rmSync } from 'node:fs';
import type { Db, Executor } from './executor.js';
import { migrate } from './migrate.js';
import { openPglite, openPostgres, openReplica } from './open.js';
import { type LoadedRecordKey, loadRecordKey } from './record-key.js';

export const APP_ROLE = 'chibo_app';

export interface AppDbOptions {
  databaseUrl?: string;
  databaseOwnerUrl?: string;
  /** PostgreSQL: connections per pool (DATABASE_POOL_MAX) and the replica (ADR 030). */
  databasePoolMax?: number;
  databaseReplicaUrl?: string;
  dataDir: string;
  recordSecret?: string;
  recordKeyFile?: string;
  /** Where operator messages go (Vietnamese): the console of the command line. */
  warn: (message: string) => void;
  /** Also told when the key file was created (back it up). */
  info?: (message: string) => void;
}

/** Who the connection acts as, and whether that role could lift the locks. */
export interface ConnectionRole {
  role: string;
  superuser: boolean;
  /** The role owns the tables (or is a member of their owner): it may disable triggers. */
  ownsTables: boolean;
}

export async function connectionRole(ex: Executor): Promise<ConnectionRole> {
  const [r] = await ex.query<ConnectionRole>(
    `SELECT current_user::text AS role, r.rolsuper AS superuser,
            pg_has_role(current_user, c.relowner, 'USAGE') AS "ownsTables"
       FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'audit_log'::regclass`,
  );
  return r!;
}

/** The key fingerprint of the newest signed record or score, if any (null before 0009). */
async function newestSigningKey(ex: Executor): Promise<string | null> {
  const [cols] = await ex.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'hash_key'
        AND table_name IN ('meeting_record_versions', 'meeting_scores')`,
  );
  if ((cols?.n ?? 0) < 2) return null;
  const [row] = await ex.query<{ hash_key: string | null }>(
    `SELECT coalesce(
       (SELECT hash_key FROM meeting_record_versions WHERE hash_key IS NOT NULL ORDER BY id DESC LIMIT 1),
       (SELECT hash_key FROM meeting_scores WHERE hash_key IS NOT NULL ORDER BY id DESC LIMIT 1)) AS hash_key`,
  );
  return row?.hash_key ?? null;
}

/**
 * A key file created just now while the database already holds records signed with another key
 * means the key was lost or not restored: signing on with a new one would split the records
 * between two keys, so the start is refused (the new file is removed).
 */
async function checkKey(ex: Executor, loaded: LoadedRecordKey, o: AppDbOptions, remove: () => void) {
  const signing = await newestSigningKey(ex);
  if (!signing || signing === loaded.key.id) return;
  if (loaded.created) {
    remove();
    throw new Error(
      `Cơ sở dữ liệu có biên bản, điểm số đã niêm phong bằng khóa ${signing} nhưng không tìm thấy tệp khóa ` +
        `${loaded.file}. Hãy khôi phục tệp khóa từ bản sao lưu (hoặc đặt RECORD_SECRET như trước) rồi khởi động lại. ` +
        'Nếu khóa cũ đã mất hẳn: đặt RECORD_SECRET mới (ít nhất 32 ký tự); khi kiểm tra, các bản ghi cũ sẽ được báo "ký bằng khóa khác".',
    );
  }
  o.warn(
    `Khóa niêm phong hiện tại (${loaded.key.id}) khác khóa đã ký bản ghi gần nhất (${signing}): ` +
      'các bản ghi ký bằng khóa kia sẽ không kiểm tra được. Kiểm tra RECORD_SECRET / RECORD_KEY_FILE (docs/operations.md).',
  );
}

function migrationHint(err: unknown): never {
  if ((err as { code?: string }).code === '42501') {
    throw new Error(
      `Không đủ quyền cập nhật cấu trúc cơ sở dữ liệu (${(err as Error).message}). ` +
        'Đặt DATABASE_OWNER_URL là kết nối của vai trò sở hữu các bảng, hoặc chạy "chibo migrate" với vai trò đó.',
    );
  }
  throw err;
}

/**
 * Opens, migrates and hands back the application's handle (carrying the record key). `applied`:
 * the migrations this start applied; `roleNotes`: warnings about the database role the
 * application acts as, for the server's log.
 */
export async function openAppDb(
  o: AppDbOptions,
): Promise<{ db: Db; applied: string[]; key: LoadedRecordKey; roleNotes: string[] }> {
  const loaded = loadRecordKey(o);
  for (const w of loaded.warnings) o.warn(w);
  const removeCreated = () => {
    if (loaded.created && loaded.file) rmSync(loaded.file, { force: true });
  };
  const recordKey = loaded.key;
  let db: Db;
  let applied: string[];
  const roleNotes: string[] = [];
  if (o.databaseUrl) {
    const separate = !!o.databaseOwnerUrl && o.databaseOwnerUrl !== o.databaseUrl;
    const owner = await openPostgres(o.databaseOwnerUrl ?? o.databaseUrl, {
      recordKey,
      poolMax: separate ? undefined : o.databasePoolMax,
    });
    try {
      await checkKey(owner, loaded, o, removeCreated);
      applied = await migrate(owner).catch(migrationHint);
    } catch (err) {
      await owner.close();
      throw err;
    }
    if (separate) await owner.close();
    db = separate ? await openPostgres(o.databaseUrl, { recordKey, poolMax: o.databasePoolMax }) : owner;
    if (o.databaseReplicaUrl)
      db.reader = await openReplica(o.databaseReplicaUrl, { recordKey, poolMax: o.databasePoolMax }, db);
    const who = await connectionRole(db);
    if (who.superuser || who.ownsTables) {
      roleNotes.push(
        (o.databaseOwnerUrl
          ? `Ứng dụng kết nối bằng vai trò "${who.role}", là ${who.superuser ? 'siêu người dùng' : 'chủ sở hữu các bảng'}: `
          : `Chưa đặt DATABASE_OWNER_URL: ứng dụng dùng chung vai trò "${who.role}" sở hữu các bảng với migration, `) +
          'nên tài khoản CSDL của ứng dụng tắt được khóa biên bản và sửa được nhật ký kiểm toán (mã kiểm tra có khóa vẫn phát hiện được sửa đổi). ' +
          `Nên cho ứng dụng kết nối bằng vai trò ${APP_ROLE} (docs/operations.md, mục "Toàn vẹn dữ liệu").`,
      );
    }
  } else {
    db = await openPglite(o.dataDir, undefined, { recordKey });
    try {
      await checkKey(db, loaded, o, removeCreated);
      applied = await migrate(db);
      await actAsAppRole(db);
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  if (loaded.created)
    o.info?.(
      `Đã tạo khóa niêm phong biên bản ${loaded.key.id} tại ${loaded.file}: hãy sao lưu tệp này riêng, ngoài bản sao lưu CSDL (docs/operations.md).`,
    );
  return { db, applied, key: loaded, roleNotes };
}

/**
 * PGlite: the rest of the session acts as the application's role (created by migration 0009).
 * Returns whether it switched.
 */
export async function actAsAppRole(db: Db): Promise<boolean> {
  const [r] = await db.query<{ present: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS present',
    [APP_ROLE],
  );
  if (!r?.present) return false;
  await db.exec(`SET ROLE ${APP_ROLE}`);
  return true;
}
