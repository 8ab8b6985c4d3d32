/**
 * The grading report's tables as an Excel workbook: the summary (a row per level, the count and
 * percentage of organisations, members and cadres, and the whole), the sentences, a sheet of all
 * direct subordinate units, and a sheet per subordinate unit with its own counts. Counts are
 * numbers, percentages numbers in a percent format (0,1964 shown as 19,64%), each its own ratio
 * rounded half-up to two decimals. Pure: data in, bytes out.
 */
import ExcelJS from 'exceljs';
import { formatDate } from '../domain/format.js';
import type { GradeRow } from '../domain/grading.js';
import {
  childRows,
  GROUPS,
  type GradingReportData,
  type GroupKey,
  gradingSentences,
  gradingTitle,
} from './grading-text.js';

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const PERCENT = '0.00%';
const COUNT = '#,##0';

/** A percent as the fraction Excel formats (19,64 % → 0,1964), without binary noise. */
const fraction = (percent: number) => Math.round(percent * 100) / 10_000;

function titleRows(ws: ExcelJS.Worksheet, d: GradingReportData, heading: string, width: number): void {
  const lines = [
    heading,
    `${d.issuerName} — ${gradingTitle(d.statistics.year)}`,
    `Số liệu tính đến ngày ${formatDate(d.generatedOn)}`,
  ];
  for (const [i, text] of lines.entries()) {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = { bold: i === 0, italic: i === 2, size: i === 0 ? 13 : 11 };
    row.getCell(1).alignment = { horizontal: 'center' };
  }
  ws.addRow([]);
}

/** The level × list table: count and percent of each list, and the whole. */
function levelTable(ws: ExcelJS.Worksheet, rows: Record<GroupKey, GradeRow[]>): void {
  const top = ws.addRow(['Mức xếp loại', ...GROUPS.flatMap((g) => [g.title, ''])]);
  const sub = ws.addRow(['', ...GROUPS.flatMap(() => ['Số lượng', 'Tỷ lệ'])]);
  ws.mergeCells(top.number, 1, sub.number, 1);
  GROUPS.forEach((_, i) => {
    ws.mergeCells(top.number, 2 + i * 2, top.number, 3 + i * 2);
  });
  for (const r of [top, sub])
    r.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    });
  const levels = rows.organisations;
  const style = (row: ExcelJS.Row) =>
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = BORDER;
      if (col > 1) cell.numFmt = col % 2 === 0 ? COUNT : PERCENT;
    });
  for (const [i, level] of levels.entries()) {
    style(
      ws.addRow([
        level.label,
        ...GROUPS.flatMap((g) => {
          const r = rows[g.key][i]!;
          return [r.numerator, r.denominator === 0 ? null : fraction(r.percent)];
        }),
      ]),
    );
  }
  const whole = ws.addRow([
    'Tổng số',
    ...GROUPS.flatMap((g) => {
      const n = rows[g.key].reduce((s, r) => s + r.numerator, 0);
      return [n, n === 0 ? null : 1];
    }),
  ]);
  style(whole);
  whole.font = { bold: true };
  ws.getColumn(1).width = 34;
  for (let c = 2; c <= 1 + GROUPS.length * 2; c++) ws.getColumn(c).width = 14;
}

/** Excel's rules for a sheet name: at most 31 characters, none of []:*?/\, unique. */
function sheetName(name: string, used: Set<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Đơn vị';
  let out = base;
  for (let i = 2; used.has(out.toLocaleLowerCase('vi')); i++)
    out = `${base.slice(0, 31 - `(${i})`.length - 1)} (${i})`;
  used.add(out.toLocaleLowerCase('vi'));
  return out;
}

export async function renderGradingXlsx(d: GradingReportData): Promise<Buffer> {
  const s = d.statistics;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Chibo';
  wb.title = `Báo cáo ${gradingTitle(s.year)}`;
  const used = new Set<string>();

  const summary = wb.addWorksheet(sheetName('Tổng hợp', used));
  titleRows(summary, d, `KẾT QUẢ XẾP LOẠI NĂM ${s.year} — ${d.unit.name.toLocaleUpperCase('vi')}`, 7);
  levelTable(summary, { organisations: s.organisations, members: s.members, cadres: s.cadres });
  summary.addRow([]);
  const ng = summary.addRow([
    'Chưa có quyết định xếp loại',
    s.notGraded.organisations,
    null,
    s.notGraded.members,
  ]);
  ng.getCell(2).numFmt = COUNT;
  ng.getCell(4).numFmt = COUNT;

  const text = wb.addWorksheet(sheetName('Câu thống kê', used));
  titleRows(text, d, 'CÁC CÂU THỐNG KÊ CỦA BÁO CÁO', 1);
  const sentences = gradingSentences(d);
  for (const g of GROUPS) {
    text.addRow([g.heading]).getCell(1).font = { bold: true };
    for (const line of sentences[g.key]) text.addRow([`- ${line}`]);
  }
  text.getColumn(1).width = 110;

  if (d.children.length > 0) {
    const all = wb.addWorksheet(sheetName('Theo đơn vị', used), {
      views: [{ state: 'frozen', xSplit: 2, ySplit: 6 }],
    });
    const width = 2 + GROUPS.length * (d.levels.length + 1);
    titleRows(all, d, 'KẾT QUẢ XẾP LOẠI THEO ĐƠN VỊ TRỰC THUỘC (SỐ LƯỢNG)', width);
    const top = all.addRow(['TT', 'Đơn vị', ...GROUPS.flatMap((g) => [g.title, ...d.levels.map(() => '')])]);
    const sub = all.addRow(['', '', ...GROUPS.flatMap(() => [...d.levels.map((l) => l.label), 'Tổng số'])]);
    all.mergeCells(top.number, 1, sub.number, 1);
    all.mergeCells(top.number, 2, sub.number, 2);
    GROUPS.forEach((_, i) => {
      const c = 3 + i * (d.levels.length + 1);
      all.mergeCells(top.number, c, top.number, c + d.levels.length);
    });
    for (const r of [top, sub])
      r.eachCell({ includeEmpty: true }, (cell) => {
        cell.font = { bold: true };
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        cell.border = BORDER;
      });
    sub.height = 45;
    for (const [i, c] of d.children.entries()) {
      const values = GROUPS.flatMap((g) => {
        const v = d.levels.map((l) => c[g.key][l.key] ?? 0);
        return [...v, v.reduce((a, b) => a + b, 0)];
      });
      all.addRow([i + 1, c.unitName, ...values]).eachCell({ includeEmpty: true }, (cell, col) => {
        cell.border = BORDER;
        if (col > 2) cell.numFmt = COUNT;
      });
    }
    all.getColumn(1).width = 5;
    all.getColumn(2).width = 34;
    for (let c = 3; c <= width; c++) all.getColumn(c).width = 11;

    for (const c of d.children) {
      const ws = wb.addWorksheet(sheetName(c.unitName, used));
      titleRows(ws, d, c.unitName.toLocaleUpperCase('vi'), 7);
      levelTable(ws, childRows(c, d.levels));
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
