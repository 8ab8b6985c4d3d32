/**
 * The committee overview table as an Excel workbook (issue 9): a title row with the unit and the
 * period, two header rows (indicator, then "Số / Trên / Tỷ lệ (%)"), one row per unit and the
 * totals of the unit asked about. Each percentage is its own ratio, rounded half-up to two
 * decimals, written beside its numerator and denominator so a reader can check it.
 *
 * Pure (data in, bytes out), written with exceljs's streaming writer: each row is committed as it
 * is written, so a table of the documented maximum (20.000 rows) never sits in memory as cells.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatDate } from '../domain/format.js';
import type { Ratio } from '../domain/indicators.js';

export interface OverviewXlsxRow {
  name: string;
  kindLabel: string;
  ratingLabel: string | null;
  averageScore: number | null;
  indicators: OverviewXlsxIndicators;
}

/** The indicators as the overview answers them (overview-schema.ts). */
export interface OverviewXlsxIndicators {
  [key: string]: unknown;
  alertsOpen: { total: number };
  recommendationsOpen: { total: number; upTo30Days: number; upTo90Days: number; over90Days: number };
}

export interface OverviewXlsxInput {
  unitName: string;
  /** YYYY-MM. */
  from: string;
  to: string;
  /** ISO day the figures were read on. */
  asOf: string;
  /** The rows leading to the reader's own units only (ADR 021). */
  limited: boolean;
  rows: OverviewXlsxRow[];
  totals: OverviewXlsxRow;
}

/** Vietnamese names of the ratio indicators, in the column order; `path` reaches into `indicators`. */
export const OVERVIEW_RATIO_COLUMNS: readonly { path: string; label: string }[] = [
  { path: 'cells', label: 'Số chi bộ' },
  { path: 'members', label: 'Số đảng viên' },
  { path: 'regularOnTime', label: 'Chi bộ sinh hoạt thường kỳ đúng hạn mọi tháng' },
  { path: 'regularMissed', label: 'Chi bộ có tháng không sinh hoạt' },
  { path: 'regularPending', label: 'Chi bộ tháng cuối kỳ chưa đến hạn' },
  { path: 'regularMonths', label: 'Lượt sinh hoạt thường kỳ đã tổ chức / đến hạn' },
  { path: 'thematicQuarters', label: 'Chi bộ có sinh hoạt chuyên đề mọi quý' },
  { path: 'attendance', label: 'Đảng viên dự họp / tổng số phải dự' },
  { path: 'membersWithTasks', label: 'Lượt đảng viên được phân công nhiệm vụ' },
  { path: 'tasksCompleted', label: 'Nhiệm vụ đến hạn đã hoàn thành' },
  { path: 'ratingCell.tot', label: 'Chi bộ tự chấm: Tốt' },
  { path: 'ratingCell.kha', label: 'Chi bộ tự chấm: Khá' },
  { path: 'ratingCell.trung_binh', label: 'Chi bộ tự chấm: Trung bình' },
  { path: 'ratingCell.kem', label: 'Chi bộ tự chấm: Kém' },
  { path: 'ratingSupervisor.tot', label: 'Cấp trên chấm: Tốt' },
  { path: 'ratingSupervisor.kha', label: 'Cấp trên chấm: Khá' },
  { path: 'ratingSupervisor.trung_binh', label: 'Cấp trên chấm: Trung bình' },
  { path: 'ratingSupervisor.kem', label: 'Cấp trên chấm: Kém' },
  { path: 'visits', label: 'Lượt cấp ủy viên dự sinh hoạt / mức tối thiểu' },
];

export function ratioAt(indicators: OverviewXlsxIndicators, path: string): Ratio {
  let v: unknown = indicators;
  for (const k of path.split('.')) v = (v as Record<string, unknown>)[k];
  return v as Ratio;
}

const FIXED = ['STT', 'Đơn vị', 'Loại', 'Xếp loại chung của kỳ', 'Điểm bình quân'];
const TAIL = [
  'Cảnh báo đang mở',
  'Kiến nghị đang mở',
  'Kiến nghị ≤ 30 ngày',
  'Kiến nghị 31–90 ngày',
  'Kiến nghị > 90 ngày',
];

const monthLabel = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

function values(r: OverviewXlsxRow, index: number | null): (string | number | null)[] {
  const out: (string | number | null)[] = [index, r.name, r.kindLabel, r.ratingLabel, r.averageScore];
  for (const c of OVERVIEW_RATIO_COLUMNS) {
    const x = ratioAt(r.indicators, c.path);
    out.push(x.numerator, x.denominator, x.percent);
  }
  const rec = r.indicators.recommendationsOpen;
  out.push(r.indicators.alertsOpen.total, rec.total, rec.upTo30Days, rec.upTo90Days, rec.over90Days);
  return out;
}

export async function renderOverviewXlsx(input: OverviewXlsxInput): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'chibo';
  const ws = wb.addWorksheet('Tổng quan', { views: [{ state: 'frozen', xSplit: 2, ySplit: 4 }] });
  const width = FIXED.length + OVERVIEW_RATIO_COLUMNS.length * 3 + TAIL.length;
  ws.columns = Array.from({ length: width }, (_, i) => ({
    width: i === 0 ? 6 : i === 1 ? 34 : i === 2 ? 16 : i < FIXED.length ? 12 : 10,
  }));

  const title = ws.addRow([
    `TỔNG QUAN TÌNH HÌNH SINH HOẠT CHI BỘ – ${input.unitName.toLocaleUpperCase('vi')}`,
  ]);
  title.font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, width);
  title.commit();
  const sub = ws.addRow([
    `Từ tháng ${monthLabel(input.from)} đến tháng ${monthLabel(input.to)}; số liệu tính đến ngày ${formatDate(input.asOf)}` +
      (input.limited ? '; chỉ gồm đơn vị thuộc phạm vi phụ trách (tổng cộng là của toàn đơn vị)' : ''),
  ]);
  sub.font = { italic: true };
  ws.mergeCells(2, 1, 2, width);
  sub.commit();

  const groups: (string | null)[] = [...FIXED];
  const heads: (string | null)[] = FIXED.map(() => null);
  for (const c of OVERVIEW_RATIO_COLUMNS) {
    groups.push(c.label, null, null);
    heads.push('Số', 'Trên', 'Tỷ lệ (%)');
  }
  groups.push(...TAIL);
  heads.push(...TAIL.map(() => null));
  const h1 = ws.addRow(groups);
  const h2 = ws.addRow(heads);
  for (const h of [h1, h2]) {
    h.font = { bold: true };
    h.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  }
  h1.height = 48;
  for (let i = 0; i < FIXED.length; i++) ws.mergeCells(3, i + 1, 4, i + 1);
  OVERVIEW_RATIO_COLUMNS.forEach((_, k) => {
    const c = FIXED.length + 1 + k * 3;
    ws.mergeCells(3, c, 3, c + 2);
  });
  for (let i = 0; i < TAIL.length; i++) {
    const c = FIXED.length + OVERVIEW_RATIO_COLUMNS.length * 3 + 1 + i;
    ws.mergeCells(3, c, 4, c);
  }
  h1.commit();
  h2.commit();

  const write = (r: OverviewXlsxRow, index: number | null, bold = false) => {
    const row = ws.addRow(values(r, index));
    OVERVIEW_RATIO_COLUMNS.forEach((_, k) => {
      const c = FIXED.length + 1 + k * 3;
      row.getCell(c).numFmt = '#,##0';
      row.getCell(c + 1).numFmt = '#,##0';
      row.getCell(c + 2).numFmt = '0.00';
    });
    row.getCell(5).numFmt = '0.0';
    if (bold) row.font = { bold: true };
    row.commit();
  };
  for (const [i, r] of input.rows.entries()) write(r, i + 1);
  write(input.totals, null, true);
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
