import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  describeZipRefusal,
  findEntry,
  inspectZip,
  measureInflated,
  measureInflatedAsync,
  readZipEntry,
  ZipContentError,
} from './zip-guard.js';

const MB = 1024 * 1024;

async function zip(files: Record<string, string | Uint8Array>): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, content] of Object.entries(files)) z.file(name, content);
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Rewrites the uncompressed size the central directory declares for `name`: a lying archive. */
function declare(bytes: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(bytes);
  for (let p = out.length - 46; p >= 0; p--) {
    if (out.readUInt32LE(p) !== 0x02014b50) continue;
    const len = out.readUInt16LE(p + 28);
    if (out.toString('utf8', p + 46, p + 46 + len) === name) {
      out.writeUInt32LE(size, p + 24);
      return out;
    }
  }
  throw new Error(`no entry ${name}`);
}

describe('zip guard', () => {
  it('lets a real workbook through and reads what it declares', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('DS').addRow(['Họ và tên', 'Ngày sinh']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const verdict = inspectZip(bytes, { maxUnzippedBytes: MB });
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    expect(measureInflated(bytes, verdict.entries, MB)).toBe(verdict.unzippedBytes);
    const types = readZipEntry(bytes, findEntry(verdict.entries, '[Content_Types].xml')!, MB).toString(
      'utf8',
    );
    expect(types).toContain('spreadsheetml.sheet.main');
  });

  it('refuses a bomb by its compression ratio before inflating it', async () => {
    // 64 MB of zeros deflate to about 64 kB: a ratio near 1 000.
    const bytes = await zip({
      '[Content_Types].xml': '<Types/>',
      'xl/worksheets/sheet1.xml': new Uint8Array(64 * MB),
    });
    expect(bytes.length).toBeLessThan(200 * 1024);
    const verdict = inspectZip(bytes, { maxUnzippedBytes: 1024 * MB });
    expect(verdict).toMatchObject({
      ok: false,
      reason: 'ratio',
      entry: 'xl/worksheets/sheet1.xml',
      limit: 200,
    });
  });

  it('refuses more declared content than the limit, and too many entries', async () => {
    const text = Array.from({ length: 2000 }, (_, i) => `<row r="${i}">${Math.sin(i)}</row>`).join('');
    const bytes = await zip({ 'a.xml': text, 'b.xml': text });
    expect(inspectZip(bytes, { maxUnzippedBytes: 10_000 })).toMatchObject({
      ok: false,
      reason: 'too_large',
      unzippedBytes: text.length * 2,
      limit: 10_000,
    });
    expect(inspectZip(bytes, { maxUnzippedBytes: MB, maxEntries: 1 })).toMatchObject({
      ok: false,
      reason: 'too_many_entries',
      entries: 2,
    });
  });

  it('never inflates past what a lying directory declares', async () => {
    // Under 1 MB a ratio is not looked at: only the inflation itself can catch the lie.
    const honest = await zip({ '[Content_Types].xml': new Uint8Array(512 * 1024).fill(32) });
    const lying = declare(honest, '[Content_Types].xml', 100);
    const verdict = inspectZip(lying, { maxUnzippedBytes: MB });
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof ZipContentError ? err.refusal : err;
      }
    };
    const mismatch = { reason: 'mismatch', entry: '[Content_Types].xml', declaredBytes: 100 };
    expect(refusal(() => measureInflated(lying, verdict.entries, MB))).toEqual(mismatch);
    expect(refusal(() => readZipEntry(lying, verdict.entries[0]!, MB))).toEqual(mismatch);
    await expect(measureInflatedAsync(lying, verdict.entries, MB)).rejects.toMatchObject({
      refusal: mismatch,
    });
    // Honest, the same entry reads fine within its budget.
    const ok = inspectZip(honest, { maxUnzippedBytes: MB });
    expect(ok.ok && measureInflated(honest, ok.entries, MB)).toBe(512 * 1024);
    expect(ok.ok && (await measureInflatedAsync(honest, ok.entries, MB))).toBe(512 * 1024);
  });

  it('calls anything else unreadable', () => {
    expect(
      inspectZip(Buffer.from('PK\u0003\u0004 not really a zip'), { maxUnzippedBytes: MB }),
    ).toMatchObject({
      ok: false,
      reason: 'unreadable',
    });
    expect(inspectZip(Buffer.alloc(0), { maxUnzippedBytes: MB })).toMatchObject({ reason: 'unreadable' });
  });

  it('says in Vietnamese which limit was passed and where it is set', () => {
    expect(
      describeZipRefusal(
        { reason: 'too_large', unzippedBytes: 120 * MB, limit: 50 * MB },
        'dang-vien.xlsx',
        'IMPORT_MAX_UNZIPPED_MB',
      ),
    ).toBe(
      "Tệp 'dang-vien.xlsx' khi giải nén lên tới 120 MB, vượt giới hạn 50 MB (thiết lập IMPORT_MAX_UNZIPPED_MB); không đọc tệp này.",
    );
    expect(
      describeZipRefusal({ reason: 'ratio', entry: 'word/document.xml', ratio: 1017.4, limit: 200 }),
    ).toBe(
      "Tệp này có phần 'word/document.xml' nén tới 1.017 lần (giới hạn 200 lần): nghi là “bom nén”, không đọc.",
    );
  });
});
