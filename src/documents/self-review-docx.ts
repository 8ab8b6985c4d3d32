/**
 * The member's bản kiểm điểm cá nhân of a year as a Word document, in the HD 36 layout of a
 * cell's documents (meeting-text.ts): the cell's header, "BẢN KIỂM ĐIỂM CÁ NHÂN" with the year,
 * the member's particulars, the sections of the pack with the member's text, the year's record
 * from chibo's books as a table, the level the member proposes, and the signature block.
 * Pure: data in, bytes out.
 */
import { formatNumber } from '../domain/format.js';
import { renderDocx } from './meeting-docx.js';
import {
  type Block,
  body,
  centered,
  heading,
  labelled,
  type MeetingDocument,
  nfc,
  para,
  partyHeader,
  SIGN_SPACE,
  t,
} from './meeting-text.js';

export interface SelfReviewDocData {
  year: number;
  fullName: string;
  birthDate: string | null;
  cellName: string;
  superiorName: string;
  placeName: string;
  status: 'draft' | 'submitted';
  submittedOn: string | null;
  sections: { title: string; text: string }[];
  proposedLevelLabel: string | null;
  notGradedReason: string | null;
  record: {
    meetings: { due: number; attended: number; absentExcused: number; absentUnexcused: number };
    missed: { date: string; statusLabel: string; reason: string | null }[];
    tasks: { assigned: number; done: number; late: number; undone: number };
    dues: { months: number; dueText: string; paidText: string; unpaidMonths: string[] };
    commendations: { title: string; date: string }[];
    disciplines: { formLabel: string; date: string }[];
  };
}

/** The page mark of a self-review not yet submitted. */
export const SELF_REVIEW_DRAFT_MARK = 'BẢN NHÁP — chưa nộp chi bộ';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

export function selfReviewDocument(d: SelfReviewDocData): MeetingDocument {
  const r = d.record;
  const blocks: Block[] = [
    partyHeader({
      superiorName: d.superiorName,
      cellName: d.cellName,
      placeName: d.placeName,
      number: '',
      day: undefined,
    }),
    para([t('BẢN KIỂM ĐIỂM CÁ NHÂN', { bold: true })], {
      align: 'center',
      size: 16,
      spaceBefore: 20,
      spaceAfter: 0,
    }),
    para([t(`Năm ${d.year}`, { bold: true })], { align: 'center', spaceAfter: 0 }),
    para('-----', { align: 'center', spaceAfter: 10 }),
    labelled('Họ và tên: ', d.fullName),
    ...(d.birthDate ? [labelled('Ngày sinh: ', d.birthDate)] : []),
    labelled('Chi bộ: ', d.cellName),
  ];
  d.sections.forEach((s, i) => {
    blocks.push(heading(`${ROMAN[i] ?? i + 1}. ${s.title}`));
    const lines = nfc(s.text)
      .split(/\n+/u)
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) blocks.push(body('……………………………………………………………………'));
    for (const line of lines) blocks.push(body(line));
  });
  const n = d.sections.length;
  blocks.push(heading(`${ROMAN[n] ?? n + 1}. Kết quả trong năm theo sổ sách của chi bộ`));
  const missed =
    r.missed.length === 0
      ? 'Không vắng buổi nào'
      : r.missed
          .map(
            (m) => `${m.date}: ${m.statusLabel.toLocaleLowerCase('vi')}${m.reason ? ` (${m.reason})` : ''}`,
          )
          .join('\n');
  blocks.push({
    kind: 'table',
    columns: [
      { title: 'Nội dung', width: 34 },
      { title: 'Kết quả', width: 66 },
    ],
    rows: [
      [
        'Sinh hoạt chi bộ',
        `Dự ${formatNumber(r.meetings.attended)}/${formatNumber(r.meetings.due)} buổi; vắng có lý do ${formatNumber(r.meetings.absentExcused)}, vắng không lý do ${formatNumber(r.meetings.absentUnexcused)}`,
      ],
      ['Các buổi vắng', missed],
      [
        'Nhiệm vụ được giao',
        `${formatNumber(r.tasks.assigned)} nhiệm vụ: hoàn thành ${formatNumber(r.tasks.done)} (chậm ${formatNumber(r.tasks.late)}), chưa hoàn thành ${formatNumber(r.tasks.undone)}`,
      ],
      [
        'Đảng phí',
        `${formatNumber(r.dues.months)} tháng đã ghi sổ: phải đóng ${r.dues.dueText}, đã đóng ${r.dues.paidText}${r.dues.unpaidMonths.length ? `; chưa đóng không có lý do: tháng ${r.dues.unpaidMonths.join(', ')}` : ''}`,
      ],
      [
        'Khen thưởng',
        r.commendations.length ? r.commendations.map((c) => `${c.title} (${c.date})`).join('\n') : 'Không',
      ],
      [
        'Kỷ luật',
        r.disciplines.length ? r.disciplines.map((x) => `${x.formLabel} (${x.date})`).join('\n') : 'Không',
      ],
    ],
  });
  blocks.push(heading(`${ROMAN[n + 1] ?? n + 2}. Tự nhận mức xếp loại chất lượng`));
  blocks.push(
    body(
      d.notGradedReason
        ? d.notGradedReason
        : d.proposedLevelLabel
          ? `Tự nhận mức: ${d.proposedLevelLabel}.`
          : 'Tự nhận mức: …………………………………',
    ),
  );
  const place = nfc(d.placeName.trim()) || '…';
  blocks.push({
    kind: 'columns',
    widths: [45, 55],
    spaceBefore: 12,
    keepWithPrevious: true,
    cells: [
      [
        centered(t('XÁC NHẬN CỦA CHI ỦY', { bold: true })),
        centered(t('(nhận xét, đánh giá)', { italics: true })),
      ],
      [
        centered(t(`${place}, ngày … tháng … năm …`, { italics: true })),
        centered(t('NGƯỜI TỰ KIỂM ĐIỂM', { bold: true })),
        centered(t('(ký, ghi rõ họ tên)', { italics: true })),
        { runs: [t('\u00a0')], align: 'center', spaceAfter: SIGN_SPACE },
        centered(t(nfc(d.fullName), { bold: true })),
      ],
    ],
  });
  return {
    title: `Bản kiểm điểm cá nhân năm ${d.year} — ${nfc(d.fullName)}`,
    blocks,
    // A personal self-review is not adopted: a draft is "not yet handed to the cell"; once
    // submitted it carries no mark.
    draft: d.status !== 'submitted',
    draftMark: SELF_REVIEW_DRAFT_MARK,
  };
}

export function renderSelfReviewDocx(d: SelfReviewDocData): Promise<Buffer> {
  return renderDocx(selfReviewDocument(d));
}
