/**
 * The periodic review report as a Word document (what committees edit): the report on A4
 * portrait pages in the HD 36 layout of the minutes (meeting-docx.ts: Times New Roman 14 pt,
 * margins, page numbers from page 2, "DỰ THẢO" on every page of a draft), then the appendix
 * tables on landscape pages in 10 pt so nine indicator columns of "x/y" and "z%" fit.
 * Pure: data in, bytes out (bench/oversight.ts times it).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import {
  type Align,
  type Block,
  BODY_SIZE,
  DRAFT_MARK,
  LINE_SPACING,
  PAGE,
  PARA_AFTER,
  type Para,
} from './meeting-text.js';
import type { ReviewData } from './review-data.js';
import { type ReviewDocument, reviewDocument } from './review-text.js';

const FONT = 'Times New Roman';
const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
const PORTRAIT_WIDTH = twips(PAGE.widthMm - PAGE.leftMm - PAGE.rightMm);
/** Landscape: the long side across, the binding margin (30 mm) at the top. */
const LANDSCAPE_MARGIN = { top: 20, bottom: 15, left: 20, right: 15 } as const;
const LANDSCAPE_WIDTH = twips(PAGE.heightMm - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right);
const APPENDIX_TABLE_SIZE = 9;

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_CELL_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER } as const;
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

function paragraph(p: Para, defaults: { size?: number; align?: Align; line?: number } = {}): Paragraph {
  const size = p.size ?? defaults.size ?? BODY_SIZE;
  return new Paragraph({
    alignment: ALIGN[p.align ?? defaults.align ?? 'left'],
    keepNext: p.keepWithNext,
    spacing: {
      before: Math.round((p.spaceBefore ?? 0) * 20),
      after: Math.round((p.spaceAfter ?? PARA_AFTER) * 20),
      line: Math.round(240 * (defaults.line ?? LINE_SPACING)),
      lineRule: LineRuleType.AUTO,
    },
    indent:
      p.firstLineIndent || p.indent
        ? { firstLine: Math.round((p.firstLineIndent ?? 0) * 20), left: Math.round((p.indent ?? 0) * 20) }
        : undefined,
    children: p.runs.map(
      (r) =>
        new TextRun({
          text: r.text,
          bold: r.bold,
          italics: r.italics,
          underline: r.underline ? {} : undefined,
          size: size * 2,
          font: FONT,
        }),
    ),
  });
}

function columns(block: Extract<Block, { kind: 'columns' }>, width: number): Table {
  const widths = block.widths.map((w) => Math.round((width * w) / 100));
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: block.cells.map(
          (paras, i) =>
            new TableCell({
              width: { size: widths[i]!, type: WidthType.DXA },
              borders: NO_CELL_BORDERS,
              margins: { left: 40, right: 40 },
              children: paras.map((p) => paragraph(p)),
            }),
        ),
      }),
    ],
  });
}

function table(block: Extract<Block, { kind: 'table' }>, width: number, size: number): Table {
  const widths = block.columns.map((c) => Math.round((width * c.width) / 100));
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 30, bottom: 30, left: 60, right: 60 },
      children: text
        .split('\n')
        .map((line) =>
          paragraph(
            { runs: [{ text: line, bold: head }], spaceAfter: 0 },
            { size, align: head ? 'center' : (block.columns[i]!.align ?? 'left'), line: 1 },
          ),
        ),
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    borders: {
      top: LINE,
      bottom: LINE,
      left: LINE,
      right: LINE,
      insideHorizontal: LINE,
      insideVertical: LINE,
    },
    rows: [
      new TableRow({ tableHeader: true, children: block.columns.map((c, i) => cell(c.title, i, true)) }),
      ...block.rows.map(
        (row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, i, false)) }),
      ),
    ],
  });
}

const spacer = (pt: number, keepNext: boolean) =>
  new Paragraph({
    keepNext,
    spacing: { before: 0, after: 0, line: Math.max(20, Math.round(pt * 20)), lineRule: LineRuleType.EXACT },
  });

/** Marks where a table written as raw XML goes (see {@link tableXml}). */
const placeholder = (n: number) => `@@CHIBO-TABLE-${n}@@`;

function children(
  blocks: Block[],
  width: number,
  tableSize: number,
  raw?: Extract<Block, { kind: 'table' }>[],
): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const [i, block] of blocks.entries()) {
    if (block.kind === 'para') {
      const next = blocks[i + 1];
      const keep = next?.kind === 'columns' && next.keepWithPrevious;
      out.push(paragraph(keep ? { ...block, keepWithNext: true } : block));
    } else if (block.kind === 'pageBreak') {
      out.push(new Paragraph({ children: [new PageBreak()] }));
    } else if (block.kind === 'columns') {
      if (block.spaceBefore) out.push(spacer(block.spaceBefore, !!block.keepWithPrevious));
      out.push(columns(block, width));
    } else if (raw) {
      raw.push(block);
      out.push(new Paragraph({ children: [new TextRun(placeholder(raw.length - 1))] }));
    } else {
      out.push(table(block, width, tableSize));
    }
  }
  return out;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const JC = { left: 'left', center: 'center', right: 'right', justify: 'both' } as const;

/**
 * A bordered table as WordprocessingML, written directly: the appendix of a province has a row
 * per commune (1.000 and more) and the docx library's object model takes seconds per thousand
 * rows, where a string takes milliseconds. Same layout as {@link table}: header row repeated on
 * every page, rows never split, `\n` a line break, the size in points.
 */
export function tableXml(block: Extract<Block, { kind: 'table' }>, width: number, size: number): string {
  const widths = block.columns.map((c) => Math.round((width * c.width) / 100));
  const line = `<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((b) => line.replace('w:top', `w:${b}`))
    .join('');
  const rPr = (bold: boolean) =>
    `<w:rPr><w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:cs="${FONT}"/>${bold ? '<w:b/>' : ''}<w:sz w:val="${size * 2}"/><w:szCs w:val="${size * 2}"/></w:rPr>`;
  const cell = (text: string, i: number, head: boolean) => {
    const align = head ? 'center' : (block.columns[i]!.align ?? 'left');
    const runs = text
      .split('\n')
      .map(
        (l, j) => `<w:r>${rPr(head)}${j > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${esc(l)}</w:t></w:r>`,
      )
      .join('');
    return (
      `<w:tc><w:tcPr><w:tcW w:w="${widths[i]}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>` +
      `<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="${JC[align]}"/></w:pPr>${runs}</w:p></w:tc>`
    );
  };
  const row = (cells: string[], head: boolean) =>
    `<w:tr><w:trPr><w:cantSplit/>${head ? '<w:tblHeader/>' : ''}</w:trPr>${cells.map((c, i) => cell(c, i, head)).join('')}</w:tr>`;
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${width}" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders>` +
    `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="60" w:type="dxa"/>` +
    `<w:bottom w:w="30" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    row(
      block.columns.map((c) => c.title),
      true,
    ) +
    block.rows.map((r) => row(r, false)).join('') +
    '</w:tbl>'
  );
}

/** Puts the raw tables in place of their placeholder paragraphs. */
async function insertTables(bytes: Buffer, tables: string[]): Promise<Buffer> {
  if (tables.length === 0) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file('word/document.xml')!;
  let xml = await file.async('string');
  xml = xml.replace(
    /<w:p>(?:(?!<w:p>).)*?@@CHIBO-TABLE-(\d+)@@(?:(?!<w:p>).)*?<\/w:p>/gs,
    (_, n) => tables[Number(n)]!,
  );
  zip.file('word/document.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** "DỰ THẢO — chưa ban hành", top right of every page of a draft. */
function draftLine(): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    children: [new TextRun({ text: `${DRAFT_MARK} — chưa ban hành`, bold: true, font: FONT, size: 20 })],
  });
}

function pageNumber(): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26 })],
  });
}

export async function renderReviewDocument(doc: ReviewDocument): Promise<Buffer> {
  const raw: Extract<Block, { kind: 'table' }>[] = [];
  const appendix = children(doc.appendix, LANDSCAPE_WIDTH, APPENDIX_TABLE_SIZE, raw);
  const draft = doc.draft ? [draftLine()] : [];
  const document = new Document({
    title: doc.title,
    creator: 'Chibo',
    styles: { default: { document: { run: { font: FONT, size: BODY_SIZE * 2 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: twips(PAGE.widthMm), height: twips(PAGE.heightMm) },
            margin: {
              top: twips(PAGE.topMm),
              bottom: twips(PAGE.bottomMm),
              left: twips(PAGE.leftMm),
              right: twips(PAGE.rightMm),
              header: twips(10),
              footer: twips(10),
            },
          },
        },
        headers: {
          first: new Header({ children: draft }),
          default: new Header({ children: [...draft, pageNumber()] }),
        },
        children: children(doc.body, PORTRAIT_WIDTH, 13),
      },
      {
        properties: {
          page: {
            // docx swaps width and height for a landscape page itself.
            size: {
              width: twips(PAGE.widthMm),
              height: twips(PAGE.heightMm),
              orientation: PageOrientation.LANDSCAPE,
            },
            margin: {
              top: twips(LANDSCAPE_MARGIN.top),
              bottom: twips(LANDSCAPE_MARGIN.bottom),
              left: twips(LANDSCAPE_MARGIN.left),
              right: twips(LANDSCAPE_MARGIN.right),
              header: twips(8),
              footer: twips(8),
            },
          },
        },
        headers: { default: new Header({ children: [...draft, pageNumber()] }) },
        children: appendix,
      },
    ],
  });
  const bytes = await Packer.toBuffer(document);
  return insertTables(
    bytes,
    raw.map((t) => tableXml(t, LANDSCAPE_WIDTH, APPENDIX_TABLE_SIZE)),
  );
}

/** The review report (ReviewData, review-data.ts) as .docx bytes. */
export function renderReviewDocx(data: ReviewData): Promise<Buffer> {
  return renderReviewDocument(reviewDocument(data));
}
