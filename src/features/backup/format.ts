/**
 * The backup file: gzip of JSON lines (docs/decisions/020-backup-and-restore.md).
 *
 *   {"format":"chibo-backup","version":1,...header}      schema version, tables, sequences
 *   {"table":"org_units"}                                 then one JSON array per row (text values)
 *   ["1",null,"/1/","Đảng bộ …",…]
 *   {"end":"org_units","rows":12,"sha256":"…"}            count and digest of the rows above
 *   …
 *   {"done":true,"tables":36,"rows":12345}                absent when the file was cut short
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { AppError } from '../../server/errors.js';
import type { TableInfo } from './catalog.js';

export const FORMAT = 'chibo-backup';
export const FORMAT_VERSION = 1;

export interface SequenceValue {
  name: string;
  table: string | null;
  column: string | null;
  /** Text form of the sequence's last value (bigint); null when never used. */
  lastValue: string | null;
}

export interface BackupHeader {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  createdAt: string;
  db: 'pglite' | 'postgres';
  server: string;
  /** Applied migrations of the source database, in the order they were applied. */
  migrations: string[];
  tables: TableInfo[];
  sequences: SequenceValue[];
}

export type Line =
  | { kind: 'table'; table: string }
  | { kind: 'row'; row: (string | null)[] }
  | { kind: 'end'; table: string; rows: number; sha256: string }
  | { kind: 'done'; tables: number; rows: number };

/** Writes the gzip'd lines to `out`, waiting when the stream asks to (a large table never piles up). */
export class BackupWriter {
  private readonly gzip = createGzip({ level: 6 });
  private readonly finished: Promise<void>;
  bytesIn = 0;

  constructor(out: Writable) {
    this.gzip.pipe(out);
    this.finished = new Promise((resolve, reject) => {
      out.once('finish', resolve);
      out.once('error', reject);
      this.gzip.once('error', reject);
    });
    // Rejections are awaited in close(); an early one must not count as unhandled meanwhile.
    this.finished.catch(() => {});
  }

  async write(value: unknown): Promise<void> {
    const text = `${JSON.stringify(value)}\n`;
    this.bytesIn += Buffer.byteLength(text);
    if (!this.gzip.write(text)) await once(this.gzip, 'drain');
  }

  async close(): Promise<void> {
    this.gzip.end();
    await this.finished;
  }
}

const invalid = (why: string) => new AppError('BACKUP_FILE_INVALID', `Tệp sao lưu không dùng được: ${why}.`);

/** Lines of a backup file, the header first; a damaged or foreign file is refused in Vietnamese. */
export async function* readBackup(input: Readable): AsyncGenerator<BackupHeader | Line> {
  const gunzip = createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  // Decoded as a stream: a character split between two chunks stays whole.
  gunzip.setEncoding('utf8');
  let rest = '';
  let first = true;
  const parse = (text: string): BackupHeader | Line => {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      throw invalid('có dòng không đọc được (tệp hỏng?)');
    }
    if (first) {
      first = false;
      const h = v as Partial<BackupHeader>;
      if (h?.format !== FORMAT) throw invalid('không phải tệp sao lưu của chibo');
      if (h.version !== FORMAT_VERSION) throw invalid(`phiên bản định dạng ${h.version} chưa được hỗ trợ`);
      return h as BackupHeader;
    }
    if (Array.isArray(v)) return { kind: 'row', row: v as (string | null)[] };
    const o = v as Record<string, unknown>;
    if (typeof o.table === 'string') return { kind: 'table', table: o.table };
    if (typeof o.end === 'string')
      return { kind: 'end', table: o.end, rows: Number(o.rows), sha256: String(o.sha256) };
    if (o.done === true) return { kind: 'done', tables: Number(o.tables), rows: Number(o.rows) };
    throw invalid('có dòng không đúng định dạng');
  };
  try {
    for await (const chunk of gunzip) {
      rest += chunk as string;
      let nl = rest.indexOf('\n');
      while (nl >= 0) {
        const text = rest.slice(0, nl);
        rest = rest.slice(nl + 1);
        if (text) yield parse(text);
        nl = rest.indexOf('\n');
      }
    }
    if (rest.trim()) yield parse(rest);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid('không giải nén được (tệp hỏng hoặc bị cắt cụt)');
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  if (first) throw invalid('tệp trống');
}
