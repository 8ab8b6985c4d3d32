/**
 * The dues statement for the committee (bảng kê thu, nộp đảng phí; issue 10 item 1): one table,
 * cell by cell — member, category, base, due, paid, paid on, arrears — with each cell's subtotal
 * and what it remitted, then the grand total. The HD 36 header (the party organisation at the top
 * left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date at the top right). Amounts are integers
 * of đồng shown with `.` between thousands. Pure: data in, bytes out.
 */
import ExcelJS from 'exceljs';
import { committeeName, hd36PlaceDate } from './hd36.js';

export interface DuesStatementRow {
  fullName: string;
  categoryLabel: string;
  base: number | null;
  due: number;
  paid: number;
  paidOn: string | null;
  arrears: number;
  reason: string | null;
  recorded: boolean;
}

export interface DuesStatementCell {
  unitName: string;
  rows: DuesStatementRow[];
  remitted: number;
}

export interface DuesStatementInput {
  unitName: string;
  unitKind: string;
  superiorName: string | null;
  place: string | null;
  month: string;
  /** The day the statement is made (YYYY-MM-DD). */
  asOf: string;
  cells: DuesStatementCell[];
}

export interface DuesStatementTotals {
  members: number;
  due: number;
  paid: number;
  arrears: number;
  remitted: number;
}

export function statementTotals(cells: DuesStatementCell[]): DuesStatementTotals {
  const rows = cells.flatMap((c) => c.rows);
  return {
    members: rows.length,
    due: rows.reduce((s, r) => s + r.due, 0),
    paid: rows.reduce((s, r) => s + r.paid, 0),
    arrears: rows.reduce((s, r) => s + r.arrears, 0),
    remitted: cells.reduce((s, c) => s + c.remitted, 0),
  };
}

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const MONEY = '#,##0';
const HEADERS = [
  'STT',
  'Họ và tên',
  'Đối tượng',
  'Mức căn cứ (đ)',
  'Phải nộp (đ)',
  'Đã nộp (đ)',
  'Ngày nộp',
  'Còn nợ (đ)',
  'Ghi chú',
];
const WIDTHS = [6, 28, 30, 15, 14, 14, 12, 14, 30];

const dmy = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

/** The workbook; its sheet "Bảng kê" holds the totals in the row headed "Tổng cộng". */
export async function renderDuesStatementXlsx(d: DuesStatementInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chibo';
  const ws = wb.addWorksheet('Bảng kê');
  // The Vietnamese grouping in a number format: `#,##0` shows the locale's separator, so the
  // file reads "1.250.000" on a Vietnamese Excel; the values stay numbers to sum and check.
  ws.columns = WIDTHS.map((width) => ({ width }));
  const width = HEADERS.length;
  const half = 4;

  const left = [
    d.superiorName ? d.superiorName.toLocaleUpperCase('vi') : '',
    committeeName(d.unitName, d.unitKind).toLocaleUpperCase('vi'),
    '*',
  ];
  const right = ['ĐẢNG CỘNG SẢN VIỆT NAM', '', hd36PlaceDate(d.place, d.asOf)];
  for (let i = 0; i < 3; i++) {
    const row = ws.addRow([]);
    row.getCell(1).value = left[i];
    row.getCell(half + 1).value = right[i];
    ws.mergeCells(row.number, 1, row.number, half);
    ws.mergeCells(row.number, half + 1, row.number, width);
    row.getCell(1).alignment = { horizontal: 'center' };
    row.getCell(half + 1).alignment = { horizontal: 'center' };
    row.getCell(1).font = { bold: i === 1 };
    row.getCell(half + 1).font = { bold: i === 0, underline: i === 0, italic: i === 2 };
  }
  ws.addRow([]);
  const [y, m] = [d.month.slice(0, 4), Number(d.month.slice(5))];
  for (const [i, text] of ['BẢNG KÊ THU, NỘP ĐẢNG PHÍ', `Tháng ${m} năm ${y} — ${d.unitName}`].entries()) {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).alignment = { horizontal: 'center' };
    row.getCell(1).font = { bold: true, size: i === 0 ? 14 : 12 };
  }
  ws.addRow([]);
  const head = ws.addRow(HEADERS);
  head.eachCell((c) => {
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
  });
  head.height = 32;

  const money = (row: ExcelJS.Row, cols: number[]) => {
    for (const c of cols) row.getCell(c).numFmt = MONEY;
  };
  const boxed = (row: ExcelJS.Row) => {
    for (let c = 1; c <= width; c++) row.getCell(c).border = BORDER;
  };
  /** A sum row (members, due, paid, arrears) and the remitted row under it; bold for the grand total. */
  const totalRows = (
    sheet: ExcelJS.Worksheet,
    t: DuesStatementTotals,
    label: string,
    remittedLabel: string,
    grand: boolean,
  ) => {
    const sum = sheet.addRow(['', label, `${t.members} đảng viên`, null, t.due, t.paid, '', t.arrears, '']);
    sum.font = { bold: true };
    money(sum, [5, 6, 8]);
    boxed(sum);
    const rem = sheet.addRow(['', remittedLabel, '', null, null, t.remitted, '', null, '']);
    rem.font = grand ? { bold: true } : { italic: true };
    money(rem, [6]);
    boxed(rem);
  };
  let n = 0;
  for (const cell of d.cells) {
    if (d.cells.length > 1) {
      const title = ws.addRow([cell.unitName]);
      ws.mergeCells(title.number, 1, title.number, width);
      title.getCell(1).font = { bold: true, italic: true };
      boxed(title);
    }
    for (const r of cell.rows) {
      n++;
      const note = !r.recorded ? 'Chưa ghi sổ tháng này' : r.paid < r.due ? (r.reason ?? 'Chưa nộp đủ') : '';
      const row = ws.addRow([
        n,
        r.fullName,
        r.categoryLabel,
        r.base,
        r.due,
        r.paid,
        dmy(r.paidOn),
        r.arrears,
        note,
      ]);
      money(row, [4, 5, 6, 8]);
      row.getCell(1).alignment = { horizontal: 'center' };
      row.getCell(7).alignment = { horizontal: 'center' };
      boxed(row);
    }
    if (d.cells.length > 1) {
      totalRows(ws, statementTotals([cell]), `Cộng ${cell.unitName}`, 'Đã nộp lên cấp trên', false);
    }
  }
  totalRows(ws, statementTotals(d.cells), 'Tổng cộng', 'Tổng số đã nộp lên cấp trên', true);

  ws.addRow([]);
  const sign = ws.addRow([]);
  sign.getCell(half + 1).value = 'NGƯỜI LẬP BẢNG KÊ';
  ws.mergeCells(sign.number, half + 1, sign.number, width);
  sign.getCell(half + 1).alignment = { horizontal: 'center' };
  sign.getCell(half + 1).font = { bold: true };
  const hint = ws.addRow([]);
  hint.getCell(half + 1).value = '(Ký, ghi rõ họ tên)';
  ws.mergeCells(hint.number, half + 1, hint.number, width);
  hint.getCell(half + 1).alignment = { horizontal: 'center' };
  hint.getCell(half + 1).font = { italic: true };

  ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
