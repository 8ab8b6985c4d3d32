/**
 * Reads a member spreadsheet (.xlsx or .csv) as exported by the national party-member
 * database or typed by hand, into raw rows keyed by canonical field (DOMAIN.md §3).
 *
 * Files in the wild carry title rows, two-row headers, `*` on required labels, merged cells
 * and both Unicode forms; this module absorbs all of that so validation sees one shape. It
 * keeps values raw (Date, number, NFC text): judging them is `validate.ts`'s job, which can
 * then cite the row and column exactly as the user sees them in Excel.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import {
  describeZipRefusal,
  inspectZip,
  measureInflated,
  ZipContentError,
} from '../../../documents/zip-guard.js';
import { normalizeText } from '../../../domain/vietnamese.js';
import { CsvDecodeError, decodeCsvText } from './decode.js';
import { FIELD_LABELS, type Field, matchLabel, REQUIRED_FIELDS } from './fields.js';

export type { Field } from './fields.js';

export type CellValue = string | Date | number;

export interface RawRow {
  /** The row number Excel shows (1-based), so messages point where the user looks. */
  rowNumber: number;
  values: Partial<Record<Field, CellValue>>;
}

export interface ParsedColumn {
  field: Field;
  /** The label as written in the file (both header rows joined when it spans two). */
  label: string;
  /** Column letter as Excel shows it: 'A', 'B', …, 'AA'. */
  column: string;
}

export interface ParsedFile {
  /** The first header row (1-based). */
  headerRow: number;
  columns: ParsedColumn[];
  /** Labels of non-empty header cells that are not imported. */
  unknownColumns: string[];
  rows: RawRow[];
  /**
   * The workbook counts serial days from 1904 (an old Mac Excel setting): bare numbers in date
   * columns are read in that system. Date cells are already converted by exceljs.
   */
  date1904?: boolean;
}

/** The file as a whole cannot be imported; `message` is shown to the user as is. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
  /** A stable code (src/server/errors.ts) for refusals a client may want to tell apart. */
  constructor(
    message: string,
    readonly code?: 'ARCHIVE_TOO_LARGE' | 'IMPORT_TOO_MANY_ROWS',
  ) {
    super(message);
  }
}

export interface ParseLimits {
  /** How large the .xlsx may be once unzipped (IMPORT_MAX_UNZIPPED_MB). */
  maxUnzippedBytes: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxUnzippedBytes: 50 * 1024 * 1024 };

/** How many rows from the top may hold titles before the header (exports use 3–8). */
const HEADER_SEARCH_ROWS = 15;
const MIN_HEADER_LABELS = 3;

interface GridCell {
  value: CellValue;
  /** A merged cell whose master is in another column: the value is the master's, not this cell's. */
  hSlave?: boolean;
  /** The top-left cell of a merge spanning several columns (a section title in data rows). */
  hMaster?: boolean;
}

interface GridRow {
  rowNumber: number;
  cells: (GridCell | undefined)[]; // index 0 = column A
}

export async function parseMemberFile(
  bytes: Buffer,
  fileName: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): Promise<ParsedFile> {
  if (bytes.length === 0) throw new ImportFileError(`Tệp '${fileName}' rỗng.`);
  const { sheets, date1904 } = isZip(bytes)
    ? await readXlsx(bytes, fileName, limits)
    : { sheets: [readCsv(bytes, fileName)], date1904: false };
  // Templates often open with an instructions sheet: take the first sheet that has a header,
  // and report against the first non-empty one when none has.
  const withHeader = sheets.find((grid) => findHeader(grid) !== undefined) ?? sheets[0]!;
  const parsed = fromGrid(withHeader, fileName);
  return date1904 ? { ...parsed, date1904 } : parsed;
}

function isZip(bytes: Buffer): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

// Legacy Excel 97–2003 (OLE compound file): common enough to deserve its own advice.
function isOle(bytes: Buffer): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && magic.every((b, i) => bytes[i] === b);
}

const NOT_SPREADSHEET = 'Tệp không phải Excel (.xlsx) hoặc CSV';

// ---------------------------------------------------------------------------------------------
// XLSX

/** The non-empty worksheets, visible ones first, and the workbook's date system. */
async function readXlsx(
  bytes: Buffer,
  fileName: string,
  limits: ParseLimits,
): Promise<{ sheets: GridRow[][]; date1904: boolean }> {
  guardZip(bytes, fileName, limits);
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer; the bytes are what it wants.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError(`${NOT_SPREADSHEET}: không đọc được '${fileName}' như một tệp Excel (.xlsx).`);
  }
  const visible = (ws: ExcelJS.Worksheet) => ws.state === undefined || ws.state === 'visible';
  const ordered = [...wb.worksheets.filter(visible), ...wb.worksheets.filter((ws) => !visible(ws))];
  const grids = ordered.map(sheetGrid).filter((grid) => grid.length > 0);
  if (grids.length === 0) throw new ImportFileError(`Tệp '${fileName}' không có trang tính nào có dữ liệu.`);
  return { sheets: grids, date1904: wb.properties?.date1904 === true };
}

/**
 * A zip bomb is refused before exceljs inflates anything: first by what the archive declares,
 * then by inflating it once with a hard cap (a directory may lie about its sizes).
 */
function guardZip(bytes: Buffer, fileName: string, limits: ParseLimits): void {
  const setting = 'IMPORT_MAX_UNZIPPED_MB';
  const verdict = inspectZip(bytes, { maxUnzippedBytes: limits.maxUnzippedBytes });
  if (!verdict.ok) {
    if (verdict.reason === 'unreadable') {
      throw new ImportFileError(
        `${NOT_SPREADSHEET}: không đọc được '${fileName}' như một tệp Excel (.xlsx).`,
      );
    }
    throw new ImportFileError(describeZipRefusal(verdict, fileName, setting), 'ARCHIVE_TOO_LARGE');
  }
  try {
    measureInflated(bytes, verdict.entries, limits.maxUnzippedBytes);
  } catch (err) {
    if (!(err instanceof ZipContentError)) throw err;
    if (err.refusal.reason === 'unreadable') {
      throw new ImportFileError(
        `${NOT_SPREADSHEET}: không đọc được '${fileName}' như một tệp Excel (.xlsx).`,
      );
    }
    throw new ImportFileError(describeZipRefusal(err.refusal, fileName, setting), 'ARCHIVE_TOO_LARGE');
  }
}

function sheetGrid(ws: ExcelJS.Worksheet): GridRow[] {
  const out: GridRow[] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const cells: (GridCell | undefined)[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      const value = cellValue(cell.value);
      if (value === undefined) continue;
      const hSlave = cell.isMerged && cell.master.col !== cell.col;
      cells[c - 1] = { value, hSlave };
      if (hSlave && cell.master.row === cell.row) {
        const master = cells[Number(cell.master.col) - 1];
        if (master) master.hMaster = true;
      }
    }
    if (cells.some(Boolean)) out.push({ rowNumber: r, cells });
  }
  return out;
}

/** One cell's content, whatever exceljs wraps it in; undefined when empty. */
function cellValue(v: ExcelJS.CellValue | undefined): CellValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') return text(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return text(v.richText.map((p) => p.text).join(''));
    // Formula cells (plain or shared): the cached result is what the user sees.
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: unknown }).result;
      if (result !== null && typeof result === 'object' && 'error' in result) return String(result.error);
      return cellValue(result as ExcelJS.CellValue);
    }
    if ('hyperlink' in v && 'text' in v) return cellValue(v.text as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return undefined;
}

function text(s: string): string | undefined {
  const t = normalizeText(s);
  return t === '' ? undefined : t;
}

// ---------------------------------------------------------------------------------------------
// CSV

const DELIMITERS = [',', ';', '\t'] as const;

function readCsv(bytes: Buffer, fileName: string): GridRow[] {
  if (isOle(bytes)) {
    throw new ImportFileError(
      `Tệp '${fileName}' là Excel đời cũ (.xls), chưa được hỗ trợ. Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.`,
    );
  }
  let content: string;
  try {
    // UTF-8 (with or without BOM) or UTF-16 with its BOM ("Unicode Text"); anything else refused.
    content = decodeCsvText(bytes, fileName);
  } catch (err) {
    throw err instanceof CsvDecodeError ? new ImportFileError(err.message) : err;
  }
  // The delimiter follows the regional settings of the machine that saved the file (`;` on
  // Vietnamese Windows); the one that reveals the most header labels is the right one.
  let best: { delimiter: string; score: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const sample = csvGrid(content, delimiter, HEADER_SEARCH_ROWS + 5);
    const score = sample ? (findHeader(sample)?.score ?? 0) : 0;
    if (!best || score > best.score) best = { delimiter, score };
  }
  const grid = csvGrid(content, best?.delimiter ?? ',');
  if (!grid) throw new ImportFileError(`Tệp CSV '${fileName}' bị lỗi định dạng (dấu ngoặc kép không khớp).`);
  return grid;
}

function csvGrid(content: string, delimiter: string, toLine?: number): GridRow[] | undefined {
  let records: string[][];
  try {
    records = parseCsv(content, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      ...(toLine ? { to_line: toLine } : {}),
    });
  } catch {
    return undefined;
  }
  // Row numbers are record numbers, blank lines included: that is what Excel shows when the
  // user opens the CSV to fix it, even where a quoted cell spans several lines.
  const out: GridRow[] = [];
  records.forEach((record, i) => {
    const cells = record.map((s) => {
      const value = text(s);
      return value === undefined ? undefined : { value };
    });
    if (cells.some(Boolean)) out.push({ rowNumber: i + 1, cells });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Header detection and rows

interface Header {
  /** Index into the grid of the first header row. */
  start: number;
  /** How many grid rows the header takes (1 or 2). */
  height: number;
  columns: ParsedColumn[];
  unknown: string[];
  score: number;
}

function cellText(cell: GridCell | undefined): string {
  if (!cell) return '';
  return typeof cell.value === 'string' ? cell.value : String(cell.value);
}

function fieldOf(label: string): Field | undefined {
  const m = matchLabel(label);
  return m.kind === 'field' ? m.field : undefined;
}

/**
 * Column labels from one header row, or from two when the second holds sub-labels under a
 * merged group cell ("Thông tin đảng" over "Ngày vào Đảng | Ngày chính thức").
 */
function headerColumns(
  top: GridRow,
  bottom: GridRow | undefined,
): Omit<Header, 'start' | 'height' | 'score'> {
  const columns: ParsedColumn[] = [];
  const unknown: string[] = [];
  const seen = new Set<Field>();
  const width = Math.max(top.cells.length, bottom?.cells.length ?? 0);
  for (let c = 0; c < width; c++) {
    const upper = cellText(top.cells[c]);
    const lower = cellText(bottom?.cells[c]);
    // A label merged across several columns names the first of them only.
    if (top.cells[c]?.hSlave && !lower) continue;
    // Most specific first: group + sub-label, then the sub-label, then the upper label
    // (a vertically merged "Ngày sinh" reads the same in both rows).
    const candidates = [upper && lower && upper !== lower ? `${upper} ${lower}` : '', lower, upper].filter(
      Boolean,
    );
    if (candidates.length === 0) continue;
    let matched: { field: Field; label: string } | undefined;
    let ignored = false;
    for (const label of candidates) {
      const m = matchLabel(label);
      if (m.kind === 'field') {
        matched = { field: m.field, label };
        break;
      }
      if (m.kind === 'ignored') {
        ignored = true;
        break;
      }
    }
    if (ignored) continue;
    if (matched && !seen.has(matched.field)) {
      seen.add(matched.field);
      columns.push({ ...matched, column: columnLetter(c + 1) });
    } else {
      // Unknown, or a second column for a field already taken: the first one wins.
      const label = upper && lower && upper !== lower ? `${upper} / ${lower}` : lower || upper;
      if (!unknown.includes(label)) unknown.push(label);
    }
  }
  return { columns, unknown };
}

function labelCount(row: GridRow): number {
  const fields = new Set<Field>();
  for (const cell of row.cells) {
    const f = fieldOf(cellText(cell));
    if (f) fields.add(f);
  }
  return fields.size;
}

/** The row below a header continues it when it carries labels (sub-labels or merged ones). */
function continuesHeader(top: GridRow, next: GridRow | undefined): boolean {
  if (!next || next.rowNumber !== top.rowNumber + 1) return false;
  return next.cells.some((cell, c) => {
    const lower = cellText(cell);
    if (!lower) return false;
    const upper = cellText(top.cells[c]);
    return fieldOf(lower) !== undefined || (upper !== '' && fieldOf(`${upper} ${lower}`) !== undefined);
  });
}

function findHeader(grid: GridRow[]): Header | undefined {
  for (let i = 0; i < grid.length; i++) {
    const top = grid[i]!;
    if (top.rowNumber > HEADER_SEARCH_ROWS) break;
    const own = labelCount(top);
    if (own === 0) continue;
    const next = grid[i + 1];
    const two = continuesHeader(top, next);
    const { columns, unknown } = headerColumns(top, two ? next : undefined);
    if (columns.length >= MIN_HEADER_LABELS) {
      return { start: i, height: two ? 2 : 1, columns, unknown, score: columns.length };
    }
  }
  return undefined;
}

/** A row of column numbers under the header — "1 2 3 …" or "(1) (2) (3) …" — as in state forms. */
function isColumnNumberRow(row: GridRow): boolean {
  const texts = row.cells.map(cellText).filter(Boolean);
  return texts.length >= MIN_HEADER_LABELS && texts.every((t) => /^\(?\d{1,2}\)?$/.test(t));
}

/** A title spanning the table ("I. Chi bộ Khu phố 1") between member rows. */
function isSectionRow(row: GridRow): boolean {
  const own = row.cells.filter((cell) => cell && !cell.hSlave);
  return own.length === 1 && own[0]!.hMaster === true;
}

function fromGrid(grid: GridRow[], fileName: string): ParsedFile {
  const header = findHeader(grid);
  if (!header) {
    throw new ImportFileError(
      `Không tìm thấy dòng tiêu đề trong ${HEADER_SEARCH_ROWS} dòng đầu của tệp '${fileName}': ` +
        `cần ít nhất ${MIN_HEADER_LABELS} cột như '${FIELD_LABELS.fullName}', '${FIELD_LABELS.birthDate}', '${FIELD_LABELS.cardNumber}'.`,
    );
  }
  const missing = REQUIRED_FIELDS.filter((f) => !header.columns.some((c) => c.field === f));
  if (missing.length > 0) {
    throw new ImportFileError(
      `Tệp '${fileName}' thiếu cột bắt buộc ${missing.map((f) => `'${FIELD_LABELS[f]}'`).join(', ')}.`,
    );
  }
  let first = header.start + header.height;
  const afterHeader = grid[first];
  if (afterHeader && isColumnNumberRow(afterHeader)) first++;
  const headerRowNumber = grid[header.start]!.rowNumber;
  const rows: RawRow[] = [];
  for (const row of grid.slice(first)) {
    if (isSectionRow(row)) continue;
    const values: Partial<Record<Field, CellValue>> = {};
    for (const col of header.columns) {
      const cell = row.cells[columnIndex(col.column)];
      // A value merged in from a neighbouring column belongs to that column, not this one.
      if (cell && !cell.hSlave) values[col.field] = cell.value;
    }
    // Templates often number (STT) rows far beyond the last member: such rows carry nothing.
    if (Object.keys(values).length > 0) rows.push({ rowNumber: row.rowNumber, values });
  }
  return { headerRow: headerRowNumber, columns: header.columns, unknownColumns: header.unknown, rows };
}

export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function columnIndex(letter: string): number {
  let n = 0;
  for (const ch of letter) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
