/** The biên bản (minutes) of a cell meeting as a PDF (HD 36-HD/VPTW form, embedded Vietnamese font). */
import { type PdfOptions, renderPdf } from './meeting-pdf.js';
import type { MeetingRecord } from './meeting-record.js';
import { minutesDocument } from './minutes-text.js';

export type { PdfOptions } from './meeting-pdf.js';

export function renderMinutesPdf(r: MeetingRecord, options?: PdfOptions): Promise<Buffer> {
  return renderPdf(minutesDocument(r), options);
}
