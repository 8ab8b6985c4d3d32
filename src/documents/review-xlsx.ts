/**
 * The appendix tables of a periodic review as an Excel workbook: the period's totals, one row
 * per year and one row per direct subordinate unit, each indicator in three columns (numerator,
 * denominator, percent half-up to two decimals, ADR 021), and the commendations and reminders.
 * Percentages are numbers (so they can be checked and summed in Excel) with two decimals shown.
 * Pure: data in, bytes out (bench/oversight.ts times it).
 */
import ExcelJS from 'exceljs';
import { formatDate } from '../domain/format.js';
import { BAND_LABELS, BANDS, type Ratio, type ReviewData, type ReviewIndicators } from './review-data.js';
import { periodText } from './review-sentences.js';

/** Every indicator of the review, with the ADR 021 key it comes from. */
export const XLSX_INDICATORS: { key: string; title: string; pick: (x: ReviewIndicators) => Ratio }[] = [
  { key: 'cells', title: 'Chi bộ', pick: (x) => x.cells },
  { key: 'members', title: 'Đảng viên', pick: (x) => x.members },
  { key: 'regularOnTime', title: 'Chi bộ sinh hoạt thường kỳ đúng định kỳ', pick: (x) => x.regularOnTime },
  { key: 'regularMissed', title: 'Chi bộ có tháng không sinh hoạt', pick: (x) => x.regularMissed },
  {
    key: 'regularMonths',
    title: 'Lượt chi bộ - tháng đã sinh hoạt / phải sinh hoạt',
    pick: (x) => x.regularMonths,
  },
  {
    key: 'thematicQuarters',
    title: 'Chi bộ sinh hoạt chuyên đề đủ các quý',
    pick: (x) => x.thematicQuarters,
  },
  { key: 'attendance', title: 'Lượt đảng viên dự sinh hoạt / phải dự', pick: (x) => x.attendance },
  { key: 'membersWithTasks', title: 'Lượt đảng viên được giao nhiệm vụ', pick: (x) => x.membersWithTasks },
  { key: 'tasksCompleted', title: 'Nhiệm vụ đến hạn đã hoàn thành', pick: (x) => x.tasksCompleted },
  ...BANDS.map((b) => ({
    key: `ratingCell.${b}`,
    title: `Xếp loại ${BAND_LABELS[b]} (chi bộ tự đánh giá)`,
    pick: (x: ReviewIndicators) => x.ratingCell[b],
  })),
  ...BANDS.map((b) => ({
    key: `ratingSupervisor.${b}`,
    title: `Xếp loại ${BAND_LABELS[b]} (cấp trên đánh giá)`,
    pick: (x: ReviewIndicators) => x.ratingSupervisor[b],
  })),
  { key: 'visits', title: 'Lượt dự, giám sát / mức tối thiểu', pick: (x) => x.visits },
];

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const KINDS: Record<string, string> = {
  khen_thuong: 'Khen thưởng',
  bieu_duong: 'Biểu dương',
  nhac_nho: 'Nhắc nhở',
};

function titleRows(ws: ExcelJS.Worksheet, d: ReviewData, heading: string, width: number): void {
  const lines = [
    heading,
    `${d.title} — ${d.issuerName}`,
    `Giai đoạn ${periodText(d.statistics.period)}${d.draft ? ' · DỰ THẢO' : ''}`,
  ];
  for (const [i, text] of lines.entries()) {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = { bold: i === 0, italic: i === 2, size: i === 0 ? 13 : 11 };
    row.getCell(1).alignment = { horizontal: 'center' };
  }
  ws.addRow([]);
}

/** A sheet of indicator rows: the leading columns, then numerator / denominator / percent per indicator. */
function indicatorSheet(
  wb: ExcelJS.Workbook,
  d: ReviewData,
  name: string,
  heading: string,
  lead: { header: string; width: number }[],
  rows: { lead: (string | number)[]; x: ReviewIndicators }[],
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: lead.length, ySplit: 6 }] });
  const width = lead.length + XLSX_INDICATORS.length * 3;
  titleRows(ws, d, heading, width);
  const top = ws.addRow([...lead.map((l) => l.header), ...XLSX_INDICATORS.flatMap((c) => [c.title, '', ''])]);
  const sub = ws.addRow([
    ...lead.map(() => ''),
    ...XLSX_INDICATORS.flatMap(() => ['Tử số', 'Mẫu số', 'Tỷ lệ (%)']),
  ]);
  lead.forEach((_, i) => {
    ws.mergeCells(top.number, i + 1, sub.number, i + 1);
  });
  XLSX_INDICATORS.forEach((_, i) => {
    const c = lead.length + i * 3 + 1;
    ws.mergeCells(top.number, c, top.number, c + 2);
  });
  for (const r of [top, sub])
    r.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    });
  top.height = 45;
  for (const r of rows) {
    const row = ws.addRow([
      ...r.lead,
      ...XLSX_INDICATORS.flatMap((c) => {
        const v = c.pick(r.x);
        return [v.numerator, v.denominator, v.denominator === 0 ? null : v.percent];
      }),
    ]);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = BORDER;
      if (col > lead.length && (col - lead.length) % 3 === 0) cell.numFmt = '0.00';
      else if (col > lead.length) cell.numFmt = '#,##0';
    });
  }
  lead.forEach((l, i) => {
    ws.getColumn(i + 1).width = l.width;
  });
  for (let c = lead.length + 1; c <= width; c++) ws.getColumn(c).width = 10;
}

export async function renderReviewXlsx(d: ReviewData): Promise<Buffer> {
  const s = d.statistics;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Chibo';
  wb.title = d.title;

  const totals = wb.addWorksheet('Tổng hợp');
  titleRows(totals, d, 'TỔNG HỢP KẾT QUẢ CẢ KỲ', 5);
  const head = totals.addRow(['Chỉ tiêu', 'Mã', 'Tử số', 'Mẫu số', 'Tỷ lệ (%)']);
  head.eachCell((c) => {
    c.font = { bold: true };
    c.border = BORDER;
    c.alignment = { horizontal: 'center' };
  });
  for (const c of XLSX_INDICATORS) {
    const v = c.pick(s.totals);
    const row = totals.addRow([
      c.title,
      c.key,
      v.numerator,
      v.denominator,
      v.denominator === 0 ? null : v.percent,
    ]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
    });
    row.getCell(3).numFmt = '#,##0';
    row.getCell(4).numFmt = '#,##0';
    row.getCell(5).numFmt = '0.00';
  }
  totals.getColumn(1).width = 48;
  totals.getColumn(2).width = 22;
  for (const c of [3, 4, 5]) totals.getColumn(c).width = 12;

  indicatorSheet(
    wb,
    d,
    'Theo năm',
    'PHỤ LỤC 1. KẾT QUẢ THEO TỪNG NĂM',
    [
      { header: 'Năm', width: 10 },
      { header: 'Từ tháng', width: 10 },
      { header: 'Đến tháng', width: 10 },
    ],
    [
      ...s.years.map((y) => ({ lead: [y.label, y.from, y.to], x: y.indicators })),
      { lead: ['Cả kỳ', s.period.from, s.period.to], x: s.totals },
    ],
  );
  indicatorSheet(
    wb,
    d,
    'Theo đơn vị',
    'PHỤ LỤC 2. KẾT QUẢ THEO ĐƠN VỊ TRỰC THUỘC',
    [
      { header: 'TT', width: 5 },
      { header: 'Đơn vị', width: 34 },
    ],
    [
      ...s.units.map((u, i) => ({ lead: [i + 1, u.unit.name], x: u.indicators })),
      { lead: ['', s.unit.name], x: s.totals },
    ],
  );

  const rec = wb.addWorksheet('Khen thưởng, nhắc nhở');
  titleRows(rec, d, 'ĐƠN VỊ ĐƯỢC KHEN THƯỞNG, BIỂU DƯƠNG, NHẮC NHỞ TRONG KỲ', 5);
  const rh = rec.addRow(['Hình thức', 'Đơn vị', 'Số quyết định', 'Ngày quyết định', 'Lý do']);
  rh.eachCell((c) => {
    c.font = { bold: true };
    c.border = BORDER;
  });
  for (const r of s.recognitions)
    rec
      .addRow([KINDS[r.kind] ?? r.kind, r.subjectName, r.number ?? '', formatDate(r.decidedOn), r.reason])
      .eachCell({ includeEmpty: true }, (c) => {
        c.border = BORDER;
      });
  rec.getColumn(1).width = 14;
  rec.getColumn(2).width = 34;
  rec.getColumn(3).width = 18;
  rec.getColumn(4).width = 14;
  rec.getColumn(5).width = 60;

  return Buffer.from(await wb.xlsx.writeBuffer());
}
