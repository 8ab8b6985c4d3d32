/**
 * The wording and layout of a cell meeting's biên bản (minutes) and nghị quyết (resolution),
 * once for both output formats: the builders here turn a {@link MeetingRecord} into a list of
 * neutral blocks (paragraphs, borderless column groups, bordered tables); the DOCX and PDF
 * renderers only map blocks to their library, so the two formats cannot drift apart.
 *
 * Form after HD 36-HD/VPTW (03/4/2018): header with the party organisation and number at the
 * top left, "ĐẢNG CỘNG SẢN VIỆT NAM" with place and date at the top right, title, body,
 * recipients at the bottom left and the signature at the bottom right (DOMAIN.md §4).
 */
import { formatDate, formatNumber, formatPercent } from '../domain/format.js';
import type { MeetingRecord } from './meeting-record.js';

export interface Run {
  text: string;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Para {
  runs: Run[];
  align?: Align;
  /** Font size in points; {@link BODY_SIZE} when absent. */
  size?: number;
  /** Indent of the first line, in points. */
  firstLineIndent?: number;
  /** Indent of the whole paragraph from the left, in points. */
  indent?: number;
  /** Space above and below, in points; {@link PARA_AFTER} below when absent. */
  spaceBefore?: number;
  spaceAfter?: number;
  /** Keep on the same page as the next paragraph (headings). */
  keepWithNext?: boolean;
}

export interface TableColumn {
  title: string;
  /** Share of the text width, in percent. */
  width: number;
  align?: Align;
}

export type Block =
  | ({ kind: 'para' } & Para)
  /** Side-by-side groups of paragraphs without borders: the header and the signature block. */
  | {
      kind: 'columns';
      widths: number[];
      cells: Para[][];
      spaceBefore?: number;
      /** Keep on the same page as the paragraph before (a signature never stands alone on a page). */
      keepWithPrevious?: boolean;
    }
  /** A bordered table with a header row; `\n` in a cell starts a new line. */
  | { kind: 'table'; columns: TableColumn[]; rows: string[][] };

export interface MeetingDocument {
  /** Document title for the file's metadata, e.g. "Biên bản hội nghị chi bộ …". */
  title: string;
  blocks: Block[];
}

/** Sizes in points (HD 36: body 13–14 pt). */
export const BODY_SIZE = 14;
export const TABLE_SIZE = 13;
export const PARA_AFTER = 4;
/** Line spacing as a multiple of single spacing. */
export const LINE_SPACING = 1.15;
/** A4 and the HD 36 margins, in millimetres. */
export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  topMm: 20,
  bottomMm: 20,
  leftMm: 30,
  rightMm: 15,
} as const;

const INDENT = 28; // ≈ 1 cm first-line indent
const SIGN_SPACE = 54; // room for the handwritten signature

// ---------------------------------------------------------------------------------------------
// Small wording helpers

const nfc = (s: string) => s.normalize('NFC');
const upper = (s: string) => nfc(s).toLocaleUpperCase('vi');
const pad2 = (n: number) => String(n).padStart(2, '0');

interface Moment {
  /** dd/mm/yyyy */
  date: string;
  day: string;
  month: string;
  year: string;
  /** "19 giờ 30", absent for a date without a time */
  time?: string;
  /** "19:30" */
  clock?: string;
}

/** An ISO date or date-time as seen in Vietnam (UTC+7); undefined when it does not parse. */
export function moment(iso: string | undefined): Moment | undefined {
  if (!iso) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const instant = new Date(dateOnly ? `${iso}T00:00:00+07:00` : iso);
  if (Number.isNaN(instant.getTime())) return undefined;
  const date = dateOnly ? formatDate(iso) : formatDate(instant);
  const [day, month, year] = date.split('/') as [string, string, string];
  if (dateOnly) return { date, day, month, year };
  const local = new Date(instant.getTime() + 7 * 3600 * 1000);
  const hh = pad2(local.getUTCHours());
  const mm = pad2(local.getUTCMinutes());
  return { date, day, month, year, time: `${hh} giờ ${mm}`, clock: `${hh}:${mm}` };
}

/** "Đồng chí Nguyễn Văn An" unless the name already carries a form of address. */
export function comrade(name: string): string {
  const n = nfc(name.trim());
  return /^(đồng chí|đ\/c|ông|bà|anh|chị)\s/i.test(n) ? n : `Đồng chí ${n}`;
}

/** Ends a sentence with a full stop unless it already ends with punctuation. */
function sentence(s: string): string {
  const t = nfc(s.trim());
  return /[.!?:;…]$/.test(t) ? t : `${t}.`;
}

function points(n: number): string {
  return formatNumber(n, Number.isInteger(n) ? 0 : 1);
}

function lengthMinutes(r: MeetingRecord): number | undefined {
  if (!r.startedAt || !r.endedAt) return undefined;
  const ms = new Date(r.endedAt).getTime() - new Date(r.startedAt).getTime();
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms / 60000) : undefined;
}

/** The day the meeting took place: its start, else the scheduled time. */
function meetingDay(r: MeetingRecord): Moment | undefined {
  return moment(r.startedAt) ?? moment(r.scheduledAt);
}

/**
 * "Số 05-BB/CB" / "Số 05-NQ/CB". The record has one number for both documents, so its kind
 * (BB, NQ, …) is replaced by the document's own; a bare "05" gets "-BB/CB"; blank gives "Số …-BB/CB".
 */
export function docNumber(number: string | undefined, kind: 'BB' | 'NQ'): string {
  const n = nfc(number?.trim() ?? '');
  if (!n || n === '…') return `Số …-${kind}/CB`;
  const m = /^([^-\s]+)(?:-([A-ZĐ]+)\/(\S+))?$/u.exec(n);
  if (!m) return `Số ${n}`;
  return `Số ${m[1]}-${kind}/${m[3] ?? 'CB'}`;
}

function cellHeading(cellName: string): string {
  const u = upper(cellName.trim());
  return u.startsWith('CHI BỘ') ? u : `CHI BỘ ${u}`;
}

/** Splits the secretary's free text into paragraphs (blank lines or line breaks). */
function paragraphs(text: string | undefined): string[] {
  if (!text) return [];
  return nfc(text)
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const RESULT_LABELS: Record<MeetingRecord['previousItems'][number]['result'], string> = {
  achieved: 'Đạt',
  partial: 'Đạt một phần',
  not_achieved: 'Không đạt',
  open: 'Chưa đánh giá',
};

function absenceText(a: MeetingRecord['attendance']['absent'][number]): string {
  if (!a.excused) return 'vắng không có lý do';
  const reason = a.reason?.trim();
  return reason ? `vắng có lý do (${nfc(reason)})` : 'vắng có lý do';
}

function guestText(g: MeetingRecord['guests'][number]): string {
  const details = [g.title, g.organisation].map((s) => s?.trim()).filter(Boolean);
  return details.length ? `${comrade(g.name)} — ${details.join(', ')}` : comrade(g.name);
}

function personWithTitle(p: { name: string; title?: string }): string {
  const title = p.title?.trim();
  return title ? `${comrade(p.name)} — ${nfc(title)}` : comrade(p.name);
}

/**
 * "Biểu quyết thông qua nghị quyết: tán thành 27/30 đồng chí (90,00%), không tán thành 0, không
 * biểu quyết 1; căn cứ quy định “…”: thông qua."
 */
export function voteSentence(v: MeetingRecord['votes'][number]): string {
  const subject = nfc(v.subject.trim());
  return (
    `Biểu quyết ${subject}: tán thành ${v.for}/${v.base} đồng chí (${formatPercent(v.for, v.base)}), ` +
    `không tán thành ${v.against}, không biểu quyết ${v.abstain}; ` +
    `căn cứ quy định “${nfc(v.rule.trim())}”: ${v.passed ? 'thông qua' : 'không thông qua'}.`
  );
}

/** "có mặt 28/30 đồng chí, đạt tỷ lệ 93,33%" */
export function presenceText(r: MeetingRecord): string {
  const a = r.attendance;
  return `có mặt ${a.present}/${a.summoned} đồng chí, đạt tỷ lệ ${formatNumber(a.percent, 2)}%`;
}

export function qualityText(r: MeetingRecord): string {
  const q = r.quality;
  if (!q) return 'chưa đánh giá';
  if (q.points === undefined) return nfc(q.rating);
  const max = q.maxPoints === undefined ? '' : `/${points(q.maxPoints)}`;
  return `${nfc(q.rating)} (${points(q.points)}${max} điểm)`;
}

/** The signer's organisation line: T/M CHI ỦY where the cell has a committee, else T/M CHI BỘ. */
export function onBehalfOf(r: MeetingRecord): string {
  // A cell with ≥9 official members elects a chi ủy (DOMAIN.md §2); a deputy secretary or a committee
  // member in the chair also shows there is one. The record has no explicit flag.
  const title = nfc(r.chair.title).toLocaleLowerCase('vi');
  const hasCommittee = r.attendance.summoned >= 9 || /chi ủy|phó bí thư/.test(title);
  return hasCommittee ? 'T/M CHI ỦY' : 'T/M CHI BỘ';
}

/** The signer's position line under "T/M …". */
export function signerPosition(r: MeetingRecord): string {
  const title = nfc(r.chair.title).toLocaleLowerCase('vi');
  if (title.includes('phó bí thư')) return 'PHÓ BÍ THƯ';
  if (title.includes('bí thư')) return 'BÍ THƯ';
  return upper(r.chair.title);
}

/** "Đã ký điện tử: 21/11/2026 21:12 · phiên bản 2 · mã băm 3f2a9c0d1e7b" */
export function eSignatureLine(
  signedAt: string | undefined,
  adoption: MeetingRecord['adoption'],
): string | undefined {
  if (!adoption) return undefined;
  const at = moment(signedAt);
  if (!at) return undefined;
  const hash = adoption.contentHash ? ` · mã băm ${adoption.contentHash.slice(0, 12)}` : '';
  const when = at.clock ? `${at.date} ${at.clock}` : at.date;
  return `Đã ký điện tử: ${when} · phiên bản ${adoption.version}${hash}`;
}

// ---------------------------------------------------------------------------------------------
// Block helpers

const t = (text: string, style: Omit<Run, 'text'> = {}): Run => ({ text: nfc(text), ...style });

function para(runs: Run[] | string, opts: Omit<Para, 'runs'> = {}): Block {
  return { kind: 'para', runs: typeof runs === 'string' ? [t(runs)] : runs, ...opts };
}

/** A justified body paragraph with a first-line indent. */
function body(runs: Run[] | string, opts: Omit<Para, 'runs'> = {}): Block {
  return para(runs, { align: 'justify', firstLineIndent: INDENT, ...opts });
}

/** A labelled line: bold label, plain text. */
function labelled(label: string, text: string, opts: Omit<Para, 'runs'> = {}): Block {
  return body([t(label, { bold: true }), t(text)], opts);
}

function heading(text: string): Block {
  return para([t(text, { bold: true })], { align: 'justify', spaceBefore: 8, keepWithNext: true });
}

const blank = (size = BODY_SIZE): Para => ({ runs: [t('\u00a0')], align: 'center', size, spaceAfter: 0 });
const centered = (run: Run, size = BODY_SIZE): Para => ({
  runs: [run],
  align: 'center',
  size,
  spaceAfter: 0,
});

/** HD 36 header: party organisation, "*", number on the left; the party's name, place and date on the right. */
function header(r: MeetingRecord, suffix: 'BB' | 'NQ'): Block {
  const day = meetingDay(r);
  const dateLine = day
    ? `${nfc(r.placeName.trim())}, ngày ${day.day} tháng ${day.month} năm ${day.year}`
    : `${nfc(r.placeName.trim())}, ngày … tháng … năm …`;
  return {
    kind: 'columns',
    widths: [44, 56],
    cells: [
      [
        centered(t(upper(r.superiorName.trim()))),
        centered(t(cellHeading(r.cellName), { bold: true })),
        centered(t('*')),
        centered(t(docNumber(r.number, suffix))),
      ],
      [
        centered(t('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, underline: true }), 15),
        blank(),
        blank(),
        centered(t(dateLine, { italics: true })),
      ],
    ],
  };
}

function title(r: MeetingRecord, name: string): Block[] {
  const blocks: Block[] = [
    para([t(name, { bold: true })], { align: 'center', size: 16, spaceBefore: 20, spaceAfter: 0 }),
    para([t(`Hội nghị chi bộ ${r.kindLabel.trim()}`, { bold: true })], { align: 'center', spaceAfter: 0 }),
  ];
  if (r.thematicTopic?.trim()) {
    blocks.push(
      para([t(`Chuyên đề: “${r.thematicTopic.trim()}”`, { italics: true })], {
        align: 'center',
        spaceAfter: 0,
      }),
    );
  }
  blocks.push(para('-----', { align: 'center', spaceAfter: 10 }));
  return blocks;
}

function timeSentence(r: MeetingRecord): string {
  const start = moment(r.startedAt);
  const end = moment(r.endedAt);
  const minutes = lengthMinutes(r);
  if (!start) {
    const planned = moment(r.scheduledAt);
    const when = planned?.time ? `${planned.time} ngày ${planned.date}` : (planned?.date ?? '…');
    return `theo giấy triệu tập lúc ${when}.`;
  }
  const from = `bắt đầu lúc ${start.time ?? '… giờ …'} ngày ${start.date}`;
  if (!end) return `${from}, kết thúc lúc … giờ ….`;
  const to = end.date === start.date ? `${end.time} cùng ngày` : `${end.time} ngày ${end.date}`;
  const len = minutes === undefined ? '' : ` (thời lượng ${formatNumber(minutes)} phút)`;
  return `${from}, kết thúc lúc ${to}${len}.`;
}

// ---------------------------------------------------------------------------------------------
// Biên bản

export function minutesDocument(r: MeetingRecord): MeetingDocument {
  const a = r.attendance;
  const blocks: Block[] = [header(r, 'BB'), ...title(r, 'BIÊN BẢN')];

  blocks.push(heading('I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN'));
  blocks.push(labelled('1. Thời gian: ', timeSentence(r)));
  blocks.push(labelled('2. Địa điểm: ', sentence(r.place)));
  blocks.push(labelled('3. Thành phần:', ''));
  blocks.push(
    body(
      `- Số đảng viên được triệu tập: ${a.summoned} đồng chí; ${presenceText(r)}; ` +
        `vắng mặt ${a.absent.length} đồng chí${a.absent.length ? ':' : '.'}`,
    ),
  );
  for (const [i, absent] of a.absent.entries()) {
    const end = i === a.absent.length - 1 ? '.' : ';';
    blocks.push(body(`+ ${comrade(absent.name)}: ${absenceText(absent)}${end}`, { indent: INDENT }));
  }
  if (a.exemptedPresent > 0) {
    blocks.push(body(`- Đảng viên được miễn sinh hoạt đảng dự họp: ${a.exemptedPresent} đồng chí.`));
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
  for (const [i, item] of r.agenda.entries()) {
    blocks.push(body([t(`${i + 1}. ${nfc(item.title.trim())}`, { bold: true })], { keepWithNext: true }));
    for (const s of item.speeches) {
      blocks.push(body([t(`- ${comrade(s.speaker)}: `, { bold: false }), t(sentence(s.summary))]));
    }
    if (item.conclusion?.trim()) {
      blocks.push(
        body([t('Kết luận của chủ trì: ', { italics: true, bold: true }), t(sentence(item.conclusion))]),
      );
    }
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

  blocks.push(heading('III. BIỂU QUYẾT, TỰ ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT'));
  if (r.votes.length === 0) blocks.push(body('- Hội nghị không tiến hành biểu quyết.'));
  for (const v of r.votes) blocks.push(body(`- ${voteSentence(v)}`));
  blocks.push(body(`- Tự đánh giá chất lượng sinh hoạt chi bộ: ${qualityText(r)}.`));

  const adopted = moment(r.adoption?.adoptedAt);
  const adoptedAt = adopted?.time ? `${adopted.time} ngày ${adopted.date}` : '…… giờ …… ngày ……';
  blocks.push(
    body(
      `Biên bản đã được đọc lại cho hội nghị nghe và nhất trí thông qua lúc ${adoptedAt}.${endSentence(r)}`,
      { spaceBefore: 6 },
    ),
  );

  blocks.push(
    signatures(r, [
      { caption: 'THƯ KÝ', name: r.secretary.name, signedAt: r.adoption?.secretarySignedAt },
      { caption: 'CHỦ TRÌ HỘI NGHỊ', name: r.chair.name, signedAt: r.adoption?.chairSignedAt },
    ]),
  );
  return { title: `Biên bản hội nghị chi bộ ${nfc(r.kindLabel.trim())}`, blocks };
}

function endSentence(r: MeetingRecord): string {
  const end = moment(r.endedAt);
  if (!end?.time) return '';
  const adopted = moment(r.adoption?.adoptedAt);
  const sameDay = (adopted ?? moment(r.startedAt))?.date === end.date;
  return ` Hội nghị kết thúc lúc ${end.time} ${sameDay ? 'cùng ngày' : `ngày ${end.date}`}.`;
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

// ---------------------------------------------------------------------------------------------
// Nghị quyết

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
        nfc(item.title.trim()),
        item.owners.map(nfc).join(', '),
        formatDate(item.deadline) || '—',
        item.note?.trim()
          ? `${RESULT_LABELS[item.result]}\n(${nfc(item.note.trim())})`
          : RESULT_LABELS[item.result],
      ]),
    });
    const count = (k: keyof typeof RESULT_LABELS) => r.previousItems.filter((i) => i.result === k).length;
    const achieved = count('achieved');
    blocks.push(
      body(
        `Tổng số ${r.previousItems.length} nội dung: đạt ${achieved}, đạt một phần ${count('partial')}, ` +
          `không đạt ${count('not_achieved')}, chưa đánh giá ${count('open')}; ` +
          `tỷ lệ đạt ${formatPercent(achieved, r.previousItems.length)}.`,
        { spaceBefore: 4 },
      ),
    );
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
  for (const v of r.votes) blocks.push(body(voteSentence(v)));
  blocks.push(body('Nghị quyết được phổ biến đến toàn thể đảng viên trong chi bộ để thực hiện.'));

  blocks.push(closing(r));
  return { title: `Nghị quyết hội nghị chi bộ ${nfc(r.kindLabel.trim())}`, blocks };
}

function openingSentence(r: MeetingRecord): string {
  const a = r.attendance;
  const day = meetingDay(r);
  const start = moment(r.startedAt);
  const end = moment(r.endedAt);
  const minutes = lengthMinutes(r);
  const when = start?.time && end?.time ? `, từ ${start.time} đến ${end.time}` : '';
  const length = minutes === undefined ? '' : ` (thời lượng ${formatNumber(minutes)} phút)`;
  const excused = a.absent.filter((x) => x.excused).length;
  const absent = a.absent.length
    ? `; vắng ${a.absent.length} đồng chí (${excused} có lý do, ${a.absent.length - excused} không có lý do)`
    : '';
  const guests = r.guests.length
    ? ` Dự hội nghị có ${r.guests.map((g) => guestText(g).replace(/^Đồng chí/, 'đồng chí')).join('; ')}.`
    : '';
  return (
    `Ngày ${day?.date ?? '…'}, tại ${nfc(r.place.trim())}, chi bộ tổ chức hội nghị ${nfc(r.kindLabel.trim())}` +
    `${when}${length}. Có mặt ${a.present}/${a.summoned} đảng viên được triệu tập, ` +
    `đạt tỷ lệ ${formatNumber(a.percent, 2)}%${absent}.${guests} ` +
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
