/**
 * The periodic review report (sơ kết / tổng kết) as neutral blocks, once for Word and PDF: the
 * HD 36 header and title (hd36.ts), I. situation and results (the opening, the statistics written
 * as sentences, the strengths), II. shortcomings and causes, III. lessons, IV. directions and
 * tasks, the recipients and the signature; then, on landscape pages, the appendix tables per year
 * and per direct subordinate unit (the same tables the .xlsx holds, review-xlsx.ts).
 */
import { formatDate, formatNumber } from '../domain/format.js';
import { hd36Closing, hd36Header, hd36Number, hd36Title, issuerSymbol } from './hd36.js';
import { type Block, body, heading, nfc, para, paragraphs, type TableColumn, t } from './meeting-text.js';
import type { Ratio, ReviewData, ReviewIndicators, SectionKey } from './review-data.js';
import { fractionText, percentText, periodText, statisticsSentences } from './review-sentences.js';

export interface ReviewDocument {
  title: string;
  draft: boolean;
  /** Portrait pages: the report itself. */
  body: Block[];
  /** Landscape pages after the report: the appendix tables (smaller type). */
  appendix: Block[];
}

/** The columns of the appendix tables: one indicator each (ADR 021 keys), in the order of section I. */
export const TABLE_INDICATORS: { key: string; title: string; pick: (x: ReviewIndicators) => Ratio }[] = [
  { key: 'regularOnTime', title: 'Chi bộ sinh hoạt thường kỳ đúng định kỳ', pick: (x) => x.regularOnTime },
  { key: 'regularMonths', title: 'Lượt sinh hoạt thường kỳ đã tổ chức', pick: (x) => x.regularMonths },
  {
    key: 'thematicQuarters',
    title: 'Chi bộ sinh hoạt chuyên đề đủ các quý',
    pick: (x) => x.thematicQuarters,
  },
  { key: 'attendance', title: 'Lượt đảng viên dự sinh hoạt', pick: (x) => x.attendance },
  { key: 'membersWithTasks', title: 'Lượt đảng viên được giao nhiệm vụ', pick: (x) => x.membersWithTasks },
  { key: 'tasksCompleted', title: 'Nhiệm vụ hoàn thành', pick: (x) => x.tasksCompleted },
  { key: 'ratingCell.tot', title: 'Xếp loại Tốt (chi bộ tự đánh giá)', pick: (x) => x.ratingCell.tot },
  {
    key: 'ratingSupervisor.tot',
    title: 'Xếp loại Tốt (cấp trên đánh giá)',
    pick: (x) => x.ratingSupervisor.tot,
  },
  { key: 'visits', title: 'Lượt dự, giám sát / mức tối thiểu', pick: (x) => x.visits },
];

/** "x/y\nz%" — both numbers and the percentage, so each cell can be checked by hand. */
function cellText(r: Ratio): string {
  // A zero-width space after the slash lets a long fraction wrap there, never inside a number.
  return r.denominator === 0 ? '—' : `${fractionText(r).replace('/', '/\u200b')}\n${percentText(r)}`;
}

function tableColumns(first: string): TableColumn[] {
  const share = 72 / TABLE_INDICATORS.length;
  return [
    { title: 'TT', width: 3.5, align: 'center' },
    { title: first, width: 13.5 },
    { title: 'Chi bộ', width: 5, align: 'center' },
    { title: 'Đảng viên', width: 6, align: 'center' },
    ...TABLE_INDICATORS.map((c) => ({ title: c.title, width: share, align: 'center' as const })),
  ];
}

function tableRow(i: number | string, name: string, x: ReviewIndicators): string[] {
  return [
    String(i),
    nfc(name),
    formatNumber(x.cells.numerator),
    formatNumber(x.members.numerator),
    ...TABLE_INDICATORS.map((c) => cellText(c.pick(x))),
  ];
}

/** The appendix tables as rows of text (also used by the on-screen preview). */
export function reviewTables(d: ReviewData) {
  const s = d.statistics;
  return {
    years: {
      columns: tableColumns('Năm'),
      rows: [
        ...s.years.map((y, i) => tableRow(i + 1, `${y.label}\n(${periodText(y)})`, y.indicators)),
        tableRow('', 'Cả kỳ', s.totals),
      ],
    },
    units: {
      columns: tableColumns('Đơn vị'),
      rows: [
        ...s.units.map((u, i) => tableRow(i + 1, u.unit.name, u.indicators)),
        tableRow('', 'Toàn đảng bộ', s.totals),
      ],
    },
  };
}

function section(key: SectionKey, d: ReviewData, placeholder: string): Block[] {
  const ps = paragraphs(d.sections[key]);
  if (ps.length === 0) return [body([t(placeholder, { italics: true })])];
  return ps.map((p) => body(p));
}

/** "Đảng bộ phường An Hội" as the subject of the statistics sentences. */
function unitLabel(d: ReviewData): string {
  const name = nfc(d.statistics.unit.name.trim());
  return /^(đảng bộ|chi bộ)/iu.test(name)
    ? `toàn ${name.charAt(0).toLocaleLowerCase('vi')}${name.slice(1)}`
    : name;
}

export function reviewDocument(d: ReviewData): ReviewDocument {
  const kind = d.statistics.unit.kind;
  const symbol = issuerSymbol(kind);
  const number = hd36Number(d.meta.number, 'BC', symbol);
  const b: Block[] = [];
  b.push(
    hd36Header({
      superiorName: d.superiorName,
      issuerName: d.issuerName,
      number,
      place: d.meta.place,
      date: d.meta.date,
    }),
  );
  b.push(...hd36Title({ kind: 'Báo cáo', lines: [d.title], draft: d.draft }));
  b.push(heading('I. TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN'));
  b.push(
    ...section(
      'opening',
      d,
      'Phần mở đầu (công tác lãnh đạo, chỉ đạo, quán triệt, triển khai) chưa được viết.',
    ),
  );
  b.push(heading('1. Kết quả thực hiện các chỉ tiêu về sinh hoạt chi bộ'));
  for (const s of statisticsSentences(d.statistics, unitLabel(d))) b.push(body(`- ${s}`));
  b.push(
    body([
      t(
        'Số liệu theo từng năm và theo từng đơn vị trực thuộc tại Phụ lục 1 và Phụ lục 2 kèm theo báo cáo này; ' +
          'mỗi tỷ lệ được tính riêng trên tử số và mẫu số của nó, làm tròn đến hai chữ số thập phân.',
        { italics: true },
      ),
    ]),
  );
  b.push(heading('2. Ưu điểm'));
  b.push(...section('strengths', d, 'Phần ưu điểm chưa được viết.'));

  b.push(heading('II. HẠN CHẾ VÀ NGUYÊN NHÂN'));
  b.push(heading('1. Hạn chế'));
  b.push(...section('weaknesses', d, 'Phần hạn chế chưa được viết.'));
  b.push(heading('2. Nguyên nhân'));
  b.push(...section('causes', d, 'Phần nguyên nhân chưa được viết.'));

  b.push(heading('III. BÀI HỌC KINH NGHIỆM'));
  b.push(...section('lessons', d, 'Phần bài học kinh nghiệm chưa được viết.'));

  b.push(heading('IV. PHƯƠNG HƯỚNG, NHIỆM VỤ'));
  b.push(...section('directions', d, 'Phần phương hướng, nhiệm vụ chưa được viết.'));

  b.push(
    hd36Closing({
      recipients: d.meta.recipients ?? [],
      signature: {
        onBehalfOf: d.meta.onBehalfOf ?? 'T/M BAN THƯỜNG VỤ',
        position: d.meta.signerTitle ?? '',
        name: d.meta.signerName ?? '',
      },
    }),
  );
  if (d.issued) {
    b.push(
      para(
        [
          t(
            `Ban hành: phiên bản ${d.issued.version} · mã băm ${d.issued.contentHash.slice(0, 12)} · số liệu chốt ngày ${formatDate(d.statistics.asOf)}`,
            { italics: true },
          ),
        ],
        { size: 10, spaceBefore: 12 },
      ),
    );
  }

  const tables = reviewTables(d);
  const ref = `(Kèm theo Báo cáo ${number.replace(/\u00a0+/g, ' … ')} của ${nfc(d.issuerName)})`;
  const appendix: Block[] = [
    para([t('Phụ lục 1', { bold: true })], { align: 'center', spaceAfter: 0 }),
    para([t('KẾT QUẢ SINH HOẠT CHI BỘ THEO TỪNG NĂM', { bold: true })], { align: 'center', spaceAfter: 0 }),
    para([t(ref, { italics: true })], { align: 'center', spaceAfter: 6 }),
    { kind: 'table', ...tables.years },
    { kind: 'pageBreak' },
    para([t('Phụ lục 2', { bold: true })], { align: 'center', spaceAfter: 0 }),
    para([t('KẾT QUẢ SINH HOẠT CHI BỘ THEO ĐƠN VỊ TRỰC THUỘC', { bold: true })], {
      align: 'center',
      spaceAfter: 0,
    }),
    para([t(ref, { italics: true })], { align: 'center', spaceAfter: 6 }),
    { kind: 'table', ...tables.units },
  ];
  return { title: nfc(`Báo cáo ${d.title}`), draft: d.draft, body: b, appendix };
}
