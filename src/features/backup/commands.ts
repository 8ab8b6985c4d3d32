/**
 * `chibo backup FILE` and `chibo restore FILE` as the operator runs them (src/cli.ts calls these).
 *
 * Neither migrates first: a backup copies the database as it is (taken before an upgrade, it must
 * hold the old version), and a restore builds the backup's own schema version itself. Both open
 * the database as the tables' owner (DATABASE_OWNER_URL, else DATABASE_URL; on PGlite the embedded
 * superuser): a restore lifts the locks for the load, which only the owner may do.
 */
import { rmSync, statSync } from 'node:fs';
import type { Config } from '../../config.js';
import type { Db } from '../../db/executor.js';
import { openPglite, openPostgres } from '../../db/open.js';
import { loadRecordKey } from '../../db/record-key.js';
import { reportLines, verifyIntegrity } from '../integrity/verify.js';
import { backupToFile } from './backup.js';
import { restoreFromFile } from './restore.js';
import type { TableSummary } from './rows.js';

type Print = (line: string) => void;

const nf = new Intl.NumberFormat('vi-VN');
const seconds = (ms: number) =>
  new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(ms / 1000);
const megabytes = (bytes: number) =>
  new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(bytes / 1024 / 1024);

/** One line per table: the same form in both reports, so they can be compared line by line. */
export function tableLine(t: TableSummary): string {
  return `  ${t.table}: ${nf.format(t.rows)} dòng, sha256 ${t.sha256}`;
}

function openOwner(config: Config, recordKey?: ReturnType<typeof loadRecordKey>['key']): Promise<Db> {
  const url = config.databaseOwnerUrl ?? config.databaseUrl;
  return url ? openPostgres(url, { recordKey }) : openPglite(config.dataDir, undefined, { recordKey });
}

export async function backupCommand(config: Config, file: string, print: Print): Promise<number> {
  const started = Date.now();
  const db = await openOwner(config);
  try {
    const s = await backupToFile(db, file);
    print(
      `Đã sao lưu ${s.tables.length} bảng, ${nf.format(s.rows)} dòng vào ${file} ` +
        `(${megabytes(statSync(file).size)} MB đã nén) trong ${seconds(Date.now() - started)} giây.`,
    );
    print(`Phiên bản cấu trúc: ${s.migrations.at(-1) ?? '(trống)'} (${s.migrations.length} migration).`);
    print('Số dòng và mã kiểm tra (sha256) của từng bảng:');
    for (const t of s.tables) print(tableLine(t));
    print(
      'Bản sao lưu KHÔNG chứa khóa niêm phong biên bản (RECORD_SECRET hoặc tệp record-secret.key): hãy giữ khóa riêng, ' +
        'cùng với bản sao lưu, để kiểm tra được biên bản sau khi khôi phục.',
    );
    return 0;
  } finally {
    await db.close();
  }
}

export async function restoreCommand(
  config: Config,
  file: string,
  opts: { unverified: boolean },
  print: Print,
): Promise<number> {
  const started = Date.now();
  const key = loadRecordKey({
    recordSecret: config.recordSecret,
    recordKeyFile: config.recordKeyFile,
    dataDir: config.dataDir,
  });
  for (const w of key.warnings) print(`CẢNH BÁO: ${w}`);
  const db = await openOwner(config, key.key);
  let ok = false;
  try {
    const s = await restoreFromFile(db, file, {
      unverified: opts.unverified,
      verify: async (tx) => {
        const r = await verifyIntegrity(tx);
        return { ok: r.ok, lines: reportLines(r) };
      },
    });
    ok = true;
    print(
      `Đã khôi phục ${s.tables.length} bảng, ${nf.format(s.rows)} dòng từ ${file} ` +
        `(bản sao lưu lúc ${s.sourceCreatedAt}) trong ${seconds(Date.now() - started)} giây.`,
    );
    print('Số dòng và mã kiểm tra (sha256) của từng bảng khớp với bản sao lưu:');
    for (const t of s.tables) print(tableLine(t));
    if (s.upgraded.length) print(`Đã nâng cấp cấu trúc sau khi nạp: ${s.upgraded.join(', ')}.`);
    for (const line of s.integrity?.lines ?? []) print(line);
    if (key.created)
      print(
        `Đã tạo khóa niêm phong mới ${key.key.id} tại ${key.file} (bản sao lưu chưa có biên bản nào được niêm phong). Hãy sao lưu tệp này.`,
      );
    return s.integrity && !s.integrity.ok ? 1 : 0;
  } finally {
    await db.close();
    // A key file made by this attempt is not the server's key: gone with the failed restore.
    if (!ok && key.created && key.file) rmSync(key.file, { force: true });
  }
}
