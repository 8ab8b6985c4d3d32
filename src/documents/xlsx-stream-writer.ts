/**
 * A small streaming XLSX writer (issue 12, ADR 028): one worksheet of SpreadsheetML, written row
 * by row into a ZIP that goes sequentially to a Writable (or a file). Nothing grows with the
 * number of rows: the rows are XML text appended to a short buffer, handed to an asynchronous
 * raw-deflate stream (it compresses on the libuv thread pool, off the event loop) and the
 * compressed bytes go to the output as they come, under back-pressure.
 *
 * What it writes is deliberately fixed and small: `[Content_Types].xml`, `_rels/.rels`,
 * `docProps/core.xml` and `app.xml`, `xl/workbook.xml` (with the print titles as the defined name
 * `_xlnm.Print_Titles`), its rels, `xl/styles.xml` with the cell styles of XLSX_STYLE (Times New
 * Roman; titles, a bold bordered grey header, bordered body cells) and `xl/worksheets/sheet1.xml`:
 * frozen pane, column widths, rows of inline strings (no shared strings table to keep in memory)
 * and numbers, merged cells, margins, A4/landscape/fit-to-width page setup and a footer.
 *
 * The fixed parts are deflated at once with their sizes in the local header; the sheet is
 * streamed with a data descriptor (general purpose bit 3: CRC-32 and sizes after the data).
 * ZIP64 is not written: an entry or an offset past 4 GiB throws instead of making a broken file.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import zlib from 'node:zlib';

export type CellValue = string | number | null | undefined;

interface StyleDef {
  /** Times New Roman at this size; absent: the workbook's default font (Calibri 11). */
  font?: { size: number; bold?: boolean; italic?: boolean };
  horizontal?: 'left' | 'center';
  vertical?: 'center';
  wrap?: boolean;
  /** Thin lines on the four sides. */
  border?: boolean;
  /** Solid light grey (FFEFEFEF). */
  grey?: boolean;
  /** Number format '@' (text): Excel keeps what is typed as it is. */
  text?: boolean;
}

/** The cell styles the writer knows, in the order of styles.xml's cellXfs (index 0: Normal). */
const STYLE_DEFS = {
  default: {},
  'title-left': { font: { size: 12 }, horizontal: 'left', vertical: 'center' },
  'title-left-bold': { font: { size: 12, bold: true }, horizontal: 'left', vertical: 'center' },
  'title-center': { font: { size: 12 }, horizontal: 'center', vertical: 'center' },
  'title-center-bold': { font: { size: 12, bold: true }, horizontal: 'center', vertical: 'center' },
  'title-center-bold-14': { font: { size: 14, bold: true }, horizontal: 'center', vertical: 'center' },
  'title-center-italic': { font: { size: 12, italic: true }, horizontal: 'center', vertical: 'center' },
  header: {
    font: { size: 11, bold: true },
    horizontal: 'center',
    vertical: 'center',
    wrap: true,
    border: true,
    grey: true,
  },
  'body-number': { font: { size: 11 }, horizontal: 'center', vertical: 'center', wrap: true, border: true },
  'body-text': { font: { size: 11 }, vertical: 'center', wrap: true, border: true, text: true },
  'body-text-center': {
    font: { size: 11 },
    horizontal: 'center',
    vertical: 'center',
    wrap: true,
    border: true,
    text: true,
  },
} as const satisfies Record<string, StyleDef>;

export type XlsxStyleName = keyof typeof STYLE_DEFS;
/** A style's index, for `addRow`'s styles (`s` attribute of the cell). */
export const XLSX_STYLE = Object.fromEntries(Object.keys(STYLE_DEFS).map((k, i) => [k, i])) as Record<
  XlsxStyleName,
  number
>;

export interface XlsxPageSetup {
  /** 9 = A4. */
  paperSize?: number;
  orientation?: 'portrait' | 'landscape';
  fitToPage?: boolean;
  fitToWidth?: number;
  /** 0: as many pages down as needed. */
  fitToHeight?: number;
  /** Inches. */
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Footer text with Excel's codes (&P page, &N pages). */
  oddFooter?: string;
}

export interface XlsxSheetOptions {
  /** At most 31 characters, none of : \ / ? * [ ]. */
  name: string;
  /** Widths in characters of the default font, from column A. */
  columns: readonly { width: number }[];
  /** Rows kept in place when scrolling (the header and what is above it). */
  frozenRows?: number;
  /** First and last row (1-based) repeated at the top of every printed page. */
  printTitleRows?: readonly [number, number];
  page?: XlsxPageSetup;
}

export interface XlsxStreamOptions {
  sheet: XlsxSheetOptions;
  creator?: string;
  created?: Date;
  modified?: Date;
  /** Deflate level of the sheet (default 6). */
  level?: number;
}

export interface XlsxStreamWriter {
  /**
   * Appends the next row: `values[k]` goes to column k + 1 (null, undefined or '' leave it
   * empty), with `styles[k]` (or one style for every cell); a styled empty cell is still written,
   * so its borders show. Returns the row's number (from 1).
   */
  addRow(values: readonly CellValue[], styles?: readonly number[] | number, height?: number): number;
  /** Merges a rectangle of cells (1-based, inclusive); written at the end of the sheet. */
  merge(fromRow: number, fromCol: number, toRow: number, toCol: number): void;
  readonly rowCount: number;
  /** Bytes written to the output so far. */
  readonly bytesWritten: number;
  /** Resolves when the deflate and output streams are below their high-water marks. */
  drain(): Promise<void>;
  /** Closes the sheet and the ZIP, ends the output; resolves when the output has taken it all. */
  finish(): Promise<void>;
}

const FONT = 'Times New Roman';
const ZIP32_MAX = 0xffffffff;
/** Characters of XML kept before they are handed to the deflate stream. */
const FLUSH_CHARS = 256 * 1024;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

// Characters XML 1.0 does not allow (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates),
// and those that must be escaped in text and attribute values.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters is the point
const NEEDS_WORK = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ILLEGAL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
};

/** Text safe inside an XML element or a double-quoted attribute; illegal characters dropped. */
export function escapeXml(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s.replace(ILLEGAL, '').replace(/[&<>"\r]/g, (c) => ESCAPES[c]!);
}

/** Column letters of a 1-based index: 1 → A, 27 → AA. */
export function columnName(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function attrs(o: Record<string, string | number | undefined>): string {
  let s = '';
  for (const [k, v] of Object.entries(o)) if (v !== undefined) s += ` ${k}="${escapeXml(String(v))}"`;
  return s;
}

function stylesXml(): string {
  const defs: StyleDef[] = Object.values(STYLE_DEFS);
  const fonts = ['<font><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font>'];
  const fontOf = (d: StyleDef) => {
    if (!d.font) return 0;
    const xml = `<font>${d.font.bold ? '<b/>' : ''}${d.font.italic ? '<i/>' : ''}<sz val="${d.font.size}"/><name val="${FONT}"/></font>`;
    const at = fonts.indexOf(xml);
    return at >= 0 ? at : fonts.push(xml) - 1;
  };
  const xfs = defs.map((d, i) => {
    if (i === 0) return '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const align =
      d.horizontal || d.vertical || d.wrap
        ? `<alignment${attrs({ horizontal: d.horizontal, vertical: d.vertical, wrapText: d.wrap ? 1 : undefined })}/>`
        : '';
    const a = attrs({
      numFmtId: d.text ? 49 : 0,
      fontId: fontOf(d),
      fillId: d.grey ? 2 : 0,
      borderId: d.border ? 1 : 0,
      xfId: 0,
      applyNumberFormat: d.text ? 1 : undefined,
      applyFont: d.font ? 1 : undefined,
      applyFill: d.grey ? 1 : undefined,
      applyBorder: d.border ? 1 : undefined,
      applyAlignment: align ? 1 : undefined,
    });
    return align ? `<xf${a}>${align}</xf>` : `<xf${a}/>`;
  });
  const thin = (side: string) => `<${side} style="thin"/>`;
  return (
    `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
    `<fonts count="${fonts.length}">${fonts.join('')}</fonts>` +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FFEFEFEF"/></patternFill></fill></fills>' +
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
    `<border>${thin('left')}${thin('right')}${thin('top')}${thin('bottom')}<diagonal/></border></borders>` +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
    '</styleSheet>'
  );
}

function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** A sheet's name as a formula reference: always quoted, quotes doubled. */
function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function fixedParts(o: XlsxStreamOptions, created: Date, modified: Date): [string, string][] {
  const sheet = o.sheet;
  const name = escapeXml(sheet.name);
  const titles = sheet.printTitleRows
    ? `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">${escapeXml(
        `${sheetRef(sheet.name)}!$${sheet.printTitleRows[0]}:$${sheet.printTitleRows[1]}`,
      )}</definedName></definedNames>`
    : '';
  const ct = 'application/vnd.openxmlformats-officedocument';
  return [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>` +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/>` +
        '</Types>',
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
        `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
        '</Relationships>',
    ],
    [
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>${escapeXml(o.creator ?? '')}</dc:creator><cp:lastModifiedBy>${escapeXml(o.creator ?? '')}</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${isoSeconds(created)}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${isoSeconds(modified)}</dcterms:modified>` +
        '</cp:coreProperties>',
    ],
    [
      'docProps/app.xml',
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
        `<Application>${escapeXml(o.creator ?? '')}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
        '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>' +
        '<vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>' +
        `<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>${name}</vt:lpstr></vt:vector></TitlesOfParts>` +
        '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>' +
        '</Properties>',
    ],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
        '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>' +
        `<sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets>${titles}<calcPr calcId="171027"/></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
        `<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    ],
    ['xl/styles.xml', stylesXml()],
  ];
}

function sheetHead(sheet: XlsxSheetOptions): string {
  const page = sheet.page ?? {};
  const frozen = sheet.frozenRows ?? 0;
  const view =
    frozen > 0
      ? `<sheetView tabSelected="1" workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/></sheetView>`
      : '<sheetView tabSelected="1" workbookViewId="0"/>';
  const cols = sheet.columns.length
    ? `<cols>${sheet.columns
        .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
        .join('')}</cols>`
    : '';
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    (page.fitToPage ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '') +
    `<sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`
  );
}

function sheetTail(sheet: XlsxSheetOptions, merges: string[]): string {
  const page = sheet.page ?? {};
  const m = page.margins ?? { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
  const setup = attrs({
    paperSize: page.paperSize,
    orientation: page.orientation,
    fitToWidth: page.fitToWidth,
    fitToHeight: page.fitToHeight,
  });
  return (
    '</sheetData>' +
    (merges.length
      ? `<mergeCells count="${merges.length}">${merges.map((r) => `<mergeCell ref="${r}"/>`).join('')}</mergeCells>`
      : '') +
    `<pageMargins${attrs(m)}/>` +
    (setup ? `<pageSetup${setup}/>` : '') +
    (page.oddFooter
      ? `<headerFooter><oddFooter>${escapeXml(page.oddFooter)}</oddFooter></headerFooter>`
      : '') +
    '</worksheet>'
  );
}

/** MS-DOS time and date (the ZIP's), in UTC so that a file does not depend on the machine's zone. */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

interface ZipEntry {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const FLAG_DATA_DESCRIPTOR = 0x0008;
const METHOD_DEFLATE = 8;
const VERSION = 20;

function tooLarge(what: string): Error {
  return new Error(`xlsx-stream-writer: ${what} is past 4 GiB (ZIP64 is not written)`);
}

function localHeader(e: ZipEntry, dos: { time: number; date: number }): Buffer {
  const b = Buffer.alloc(30 + e.name.length);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(VERSION, 4);
  b.writeUInt16LE(e.flags, 6);
  b.writeUInt16LE(METHOD_DEFLATE, 8);
  b.writeUInt16LE(dos.time, 10);
  b.writeUInt16LE(dos.date, 12);
  // With a data descriptor the CRC and both sizes are zero here and follow the data.
  b.writeUInt32LE(e.crc, 14);
  b.writeUInt32LE(e.compressed, 18);
  b.writeUInt32LE(e.size, 22);
  b.writeUInt16LE(e.name.length, 26);
  b.writeUInt16LE(0, 28);
  e.name.copy(b, 30);
  return b;
}

function centralHeader(e: ZipEntry, dos: { time: number; date: number }): Buffer {
  const b = Buffer.alloc(46 + e.name.length);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(VERSION, 4);
  b.writeUInt16LE(VERSION, 6);
  b.writeUInt16LE(e.flags, 8);
  b.writeUInt16LE(METHOD_DEFLATE, 10);
  b.writeUInt16LE(dos.time, 12);
  b.writeUInt16LE(dos.date, 14);
  b.writeUInt32LE(e.crc, 16);
  b.writeUInt32LE(e.compressed, 20);
  b.writeUInt32LE(e.size, 24);
  b.writeUInt16LE(e.name.length, 28);
  // Extra field, comment, disk number, internal and external attributes: all zero.
  b.writeUInt32LE(e.offset, 42);
  e.name.copy(b, 46);
  return b;
}

export function openXlsxStream(
  target: { filename: string } | { stream: Writable },
  options: XlsxStreamOptions,
): XlsxStreamWriter {
  const sheet = options.sheet;
  if (!sheet.name || sheet.name.length > 31 || /[:\\/?*[\]]/.test(sheet.name)) {
    throw new Error(`xlsx-stream-writer: invalid sheet name '${sheet.name}'`);
  }
  const created = options.created ?? new Date();
  const modified = options.modified ?? new Date();
  const dos = dosDateTime(modified);
  const out: Writable = 'filename' in target ? createWriteStream(target.filename) : target.stream;

  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= err;
  };
  const check = () => {
    if (failure) throw failure;
  };

  let offset = 0;
  const entries: ZipEntry[] = [];
  const emit = (buf: Buffer): boolean => {
    offset += buf.length;
    if (offset > ZIP32_MAX) throw tooLarge('the file');
    return out.write(buf);
  };

  // The fixed parts first: small, deflated at once, sizes known up front.
  for (const [name, xml] of fixedParts(options, created, modified)) {
    const data = Buffer.from(xml, 'utf8');
    const packed = zlib.deflateRawSync(data);
    const e: ZipEntry = {
      name: Buffer.from(name, 'utf8'),
      flags: 0,
      crc: zlib.crc32(data),
      compressed: packed.length,
      size: data.length,
      offset,
    };
    entries.push(e);
    emit(localHeader(e, dos));
    emit(packed);
  }

  // Then the sheet, streamed through the deflate stream with a data descriptor.
  const sheetEntry: ZipEntry = {
    name: Buffer.from('xl/worksheets/sheet1.xml', 'utf8'),
    flags: FLAG_DATA_DESCRIPTOR,
    crc: 0,
    compressed: 0,
    size: 0,
    offset,
  };
  entries.push(sheetEntry);
  emit(localHeader(sheetEntry, dos));
  // The zlib stream takes the Transform options too (not in ZlibOptions' type): up to 1 MiB of
  // XML may wait for the thread pool before drain() waits.
  const deflate = zlib.createDeflateRaw({
    level: options.level ?? 6,
    chunkSize: 64 * 1024,
    writableHighWaterMark: 1024 * 1024,
  } as zlib.ZlibOptions);
  deflate.on('data', (chunk: Buffer) => {
    sheetEntry.compressed += chunk.length;
    try {
      if (!emit(chunk)) {
        deflate.pause();
        out.once('drain', () => deflate.resume());
      }
    } catch (err) {
      deflate.destroy(err as Error);
    }
  });
  deflate.on('error', fail);
  out.on('error', (err) => {
    fail(err);
    // Whoever waits on the deflate stream hears of it too.
    deflate.destroy(err);
  });

  let crc = 0;
  let pending = sheetHead(sheet);
  const flush = () => {
    if (!pending) return;
    const buf = Buffer.from(pending, 'utf8');
    pending = '';
    crc = zlib.crc32(buf, crc);
    sheetEntry.size += buf.length;
    if (sheetEntry.size > ZIP32_MAX) throw tooLarge('the sheet');
    deflate.write(buf);
  };

  const width = Math.max(sheet.columns.length, 1);
  const letters: string[] = [];
  const letterOf = (k: number) => {
    letters[k] ??= columnName(k + 1);
    return letters[k]!;
  };
  for (let k = 0; k < width; k++) letterOf(k);
  const merges: string[] = [];
  let rows = 0;
  let finishing = false;

  return {
    addRow(values, styles, height) {
      check();
      if (finishing) throw new Error('xlsx-stream-writer: row added after finish()');
      const r = ++rows;
      let x = height ? `<row r="${r}" ht="${height}" customHeight="1">` : `<row r="${r}">`;
      const n = typeof styles === 'object' ? Math.max(values.length, styles.length) : values.length;
      for (let k = 0; k < n; k++) {
        const v = values[k];
        const s = typeof styles === 'number' ? styles : styles?.[k];
        const st = s ? ` s="${s}"` : '';
        if (v == null || v === '') {
          if (st) x += `<c r="${letterOf(k)}${r}"${st}/>`;
        } else if (typeof v === 'number') {
          if (!Number.isFinite(v)) throw new Error(`xlsx-stream-writer: not a finite number in row ${r}`);
          x += `<c r="${letterOf(k)}${r}"${st}><v>${v}</v></c>`;
        } else {
          const t = escapeXml(v);
          // Leading or trailing white space (or a line break) is kept only when asked to.
          const c0 = t.charCodeAt(0);
          const c1 = t.charCodeAt(t.length - 1);
          const keep = c0 <= 32 || c1 <= 32 || t.includes('\n') ? ' xml:space="preserve"' : '';
          x += `<c r="${letterOf(k)}${r}"${st} t="inlineStr"><is><t${keep}>${t}</t></is></c>`;
        }
      }
      pending += `${x}</row>`;
      if (pending.length >= FLUSH_CHARS) flush();
      return r;
    },
    merge(fromRow, fromCol, toRow, toCol) {
      merges.push(`${columnName(fromCol)}${fromRow}:${columnName(toCol)}${toRow}`);
    },
    get rowCount() {
      return rows;
    },
    get bytesWritten() {
      return offset;
    },
    async drain() {
      check();
      flush();
      if (deflate.writableNeedDrain) {
        while (deflate.writableNeedDrain) await once(deflate, 'drain');
      } else if (out.writableNeedDrain) {
        await once(out, 'drain');
      } else {
        // Nothing to wait for: still give other callbacks a turn of the event loop.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      check();
    },
    async finish() {
      check();
      finishing = true;
      pending += sheetTail(sheet, merges);
      flush();
      const ended = once(deflate, 'end');
      deflate.end();
      await ended;
      check();
      sheetEntry.crc = crc >>> 0;
      if (sheetEntry.compressed > ZIP32_MAX) throw tooLarge('the compressed sheet');
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(sheetEntry.crc, 4);
      descriptor.writeUInt32LE(sheetEntry.compressed, 8);
      descriptor.writeUInt32LE(sheetEntry.size, 12);
      emit(descriptor);

      const cdStart = offset;
      for (const e of entries) emit(centralHeader(e, dos));
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(entries.length, 8);
      end.writeUInt16LE(entries.length, 10);
      end.writeUInt32LE(offset - cdStart, 12);
      end.writeUInt32LE(cdStart, 16);
      emit(end);
      out.end();
      await finished(out, { readable: false });
      check();
    },
  };
}
