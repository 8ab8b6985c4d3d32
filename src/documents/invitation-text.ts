/**
 * The printed invitation of a meeting (giấy mời) and the sign-off list (danh sách ký nhận), for
 * the members chibo cannot reach (no account, often the elderly): one invitation per such member,
 * then the list of everyone expected, in Vietnamese name order, with how each was told and a
 * column to sign on receipt. Same form helpers as the minutes (HD 36).
 */
import type { MeetingDocument, Para } from './meeting-text.js';
import {
  type Block,
  body,
  centered,
  comrade,
  moment,
  nfc,
  para,
  partyHeader,
  SIGN_SPACE,
  sentence,
  t,
} from './meeting-text.js';

export interface InvitationData {
  superiorName: string;
  cellName: string;
  placeName: string;
  /** "Sinh hoạt thường kỳ tháng 12/2026". */
  title: string;
  kindLabel: string;
  thematicTopic?: string;
  scheduledAt: string;
  place: string;
  /** The prepared content, if any (first lines only are printed). */
  content?: string;
  /** Who signs: the bí thư (name and position line). */
  signer: { name: string; position: string; onBehalfOf: string };
  /** ISO date the list is printed. */
  issuedOn: string;
  people: { fullName: string; reachable: boolean; note?: string }[];
}

function invitationPage(d: InvitationData, person: string | null, first: boolean): Block[] {
  const when = moment(d.scheduledAt);
  const whenText = when?.time ? `${when.time}, ngày ${when.date}` : (when?.date ?? '…');
  const blocks: Block[] = [
    partyHeader({
      superiorName: d.superiorName,
      cellName: d.cellName,
      placeName: d.placeName,
      number: '',
      day: moment(d.issuedOn),
    }),
    para([t('GIẤY MỜI', { bold: true })], {
      align: 'center',
      size: 16,
      spaceBefore: first ? 20 : 28,
      spaceAfter: 8,
    }),
    body(
      `${d.signer.onBehalfOf === 'T/M CHI ỦY' ? `Chi ủy ${cellLower(d.cellName)}` : nfc(d.cellName.trim())} trân trọng kính mời: ${
        person ? comrade(person) : 'Đồng chí ……………………………………………'
      }`,
    ),
    body(`Đến dự: ${nfc(d.title.trim())}.`),
    body(`Thời gian: ${whenText}.`),
    body(`Địa điểm: ${sentence(d.place || '…')}`),
  ];
  if (d.thematicTopic?.trim()) blocks.push(body(`Chuyên đề: “${nfc(d.thematicTopic.trim())}”.`));
  const content = (d.content ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 4);
  if (content.length) {
    blocks.push(body('Nội dung chính:'));
    for (const line of content) blocks.push(body(`- ${sentence(line)}`));
  }
  blocks.push(
    body('Đề nghị đồng chí đến dự đúng giờ. Trường hợp vắng mặt, xin báo trước cho bí thư chi bộ.'),
  );
  blocks.push(signer(d));
  return blocks;
}

/** "Chi bộ Khu phố 1" → "chi bộ Khu phố 1" inside a sentence. */
function cellLower(name: string): string {
  return nfc(name.trim()).replace(/^Chi bộ\s+/iu, 'chi bộ ');
}

function signer(d: InvitationData): Block {
  const right: Para[] = [
    centered(t(d.signer.onBehalfOf, { bold: true })),
    centered(t(d.signer.position, { bold: true })),
    { ...centered(t(nfc(d.signer.name.trim()), { bold: true })), spaceBefore: SIGN_SPACE },
  ];
  return { kind: 'columns', widths: [50, 50], cells: [[], right], spaceBefore: 10, keepWithPrevious: true };
}

export function invitationDocument(d: InvitationData): MeetingDocument {
  const unreached = d.people.filter((p) => !p.reachable);
  const blocks: Block[] = [];
  unreached.forEach((p, i) => {
    blocks.push(...invitationPage(d, p.fullName, i === 0));
    blocks.push({ kind: 'pageBreak' });
  });
  if (unreached.length === 0) {
    blocks.push(...invitationPage(d, null, true));
    blocks.push({ kind: 'pageBreak' });
  }
  blocks.push(
    para([t('DANH SÁCH ĐẢNG VIÊN NHẬN GIẤY MỜI', { bold: true })], {
      align: 'center',
      size: 15,
      spaceAfter: 6,
    }),
  );
  blocks.push(
    body(`${nfc(d.title.trim())} — ${moment(d.scheduledAt)?.date ?? ''} tại ${nfc(d.place.trim())}.`),
  );
  blocks.push(
    body(
      `Tổng số ${d.people.length} đồng chí; ${d.people.length - unreached.length} đồng chí nhận thông báo qua chibo, ` +
        `${unreached.length} đồng chí nhận giấy mời in.`,
    ),
  );
  blocks.push({
    kind: 'table',
    columns: [
      { title: 'STT', width: 9, align: 'center' },
      { title: 'Họ và tên', width: 38 },
      { title: 'Nhận qua', width: 25, align: 'center' },
      { title: 'Ký nhận', width: 28, align: 'center' },
    ],
    rows: d.people.map((p, i) => [
      String(i + 1),
      nfc(p.fullName),
      p.reachable
        ? 'Ứng dụng chibo'
        : `Giấy mời${p.note ? `\n(${p.note.charAt(0).toLocaleLowerCase('vi')}${p.note.slice(1)})` : ''}`,
      '',
    ]),
  });
  blocks.push(signer(d));
  return { title: `Giấy mời và danh sách ký nhận — ${nfc(d.title.trim())}`, blocks };
}
