/**
 * The periodic review report as a PDF: the report's portrait pages are laid out by the minutes'
 * PDF mapping (meeting-pdf.ts, embedded Tinos, "DỰ THẢO" watermark on a draft), then the appendix
 * tables follow on landscape pages in 9 pt. Pure: data in, bytes out.
 */
import PdfPrinter from 'pdfmake';
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { formatNumber } from '../domain/format.js';
import { type PdfOptions, pdfDefinition } from './meeting-pdf.js';
import { type Block, PAGE } from './meeting-text.js';
import { PDF_FONTS } from './pdf-fonts.js';
import type { ReviewData } from './review-data.js';
import { type ReviewDocument, reviewDocument } from './review-text.js';

export type { PdfOptions } from './meeting-pdf.js';

const PT_PER_MM = 72 / 25.4;
const pt = (mm: number) => mm * PT_PER_MM;
/** The landscape page keeps the portrait margins (pdfmake has one set), turned with the page. */
const LANDSCAPE_WIDTH = pt(PAGE.heightMm - PAGE.leftMm - PAGE.rightMm);
const SIZE = 9;
/**
 * pdfmake lays a table out in tens of milliseconds per row; a province's per-commune appendix
 * (1.000+ rows) would hold the server for most of a minute. Above this many rows the PDF says
 * so in the appendix's place and points to the Word and Excel files, which carry every row.
 */
export const PDF_MAX_TABLE_ROWS = 300;
const PAD = 3;

const printer = new PdfPrinter(PDF_FONTS);

function appendixTable(block: Extract<Block, { kind: 'table' }>): Content {
  const n = block.columns.length;
  const widths = block.columns.map((c) => (LANDSCAPE_WIDTH * c.width) / 100 - 2 * PAD - (n + 1) / n);
  const cell = (text: string, i: number, head: boolean): TableCell => ({
    text,
    bold: head,
    fontSize: SIZE,
    lineHeight: 1,
    alignment: head ? 'center' : (block.columns[i]!.align ?? 'left'),
  });
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths,
      body: [
        block.columns.map((c, i) => cell(c.title, i, true)),
        ...block.rows.map((row) => row.map((v, i) => cell(v, i, false))),
      ],
    },
    layout: {
      paddingLeft: () => PAD,
      paddingRight: () => PAD,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    margin: [0, 2, 0, 4],
  };
}

function appendix(blocks: Block[]): Content[] {
  const out: Content[] = [];
  let breakNext = true;
  for (const block of blocks) {
    if (block.kind === 'pageBreak') {
      breakNext = true;
      continue;
    }
    let node: Content;
    if (block.kind === 'table' && block.rows.length > PDF_MAX_TABLE_ROWS)
      node = {
        text:
          `Bảng này có ${formatNumber(block.rows.length)} dòng, nhiều hơn ${formatNumber(PDF_MAX_TABLE_ROWS)} dòng của bản PDF; ` +
          'bảng đầy đủ có trong tệp Word (.docx) và tệp Excel (.xlsx) của báo cáo.',
        italics: true,
        fontSize: 13,
      };
    else if (block.kind === 'table') node = appendixTable(block);
    else if (block.kind === 'para')
      node = {
        text: block.runs.map((r) => ({ text: r.text, bold: r.bold, italics: r.italics })),
        alignment: block.align ?? 'left',
        fontSize: 13,
        margin: [0, 0, 0, block.spaceAfter ?? 2],
      };
    else continue;
    if (breakNext) Object.assign(node, { pageBreak: 'before', pageOrientation: 'landscape' });
    breakNext = false;
    out.push(node);
  }
  return out;
}

export function renderReviewDocumentPdf(doc: ReviewDocument, options: PdfOptions = {}): Promise<Buffer> {
  const def = pdfDefinition({ title: doc.title, blocks: doc.body, draft: doc.draft }, options);
  def.content = [...(def.content as Content[]), ...appendix(doc.appendix)];
  return new Promise((resolve, reject) => {
    const pdf = printer.createPdfKitDocument(def);
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}

/** The review report (ReviewData) as PDF bytes. */
export function renderReviewPdf(data: ReviewData, options?: PdfOptions): Promise<Buffer> {
  return renderReviewDocumentPdf(reviewDocument(data), options);
}
