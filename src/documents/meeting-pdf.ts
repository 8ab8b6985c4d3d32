/**
 * Maps the neutral blocks of {@link ./meeting-text.ts} to a PDF with pdfmake: A4, HD 36 margins,
 * Tinos (metric twin of Times New Roman, with the Vietnamese letters) embedded, real text, page numbers from page 2.
 */
import PdfPrinter from 'pdfmake';
import type { Content, ContentText, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
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
import { FONT_FAMILY, PDF_FONTS } from './pdf-fonts.js';

export interface PdfOptions {
  /** Compress the content streams (default true); tests turn it off to read the PDF. */
  compress?: boolean;
}

const PT_PER_MM = 72 / 25.4;
const pt = (mm: number) => mm * PT_PER_MM;
const TEXT_WIDTH = pt(PAGE.widthMm - PAGE.leftMm - PAGE.rightMm);
const CELL_PAD_X = 4;
const CELL_PAD_Y = 2;

const printer = new PdfPrinter(PDF_FONTS);

function inlines(p: Para): ContentText[] {
  return p.runs.map((run) => ({
    text: run.text,
    bold: run.bold,
    italics: run.italics,
    decoration: run.underline ? 'underline' : undefined,
  }));
}

function paragraph(p: Para, defaults: { size?: number; align?: Align } = {}): ContentText {
  return {
    text: inlines(p),
    alignment: p.align ?? defaults.align ?? 'left',
    fontSize: p.size ?? defaults.size ?? BODY_SIZE,
    leadingIndent: p.firstLineIndent || undefined,
    margin: [p.indent ?? 0, p.spaceBefore ?? 0, 0, p.spaceAfter ?? PARA_AFTER],
  };
}

function columns(block: Extract<Block, { kind: 'columns' }>): Content {
  return {
    columns: block.cells.map((paras, i) => ({
      width: (TEXT_WIDTH * block.widths[i]!) / 100,
      stack: paras.map((p) => paragraph(p)),
    })),
    columnGap: 0,
    margin: [0, block.spaceBefore ?? 0, 0, 0],
    unbreakable: true,
  };
}

function table(block: Extract<Block, { kind: 'table' }>): Content {
  const n = block.columns.length;
  // pdfmake's widths exclude the cell padding and the rules between columns.
  const widths = block.columns.map((c) => (TEXT_WIDTH * c.width) / 100 - 2 * CELL_PAD_X - (n + 1) / n);
  const cell = (text: string, i: number, head: boolean): TableCell => ({
    stack: text
      .split('\n')
      .map((line) =>
        paragraph(
          { runs: [{ text: line, bold: head }], spaceAfter: 0 },
          { size: TABLE_SIZE, align: head ? 'center' : (block.columns[i]!.align ?? 'left') },
        ),
      ),
  });
  return {
    table: {
      headerRows: 1,
      // The header row never stands alone at the foot of a page: it goes with the first row.
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths,
      body: [
        block.columns.map((c, i) => cell(c.title, i, true)),
        ...block.rows.map((row) => row.map((v, i) => cell(v, i, false))),
      ],
    },
    layout: {
      paddingLeft: () => CELL_PAD_X,
      paddingRight: () => CELL_PAD_X,
      paddingTop: () => CELL_PAD_Y,
      paddingBottom: () => CELL_PAD_Y,
    },
    margin: [0, 2, 0, 4],
  };
}

/** Paragraphs up to this length (about five lines) are never split across pages. */
const SHORT_PARAGRAPH = 400;

/**
 * Content in page order. pdfmake has neither "keep with next" nor widow control, so a heading is
 * put in one unbreakable stack with the paragraph after it, and so is every short paragraph.
 */
function content(blocks: Block[]): Content[] {
  const out: Content[] = [];
  let pending: ContentText[] = [];
  for (const block of blocks) {
    if (block.kind === 'pageBreak') {
      if (pending.length) out.push({ stack: pending, unbreakable: true });
      pending = [];
      out.push({ text: '', pageBreak: 'after' });
      continue;
    }
    if (block.kind !== 'para') {
      // A lead-in kept with the table after it ("Kết quả thực hiện từng nội dung:"): marked so the
      // page-break rule below moves it to the next page rather than leave it alone at the bottom.
      if (pending.length) out.push({ stack: pending, unbreakable: true, headlineLevel: 1 } as Content);
      pending = [];
      const previous = block.kind === 'columns' && block.keepWithPrevious ? out.pop() : undefined;
      const next = block.kind === 'columns' ? columns(block) : table(block);
      out.push(previous ? { stack: [previous, next], unbreakable: true } : next);
      continue;
    }
    pending.push(paragraph(block));
    const length = block.runs.reduce((n, r) => n + r.text.length, 0);
    if (block.keepWithNext) continue;
    out.push(
      pending.length > 1 || length <= SHORT_PARAGRAPH ? { stack: pending, unbreakable: true } : pending[0]!,
    );
    pending = [];
  }
  if (pending.length) out.push({ stack: pending, unbreakable: true });
  return out;
}

/** The pdfmake definition of a document (exported for tests of its layout rules). */
export function pdfDefinition(doc: MeetingDocument, options: PdfOptions): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: [pt(PAGE.leftMm), pt(PAGE.topMm), pt(PAGE.rightMm), pt(PAGE.bottomMm)],
    compress: options.compress ?? true,
    info: { title: doc.title, creator: 'Chibo', producer: 'Chibo (pdfmake)' },
    defaultStyle: { font: FONT_FAMILY, fontSize: BODY_SIZE, lineHeight: LINE_SPACING },
    header: (currentPage) => {
      const number = currentPage > 1 ? String(currentPage) : '';
      if (!doc.draft) {
        return number ? { text: number, alignment: 'center', fontSize: 13, margin: [0, pt(10), 0, 0] } : null;
      }
      return {
        columns: [
          { width: '*', text: '' },
          { width: 'auto', text: number, alignment: 'center', fontSize: 13 },
          {
            width: '*',
            text: doc.draft ? `${DRAFT_MARK} — chưa được thông qua` : '',
            alignment: 'right',
            fontSize: 10,
            bold: true,
          },
        ],
        margin: [pt(PAGE.leftMm), pt(10), pt(PAGE.rightMm), 0],
      };
    },
    content: content(doc.blocks),
    pageBreakBefore: (node, following) =>
      (node as { headlineLevel?: number }).headlineLevel === 1 && following.length === 0,
    ...(doc.draft
      ? {
          watermark: {
            text: DRAFT_MARK,
            color: '#9e9e9e',
            opacity: 0.18,
            bold: true,
            fontSize: 96,
            angle: -40,
          },
        }
      : {}),
  };
}

export function renderPdf(doc: MeetingDocument, options: PdfOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = printer.createPdfKitDocument(pdfDefinition(doc, options));
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}
