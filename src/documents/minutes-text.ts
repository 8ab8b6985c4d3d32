/**
 * The biên bản (minutes) of a cell meeting as neutral blocks (see meeting-text.ts): everything
 * the meeting recorded — attendance counted once by the shared rule, each agenda item with its
 * speeches and conclusion, last month's items with their results under "Kết quả thực hiện nghị
 * quyết tháng trước", next month's tasks with owners and deadlines under "Nhiệm vụ tháng tới",
 * the secretary's text, the votes, the self-assessment, the adoption and the signatures.
 */
import { formatDate } from '../domain/format.js';
import type { MeetingRecord } from './meeting-record.js';
import {
  absenceText,
  attendanceCounts,
  type Block,
  body,
  carriedNote,
  centered,
  comrade,
  eSignatureLine,
  guestText,
  header,
  heading,
  INDENT,
  labelled,
  type MeetingDocument,
  moment,
  nfc,
  type Para,
  paragraphs,
  personWithTitle,
  presenceText,
  qualityText,
  resultText,
  SIGN_SPACE,
  sentence,
  t,
  tallySentence,
  timeSentence,
  title,
  voteSentence,
} from './meeting-text.js';

function attendanceBlocks(r: MeetingRecord): Block[] {
  const a = attendanceCounts(r);
  const blocks: Block[] = [];
  if (a.members !== undefined) {
    const apart = [
      a.exempted ? `miễn sinh hoạt ${a.exempted}` : '',
      a.away ? `sinh hoạt tạm thời nơi khác ${a.away}` : '',
    ].filter(Boolean);
    blocks.push(
      body(
        `- Tổng số đảng viên của chi bộ: ${a.members} đồng chí${apart.length ? ` (${apart.join(', ')})` : ''}; ` +
          `số đảng viên được triệu tập: ${a.summoned} đồng chí.`,
      ),
    );
  } else {
    blocks.push(body(`- Số đảng viên được triệu tập: ${a.summoned} đồng chí.`));
  }
  blocks.push(
    body(
      `- ${presenceText(r).replace(/^c/, 'C')}; vắng mặt ${a.absentCount} đồng chí` +
        (a.absentCount ? ` (${a.excused} có lý do, ${a.unexcused} không có lý do):` : '.'),
    ),
  );
  for (const [i, absent] of a.absent.entries()) {
    const end = i === a.absent.length - 1 ? '.' : ';';
    blocks.push(body(`+ ${comrade(absent.name)}: ${absenceText(absent)}${end}`, { indent: INDENT }));
  }
  if (a.exemptedPresent > 0) {
    blocks.push(
      body(
        `- Đảng viên được miễn sinh hoạt đảng dự họp: ${a.exemptedPresent} đồng chí (không tính vào số triệu tập và tỷ lệ dự họp).`,
      ),
    );
  }
  if (a.temporaryPresent > 0) {
    blocks.push(body(`- Đảng viên sinh hoạt tạm thời dự họp: ${a.temporaryPresent} đồng chí.`));
  }
  if (r.guests.length === 0) {
    blocks.push(body('- Khách mời: không có.'));
  } else {
    blocks.push(body(`- Khách mời: ${r.guests.length} đồng chí:`));
    for (const [i, g] of r.guests.entries()) {
      const end = i === r.guests.length - 1 ? '.' : ';';
      blocks.push(body(`+ ${guestText(g)}${end}`, { indent: INDENT }));
    }
  }
  return blocks;
}

/** Last month's items with their results, and the situation text (tình hình, kết quả tháng qua). */
function previousBlocks(r: MeetingRecord): Block[] {
  const blocks: Block[] = paragraphs(r.text.situation).map((p) => body(p));
  if (r.previousItems.length === 0) {
    blocks.push(body('Tháng trước không có nội dung nghị quyết cần đánh giá.'));
    return blocks;
  }
  blocks.push(body('Kết quả thực hiện từng nội dung:', { keepWithNext: true }));
  for (const [i, item] of r.previousItems.entries()) {
    const owners = item.owners.length ? `; người thực hiện: ${item.owners.map(nfc).join(', ')}` : '';
    const due = item.deadline ? `; thời hạn ${formatDate(item.deadline)}` : '';
    blocks.push(
      body(
        `${i + 1}) ${nfc(item.title.trim())}${carriedNote(item, r)}${owners}${due}: ${resultText(item)}.`,
        {
          indent: INDENT,
        },
      ),
    );
  }
  blocks.push(body(tallySentence(r.previousItems)));
  return blocks;
}

/** Next month's tasks with owners and deadlines, and the directions text (phương hướng). */
function taskBlocks(r: MeetingRecord): Block[] {
  const blocks: Block[] = paragraphs(r.text.directions).map((p) => body(p));
  if (r.tasks.length === 0) {
    blocks.push(body('Không có nhiệm vụ được phân công.'));
    return blocks;
  }
  blocks.push(body('Nhiệm vụ được phân công:', { keepWithNext: true }));
  for (const [i, task] of r.tasks.entries()) {
    const owners = task.owners.length ? ` — người thực hiện: ${task.owners.map(nfc).join(', ')}` : '';
    const due = task.deadline ? `; thời hạn: ${formatDate(task.deadline)}` : '';
    blocks.push(body(`${i + 1}) ${nfc(task.title.trim())}${owners}${due}.`, { indent: INDENT }));
  }
  return blocks;
}

export function minutesDocument(r: MeetingRecord): MeetingDocument {
  const blocks: Block[] = [header(r, 'BB'), ...title(r, 'BIÊN BẢN')];

  blocks.push(heading('I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN'));
  blocks.push(labelled('1. Thời gian: ', timeSentence(r)));
  blocks.push(labelled('2. Địa điểm: ', sentence(r.place)));
  blocks.push(labelled('3. Thành phần:', ''));
  blocks.push(...attendanceBlocks(r));
  blocks.push(labelled('4. Chủ trì hội nghị: ', `${personWithTitle(r.chair)}.`));
  blocks.push(labelled('5. Thư ký hội nghị: ', `${personWithTitle(r.secretary)}.`));

  blocks.push(heading('II. NỘI DUNG HỘI NGHỊ'));
  const opening = paragraphs(r.text.opening);
  if (opening.length) {
    for (const p of opening) blocks.push(body(p));
  } else {
    blocks.push(
      body(
        `${comrade(r.chair.name)} tuyên bố lý do, giới thiệu khách mời, báo cáo số đảng viên dự họp ` +
          `và thông qua chương trình hội nghị gồm ${r.agenda.length} nội dung.`,
      ),
    );
  }
  const hasStep = (key: string) => r.agenda.some((a) => a.stepKey === key);
  const extra: { title: string; blocks: Block[] }[] = [];
  // Records adopted before the agenda kept its steps: the two parts go after the agenda.
  if (!hasStep('previous_results') && (r.previousItems.length > 0 || r.text.situation?.trim())) {
    extra.push({ title: 'Kết quả thực hiện nghị quyết tháng trước', blocks: previousBlocks(r) });
  }
  if (!hasStep('next_tasks') && (r.tasks.length > 0 || r.text.directions?.trim())) {
    extra.push({ title: 'Nhiệm vụ tháng tới', blocks: taskBlocks(r) });
  }
  const items = [
    ...r.agenda.map((item) => ({
      title: nfc(item.title.trim()),
      blocks: [
        ...(item.stepKey === 'previous_results' ? previousBlocks(r) : []),
        ...(item.stepKey === 'next_tasks' ? taskBlocks(r) : []),
        ...(item.duesFigures ? [body(`- ${sentence(item.duesFigures)}`)] : []),
        ...item.speeches.map((s) => body([t(`- ${comrade(s.speaker)}: `), t(sentence(s.summary))])),
        ...(item.conclusion?.trim()
          ? [body([t('Kết luận của chủ trì: ', { italics: true, bold: true }), t(sentence(item.conclusion))])]
          : []),
      ],
    })),
    ...extra,
  ];
  for (const [i, item] of items.entries()) {
    blocks.push(body([t(`${i + 1}. ${item.title}`, { bold: true })], { keepWithNext: true }));
    blocks.push(...item.blocks);
  }
  const conclusion = paragraphs(r.text.conclusion);
  if (conclusion.length) {
    blocks.push(body([t('Kết luận của đồng chí chủ trì hội nghị:', { bold: true })], { keepWithNext: true }));
    for (const p of conclusion) blocks.push(body(p));
  }
  const other = paragraphs(r.text.other);
  if (other.length) {
    blocks.push(body([t('Các nội dung khác:', { bold: true })], { keepWithNext: true }));
    for (const p of other) blocks.push(body(p));
  }

  blocks.push(heading('III. BIỂU QUYẾT'));
  if (r.votes.length === 0) blocks.push(body('- Hội nghị không tiến hành biểu quyết.'));
  for (const v of r.votes) blocks.push(body(`- ${voteSentence(v)}`));

  blocks.push(heading('IV. TỰ ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT'));
  blocks.push(body(`- Tự đánh giá chất lượng sinh hoạt chi bộ: ${qualityText(r)}.`));

  blocks.push(body(adoptionSentence(r), { spaceBefore: 6 }));

  blocks.push(
    signatures(r, [
      { caption: 'THƯ KÝ', name: r.secretary.name, signedAt: r.adoption?.secretarySignedAt },
      { caption: 'CHỦ TRÌ HỘI NGHỊ', name: r.chair.name, signedAt: r.adoption?.chairSignedAt },
    ]),
  );
  return { title: `Biên bản hội nghị chi bộ ${nfc(r.kindLabel.trim())}`, blocks, draft: r.draft };
}

/**
 * "Biên bản đã được đọc lại … và nhất trí thông qua lúc 21 giờ 15 ngày 10/11/2026. Hội nghị kết thúc
 * lúc 21 giờ 15 cùng ngày." Minutes adopted at the meeting are adopted before (or as) it ends;
 * those adopted later say at which meeting.
 */
export function adoptionSentence(r: MeetingRecord): string {
  const adopted = moment(r.adoption?.adoptedAt);
  const adoptedAt = adopted?.time ? `${adopted.time} ngày ${adopted.date}` : '…… giờ …… ngày ……';
  const end = moment(r.endedAt);
  const endText = end?.time
    ? ` Hội nghị kết thúc lúc ${end.time} ${(moment(r.startedAt) ?? end).date === end.date ? 'cùng ngày' : `ngày ${end.date}`}.`
    : '';
  const later = r.adoption?.atMeeting;
  const fix = r.adoption?.correction;
  const corrected = fix
    ? ` Bản đính chính (phiên bản ${r.adoption!.version}) được thông qua lúc ${moment(fix.at)?.time ?? '…'} ngày ${
        moment(fix.at)?.date ?? '…'
      }${fix.note.trim() ? `: ${sentence(fix.note)}` : '.'}`
    : '';
  if (later) {
    return (
      `Hội nghị kết thúc lúc ${end?.time ?? '…'} ngày ${end?.date ?? '…'}. Biên bản được đọc lại và thông qua tại ` +
      `hội nghị chi bộ (${nfc(later.title.trim())}) lúc ${adoptedAt}.${corrected}`
    );
  }
  return `Biên bản đã được đọc lại cho hội nghị nghe và nhất trí thông qua lúc ${adoptedAt}.${endText}${corrected}`;
}

function signatures(
  r: MeetingRecord,
  signers: { caption: string; name: string; signedAt?: string }[],
): Block {
  return {
    kind: 'columns',
    widths: signers.map(() => 100 / signers.length),
    spaceBefore: 12,
    keepWithPrevious: true,
    cells: signers.map((s) => {
      const cell: Para[] = [
        centered(t(s.caption, { bold: true })),
        { ...centered(t(nfc(s.name.trim()), { bold: true })), spaceBefore: SIGN_SPACE },
      ];
      const line = eSignatureLine(s.signedAt, r.adoption);
      if (line) cell.push({ ...centered(t(line, { italics: true }), 9), spaceBefore: 2 });
      return cell;
    }),
  };
}
