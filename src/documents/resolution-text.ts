/**
 * The nghị quyết (resolution) of a cell meeting as neutral blocks (see meeting-text.ts), in the
 * order of DOMAIN.md §4: header, opening with attendance and length, I. results of last month's
 * resolution (table), II. next month's directions and tasks, III. assignments (table), IV. the
 * quality self-assessment, V. the vote, recipients and the signature "T/M CHI ỦY – BÍ THƯ".
 */
import { formatDate, formatNumber, formatPercent } from '../domain/format.js';
import type { MeetingRecord } from './meeting-record.js';
import {
  attendanceCounts,
  type Block,
  body,
  carriedNote,
  centered,
  guestText,
  header,
  heading,
  lengthMinutes,
  type MeetingDocument,
  meetingDay,
  moment,
  nfc,
  onBehalfOf,
  type Para,
  paragraphs,
  personWithTitle,
  qualityText,
  resultText,
  SIGN_SPACE,
  sentence,
  signerPosition,
  t,
  tallySentence,
  title,
  voteSentence,
} from './meeting-text.js';

export function resolutionDocument(r: MeetingRecord): MeetingDocument {
  const blocks: Block[] = [header(r, 'NQ'), ...title(r, 'NGHỊ QUYẾT')];

  const opening = paragraphs(r.text.opening);
  if (opening.length) {
    for (const p of opening) blocks.push(body(p));
  } else {
    blocks.push(body(openingSentence(r)));
  }
  blocks.push(body('Sau khi nghe báo cáo và thảo luận, hội nghị chi bộ thống nhất quyết nghị:'));

  blocks.push(heading('I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT THÁNG TRƯỚC'));
  for (const p of paragraphs(r.text.situation)) blocks.push(body(p));
  if (r.previousItems.length === 0) {
    blocks.push(body('Tháng trước không có nội dung nghị quyết cần đánh giá.'));
  } else {
    blocks.push(body('Kết quả thực hiện từng nội dung:', { keepWithNext: true }));
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'STT', width: 9, align: 'center' },
        { title: 'Nội dung', width: 34 },
        { title: 'Người thực hiện', width: 22 },
        { title: 'Thời hạn', width: 17, align: 'center' },
        { title: 'Kết quả', width: 18, align: 'center' },
      ],
      rows: r.previousItems.map((item, i) => [
        String(i + 1),
        `${nfc(item.title.trim())}${carriedNote(item, r)}`,
        item.owners.map(nfc).join(', '),
        formatDate(item.deadline) || '—',
        item.note?.trim() ? resultText(item).replace(' (', '\n(') : resultText(item),
      ]),
    });
    blocks.push(body(tallySentence(r.previousItems), { spaceBefore: 4 }));
  }

  blocks.push(heading('II. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG TỚI'));
  const directions = paragraphs(r.text.directions);
  if (directions.length) {
    for (const p of directions) blocks.push(body(p));
  } else if (r.tasks.length) {
    blocks.push(body('Chi bộ tập trung lãnh đạo thực hiện các nhiệm vụ sau:'));
    for (const [i, task] of r.tasks.entries()) blocks.push(body(`${i + 1}. ${sentence(task.title)}`));
  } else {
    blocks.push(body('Chưa có nội dung.'));
  }

  blocks.push(heading('III. PHÂN CÔNG THỰC HIỆN'));
  if (r.tasks.length === 0) {
    blocks.push(body('Không có nhiệm vụ được phân công.'));
  } else {
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'STT', width: 9, align: 'center' },
        { title: 'Nhiệm vụ', width: 48 },
        { title: 'Người thực hiện', width: 26 },
        { title: 'Thời hạn', width: 17, align: 'center' },
      ],
      rows: r.tasks.map((task, i) => [
        String(i + 1),
        nfc(task.title.trim()),
        task.owners.map(nfc).join(', '),
        formatDate(task.deadline) || '—',
      ]),
    });
  }

  blocks.push(heading('IV. TỰ ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT'));
  blocks.push(body(`Chi bộ tự đánh giá chất lượng buổi sinh hoạt: ${qualityText(r)}.`));

  blocks.push(heading('V. BIỂU QUYẾT THÔNG QUA NGHỊ QUYẾT'));
  if (r.votes.length === 0) blocks.push(body('Hội nghị không tiến hành biểu quyết.'));
  for (const v of r.votes) blocks.push(body(voteSentence(v)));
  blocks.push(body('Nghị quyết được phổ biến đến toàn thể đảng viên trong chi bộ để thực hiện.'));

  blocks.push(closing(r));
  return { title: `Nghị quyết hội nghị chi bộ ${nfc(r.kindLabel.trim())}`, blocks, draft: r.draft };
}

function openingSentence(r: MeetingRecord): string {
  const a = attendanceCounts(r);
  const day = meetingDay(r);
  const start = moment(r.startedAt);
  const end = moment(r.endedAt);
  const minutes = lengthMinutes(r);
  const when = start?.time && end?.time ? `, từ ${start.time} đến ${end.time}` : '';
  const length = minutes === undefined ? '' : ` (thời lượng ${formatNumber(minutes)} phút)`;
  const absent = a.absentCount
    ? `; vắng ${a.absentCount} đồng chí (${a.excused} có lý do, ${a.unexcused} không có lý do)`
    : '';
  const exempted = a.exemptedPresent
    ? ` Đảng viên được miễn sinh hoạt dự họp: ${a.exemptedPresent} đồng chí.`
    : '';
  const guests = r.guests.length
    ? ` Dự hội nghị có ${r.guests.map((g) => guestText(g).replace(/^Đồng chí/, 'đồng chí')).join('; ')}.`
    : '';
  return (
    `Ngày ${day?.date ?? '…'}, tại ${nfc(r.place.trim())}, chi bộ tổ chức hội nghị ${nfc(r.kindLabel.trim())}` +
    `${when}${length}. Có mặt ${a.present}/${a.summoned} đảng viên được triệu tập, ` +
    `đạt tỷ lệ ${formatPercent(a.present, a.summoned)}${absent}.${exempted}${guests} ` +
    `${personWithTitle(r.chair)} chủ trì hội nghị.`
  );
}

/** Recipients (bottom left) and the signature "T/M CHI ỦY – BÍ THƯ" (bottom right). */
function closing(r: MeetingRecord): Block {
  const recipients = r.recipients.map((x) => x.trim().replace(/[.,;]+$/, '')).filter(Boolean);
  const left: Para[] = [
    { runs: [t('Nơi nhận:', { bold: true, underline: true })], align: 'left', size: 14, spaceAfter: 0 },
    ...recipients.map(
      (x, i): Para => ({
        runs: [t(`- ${x}${i === recipients.length - 1 ? '.' : ','}`)],
        align: 'left',
        size: 12,
        spaceAfter: 0,
      }),
    ),
  ];
  const right: Para[] = [
    centered(t(onBehalfOf(r), { bold: true })),
    centered(t(signerPosition(r), { bold: true })),
    { ...centered(t(nfc(r.chair.name.trim()), { bold: true })), spaceBefore: SIGN_SPACE },
  ];
  return { kind: 'columns', widths: [50, 50], cells: [left, right], spaceBefore: 12, keepWithPrevious: true };
}
