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
  | { kind: 'table'; columns: TableColumn[]; rows: string[][] }
  /** The next block starts a new page. */
  | { kind: 'pageBreak' };

export interface MeetingDocument {
  /** Document title for the file's metadata, e.g. "Biên bản hội nghị chi bộ …". */
  title: string;
  blocks: Block[];
  /** A draft: every page is marked "DỰ THẢO" (header in Word, watermark in PDF). */
  draft?: boolean;
  /** The page mark of a draft in Word when not the minutes' "DỰ THẢO — chưa được thông qua". */
  draftMark?: string;
}

/** The mark of a document not yet adopted (HD 36: "DỰ THẢO" above the title). */
export const DRAFT_MARK = 'DỰ THẢO';

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

export const INDENT = 28; // ≈ 1 cm first-line indent
export const SIGN_SPACE = 54; // room for the handwritten signature

// ---------------------------------------------------------------------------------------------
// Small wording helpers

export const nfc = (s: string) => s.normalize('NFC');
export const upper = (s: string) => nfc(s).toLocaleUpperCase('vi');
const pad2 = (n: number) => String(n).padStart(2, '0');

export interface Moment {
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
export function sentence(s: string): string {
  const t = nfc(s.trim());
  return /[.!?:;…]$/.test(t) ? t : `${t}.`;
}

export function points(n: number): string {
  return formatNumber(n, Number.isInteger(n) ? 0 : 1);
}

export function lengthMinutes(r: MeetingRecord): number | undefined {
  if (!r.startedAt || !r.endedAt) return undefined;
  const ms = new Date(r.endedAt).getTime() - new Date(r.startedAt).getTime();
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms / 60000) : undefined;
}

/** The day the meeting took place: its start, else the scheduled time. */
export function meetingDay(r: MeetingRecord): Moment | undefined {
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
export function paragraphs(text: string | undefined): string[] {
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

export function absenceText(a: MeetingRecord['attendance']['absent'][number]): string {
  if (!a.excused) return 'vắng không có lý do';
  const reason = a.reason?.trim();
  return reason ? `vắng có lý do (${nfc(reason)})` : 'vắng có lý do';
}

export function guestText(g: MeetingRecord['guests'][number]): string {
  const details = [g.title, g.organisation].map((s) => s?.trim()).filter(Boolean);
  return details.length ? `${comrade(g.name)} — ${details.join(', ')}` : comrade(g.name);
}

export function personWithTitle(p: { name: string; title?: string }): string {
  const title = p.title?.trim();
  return title ? `${comrade(p.name)} — ${nfc(title)}` : comrade(p.name);
}

/**
 * "Biểu quyết thông qua nghị quyết: tán thành 27/30 đồng chí (90,00%), không tán thành 0, không
 * biểu quyết 1; căn cứ quy định “…”: thông qua."
 */
export function voteSentence(v: MeetingRecord['votes'][number]): string {
  // A subject typed as "Biểu quyết thông qua …" must not read "Biểu quyết biểu quyết thông qua …".
  const subject = nfc(v.subject.trim()).replace(/^biểu\s+quyết\s*[:,-]?\s*/iu, '') || 'nội dung';
  return (
    `Biểu quyết ${subject}: tán thành ${v.for}/${v.base} đồng chí (${formatPercent(v.for, v.base)}), ` +
    `không tán thành ${v.against}, không biểu quyết ${v.abstain}; ` +
    `căn cứ quy định “${nfc(v.rule.trim())}”: ${v.passed ? 'thông qua' : 'không thông qua'}.`
  );
}

/** "có mặt 28/30 đồng chí, đạt tỷ lệ 93,33%" */
export function presenceText(r: MeetingRecord): string {
  const a = r.attendance;
  return `có mặt ${a.present}/${a.summoned} đồng chí, đạt tỷ lệ ${formatPercent(a.present, a.summoned)}`;
}

/**
 * "Tốt (92/100 điểm)", or "chưa đánh giá". The self-assessment is confirmed after the minutes are
 * read back, so it is printed as an annex with its own time (never part of the locked content).
 */
export function qualityText(r: MeetingRecord): string {
  const q = r.quality;
  if (!q) return 'chưa đánh giá';
  const score = (rating: string, p: number | undefined, max: number | undefined) => {
    if (p === undefined) return nfc(rating);
    return `${nfc(rating)} (${points(p)}${max === undefined ? '' : `/${points(max)}`} điểm)`;
  };
  const own = score(q.rating, q.points, q.maxPoints);
  const at = moment(q.confirmedAt);
  const when = at?.time ? `, chi bộ xác nhận lúc ${at.time} ngày ${at.date}` : '';
  const sup = q.supervisor
    ? `; cấp ủy viên cấp trên phụ trách đánh giá: ${score(q.supervisor.rating, q.supervisor.points, q.maxPoints)}`
    : '';
  return `${own}${when}${sup}`;
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

export const t = (text: string, style: Omit<Run, 'text'> = {}): Run => ({ text: nfc(text), ...style });

export function para(runs: Run[] | string, opts: Omit<Para, 'runs'> = {}): Block {
  return { kind: 'para', runs: typeof runs === 'string' ? [t(runs)] : runs, ...opts };
}

/** A justified body paragraph with a first-line indent. */
export function body(runs: Run[] | string, opts: Omit<Para, 'runs'> = {}): Block {
  return para(runs, { align: 'justify', firstLineIndent: INDENT, ...opts });
}

/** A labelled line: bold label, plain text. */
export function labelled(label: string, text: string, opts: Omit<Para, 'runs'> = {}): Block {
  return body([t(label, { bold: true }), t(text)], opts);
}

export function heading(text: string): Block {
  return para([t(text, { bold: true })], { align: 'justify', spaceBefore: 8, keepWithNext: true });
}

export const blank = (size = BODY_SIZE): Para => ({
  runs: [t('\u00a0')],
  align: 'center',
  size,
  spaceAfter: 0,
});
export const centered = (run: Run, size = BODY_SIZE): Para => ({
  runs: [run],
  align: 'center',
  size,
  spaceAfter: 0,
});

/** HD 36 header: party organisation, "*", number on the left; the party's name, place and date on the right. */
export function header(r: MeetingRecord, suffix: 'BB' | 'NQ'): Block {
  return partyHeader({
    superiorName: r.superiorName,
    cellName: r.cellName,
    placeName: r.placeName,
    number: docNumber(r.number, suffix),
    day: meetingDay(r),
  });
}

/** The HD 36 header of any document a cell issues (biên bản, nghị quyết, giấy mời…). */
export function partyHeader(h: {
  superiorName: string;
  cellName: string;
  placeName: string;
  /** "Số 05-BB/CB", or "" for none. */
  number: string;
  day: Moment | undefined;
}): Block {
  const dateLine = h.day
    ? `${nfc(h.placeName.trim())}, ngày ${h.day.day} tháng ${h.day.month} năm ${h.day.year}`
    : `${nfc(h.placeName.trim())}, ngày … tháng … năm …`;
  return {
    kind: 'columns',
    widths: [44, 56],
    cells: [
      [
        centered(t(upper(h.superiorName.trim()))),
        centered(t(cellHeading(h.cellName), { bold: true })),
        centered(t('*')),
        ...(h.number ? [centered(t(h.number))] : []),
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

export function title(r: MeetingRecord, name: string): Block[] {
  const blocks: Block[] = [];
  if (r.draft) {
    blocks.push(
      para([t(DRAFT_MARK, { bold: true })], { align: 'center', size: 15, spaceBefore: 12, spaceAfter: 0 }),
    );
  }
  blocks.push(
    para([t(name, { bold: true })], {
      align: 'center',
      size: 16,
      spaceBefore: r.draft ? 4 : 20,
      spaceAfter: 0,
    }),
    para([t(`Hội nghị chi bộ ${r.kindLabel.trim()}`, { bold: true })], { align: 'center', spaceAfter: 0 }),
  );
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

export function timeSentence(r: MeetingRecord): string {
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

/** "Kết quả thực hiện từng nội dung": each of last month's items, as a line or a table row. */
export function resultText(item: MeetingRecord['previousItems'][number]): string {
  const note = item.note?.trim();
  return note ? `${RESULT_LABELS[item.result]} (${nfc(note)})` : RESULT_LABELS[item.result];
}

/** "Tổng số 5 nội dung: đạt 3, đạt một phần 1, không đạt 1, chưa đánh giá 0; tỷ lệ đạt 60,00%." */
export function tallySentence(items: MeetingRecord['previousItems']): string {
  const count = (k: keyof typeof RESULT_LABELS) => items.filter((i) => i.result === k).length;
  const achieved = count('achieved');
  return (
    `Tổng số ${items.length} nội dung: đạt ${achieved}, đạt một phần ${count('partial')}, ` +
    `không đạt ${count('not_achieved')}, chưa đánh giá ${count('open')}; ` +
    `tỷ lệ đạt ${formatPercent(achieved, items.length)}.`
  );
}

/** "… (giao tại buổi sinh hoạt ngày 10/10/2026)" for an item carried forward from an earlier meeting. */
export function carriedNote(item: MeetingRecord['previousItems'][number], r: MeetingRecord): string {
  if (!item.setOn) return '';
  const day = meetingDay(r);
  const previousMonth = day ? moment(item.setOn) : undefined;
  // Only items older than the previous month are "carried forward" in the reader's eyes.
  if (!previousMonth || !day) return '';
  const months =
    (Number(day.year) - Number(previousMonth.year)) * 12 + Number(day.month) - Number(previousMonth.month);
  return months > 1 ? ` (chuyển từ nghị quyết ngày ${previousMonth.date})` : '';
}

/** The counts of the attendance, each once, as every document states them (they must add up). */
export function attendanceCounts(r: MeetingRecord) {
  const a = r.attendance;
  const excused = a.absentExcused ?? a.absent.filter((x) => x.excused).length;
  const unexcused = a.absentUnexcused ?? a.absent.length - a.absent.filter((x) => x.excused).length;
  return { ...a, excused, unexcused, absentCount: excused + unexcused };
}
