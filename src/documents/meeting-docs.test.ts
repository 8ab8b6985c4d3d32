import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { sampleMeetingRecord } from './fixtures.js';
import { pdfDefinition } from './meeting-pdf.js';
import type { MeetingRecord } from './meeting-record.js';
import { type Block, comrade, docNumber, onBehalfOf, voteSentence } from './meeting-text.js';
import { renderMinutesDocx } from './minutes-docx.js';
import { renderMinutesPdf } from './minutes-pdf.js';
import { minutesDocument } from './minutes-text.js';
import { renderResolutionDocx } from './resolution-docx.js';
import { renderResolutionPdf } from './resolution-pdf.js';
import { resolutionDocument } from './resolution-text.js';

// ---------------------------------------------------------------------------------------------
// Reading the outputs back

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);

/** The paragraphs of a .docx body, each the concatenation of its text runs. */
async function docxParagraphs(bytes: Buffer): Promise<{ xml: string; paragraphs: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1]!)).join(''),
  );
  return { xml, paragraphs };
}

interface PdfFacts {
  raw: string;
  /** The text drawn on each page, in drawing order; the page number at the top is left out. */
  pages: string[];
}

/**
 * A small reader for the uncompressed PDFs PDFKit writes: per page, the glyph codes of each
 * `TJ`/`Tj` mapped back to text through the font's /ToUnicode CMap.
 */
function readPdf(bytes: Buffer): PdfFacts {
  const raw = bytes.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of raw.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objects.set(Number(m[1]), m[2]!);
  const ref = (body: string, key: string) => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(body);
    return m ? objects.get(Number(m[1])) : undefined;
  };
  const stream = (body: string) => /stream\n([\s\S]*?)\nendstream/.exec(body)?.[1] ?? '';
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');

  const cmaps = new Map<string, Map<number, string>>();
  const cmapOf = (fontBody: string) => {
    const map = new Map<number, string>();
    const cmap = stream(ref(fontBody, 'ToUnicode') ?? '');
    for (const m of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
      const start = Number.parseInt(m[1]!, 16);
      for (const [i, u] of [...m[3]!.matchAll(/<([0-9a-f]+)>/gi)].entries()) map.set(start + i, utf16(u[1]!));
    }
    return map;
  };

  const pages: string[][] = [];
  for (const body of objects.values()) {
    if (!/\/Type \/Page\n/.test(body)) continue;
    const resources = ref(body, 'Resources') ?? body;
    const fonts = /\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    for (const m of fonts.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      if (!cmaps.has(m[1]!)) cmaps.set(m[1]!, cmapOf(objects.get(Number(m[2]))!));
    }
    const items: string[] = [];
    let font = new Map<number, string>();
    const content = stream(ref(body, 'Contents') ?? '');
    for (const m of content.matchAll(
      /\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|[\s\d.-])*)\] TJ|<([0-9a-f]*)> Tj/gi,
    )) {
      if (m[1]) {
        font = cmaps.get(m[1]) ?? new Map();
        continue;
      }
      // Only the <hex> strings carry glyphs; the numbers between them in a TJ array are kerning.
      const hex = m[3] ?? [...m[2]!.matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1]).join('');
      let text = '';
      for (let i = 0; i < hex.length; i += 4)
        text += font.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
      items.push(text);
    }
    pages.push(items);
  }
  // Pages are listed in order of their objects. The page number (from page 2) is a text item of
  // its own, drawn before or after the body: drop that item, keep everything else.
  return {
    raw,
    pages: pages.map((items, i) => {
      const number = String(i + 1);
      const at = i === 0 ? -1 : items[0] === number ? 0 : items.lastIndexOf(number);
      return items.filter((_, j) => j !== at).join('');
    }),
  };
}

/** Text without whitespace, to compare wording regardless of where lines break. */
const squash = (s: string) => s.replace(/\s+/g, '');

/** Every piece of text in the block model, as the reader sees it. */
function blockTexts(blocks: Block[]): string[] {
  const out: string[] = [];
  const text = (p: { runs: { text: string }[] }) => p.runs.map((r) => r.text).join('');
  for (const b of blocks) {
    if (b.kind === 'para') out.push(text(b));
    else if (b.kind === 'columns') for (const cell of b.cells) for (const p of cell) out.push(text(p));
    else if (b.kind === 'table') {
      out.push(...b.columns.map((c) => c.title));
      for (const row of b.rows) out.push(...row.flatMap((cell) => cell.split('\n')));
    }
  }
  return out.map((s) => s.trim()).filter((s) => s && s !== '\u00a0');
}

const record = sampleMeetingRecord(30);

// ---------------------------------------------------------------------------------------------

describe('biên bản (minutes) as DOCX', () => {
  it('has the HD 36 header, the title and the attendance in the exact wording', async () => {
    const { xml, paragraphs } = await docxParagraphs(await renderMinutesDocx(record));
    const text = paragraphs.join('\n');

    // The header is a borderless two-column table: organisation on the left, the party on the right.
    const header = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0];
    expect(header).toContain('w:val="none"');
    const cells = [...header.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => c[0]);
    expect(cells).toHaveLength(2);
    expect(cells[0]).toContain('ĐẢNG BỘ PHƯỜNG AN HỘI');
    expect(cells[0]).toContain('CHI BỘ KHU PHỐ 1');
    expect(cells[0]).toContain('Số 05-BB/CB');
    expect(cells[1]).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(cells[1]).toContain('An Hội, ngày 10 tháng 11 năm 2026');

    expect(paragraphs).toContain('BIÊN BẢN');
    expect(paragraphs).toContain('Hội nghị chi bộ sinh hoạt thường kỳ tháng 11/2026');
    expect(text).toContain(
      '1. Thời gian: bắt đầu lúc 19 giờ 30 ngày 10/11/2026, kết thúc lúc 21 giờ 15 cùng ngày (thời lượng 105 phút).',
    );
    expect(text).toContain('2. Địa điểm: Hội trường khu phố 1, số 12 đường Lê Lợi, phường An Hội.');
    // Counted once, and they add up: 32 own members = 30 summoned + 1 exempted + 1 away; 30 = 28 + 2.
    expect(paragraphs).toContain(
      '- Tổng số đảng viên của chi bộ: 32 đồng chí (miễn sinh hoạt 1, sinh hoạt tạm thời nơi khác 1); số đảng viên được triệu tập: 30 đồng chí.',
    );
    expect(paragraphs).toContain(
      '- Có mặt 28/30 đồng chí, đạt tỷ lệ 93,33%; vắng mặt 2 đồng chí (1 có lý do, 1 không có lý do):',
    );
    expect(paragraphs).toContain('+ Đồng chí Lê Văn Hùng: vắng có lý do (đi công tác tại Hà Nội);');
    expect(paragraphs).toContain('+ Đồng chí Phạm Minh Tâm: vắng không có lý do.');
    expect(paragraphs).toContain(
      '- Đảng viên được miễn sinh hoạt đảng dự họp: 1 đồng chí (không tính vào số triệu tập và tỷ lệ dự họp).',
    );
    expect(paragraphs).toContain('- Đảng viên sinh hoạt tạm thời dự họp: 1 đồng chí.');
    expect(paragraphs).toContain('+ Đồng chí Hoàng Văn Thái — Đảng ủy viên, phụ trách chi bộ;');
    expect(paragraphs).toContain('4. Chủ trì hội nghị: Đồng chí Nguyễn Văn An — Bí thư chi bộ.');
    expect(paragraphs).toContain('5. Thư ký hội nghị: Đồng chí Trần Thị Bích Ngọc — Chi ủy viên.');
  });

  it('records every speech, the conclusions, the vote, the rating, the adoption and the signatures', async () => {
    const { paragraphs } = await docxParagraphs(await renderMinutesDocx(record));
    for (const item of record.agenda) {
      expect(paragraphs.some((p) => p.endsWith(item.title))).toBe(true);
      for (const s of item.speeches) {
        const summary = s.summary.endsWith('.') ? s.summary : `${s.summary}.`;
        expect(paragraphs).toContain(`- Đồng chí ${s.speaker}: ${summary}`);
      }
      if (item.conclusion) expect(paragraphs).toContain(`Kết luận của chủ trì: ${item.conclusion}.`);
    }
    expect(paragraphs).toContain(
      '- Biểu quyết thông qua Nghị quyết hội nghị chi bộ tháng 11/2026: tán thành 26/29 đồng chí (89,66%), ' +
        'không tán thành 0, không biểu quyết 1; căn cứ quy định “Quá nửa số đảng viên chính thức được triệu tập ' +
        '(Điều lệ Đảng, Điều 9)”: thông qua.',
    );
    expect(paragraphs).toContain('- Tự đánh giá chất lượng sinh hoạt chi bộ: Tốt (92/100 điểm).');
    // Adopted as the meeting closed: the two times agree.
    expect(paragraphs).toContain(
      'Biên bản đã được đọc lại cho hội nghị nghe và nhất trí thông qua lúc 21 giờ 15 ngày 10/11/2026. ' +
        'Hội nghị kết thúc lúc 21 giờ 15 cùng ngày.',
    );
    const votes = paragraphs.indexOf('III. BIỂU QUYẾT');
    const quality = paragraphs.indexOf('IV. TỰ ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT');
    expect(votes).toBeGreaterThan(0);
    expect(quality).toBeGreaterThan(votes);
    const sign = paragraphs.slice(paragraphs.indexOf('THƯ KÝ'));
    expect(sign.slice(0, 6)).toEqual([
      'THƯ KÝ',
      'Trần Thị Bích Ngọc',
      'Đã ký điện tử: 10/11/2026 21:11 · phiên bản 2 · mã băm 3f2a9c0d1e7b',
      'CHỦ TRÌ HỘI NGHỊ',
      'Nguyễn Văn An',
      'Đã ký điện tử: 10/11/2026 21:12 · phiên bản 2 · mã băm 3f2a9c0d1e7b',
    ]);
  });

  it('is A4 with the HD 36 margins, Times New Roman, 14 pt', async () => {
    const { xml } = await docxParagraphs(await renderMinutesDocx(record));
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margins = /<w:pgMar [^>]*>/.exec(xml)![0];
    expect(margins).toContain('w:top="1134"');
    expect(margins).toContain('w:bottom="1134"');
    expect(margins).toContain('w:left="1701"');
    expect(margins).toContain('w:right="850"');
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toContain('<w:sz w:val="28"/>');
  });

  it('writes NFC text even from decomposed (NFD) input', async () => {
    const nfd = JSON.parse(JSON.stringify(record).normalize('NFD')) as MeetingRecord;
    expect(nfd.chair.name).not.toBe(record.chair.name); // really decomposed
    const { paragraphs } = await docxParagraphs(await renderMinutesDocx(nfd));
    const text = paragraphs.join('\n');
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('Nguyễn');
    expect(text).toContain('Đồng chí');
    expect(text).toContain('CHI BỘ KHU PHỐ 1');
    expect(text).toContain('+ Đồng chí Lê Văn Hùng: vắng có lý do (đi công tác tại Hà Nội);');
  });

  it("holds everything the meeting recorded: the situation text, last month's items with results, next month's tasks", async () => {
    const { paragraphs } = await docxParagraphs(await renderMinutesDocx(record));
    const text = paragraphs.join('\n');
    const previous = paragraphs.findIndex((p) =>
      p.endsWith('Đánh giá kết quả thực hiện nghị quyết tháng 10/2026'),
    );
    const next = paragraphs.findIndex((p) => p.endsWith('Thảo luận nhiệm vụ trọng tâm tháng 12/2026'));
    expect(previous).toBeGreaterThan(0);
    expect(next).toBeGreaterThan(previous);
    // The text typed under "Lời văn biên bản" is in the minutes, under its heading.
    const situation = paragraphs.indexOf(record.text.situation!.split('\n')[0]!);
    expect(situation).toBeGreaterThan(previous);
    expect(situation).toBeLessThan(next);
    expect(text).toContain(record.text.directions!.split('\n')[1]!);
    expect(paragraphs).toContain(
      '4) Thăm hỏi, tặng quà hộ nghèo và gia đình chính sách; người thực hiện: Ban công tác Mặt trận, ' +
        `${record.previousItems[3]!.owners[1]}; thời hạn 25/10/2026: Đạt một phần (còn 2 hộ chưa thăm).`,
    );
    expect(text).toContain(
      'Tổng số 5 nội dung: đạt 3, đạt một phần 1, không đạt 1, chưa đánh giá 0; tỷ lệ đạt 60,00%.',
    );
    for (const [i, task] of record.tasks.entries()) {
      const line = paragraphs.find((p) => p.startsWith(`${i + 1}) ${task.title}`));
      expect(line, task.title).toBeDefined();
      expect(line).toContain(`người thực hiện: ${task.owners.join(', ')}`);
      expect(line).toContain(`thời hạn: ${task.deadline!.split('-').reverse().join('/')}`);
      expect(paragraphs.indexOf(line!)).toBeGreaterThan(next);
    }
  });

  it('does not double "Biểu quyết" when the subject was typed with it', () => {
    const v = { ...record.votes[0]!, subject: 'Biểu quyết thông qua nghị quyết tháng 11/2026' };
    expect(voteSentence(v)).toMatch(/^Biểu quyết thông qua nghị quyết tháng 11\/2026: tán thành/);
  });

  it('prints the confirmed self-assessment as an annex with its own time, and "chưa đánh giá" before', async () => {
    const scored: MeetingRecord = {
      ...record,
      quality: {
        rating: 'Khá',
        points: 82.5,
        maxPoints: 100,
        confirmedAt: '2026-11-11T08:05:00+07:00',
        supervisor: { rating: 'Khá', points: 80, confirmedAt: '2026-11-12T09:00:00+07:00' },
      },
    };
    const texts = blockTexts(minutesDocument(scored).blocks);
    expect(texts).toContain(
      '- Tự đánh giá chất lượng sinh hoạt chi bộ: Khá (82,5/100 điểm), chi bộ xác nhận lúc 08 giờ 05 ngày 11/11/2026; ' +
        'cấp ủy viên cấp trên phụ trách đánh giá: Khá (80/100 điểm).',
    );
    expect(blockTexts(resolutionDocument({ ...record, quality: undefined }).blocks)).toContain(
      'Chi bộ tự đánh giá chất lượng buổi sinh hoạt: chưa đánh giá.',
    );
  });

  it('marks a draft "DỰ THẢO" above the title and on every page', async () => {
    const draft: MeetingRecord = { ...record, draft: true, adoption: undefined };
    const { xml, paragraphs } = await docxParagraphs(await renderMinutesDocx(draft));
    expect(paragraphs.indexOf('DỰ THẢO')).toBeGreaterThan(-1);
    expect(paragraphs.indexOf('DỰ THẢO')).toBeLessThan(paragraphs.indexOf('BIÊN BẢN'));
    const zip = await JSZip.loadAsync(await renderMinutesDocx(draft));
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/header\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(headers.filter((h) => h.includes('DỰ THẢO — chưa được thông qua')).length).toBeGreaterThanOrEqual(
      2,
    );
    expect(xml).toContain('DỰ THẢO');
    // The adopted one carries no mark.
    const adopted = await docxParagraphs(await renderResolutionDocx(record));
    expect(adopted.paragraphs).not.toContain('DỰ THẢO');
    const pdf = readPdf(await renderResolutionPdf({ ...draft }, { compress: false }));
    for (const page of pdf.pages) expect(page).toContain('DỰ THẢO');
  });

  it('leaves blanks to fill by hand when the meeting has no times and no adoption', async () => {
    const r: MeetingRecord = {
      ...record,
      number: undefined,
      startedAt: undefined,
      endedAt: undefined,
      adoption: undefined,
      votes: [],
      quality: undefined,
    };
    const { paragraphs } = await docxParagraphs(await renderMinutesDocx(r));
    const text = paragraphs.join('\n');
    expect(text).toContain('Số …-BB/CB');
    expect(text).toContain('1. Thời gian: theo giấy triệu tập lúc 19 giờ 30 ngày 10/11/2026.');
    expect(text).toContain('- Hội nghị không tiến hành biểu quyết.');
    expect(text).toContain('- Tự đánh giá chất lượng sinh hoạt chi bộ: chưa đánh giá.');
    expect(text).toContain(
      'Biên bản đã được đọc lại cho hội nghị nghe và nhất trí thông qua lúc …… giờ …… ngày …….',
    );
    expect(text).not.toContain('Đã ký điện tử');
  });
});

describe('nghị quyết (resolution) as DOCX', () => {
  it('has the header, the opening, the four sections, both tables, recipients and signature', async () => {
    const { xml, paragraphs } = await docxParagraphs(await renderResolutionDocx(record));
    const text = paragraphs.join('\n');
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('Số 05-NQ/CB');
    expect(paragraphs).toContain('NGHỊ QUYẾT');
    expect(paragraphs).toContain('Hội nghị chi bộ sinh hoạt thường kỳ tháng 11/2026');
    expect(text).toContain(
      'Ngày 10/11/2026, tại Hội trường khu phố 1, số 12 đường Lê Lợi, phường An Hội, chi bộ tổ chức hội nghị ' +
        'sinh hoạt thường kỳ tháng 11/2026, từ 19 giờ 30 đến 21 giờ 15 (thời lượng 105 phút). Có mặt 28/30 đảng ' +
        'viên được triệu tập, đạt tỷ lệ 93,33%; vắng 2 đồng chí (1 có lý do, 1 không có lý do).',
    );
    const headings = [
      'I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT THÁNG TRƯỚC',
      'II. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG TỚI',
      'III. PHÂN CÔNG THỰC HIỆN',
      'IV. TỰ ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT',
      'V. BIỂU QUYẾT THÔNG QUA NGHỊ QUYẾT',
    ];
    const at = headings.map((h) => paragraphs.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    // Section I: the situation text, then a bordered table of last month's items and a tally.
    expect(text).toContain('Trong tháng 10/2026, chi bộ đã lãnh đạo đảng viên');
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    const previous = tables.find((t) => t.includes('Kết quả'))!;
    expect(previous).toContain('w:val="single"');
    for (const label of ['STT', 'Nội dung', 'Người thực hiện', 'Thời hạn', 'Đạt một phần', 'Không đạt']) {
      expect(previous).toContain(label);
    }
    expect(previous).toContain('31/10/2026');
    expect(text).toContain(
      'Tổng số 5 nội dung: đạt 3, đạt một phần 1, không đạt 1, chưa đánh giá 0; tỷ lệ đạt 60,00%.',
    );

    // Sections II–III: directions and the assignment table with every owner and deadline.
    expect(text).toContain('Đẩy mạnh chuyển đổi số trong khu phố');
    const tasks = tables.find((t) => t.includes('Nhiệm vụ'))!;
    const taskCells = [...tasks.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) =>
      [...c[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1]!)).join(''),
    );
    for (const task of record.tasks) {
      const row = taskCells.indexOf(task.title);
      expect(row).toBeGreaterThan(0);
      expect(taskCells[row + 1]).toBe(task.owners.join(', '));
      expect(taskCells[row + 2]).toBe(task.deadline!.split('-').reverse().join('/'));
    }

    // Section IV and the vote.
    expect(text).toContain('Chi bộ tự đánh giá chất lượng buổi sinh hoạt: Tốt (92/100 điểm).');
    expect(text).toContain('tán thành 26/29 đồng chí (89,66%)');

    // Bottom: recipients left, "T/M CHI ỦY – BÍ THƯ" right.
    expect(paragraphs).toContain('Nơi nhận:');
    expect(paragraphs).toContain('- Đảng ủy phường An Hội (để báo cáo),');
    expect(paragraphs).toContain('- Lưu chi bộ.');
    const sign = paragraphs.indexOf('T/M CHI ỦY');
    expect(paragraphs.slice(sign, sign + 3)).toEqual(['T/M CHI ỦY', 'BÍ THƯ', 'Nguyễn Văn An']);
  });

  it('signs for the cell when it is too small to have a committee', () => {
    const small = sampleMeetingRecord(8);
    expect(onBehalfOf(small)).toBe('T/M CHI BỘ');
    expect(onBehalfOf(record)).toBe('T/M CHI ỦY');
    expect(onBehalfOf({ ...small, chair: { name: 'X', title: 'Phó Bí thư chi bộ' } })).toBe('T/M CHI ỦY');
  });
});

describe('wording helpers', () => {
  it('addresses people as "Đồng chí" once', () => {
    expect(comrade('Nguyễn Văn An')).toBe('Đồng chí Nguyễn Văn An');
    expect(comrade('đồng chí Nguyễn Văn An')).toBe('đồng chí Nguyễn Văn An');
    expect(comrade('Đồng chí Nguyễn Văn An')).toBe('Đồng chí Nguyễn Văn An');
    expect(comrade('Bà Võ Thị Mỹ Lệ')).toBe('Bà Võ Thị Mỹ Lệ');
  });

  it('numbers each document with its own kind', () => {
    expect(docNumber('05-BB/CB', 'NQ')).toBe('Số 05-NQ/CB');
    expect(docNumber('05', 'BB')).toBe('Số 05-BB/CB');
    expect(docNumber('  ', 'NQ')).toBe('Số …-NQ/CB');
    expect(docNumber('12-NQ/ĐU', 'BB')).toBe('Số 12-BB/ĐU');
  });

  it('shows instants in Vietnam time whatever their offset', async () => {
    const utc: MeetingRecord = {
      ...record,
      startedAt: '2026-11-10T12:30:00Z',
      endedAt: '2026-11-10T14:15:00.000Z',
    };
    const text = (await docxParagraphs(await renderMinutesDocx(utc))).paragraphs.join('\n');
    expect(text).toContain('bắt đầu lúc 19 giờ 30 ngày 10/11/2026, kết thúc lúc 21 giờ 15 cùng ngày');
  });

  it('says "không thông qua" when the vote fails', () => {
    const failed: MeetingRecord = {
      ...record,
      votes: [{ ...record.votes[0]!, for: 10, against: 12, abstain: 6, passed: false }],
    };
    const texts = blockTexts(minutesDocument(failed).blocks);
    expect(
      texts.some((t) => t.includes('tán thành 10/29 đồng chí (34,48%)') && t.endsWith(': không thông qua.')),
    ).toBe(true);
  });
});

describe('PDF', () => {
  it('renders the minutes as A4 pages with the font embedded and the same wording as the DOCX', async () => {
    const bytes = await renderMinutesPdf(record, { compress: false });
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = readPdf(bytes);
    expect(pdf.raw).toContain('/FontFile2');
    expect(pdf.raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Regular/);
    expect(pdf.pages.length).toBeGreaterThanOrEqual(1);
    const boxes = [...pdf.raw.matchAll(/\/MediaBox \[([^\]]*)\]/g)].map((m) => m[1]);
    expect(boxes).toHaveLength(pdf.pages.length);
    for (const box of boxes) expect(box).toBe('0 0 595.28 841.89');

    expect(pdf.pages[0]).toMatch(/^ĐẢNG BỘ PHƯỜNG AN HỘI ?CHI BỘ KHU PHỐ 1 ?\* ?Số 05-BB\/CB/);
    const all = squash(pdf.pages.join(''));
    expect(all).not.toContain('\uFFFD');
    for (const text of blockTexts(minutesDocument(record).blocks)) expect(all).toContain(squash(text));
    expect(all).toContain(squash('+ Đồng chí Phạm Minh Tâm: vắng không có lý do.'));
    expect(all).toContain(squash('Có mặt 28/30 đồng chí, đạt tỷ lệ 93,33%'));
  });

  it('renders the resolution with the same wording as the block model', async () => {
    const pdf = readPdf(await renderResolutionPdf(record, { compress: false }));
    const all = squash(pdf.pages.join(''));
    for (const text of blockTexts(resolutionDocument(record).blocks)) expect(all).toContain(squash(text));
  });

  it("keeps a table's header row with its first row and its lead-in line with the table", () => {
    const def = pdfDefinition(resolutionDocument(record), {});
    const nodes = def.content as {
      table?: { headerRows: number; keepWithHeaderRows: number };
      headlineLevel?: number;
    }[];
    const tables = nodes.filter((n) => n.table);
    expect(tables).toHaveLength(2);
    for (const n of tables) expect(n.table).toMatchObject({ headerRows: 1, keepWithHeaderRows: 1 });
    // The lead-in before each table is a headline: it moves to the next page rather than stay alone.
    for (const n of tables) expect(nodes[nodes.indexOf(n) - 1]!.headlineLevel).toBe(1);
    const breakBefore = def.pageBreakBefore as (node: unknown, following: unknown[]) => boolean;
    expect(breakBefore({ headlineLevel: 1 }, [])).toBe(true);
    expect(breakBefore({ headlineLevel: 1 }, [{}])).toBe(false);
    expect(breakBefore({}, [])).toBe(false);
  });

  it('compresses by default', async () => {
    const bytes = await renderMinutesPdf(record);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('/FlateDecode');
    expect(bytes.length).toBeLessThan((await renderMinutesPdf(record, { compress: false })).length);
  });
});
