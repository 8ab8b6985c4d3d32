/**
 * Maps the neutral blocks of {@link ./meeting-text.ts} to a Word document: A4, HD 36 margins,
 * Times New Roman, page numbers from page 2 (top centre). The font is named, not embedded: Word
 * and LibreOffice use Times New Roman or its metric twin (Liberation Serif / Tinos).
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
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import {
  type Align,
  type Block,
  BODY_SIZE,
  DRAFT_MARK,
  LINE_SPACING,
  type MeetingDocument,
  PAGE,
  PARA_AFTER,
  type Para,
  TABLE_SIZE,
} from './meeting-text.js';

const FONT = 'Times New Roman';
const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
/** Width of the text between the margins, in twips. */
const TEXT_WIDTH = twips(PAGE.widthMm - PAGE.leftMm - PAGE.rightMm);

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_CELL_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER } as const;
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

function paragraph(p: Para, defaults: { size?: number; align?: Align } = {}): Paragraph {
  const size = p.size ?? defaults.size ?? BODY_SIZE;
  return new Paragraph({
    alignment: ALIGN[p.align ?? defaults.align ?? 'left'],
    keepNext: p.keepWithNext,
    spacing: {
      before: Math.round((p.spaceBefore ?? 0) * 20),
      after: Math.round((p.spaceAfter ?? PARA_AFTER) * 20),
      line: Math.round(240 * LINE_SPACING),
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

function columns(block: Extract<Block, { kind: 'columns' }>): Table {
  const widths = block.widths.map((w) => Math.round((TEXT_WIDTH * w) / 100));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
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

function table(block: Extract<Block, { kind: 'table' }>): Table {
  const widths = block.columns.map((c) => Math.round((TEXT_WIDTH * c.width) / 100));
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: text
        .split('\n')
        .map((line) =>
          paragraph(
            { runs: [{ text: line, bold: head }], spaceAfter: 0 },
            { size: TABLE_SIZE, align: head ? 'center' : (block.columns[i]!.align ?? 'left') },
          ),
        ),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
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

/** A small empty paragraph: Word needs one between two tables and gives it the space asked for. */
const spacer = (pt: number, keepNext: boolean) =>
  new Paragraph({
    keepNext,
    spacing: { before: 0, after: 0, line: Math.max(20, Math.round(pt * 20)), lineRule: LineRuleType.EXACT },
  });

/** "DỰ THẢO — chưa được thông qua" (or the document's own mark), top right of every page of a draft. */
function draftLine(mark = `${DRAFT_MARK} — chưa được thông qua`): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    children: [new TextRun({ text: mark, bold: true, font: FONT, size: 20 })],
  });
}

export async function renderDocx(doc: MeetingDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const [i, block] of doc.blocks.entries()) {
    if (block.kind === 'para') {
      const next = doc.blocks[i + 1];
      const keep = next?.kind === 'columns' && next.keepWithPrevious;
      children.push(paragraph(keep ? { ...block, keepWithNext: true } : block));
    } else if (block.kind === 'pageBreak') {
      children.push(new Paragraph({ children: [new PageBreak()] }));
    } else if (block.kind === 'columns') {
      if (block.spaceBefore) children.push(spacer(block.spaceBefore, !!block.keepWithPrevious));
      children.push(columns(block));
    } else {
      children.push(table(block));
    }
  }
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
          first: new Header({ children: doc.draft ? [draftLine(doc.draftMark)] : [] }),
          default: new Header({
            children: [
              ...(doc.draft ? [draftLine(doc.draftMark)] : []),
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
