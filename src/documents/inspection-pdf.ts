/**
 * The "Thông báo kết luận kiểm tra/giám sát" as a PDF (the blocks of inspection-docx.ts through
 * meeting-pdf.ts's layout): a draft carries the "DỰ THẢO" watermark and "DỰ THẢO — chưa ban hành"
 * at the top of each page; an issued one has its number, date and content hash in every page's footer.
 */
import PdfPrinter from 'pdfmake';
import { type InspectionConclusionData, inspectionDocument, issuedLine } from './inspection-docx.js';
import { type PdfOptions, pdfDefinition } from './meeting-pdf.js';
import { DRAFT_MARK, PAGE } from './meeting-text.js';
import { PDF_FONTS } from './pdf-fonts.js';

export type { PdfOptions } from './meeting-pdf.js';

const printer = new PdfPrinter(PDF_FONTS);
const pt = (mm: number) => (mm * 72) / 25.4;

export function renderInspectionPdf(d: InspectionConclusionData, options: PdfOptions = {}): Promise<Buffer> {
  const def = pdfDefinition(inspectionDocument(d), options);
  const footerText = issuedLine(d);
  const margin: [number, number, number, number] = [pt(PAGE.leftMm), pt(8), pt(PAGE.rightMm), 0];
  if (!d.issued)
    def.header = (currentPage) => ({
      columns: [
        { width: '*', text: '' },
        {
          width: 'auto',
          text: currentPage > 1 ? String(currentPage) : '',
          alignment: 'center',
          fontSize: 13,
        },
        { width: '*', text: `${DRAFT_MARK} — chưa ban hành`, alignment: 'right', fontSize: 10, bold: true },
      ],
      margin: [pt(PAGE.leftMm), pt(10), pt(PAGE.rightMm), 0],
    });
  if (footerText)
    def.footer = () => ({ text: footerText, alignment: 'center', fontSize: 9, italics: true, margin });
  return new Promise((resolve, reject) => {
    const pdf = printer.createPdfKitDocument(def);
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}
