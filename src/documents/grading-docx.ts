/**
 * The grading report as a Word document: the report on A4 portrait pages in the HD 36 layout of
 * the periodic review (review-docx.ts), the counts per subordinate unit on a landscape page.
 * Pure: data in, bytes out.
 */
import { type GradingReportData, gradingDocument } from './grading-text.js';
import { renderReviewDocument } from './review-docx.js';

export function renderGradingDocx(d: GradingReportData): Promise<Buffer> {
  return renderReviewDocument(gradingDocument(d));
}
