/** The nghị quyết (resolution) of a cell meeting as a Word document (HD 36-HD/VPTW form). */
import { renderDocx } from './meeting-docx.js';
import type { MeetingRecord } from './meeting-record.js';
import { resolutionDocument } from './resolution-text.js';

export function renderResolutionDocx(r: MeetingRecord): Promise<Buffer> {
  return renderDocx(resolutionDocument(r));
}
