/**
 * The report on the year's grading of party organisations and members (issue 10, ADR 024) as
 * neutral blocks, and its tables, once for Word (grading-docx.ts) and Excel (grading-xlsx.ts):
 * the HD 36 header and title, one sentence per level as the committees write them (seed 002:
 * "11/56 đơn vị hoàn thành xuất sắc nhiệm vụ, chiếm tỷ lệ 19,64%") for organisations, members and
 * cadres apart, the table of counts and percentages with the whole, the closing; then on a
 * landscape page the counts of each direct subordinate unit. Every percentage is its own ratio,
 * half-up to two decimals; none is adjusted to make a column sum to 100 %.
 */
import { formatDate, formatNumber } from '../domain/format.js';
import { type GradeRow, gradePercentText, gradingDistribution, gradingSentence } from '../domain/grading.js';
import type { GradeLevel, GradingRules } from '../rules/year-types.js';
import { hd36Closing, hd36Header, hd36Number, hd36Title, issuerSymbol } from './hd36.js';
import { type Block, body, heading, nfc, para, type TableColumn, t } from './meeting-text.js';
import type { ReviewDocument } from './review-text.js';

export interface GradingStatistics {
  year: number;
  unitId: number;
  organisations: GradeRow[];
  members: GradeRow[];
  cadres: GradeRow[];
  notGraded: { organisations: number; members: number };
}

export type LevelCounts = Partial<Record<GradeLevel, number>>;

/** A direct child unit's counts (the report's appendix and the workbook's sheets). */
export interface ChildGradingCounts {
  unitId: number;
  unitName: string;
  organisations: LevelCounts;
  members: LevelCounts;
  cadres: LevelCounts;
}

/** What the Word and Excel reports are written from. */
export interface GradingReportData {
  statistics: GradingStatistics;
  unit: { id: number; name: string; kind: string; path: string };
  superiorName: string | null;
  issuerName: string;
  levels: GradingRules['levels'];
  children: ChildGradingCounts[];
  /** The day the figures were read (ISO). */
  generatedOn: string;
}

export const GROUPS = [
  {
    key: 'organisations',
    title: 'Tổ chức đảng',
    short: 'TCĐ',
    noun: 'đơn vị',
    heading: '1. Về tổ chức đảng',
  },
  { key: 'members', title: 'Đảng viên', short: 'ĐV', noun: 'đảng viên', heading: '2. Về đảng viên' },
  {
    key: 'cadres',
    title: 'Cán bộ diện cấp ủy quản lý',
    short: 'CB',
    noun: 'cán bộ',
    heading: '3. Về cán bộ diện cấp ủy quản lý (tính riêng)',
  },
] as const;
export type GroupKey = (typeof GROUPS)[number]['key'];

export function gradingTitle(year: number): string {
  return `kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm ${year}`;
}

/** The sentences of one list: one per level, or a line saying nothing is graded yet. */
export function groupSentences(rows: GradeRow[], noun: string, levels: GradingRules['levels']): string[] {
  const whole = rows[0]?.denominator ?? 0;
  if (whole === 0) return [`Chưa có ${noun === 'đơn vị' ? 'tổ chức đảng' : noun} nào được xếp loại.`];
  return rows.map((r) => gradingSentence(r, noun, levels));
}

/** Every sentence of the report by list, for the web page and the documents alike. */
export function gradingSentences(
  d: Pick<GradingReportData, 'statistics' | 'levels'>,
): Record<GroupKey, string[]> {
  const s = d.statistics;
  return {
    organisations: groupSentences(s.organisations, 'đơn vị', d.levels),
    members: groupSentences(s.members, 'đảng viên', d.levels),
    cadres: groupSentences(s.cadres, 'cán bộ', d.levels),
  };
}

function total(rows: GradeRow[]): number {
  return rows.reduce((n, r) => n + r.numerator, 0);
}

/** The main table: a row per level (count and percent of each list) and the whole. */
export function gradingTable(s: GradingStatistics): { columns: TableColumn[]; rows: string[][] } {
  const columns: TableColumn[] = [
    { title: 'Mức xếp loại', width: 25 },
    ...GROUPS.flatMap((g) => [
      { title: `Số ${g.short}`, width: 11, align: 'right' as const },
      { title: 'Tỷ lệ', width: 14, align: 'right' as const },
    ]),
  ];
  const rows = s.organisations.map((r, i) => [
    r.label,
    ...GROUPS.flatMap((g) => {
      const row = s[g.key][i]!;
      return [formatNumber(row.numerator), row.denominator === 0 ? '—' : gradePercentText(row)];
    }),
  ]);
  rows.push([
    'Tổng số',
    ...GROUPS.flatMap((g) => {
      const n = total(s[g.key]);
      return [formatNumber(n), n === 0 ? '—' : '100,00%'];
    }),
  ]);
  return { columns, rows };
}

/** The counts of one child unit as rows in the pack's order (for its sheet and the appendix). */
export function childRows(
  c: ChildGradingCounts,
  levels: GradingRules['levels'],
): Record<GroupKey, GradeRow[]> {
  return {
    organisations: gradingDistribution(c.organisations, levels),
    members: gradingDistribution(c.members, levels),
    cadres: gradingDistribution(c.cadres, levels),
  };
}

const SHORT: Record<GradeLevel, string> = {
  xuat_sac: 'XS',
  tot: 'Tốt',
  hoan_thanh: 'HT',
  khong_hoan_thanh: 'KHT',
};

/** The appendix: a row per direct child with the count at each level of each list and the whole. */
export function childrenTable(d: GradingReportData): { columns: TableColumn[]; rows: string[][] } {
  const columns: TableColumn[] = [
    { title: 'TT', width: 4, align: 'center' },
    { title: 'Đơn vị', width: 21 },
    ...GROUPS.flatMap((g) => [
      ...d.levels.map((l) => ({ title: `${g.short}\n${SHORT[l.key]}`, width: 4, align: 'right' as const })),
      { title: `${g.short}\ntổng`, width: 5, align: 'right' as const },
    ]),
  ];
  const line = (counts: Record<GroupKey, LevelCounts>) =>
    GROUPS.flatMap((g) => {
      const values = d.levels.map((l) => counts[g.key][l.key] ?? 0);
      return [...values, values.reduce((a, b) => a + b, 0)].map((n) => formatNumber(n));
    });
  const rows = d.children.map((c, i) => [String(i + 1), c.unitName, ...line(c)]);
  const sum = (key: GroupKey): LevelCounts =>
    Object.fromEntries(
      d.levels.map((l) => [l.key, d.children.reduce((n, c) => n + (c[key][l.key] ?? 0), 0)]),
    );
  rows.push([
    '',
    'Cộng',
    ...line({ organisations: sum('organisations'), members: sum('members'), cadres: sum('cadres') }),
  ]);
  return { columns, rows };
}

/** "toàn Đảng bộ phường An Hội" → "toàn đảng bộ phường An Hội". */
function unitLabel(name: string): string {
  const n = nfc(name.trim());
  return /^(đảng bộ|chi bộ)/iu.test(n) ? `toàn ${n.charAt(0).toLocaleLowerCase('vi')}${n.slice(1)}` : n;
}

function defaultPlace(unitName: string): string {
  const rest = unitName.trim().replace(/^(đảng bộ|chi bộ)\s+/iu, '');
  return rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1);
}

export function gradingDocument(d: GradingReportData): ReviewDocument {
  const s = d.statistics;
  const symbol = issuerSymbol(d.unit.kind);
  const number = hd36Number(null, 'BC', symbol);
  const isCell = d.unit.kind === 'chi_bo' || d.unit.kind === 'chi_bo_co_so';
  const b: Block[] = [
    hd36Header({
      superiorName: d.superiorName,
      issuerName: d.issuerName,
      number,
      place: defaultPlace(d.unit.name),
      date: d.generatedOn,
    }),
    ...hd36Title({ kind: 'Báo cáo', lines: [gradingTitle(s.year)] }),
    body(
      `Căn cứ Quy định số 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị và Hướng dẫn số 43-HD/BTCTW ngày 31/10/2025 của Ban Tổ chức Trung ương, ${nfc(d.issuerName)} báo cáo kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm ${s.year} của ${unitLabel(d.unit.name)} như sau:`,
    ),
  ];
  const sentences = gradingSentences(d);
  for (const g of GROUPS) {
    b.push(heading(g.heading));
    const rows = s[g.key];
    const whole = total(rows);
    if (whole > 0) {
      const what = g.key === 'organisations' ? 'tổ chức đảng' : g.key === 'members' ? 'đảng viên' : 'cán bộ';
      b.push(body(`Tổng số ${what} được đánh giá, xếp loại: ${formatNumber(whole)}.`));
    }
    const list = sentences[g.key];
    for (const [i, line] of list.entries())
      b.push(body(whole > 0 ? `- ${line}${i === list.length - 1 ? '.' : ';'}` : line));
    if (g.key === 'organisations' && s.notGraded.organisations > 0)
      b.push(body(`Chưa có quyết định xếp loại: ${formatNumber(s.notGraded.organisations)} tổ chức đảng.`));
    if (g.key === 'members' && s.notGraded.members > 0)
      b.push(body(`Chưa có quyết định xếp loại: ${formatNumber(s.notGraded.members)} đảng viên.`));
  }
  b.push(heading('4. Bảng tổng hợp'));
  b.push({ kind: 'table', ...gradingTable(s) });
  b.push(
    body(
      [
        t(
          `TCĐ: tổ chức đảng; ĐV: đảng viên; CB: cán bộ diện cấp ủy quản lý. Mỗi tỷ lệ được tính riêng trên tổng số của cột, làm tròn đến hai chữ số thập phân. Số liệu tính đến ngày ${formatDate(d.generatedOn)} theo các quyết định xếp loại đã ban hành và còn hiệu lực.`,
          { italics: true },
        ),
      ],
      { spaceBefore: 6 },
    ),
  );
  b.push(
    hd36Closing({
      recipients: ['Cấp ủy cấp trên (để báo cáo)', 'Lưu văn phòng cấp ủy'],
      signature: { onBehalfOf: isCell ? 'T/M CHI ỦY' : 'T/M BAN THƯỜNG VỤ', position: 'BÍ THƯ', name: '' },
    }),
  );

  const ref = `(Kèm theo Báo cáo ${number.replace(/\u00a0+/g, ' … ')} của ${nfc(d.issuerName)})`;
  const appendix: Block[] = [
    para([t('Phụ lục', { bold: true })], { align: 'center', spaceAfter: 0 }),
    para([t(`KẾT QUẢ XẾP LOẠI NĂM ${s.year} THEO ĐƠN VỊ TRỰC THUỘC`, { bold: true })], {
      align: 'center',
      spaceAfter: 0,
    }),
    para([t(ref, { italics: true })], { align: 'center', spaceAfter: 6 }),
    d.children.length > 0
      ? { kind: 'table', ...childrenTable(d) }
      : para('Đơn vị không có đơn vị trực thuộc.', { align: 'center' }),
    para(
      [
        t(
          'TCĐ: tổ chức đảng; ĐV: đảng viên; CB: cán bộ diện cấp ủy quản lý. XS: hoàn thành xuất sắc nhiệm vụ; Tốt: hoàn thành tốt nhiệm vụ; HT: hoàn thành nhiệm vụ; KHT: không hoàn thành nhiệm vụ.',
          { italics: true },
        ),
      ],
      { size: 10, spaceBefore: 6 },
    ),
  ];
  return { title: nfc(`Báo cáo ${gradingTitle(s.year)}`), draft: false, body: b, appendix };
}
