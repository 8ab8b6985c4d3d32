/**
 * The hand-written streaming XLSX writer (ADR 028) and the member list written with it: read back
 * with ExcelJS (values, merges, widths, frozen view, print titles, styles) and with JSZip (every
 * entry's CRC checked), compared cell by cell with the in-memory exceljs workbook of the same
 * members, re-imported, and the ZIP's data descriptor checked byte by byte.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseMemberFile } from '../features/members/import/parse.js';
import { validateRows } from '../features/members/import/validate.js';
import { type ExportMember, MEMBER_COLUMNS, renderMembersXlsx } from './members-xlsx.js';
import { openMembersXlsxStream } from './members-xlsx-stream.js';
import {
  columnName,
  escapeXml,
  openXlsxStream,
  XLSX_STYLE,
  type XlsxStreamWriter,
} from './xlsx-stream-writer.js';

const INPUT = {
  title: 'DANH SÁCH ĐẢNG VIÊN',
  unitName: 'Đảng bộ phường Bến Nghé',
  parentName: 'Đảng bộ Quận 1',
  asOf: '2026-02-28',
};

const MEMBERS: ExportMember[] = [
  {
    fullName: 'Nguyễn Văn An',
    birthDate: '1970-01-15',
    gender: 'nam',
    ethnicity: 'Kinh',
    hometown: 'Xã Yên Phụ, huyện Yên Phong, tỉnh Bắc Ninh',
    address: 'Số 5, đường Lê Lợi',
    admissionDate: '1995-02-03',
    officialDate: '1996-02-03',
    cardNumber: '01234567',
    cellName: 'Chi bộ Khu phố 1',
    nationalId: '001070000123',
    phone: '0912345678',
    email: 'an@example.vn',
    statusLabel: 'Chính thức',
    notes: 'Bí thư chi bộ',
  },
  {
    fullName: 'Trần Thị <Bình> & "Bé"',
    birthDate: '1980-05-20',
    gender: 'nu',
    cellName: 'Chi bộ Khu phố 2 & 3',
    nationalId: '079180000002',
    statusLabel: 'Dự bị',
    notes: 'Ghi\u0007 chú\u0000 <b>đậm</b> > 5',
  },
  {
    fullName: 'Lê Hoàng Cường',
    birthDate: '1985-08-15',
    cellName: 'Chi bộ Khu phố 1',
    statusLabel: 'Miễn sinh hoạt',
  },
];

async function collect(write: (sink: Writable) => Promise<void>): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await write(sink);
  return Buffer.concat(chunks);
}

async function streamed(members: readonly ExportMember[], input = INPUT): Promise<Buffer> {
  return collect(async (sink) => {
    const w = openMembersXlsxStream({ stream: sink }, input);
    for (let i = 0; i < members.length; i++) {
      w.add(members[i]!);
      if ((i + 1) % 100 === 0) await w.drain();
    }
    await w.drain();
    await w.finish();
  });
}

async function load(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** What a cell shows: its value ('' as empty) and the parts of its style a reader sees. */
function look(cell: ExcelJS.Cell) {
  const f = cell.font ?? {};
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return {
    value: cell.value === '' ? null : cell.value,
    font: f.name ? { name: f.name, size: f.size, bold: !!f.bold, italic: !!f.italic } : null,
    alignment: cell.alignment ?? null,
    border: cell.border && Object.keys(cell.border).length ? cell.border : null,
    fill: fill?.pattern && fill.pattern !== 'none' ? { pattern: fill.pattern, fg: fill.fgColor } : null,
    numFmt: cell.numFmt ?? null,
  };
}

describe('escapeXml and columnName', () => {
  it('escapes the XML specials and drops what XML 1.0 cannot hold', () => {
    expect(escapeXml('Lê Văn A')).toBe('Lê Văn A');
    expect(escapeXml('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(escapeXml('x\u0000y\u0007z\u001Fw\uFFFE')).toBe('xyzw');
    expect(escapeXml('tab\tline\nok')).toBe('tab\tline\nok');
    expect(escapeXml('cr\r')).toBe('cr&#13;');
    // A lone surrogate goes; a pair (an emoji) stays.
    expect(escapeXml('a\uD800b\uDC00c😀')).toBe('abc😀');
  });

  it('names columns as Excel does', () => {
    expect([1, 16, 26, 27, 52, 703, 16384].map(columnName)).toEqual([
      'A',
      'P',
      'Z',
      'AA',
      'AZ',
      'AAA',
      'XFD',
    ]);
  });
});

describe('openMembersXlsxStream (hand-written writer)', () => {
  it('shows exactly what the exceljs workbook shows: every value and style, merges, widths', async () => {
    const mine = await load(await streamed(MEMBERS));
    const ref = await load(await renderMembersXlsx({ ...INPUT, members: MEMBERS }));
    expect(mine.name).toBe(ref.name);
    expect(mine.rowCount).toBe(ref.rowCount);
    for (let r = 1; r <= ref.rowCount; r++) {
      expect(mine.getRow(r).height, `row ${r} height`).toBe(ref.getRow(r).height);
      for (let c = 1; c <= MEMBER_COLUMNS.length; c++) {
        expect(look(mine.getCell(r, c)), `${columnName(c)}${r}`).toEqual(look(ref.getCell(r, c)));
      }
    }
    expect([...mine.model.merges].sort()).toEqual([...ref.model.merges].sort());
    expect(mine.model.merges.sort()).toEqual(['A1:F1', 'A2:F2', 'A4:P4', 'A5:P5']);
    // exceljs leaves out a column of width 9 (its default); the file here states every width.
    MEMBER_COLUMNS.forEach((c, k) => {
      expect(mine.getColumn(k + 1).width).toBe(c.width);
    });
    expect(mine.views[0]).toMatchObject({ state: 'frozen', ySplit: 7, xSplit: 0, topLeftCell: 'A8' });
    expect(mine.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '7:7',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    });
    expect(mine.headerFooter.oddFooter).toBe('Trang &P / &N');
  });

  it('writes the header bold, centred, wrapped, bordered on grey, and body cells bordered', async () => {
    const ws = await load(await streamed(MEMBERS));
    const h = ws.getCell('B7');
    expect(h.value).toBe('Họ và tên');
    expect(h.font).toMatchObject({ name: 'Times New Roman', size: 11, bold: true });
    expect(h.alignment).toEqual({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(h.border).toEqual({
      left: { style: 'thin' },
      right: { style: 'thin' },
      top: { style: 'thin' },
      bottom: { style: 'thin' },
    });
    expect(h.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } });
    const name = ws.getCell('B8');
    expect(name.font).toMatchObject({ name: 'Times New Roman', size: 11 });
    expect(name.font.bold).toBeFalsy();
    expect(name.alignment).toEqual({ vertical: 'middle', wrapText: true });
    expect(name.border?.left).toEqual({ style: 'thin' });
    expect(ws.getCell('C8').alignment).toMatchObject({ horizontal: 'center' });
    // An empty body cell keeps its borders.
    expect(ws.getCell('E9').value).toBeNull();
    expect(ws.getCell('E9').border?.bottom).toEqual({ style: 'thin' });
    expect(ws.getCell('A4').font).toMatchObject({ name: 'Times New Roman', size: 14, bold: true });
    expect(ws.getCell('A5').font).toMatchObject({ size: 12, italic: true });
  });

  it('keeps identity numbers and dates as text, the STT a number, diacritics and specials intact', async () => {
    const ws = await load(await streamed(MEMBERS));
    const first = ws.getRow(8);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(1).numFmt).toBeUndefined();
    expect(first.getCell(3).value).toBe('15/01/1970');
    expect(first.getCell(10).value).toBe('01234567');
    expect(first.getCell(12).value).toBe('001070000123');
    expect(first.getCell(12).numFmt).toBe('@');
    expect(first.getCell(6).value).toBe('Xã Yên Phụ, huyện Yên Phong, tỉnh Bắc Ninh');
    const second = ws.getRow(9);
    expect(second.getCell(2).value).toBe('Trần Thị <Bình> & "Bé"');
    expect(second.getCell(4).value).toBe('Nữ');
    expect(second.getCell(11).value).toBe('Chi bộ Khu phố 2 & 3');
    // The control characters are dropped (XML 1.0 cannot carry them), the rest stays.
    expect(second.getCell(16).value).toBe('Ghi chú <b>đậm</b> > 5');
    expect(ws.getRow(10).getCell(12).value).toBeNull();
    expect(ws.getRow(10).getCell(15).value).toBe('Miễn sinh hoạt');
  });

  it('writes inline strings only (no shared strings part) and a valid ZIP whose CRCs check', async () => {
    const bytes = await streamed(MEMBERS);
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(Object.keys(zip.files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/app.xml',
      'docProps/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain('t="inlineStr"');
    expect(sheet).not.toContain('t="s"');
    expect(sheet).toContain('<c r="A8" s="8"><v>1</v></c>');
    expect(sheet).toContain('Trần Thị &lt;Bình&gt; &amp; &quot;Bé&quot;');
    expect(sheet).toContain(
      '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    );
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">'Danh sách đảng viên'!$7:$7</definedName>`,
    );
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dc:creator>Chibo</dc:creator>');
    expect(core).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2026-02-28T00:00:00Z</dcterms:created>',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.creator).toBe('Chibo');
  });

  it('writes the header alone for no members, right below the title without a parent unit', async () => {
    const bytes = await streamed([], { ...INPUT, parentName: undefined as unknown as string });
    await JSZip.loadAsync(bytes, { checkCRC32: true });
    const ws = await load(bytes);
    expect(ws.getCell('A1').value).toBe('ĐẢNG BỘ PHƯỜNG BẾN NGHÉ');
    expect(ws.getCell('B6').value).toBe('Họ và tên');
    expect(ws.rowCount).toBe(6);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(ws.pageSetup.printTitlesRow).toBe('6:6');
  });

  it('writes 12.345 members with the right CRC and sizes, every row in order', async () => {
    const many: ExportMember[] = Array.from({ length: 12_345 }, (_, i) => ({
      fullName: `Đảng viên số ${i + 1}`,
      nationalId: String(i).padStart(12, '0'),
      birthDate: '1990-03-04',
      cellName: `Chi bộ ${i % 37}`,
      statusLabel: 'Chính thức',
    }));
    const bytes = await streamed(many);
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('nodebuffer');
    expect(xml.toString('utf8')).toMatch(/<\/worksheet>$/);
    const ws = await load(bytes);
    expect(ws.rowCount).toBe(7 + 12_345);
    for (const i of [0, 1, 999, 6000, 12_344]) {
      const row = ws.getRow(8 + i);
      expect(row.getCell(1).value).toBe(i + 1);
      expect(row.getCell(2).value).toBe(`Đảng viên số ${i + 1}`);
      expect(row.getCell(12).value).toBe(String(i).padStart(12, '0'));
    }
  });

  it('re-imports its own file: the header found, every column recognised, no errors', async () => {
    const parsed = await parseMemberFile(await streamed(MEMBERS.slice(0, 1)), 'danh-sach.xlsx');
    expect(parsed.headerRow).toBe(7);
    expect(parsed.columns).toHaveLength(14);
    expect(parsed.unknownColumns).toEqual(['Trạng thái']);
    const { rows, errors } = validateRows(parsed, {
      cells: [{ id: 11, name: 'Chi bộ Khu phố 1' }],
      today: '2026-03-01',
    });
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      fullName: 'Nguyễn Văn An',
      nationalId: '001070000123',
      cardNumber: '01234567',
    });
  });
});

describe('openXlsxStream (the ZIP)', () => {
  const sheet = { name: 'Trang tính', columns: [{ width: 10 }, { width: 20 }] };

  it('streams the sheet with a data descriptor whose CRC and sizes match the central directory', async () => {
    const bytes = await collect(async (sink) => {
      const w = openXlsxStream({ stream: sink }, { sheet, creator: 'Chibo' });
      for (let i = 0; i < 2000; i++) w.addRow([i, `dòng ${i}`], [0, XLSX_STYLE['body-text']]);
      await w.finish();
    });
    // The end of central directory record, then the sheet's central header (the last entry).
    const eocd = bytes.length - 22;
    expect(bytes.readUInt32LE(eocd)).toBe(0x06054b50);
    const entries = bytes.readUInt16LE(eocd + 10);
    const cdStart = bytes.readUInt32LE(eocd + 16);
    let p = cdStart;
    let central: { crc: number; compressed: number; size: number; offset: number; flags: number } | undefined;
    for (let i = 0; i < entries; i++) {
      expect(bytes.readUInt32LE(p)).toBe(0x02014b50);
      const nameLen = bytes.readUInt16LE(p + 28);
      const name = bytes.subarray(p + 46, p + 46 + nameLen).toString();
      if (name === 'xl/worksheets/sheet1.xml') {
        central = {
          flags: bytes.readUInt16LE(p + 8),
          crc: bytes.readUInt32LE(p + 16),
          compressed: bytes.readUInt32LE(p + 20),
          size: bytes.readUInt32LE(p + 24),
          offset: bytes.readUInt32LE(p + 42),
        };
      }
      p += 46 + nameLen;
    }
    expect(central).toBeDefined();
    const c = central!;
    expect(c.flags & 0x0008).toBe(0x0008);
    // Local header: bit 3 set, CRC and sizes zero; the data; the descriptor after it.
    expect(bytes.readUInt32LE(c.offset)).toBe(0x04034b50);
    expect(bytes.readUInt16LE(c.offset + 6) & 0x0008).toBe(0x0008);
    expect(bytes.readUInt32LE(c.offset + 14)).toBe(0);
    const dataStart = c.offset + 30 + bytes.readUInt16LE(c.offset + 26);
    const data = bytes.subarray(dataStart, dataStart + c.compressed);
    const xml = zlib.inflateRawSync(data);
    expect(xml.length).toBe(c.size);
    expect(zlib.crc32(xml)).toBe(c.crc);
    const d = dataStart + c.compressed;
    expect(bytes.readUInt32LE(d)).toBe(0x08074b50);
    expect([bytes.readUInt32LE(d + 4), bytes.readUInt32LE(d + 8), bytes.readUInt32LE(d + 12)]).toEqual([
      c.crc,
      c.compressed,
      c.size,
    ]);
    expect(d + 16).toBe(cdStart);
    const ws = await load(bytes);
    expect(ws.getCell('A2000').value).toBe(1999);
    expect(ws.getCell('B2000').value).toBe('dòng 1999');
  });

  it('keeps back-pressure: drain() waits for a slow output, which never holds much', async () => {
    let buffered = 0;
    let total = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, cb) {
        total += chunk.length;
        setTimeout(cb, 2);
      },
    });
    const w: XlsxStreamWriter = openXlsxStream({ stream: slow }, { sheet, level: 0 });
    const noise = 'x'.repeat(500);
    for (let i = 0; i < 20_000; i++) {
      w.addRow([i, `${noise}${i}`]);
      if ((i + 1) % 100 === 0) {
        await w.drain();
        buffered = Math.max(buffered, slow.writableLength);
      }
    }
    await w.finish();
    // ~10 MB went through; the output never held more than a few chunks of it.
    expect(total).toBeGreaterThan(10_000_000);
    expect(total).toBe(w.bytesWritten);
    expect(buffered).toBeLessThan(512 * 1024);
  });

  it('rejects when the output fails instead of hanging', async () => {
    const broken = new Writable({
      write(_chunk, _enc, cb) {
        cb(new Error('đĩa đầy'));
      },
    });
    const w = openXlsxStream({ stream: broken }, { sheet });
    const run = async () => {
      for (let i = 0; i < 50_000; i++) {
        w.addRow([i, `dòng ${i} ${'y'.repeat(100)}`]);
        if ((i + 1) % 100 === 0) await w.drain();
      }
      await w.finish();
    };
    await expect(run()).rejects.toThrow('đĩa đầy');
  });

  it('writes to a file by name and resolves once the file is complete', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chibo-xlsx-'));
    try {
      const file = path.join(dir, 'a.xlsx');
      const w = openXlsxStream({ filename: file }, { sheet });
      w.addRow(['Số', 'Tên'], XLSX_STYLE.header);
      w.addRow([1, '  có khoảng trắng  ']);
      await w.finish();
      const bytes = readFileSync(file);
      expect(bytes.length).toBe(w.bytesWritten);
      await JSZip.loadAsync(bytes, { checkCRC32: true });
      const ws = await load(bytes);
      expect(ws.getCell('B2').value).toBe('  có khoảng trắng  ');
      expect(ws.getCell('A1').font?.bold).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a sheet name Excel would refuse', () => {
    const sink = new PassThrough();
    expect(() => openXlsxStream({ stream: sink }, { sheet: { name: 'a/b', columns: [] } })).toThrow(
      /sheet name/,
    );
    expect(() => openXlsxStream({ stream: sink }, { sheet: { name: 'x'.repeat(32), columns: [] } })).toThrow(
      /sheet name/,
    );
  });
});
