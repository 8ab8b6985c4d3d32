/**
 * The "Thông báo kết luận kiểm tra/giám sát" of a committee (issue 11 item 4, ADR 025 part D) in
 * the HD 36-HD/VPTW form (hd36.ts): the header with the number "…-TB/ĐU", the title, the basis
 * (the year's plan, the team), the findings (ưu điểm, hạn chế, khuyết điểm), the conclusion, the
 * remedies with their deadlines, the recipients and the signature. Before the issue every page
 * is marked "DỰ THẢO"; once issued, the number, date and content hash close the document (and
 * stand in the PDF's page footer). Pure: data in, blocks (and bytes) out.
 */
import { formatDate } from '../domain/format.js';
import { committeeName, hd36Closing, hd36Header, hd36Number, hd36Title, issuerSymbol } from './hd36.js';
import { renderDocx } from './meeting-docx.js';
import {
  type Block,
  body,
  heading,
  type MeetingDocument,
  nfc,
  para,
  paragraphs,
  sentence,
  t,
} from './meeting-text.js';

export interface InspectionConclusionData {
  /** The committee that carries out the inspection: its unit's name and kind. */
  committeeUnitName: string;
  committeeUnitKind: string;
  superiorUnitName: string | null;
  superiorUnitKind: string | null;
  year: number;
  unitName: string;
  kind: 'inspection' | 'supervision';
  content: string;
  plannedMonth: string;
  team: { name: string; role: 'truong_doan' | 'thanh_vien' }[];
  strengths: string | null;
  limitations: string | null;
  shortcomings: string | null;
  conclusion: string | null;
  remedies: { position: number; content: string; dueOn: string }[];
  conclusionNo: string | null;
  concludedOn: string | null;
  contentHash: string | null;
  issued: boolean;
}

/** "Phường An Hội" from "Đảng bộ phường An Hội". */
export function placeOf(unitName: string): string {
  const rest = nfc(unitName.trim()).replace(/^(đảng bộ|chi bộ)\s+/iu, '');
  return rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1);
}

const monthText = (m: string) => `tháng ${Number(m.slice(5))}/${m.slice(0, 4)}`;

/** The line that identifies an issued conclusion: number, date and the first characters of its hash. */
export function issuedLine(d: InspectionConclusionData): string {
  if (!d.issued || !d.conclusionNo || !d.concludedOn || !d.contentHash) return '';
  return `Thông báo số ${nfc(d.conclusionNo)} ngày ${formatDate(d.concludedOn)} · mã SHA-256 ${d.contentHash.slice(0, 16)}`;
}

function teamSentence(d: InspectionConclusionData, word: string): string {
  if (d.team.length === 0) return '';
  const names = d.team
    .map((m) => `đồng chí ${nfc(m.name.trim())} (${m.role === 'truong_doan' ? 'trưởng đoàn' : 'thành viên'})`)
    .join(', ');
  return ` Đoàn ${word} gồm: ${names}.`;
}

function section(title: string, text: string | null, empty: string): Block[] {
  const lines = paragraphs(text ?? undefined);
  return [
    heading(title),
    ...(lines.length ? lines.map((l) => body(l)) : [body([t(empty, { italics: true })])]),
  ];
}

export function inspectionDocument(d: InspectionConclusionData): MeetingDocument {
  const issuer = committeeName(d.committeeUnitName, d.committeeUnitKind);
  const superior =
    d.superiorUnitName && d.superiorUnitKind ? committeeName(d.superiorUnitName, d.superiorUnitKind) : null;
  const word = d.kind === 'inspection' ? 'kiểm tra' : 'giám sát';
  const unit = nfc(d.unitName.trim());
  const blocks: Block[] = [
    hd36Header({
      superiorName: superior,
      issuerName: issuer,
      number: hd36Number(d.conclusionNo, 'TB', issuerSymbol(d.committeeUnitKind)),
      place: placeOf(d.committeeUnitName),
      date: d.concludedOn,
    }),
    ...hd36Title({
      kind: 'THÔNG BÁO',
      lines: [`Kết luận ${word} đối với ${unit}`, `về ${nfc(d.content.trim())}`],
      draft: !d.issued,
    }),
    body(
      `Thực hiện Kế hoạch kiểm tra, giám sát năm ${d.year} của ${issuer}, trong ${monthText(d.plannedMonth)}, ${issuer} đã tiến hành ${word} đối với ${unit} về ${sentence(nfc(d.content.trim()))}${teamSentence(d, word)}`,
    ),
    body(`Trên cơ sở báo cáo của ${unit} và kết quả ${word} của Đoàn, ${issuer} kết luận như sau:`),
    ...section('1. Ưu điểm', d.strengths, 'Chưa ghi.'),
    ...section('2. Hạn chế', d.limitations, d.issued ? 'Không có.' : 'Chưa ghi.'),
    ...section('3. Khuyết điểm', d.shortcomings, d.issued ? 'Không có.' : 'Chưa ghi.'),
    ...section('4. Kết luận', d.conclusion, 'Chưa ghi kết luận.'),
    heading('5. Yêu cầu khắc phục'),
  ];
  if (d.remedies.length === 0) blocks.push(body('Không có yêu cầu khắc phục.'));
  for (const r of d.remedies)
    blocks.push(
      body([
        t(`5.${r.position}. `, { bold: true }),
        t(`${sentence(nfc(r.content.trim())).replace(/\.$/u, '')}; `),
        t(`hạn hoàn thành: ${formatDate(r.dueOn)}.`, { italics: true }),
      ]),
    );
  if (d.remedies.length)
    blocks.push(
      body(
        `Đề nghị ${unit} tổ chức quán triệt thông báo kết luận này, xây dựng kế hoạch khắc phục và báo cáo kết quả từng nội dung trên về ${issuer} theo thời hạn đã nêu.`,
      ),
    );
  blocks.push(
    hd36Closing({
      recipients: [`${unit} (để thực hiện)`, `Đoàn ${word}`, 'Lưu Văn phòng'],
      signature: { onBehalfOf: 'T/M BAN THƯỜNG VỤ', position: 'BÍ THƯ', name: '' },
    }),
  );
  const line = issuedLine(d);
  if (line) blocks.push(para([t(line, { italics: true })], { size: 10, spaceBefore: 18 }));
  return {
    title: `Thông báo kết luận ${word} đối với ${unit}`,
    blocks,
    draft: !d.issued,
    draftMark: 'DỰ THẢO — chưa ban hành',
  };
}

export function renderInspectionDocx(d: InspectionConclusionData): Promise<Buffer> {
  return renderDocx(inspectionDocument(d));
}
