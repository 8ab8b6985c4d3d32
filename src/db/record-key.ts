/**
 * The server secret that signs locked records (adopted minutes, confirmed scores) with
 * HMAC-SHA-256. It is kept outside the database (RECORD_SECRET or a key file), so someone who can
 * edit the tables cannot recompute a valid signature (docs/decisions/017-record-integrity.md).
 *
 * The database handle carries the key (`Executor.recordKey`): every function that writes or checks
 * a locked record already receives the executor (house rule 3), so the key travels with it.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface RecordKey {
  /** Public fingerprint stored beside each signature: tells "another key" from "tampered". */
  readonly id: string;
  readonly secret: Buffer;
}

/** A key from its text form (RECORD_SECRET, or the content of the key file). */
export function recordKeyFromSecret(secret: string): RecordKey {
  const bytes = Buffer.from(secret.trim(), 'utf8');
  if (bytes.length < 32) throw new Error('Khóa niêm phong phải dài ít nhất 32 ký tự.');
  const id = createHash('sha256').update('chibo/record-key-id\n').update(bytes).digest('hex').slice(0, 16);
  return { id, secret: bytes };
}

/** HMAC-SHA-256 of `message` under the key, in hex. */
export function hmacHex(key: RecordKey, message: string): string {
  return createHmac('sha256', key.secret).update(message, 'utf8').digest('hex');
}

/** Where the key came from, and whether this start created it (the operator must back it up). */
export interface LoadedRecordKey {
  key: RecordKey;
  source: 'env' | 'file';
  file?: string;
  created: boolean;
  /** Notes for the operator's log (Vietnamese). */
  warnings: string[];
}

export const KEY_FILE_NAME = 'record-secret.key';

/**
 * The key from RECORD_SECRET, else from the key file (RECORD_KEY_FILE, default
 * `<DATA_DIR>/record-secret.key`), created on first start with 32 random bytes, readable by
 * the service's user only.
 */
export function loadRecordKey(o: {
  recordSecret?: string;
  recordKeyFile?: string;
  dataDir: string;
}): LoadedRecordKey {
  if (o.recordSecret)
    return { key: recordKeyFromSecret(o.recordSecret), source: 'env', created: false, warnings: [] };
  const file = path.resolve(o.recordKeyFile ?? path.join(o.dataDir, KEY_FILE_NAME));
  const warnings: string[] = [];
  let created = false;
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      // `wx`: two processes starting together never write two different keys.
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    warnings.push(
      `Tệp khóa niêm phong ${file} đọc được bởi người dùng khác: hãy đặt quyền 600 (chmod 600 ${file}).`,
    );
  }
  return { key: recordKeyFromSecret(readFileSync(file, 'utf8')), source: 'file', file, created, warnings };
}
