/** The biên bản (minutes) of a cell meeting as a Word document (HD 36-HD/VPTW form). */
import { renderDocx } from './meeting-docx.js';
import type { MeetingRecord } from './meeting-record.js';
import { minutesDocument } from './minutes-text.js';

export function renderMinutesDocx(r: MeetingRecord): Promise<Buffer> {
  return renderDocx(minutesDocument(r));
}
