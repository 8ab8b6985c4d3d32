/**
 * The cell's yearly programme (chương trình công tác năm) as a Word document in the HD 36 form:
 * the header (the đảng bộ above, the cell, "Số …-CTr/CB", the place and date), the title, a
 * table per quarter (month, the work, who is responsible, the result from the records), the
 * approval line, the recipients and the bí thư's signature. A programme not yet approved carries
 * the mark "DỰ THẢO — chưa được cấp ủy duyệt". Pure: data in, bytes out.
 */
import { formatDate } from '../domain/format.js';
import { hd36Closing, hd36Header, hd36Number, hd36Title, issuerSymbol } from './hd36.js';
import { renderDocx } from './meeting-docx.js';
import { type Block, body, heading, nfc, type TableColumn, t } from './meeting-text.js';

export interface ActivityPlanDocRow {
  month: number;
  kindLabel: string;
  title: string;
  responsible: string | null;
  statusLabel: string;
}

export interface ActivityPlanDocData {
  year: number;
  cell: { name: string; kind: string };
  superiorName: string | null;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  decidedAt: string | null;
  /** The key tasks and other items, and the quarter topics as rows at their month. */
  rows: (ActivityPlanDocRow & { quarter: number })[];
  /** The day written under the header (ISO). */
  generatedOn: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "Chi bộ Khu phố 1" → "Khu phố 1" (the place line of the header). */
function place(cellName: string): string {
  const rest = nfc(cellName.trim()).replace(/^chi bộ\s+/iu, '');
  return rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1);
}

export function activityPlanBlocks(d: ActivityPlanDocData): Block[] {
  const columns: TableColumn[] = [
    { title: 'Tháng', width: 12, align: 'center' },
    { title: 'Nội dung công việc', width: 47 },
    { title: 'Phụ trách', width: 22 },
    { title: 'Kết quả', width: 19, align: 'center' },
  ];
  const b: Block[] = [
    hd36Header({
      superiorName: d.superiorName,
      issuerName: d.cell.name,
      number: hd36Number(null, 'CTr', issuerSymbol(d.cell.kind)),
      place: place(d.cell.name),
      date: d.generatedOn,
    }),
    ...hd36Title({ kind: 'Chương trình', lines: [`công tác năm ${d.year}`], draft: d.status !== 'approved' }),
    body(
      `Thực hiện nghị quyết, chương trình công tác của cấp ủy cấp trên, ${nfc(d.cell.name)} xây dựng chương trình công tác năm ${d.year} gồm các nhiệm vụ trọng tâm từng tháng và chuyên đề sinh hoạt từng quý như sau:`,
    ),
  ];
  for (const [q, roman] of ROMAN.entries()) {
    const rows = d.rows.filter((r) => r.quarter === q + 1).sort((a, b) => a.month - b.month);
    b.push(heading(`${roman}. Quý ${roman} (tháng ${q * 3 + 1} – ${q * 3 + 3})`));
    if (rows.length === 0) {
      b.push(body([t('Chưa có nhiệm vụ.', { italics: true })]));
      continue;
    }
    b.push({
      kind: 'table',
      columns,
      rows: rows.map((r) => [
        String(r.month),
        r.kindLabel === 'Nhiệm vụ trọng tâm' ? nfc(r.title) : `${r.kindLabel}: ${nfc(r.title)}`,
        nfc(r.responsible ?? ''),
        r.statusLabel,
      ]),
    });
  }
  const note =
    d.status === 'approved' && d.decidedAt
      ? `Chương trình đã được cấp ủy cấp trên duyệt ngày ${formatDate(d.decidedAt)}. Cột "Kết quả" ghi theo số liệu sinh hoạt của chi bộ đến ngày ${formatDate(d.generatedOn)}.`
      : `Chương trình chưa được cấp ủy cấp trên duyệt. Cột "Kết quả" ghi theo số liệu sinh hoạt của chi bộ đến ngày ${formatDate(d.generatedOn)}.`;
  b.push(body([t(note, { italics: true })], { spaceBefore: 6 }));
  b.push(
    hd36Closing({
      recipients: [
        d.superiorName
          ? `${nfc(d.superiorName).replace(/^Đảng bộ/u, 'Đảng ủy')} (để báo cáo)`
          : 'Cấp ủy cấp trên (để báo cáo)',
        'Các đảng viên trong chi bộ',
        'Lưu chi bộ',
      ],
      signature: { onBehalfOf: 'T/M CHI BỘ', position: 'BÍ THƯ', name: '' },
    }),
  );
  return b;
}

export function renderActivityPlanDocx(d: ActivityPlanDocData): Promise<Buffer> {
  return renderDocx({
    title: nfc(`Chương trình công tác năm ${d.year} — ${d.cell.name}`),
    blocks: activityPlanBlocks(d),
    draft: d.status !== 'approved',
    draftMark: 'DỰ THẢO — chưa được cấp ủy duyệt',
  });
}
