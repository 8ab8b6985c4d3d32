/**
 * Zip bombs are refused before anything is inflated. Word (.docx) and Excel (.xlsx) files are
 * zip archives; a few kilobytes can declare gigabytes of content, and a library that inflates
 * them (JSZip, exceljs) would fill the memory of the one process serving every user.
 *
 * `inspectZip` reads only the central directory (the archive's table of contents): entry count,
 * declared uncompressed sizes and compression ratios. A lying directory (sizes smaller than
 * the real content) is caught where content is actually read: `readZipEntry` and
 * `measureInflated` inflate with a hard output cap, so no more than the budget is ever produced.
 * Pure: bytes in, a verdict out; callers phrase the refusal in their own terms.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { formatNumber } from '../domain/format.js';

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes of all entries. */
  maxUnzippedBytes: number;
  /** Uncompressed / compressed size of one entry; deflate tops out near 1 032 on real data. */
  maxRatio?: number;
  maxEntries?: number;
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; nothing else is read by the Office libraries we use. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type ZipRefusal =
  | { reason: 'unreadable' }
  | { reason: 'too_many_entries'; entries: number; limit: number }
  | { reason: 'too_large'; unzippedBytes: number; limit: number }
  | { reason: 'ratio'; entry: string; ratio: number; limit: number }
  /** The entry inflates to more than its directory declares: a bomb hiding its size. */
  | { reason: 'mismatch'; entry: string; declaredBytes: number };

export type ZipVerdict =
  | { ok: true; entries: ZipEntry[]; unzippedBytes: number }
  | ({ ok: false } & ZipRefusal);

/** Office files legitimately reach 10–20× on their XML parts; bombs sit near 1 000×. */
export const DEFAULT_MAX_RATIO = 200;
export const DEFAULT_MAX_ENTRIES = 10_000;
/** A ratio is only suspicious on an entry big enough to matter. */
const RATIO_MIN_BYTES = 1024 * 1024;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

/** The central directory, checked against the limits; nothing is inflated. */
export function inspectZip(bytes: Uint8Array, limits: ZipLimits): ZipVerdict {
  const entries = readCentralDirectory(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!entries) return { ok: false, reason: 'unreadable' };
  const maxEntries = limits.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (entries.length > maxEntries)
    return { ok: false, reason: 'too_many_entries', entries: entries.length, limit: maxEntries };
  let total = 0;
  const maxRatio = limits.maxRatio ?? DEFAULT_MAX_RATIO;
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) return { ok: false, reason: 'unreadable' };
    // A stored entry is as large as it says; its bytes must be in the file.
    if (e.method === 0 && e.uncompressedSize !== e.compressedSize) return { ok: false, reason: 'unreadable' };
    total += e.uncompressedSize;
    if (e.uncompressedSize >= RATIO_MIN_BYTES) {
      const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
      if (ratio > maxRatio) return { ok: false, reason: 'ratio', entry: e.name, ratio, limit: maxRatio };
    }
  }
  if (total > limits.maxUnzippedBytes)
    return { ok: false, reason: 'too_large', unzippedBytes: total, limit: limits.maxUnzippedBytes };
  return { ok: true, entries, unzippedBytes: total };
}

/** Thrown when content inflates past its cap (the directory lied) or cannot be read. */
export class ZipContentError extends Error {
  override name = 'ZipContentError';
  constructor(readonly refusal: ZipRefusal) {
    super(refusal.reason);
  }
}

/** One entry's content, never more than `maxBytes` nor more than it declared. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Buffer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = entryData(buf, entry);
  if (!data) throw new ZipContentError({ reason: 'unreadable' });
  if (entry.uncompressedSize > maxBytes) {
    throw new ZipContentError({
      reason: 'too_large',
      unzippedBytes: entry.uncompressedSize,
      limit: maxBytes,
    });
  }
  if (entry.method === 0) return Buffer.from(data);
  const lied = () =>
    new ZipContentError({ reason: 'mismatch', entry: entry.name, declaredBytes: entry.uncompressedSize });
  let out: Buffer;
  try {
    // One byte over the declared size is enough to know it lied.
    out = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw lied();
    throw new ZipContentError({ reason: 'unreadable' });
  }
  if (out.length > entry.uncompressedSize) throw lied();
  return out;
}

/**
 * Inflates every entry, keeping nothing, to prove the archive holds no more than the budget —
 * whatever its directory says. Costs one pass of inflation; run it off the request thread.
 */
export function measureInflated(bytes: Uint8Array, entries: ZipEntry[], maxUnzippedBytes: number): number {
  let total = 0;
  for (const e of entries) {
    if (total + e.uncompressedSize > maxUnzippedBytes) {
      throw new ZipContentError({
        reason: 'too_large',
        unzippedBytes: total + e.uncompressedSize,
        limit: maxUnzippedBytes,
      });
    }
    total += readZipEntry(bytes, e, e.uncompressedSize).length;
  }
  return total;
}

/**
 * The same proof, inflating in libuv's thread pool and counting as it goes: for the request
 * path, where a synchronous inflate of tens of megabytes would stall the server.
 */
export async function measureInflatedAsync(
  bytes: Uint8Array,
  entries: ZipEntry[],
  maxUnzippedBytes: number,
): Promise<number> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const e of entries) {
    if (total + e.uncompressedSize > maxUnzippedBytes) {
      throw new ZipContentError({
        reason: 'too_large',
        unzippedBytes: total + e.uncompressedSize,
        limit: maxUnzippedBytes,
      });
    }
    const data = entryData(buf, e);
    if (!data) throw new ZipContentError({ reason: 'unreadable' });
    if (e.method === 0) {
      total += data.length;
      continue;
    }
    total += await new Promise<number>((resolve, reject) => {
      const inflate = createInflateRaw();
      let n = 0;
      inflate.on('data', (chunk: Buffer) => {
        n += chunk.length;
        if (n > e.uncompressedSize) {
          inflate.destroy();
          reject(
            new ZipContentError({ reason: 'mismatch', entry: e.name, declaredBytes: e.uncompressedSize }),
          );
        }
      });
      inflate.on('end', () => resolve(n));
      inflate.on('error', () => reject(new ZipContentError({ reason: 'unreadable' })));
      inflate.end(data);
    });
  }
  return total;
}

export function findEntry(entries: ZipEntry[], name: string): ZipEntry | undefined {
  return entries.find((e) => e.name === name);
}

function readCentralDirectory(buf: Buffer): ZipEntry[] | undefined {
  if (buf.length < 22) return undefined;
  // The end record sits in the last 22 + 65 535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - MAX16); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  let count = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === MAX16 || size === MAX32 || offset === MAX32) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== ZIP64_LOCATOR) return undefined;
    const rec = toNumber(buf.readBigUInt64LE(loc + 8));
    if (rec === undefined || rec + 56 > buf.length || buf.readUInt32LE(rec) !== ZIP64_EOCD) return undefined;
    const c = toNumber(buf.readBigUInt64LE(rec + 32));
    const s = toNumber(buf.readBigUInt64LE(rec + 40));
    const o = toNumber(buf.readBigUInt64LE(rec + 48));
    if (c === undefined || s === undefined || o === undefined) return undefined;
    count = c;
    size = s;
    offset = o;
  }
  if (offset + size > buf.length) return undefined;
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return undefined;
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen > buf.length) return undefined;
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (uncompressedSize === MAX32 || compressedSize === MAX32 || localHeaderOffset === MAX32) {
      // ZIP64 extended information: the 8-byte values, in this order, for the fields that overflowed.
      const extra = buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
      const z = zip64Extra(extra);
      if (!z) return undefined;
      let k = 0;
      const next = () => z[k++];
      if (uncompressedSize === MAX32) uncompressedSize = next() ?? Number.NaN;
      if (compressedSize === MAX32) compressedSize = next() ?? Number.NaN;
      if (localHeaderOffset === MAX32) localHeaderOffset = next() ?? Number.NaN;
      if ([uncompressedSize, compressedSize, localHeaderOffset].some((v) => !Number.isFinite(v)))
        return undefined;
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function zip64Extra(extra: Buffer): number[] | undefined {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(i);
    const len = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      const out: number[] = [];
      for (let j = i + 4; j + 8 <= i + 4 + len && j + 8 <= extra.length; j += 8) {
        const v = toNumber(extra.readBigUInt64LE(j));
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    }
    i += 4 + len;
  }
  return undefined;
}

function toNumber(v: bigint): number | undefined {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
}

function entryData(buf: Buffer, e: ZipEntry): Buffer | undefined {
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) return undefined;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) return undefined;
  return buf.subarray(start, end);
}

/** "12,5 MB" — sizes as Vietnamese messages show them. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${formatNumber(mb, mb < 10 ? 1 : 0)} MB`;
}

/**
 * The refusal in a sentence (Vietnamese), naming the limit and, when an operator can raise it,
 * the setting that holds it.
 */
export function describeZipRefusal(refusal: ZipRefusal, fileName?: string, setting?: string): string {
  const file = fileName ? `Tệp '${fileName}'` : 'Tệp này';
  const where = setting ? ` (thiết lập ${setting})` : '';
  switch (refusal.reason) {
    case 'unreadable':
      return `${file} không phải tệp nén Word/Excel hợp lệ.`;
    case 'too_many_entries':
      return `${file} chứa ${formatNumber(refusal.entries)} thành phần nén, vượt giới hạn ${formatNumber(refusal.limit)}; nghi là “bom nén”, không đọc.`;
    case 'too_large':
      return `${file} khi giải nén lên tới ${formatMegabytes(refusal.unzippedBytes)}, vượt giới hạn ${formatMegabytes(refusal.limit)}${where}; không đọc tệp này.`;
    case 'mismatch':
      return `${file} có phần '${refusal.entry}' chứa nhiều hơn kích thước nó khai (${formatMegabytes(refusal.declaredBytes)}): nghi là “bom nén”, không đọc.`;
    case 'ratio':
      return `${file} có phần '${refusal.entry}' nén tới ${formatNumber(refusal.ratio)} lần (giới hạn ${formatNumber(refusal.limit)} lần): nghi là “bom nén”, không đọc.`;
  }
}
