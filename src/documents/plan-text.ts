/**
 * An implementation plan as a document in the HD 36 form (issue 11 part B): "KẾ HOẠCH" with the
 * plan's title, I. Mục đích, yêu cầu; II. Chỉ tiêu (a table: the target, its level, its deadline,
 * how it is measured); III. Lộ trình thực hiện (the milestones); IV. Tổ chức thực hiện (the
 * responsibilities); then the recipients and the signature. Pure: data in, blocks out; the DOCX
 * renderer of the minutes (meeting-docx.ts `renderDocx`) turns them into bytes.
 */
import { formatDate, formatNumber } from '../domain/format.js';
import { hd36Closing, hd36Header, hd36Number, hd36Title } from './hd36.js';
import { type Block, body, heading, type MeetingDocument, paragraphs } from './meeting-text.js';

export interface PlanDocumentData {
  superiorName: string | null;
  issuerName: string;
  /** "ĐU", "TU", "CB" (hd36.ts issuerSymbol). */
  issuerSymbol: string;
  place: string;
  title: string;
  directive: { number: string; title: string } | null;
  goals: string;
  periodFrom: string;
  periodTo: string;
  draft: boolean;
  targets: {
    title: string;
    indicatorLabel: string;
    percent: boolean;
    comparator: 'gte' | 'lte';
    threshold: number;
    deadline: string;
  }[];
  milestones: { dueOn: string; title: string; doneOn: string | null }[];
  responsibilities: { who: string; what: string }[];
}

const monthText = (ym: string) => `${ym.slice(5, 7)}/${ym.slice(0, 4)}`;

function levelText(t: PlanDocumentData['targets'][number]): string {
  const n = formatNumber(t.threshold, Number.isInteger(t.threshold) ? 0 : 2);
  return `${t.comparator === 'gte' ? 'Từ' : 'Không quá'} ${n}${t.percent ? '%' : ''}${t.comparator === 'gte' ? ' trở lên' : ''}`;
}

export function planDocument(d: PlanDocumentData): MeetingDocument {
  const blocks: Block[] = [
    hd36Header({
      superiorName: d.superiorName,
      issuerName: d.issuerName,
      number: hd36Number(null, 'KH', d.issuerSymbol),
      place: d.place,
      date: null,
    }),
    // "KẾ HOẠCH" is the kind; the title line does not repeat it (HD 36: KẾ HOẠCH / nâng cao …).
    ...hd36Title({ kind: 'Kế hoạch', lines: [d.title.replace(/^kế hoạch\s+/iu, '')], draft: d.draft }),
  ];
  if (d.directive)
    blocks.push(
      body(
        `Thực hiện ${d.directive.number} “${d.directive.title}”, ${d.issuerName} xây dựng kế hoạch thực hiện như sau:`,
      ),
    );
  blocks.push(heading('I. MỤC ĐÍCH, YÊU CẦU'));
  const goals = paragraphs(d.goals);
  for (const g of goals.length > 0 ? goals : ['(Chưa ghi mục đích, yêu cầu.)']) blocks.push(body(g));
  blocks.push(
    body(`Thời gian thực hiện: từ tháng ${monthText(d.periodFrom)} đến tháng ${monthText(d.periodTo)}.`),
    heading('II. CHỈ TIÊU'),
  );
  if (d.targets.length === 0) blocks.push(body('(Chưa có chỉ tiêu.)'));
  else
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'TT', width: 7, align: 'center' },
        { title: 'Chỉ tiêu', width: 35 },
        { title: 'Mức phấn đấu', width: 16, align: 'center' },
        { title: 'Thời hạn', width: 18, align: 'center' },
        { title: 'Cách đánh giá', width: 24 },
      ],
      rows: d.targets.map((t, i) => [
        String(i + 1),
        t.title,
        levelText(t),
        formatDate(t.deadline),
        t.indicatorLabel,
      ]),
    });
  blocks.push(heading('III. LỘ TRÌNH THỰC HIỆN'));
  if (d.milestones.length === 0) blocks.push(body('(Chưa có mốc lộ trình.)'));
  else
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'TT', width: 7, align: 'center' },
        { title: 'Thời hạn', width: 18, align: 'center' },
        { title: 'Nội dung', width: 55 },
        { title: 'Hoàn thành', width: 20, align: 'center' },
      ],
      rows: d.milestones.map((m, i) => [
        String(i + 1),
        formatDate(m.dueOn),
        m.title,
        m.doneOn ? formatDate(m.doneOn) : '',
      ]),
    });
  blocks.push(heading('IV. TỔ CHỨC THỰC HIỆN'));
  if (d.responsibilities.length === 0) blocks.push(body('(Chưa phân công.)'));
  d.responsibilities.forEach((r, i) => {
    blocks.push(body(`${i + 1}. ${r.who}: ${r.what.trim().replace(/[.;]+$/u, '')}.`));
  });
  blocks.push(
    body(
      'Các chi bộ trực thuộc căn cứ kế hoạch này xây dựng chương trình, kế hoạch của chi bộ; định kỳ báo cáo kết quả thực hiện về cấp ủy.',
    ),
    hd36Closing({
      recipients: ['Các chi bộ trực thuộc', 'Lưu Văn phòng'],
      signature: { onBehalfOf: 'T/M BAN THƯỜNG VỤ', position: 'BÍ THƯ', name: '' },
    }),
  );
  return { title: `Kế hoạch ${d.title}`, blocks, draft: d.draft, draftMark: 'DỰ THẢO — chưa ban hành' };
}
