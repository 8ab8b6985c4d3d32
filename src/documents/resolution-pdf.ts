/** The nghị quyết (resolution) of a cell meeting as a PDF (HD 36-HD/VPTW form, embedded Vietnamese font). */
import { type PdfOptions, renderPdf } from './meeting-pdf.js';
import type { MeetingRecord } from './meeting-record.js';
import { resolutionDocument } from './resolution-text.js';

export type { PdfOptions } from './meeting-pdf.js';

export function renderResolutionPdf(r: MeetingRecord, options?: PdfOptions): Promise<Buffer> {
  return renderPdf(resolutionDocument(r), options);
}
