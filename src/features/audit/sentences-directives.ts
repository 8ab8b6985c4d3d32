/** Audit sentences of the directives library (src/features/directives; issue 11 part A). */
import type { SentenceContext } from './context.js';

interface Spec {
  label: string;
  sentence: (c: SentenceContext) => string;
}

/** "văn bản số 35-CT/TW" from the payload (after, else before). */
const doc = (c: SentenceContext) => {
  const no = c.text('number') ?? c.text('number', 'b');
  return no ? `văn bản số ${no}` : 'một văn bản';
};

export const DIRECTIVE_ACTIONS: Record<string, Spec> = {
  'directive.create': {
    label: 'Soạn văn bản chỉ đạo',
    sentence: (c) =>
      `${c.who} soạn dự thảo ${doc(c)}${c.text('title') ? ` (${c.text('title')})` : ''} của ${c.unit}`,
  },
  'directive.update': {
    label: 'Sửa văn bản chỉ đạo',
    sentence: (c) => `${c.who} sửa ${doc(c)} của ${c.unit}${c.fields}`,
  },
  'directive.publish': {
    label: 'Ban hành văn bản chỉ đạo',
    sentence: (c) => `${c.who} ban hành ${doc(c)} đến ${c.num(c.a.cells)} chi bộ của ${c.unit}`,
  },
  'directive.withdraw': {
    label: 'Thu hồi văn bản chỉ đạo',
    sentence: (c) => `${c.who} thu hồi ${doc(c)} của ${c.unit}${c.because()}`,
  },
  'directive.remind': {
    label: 'Nhắc quán triệt văn bản',
    sentence: (c) => `${c.who} nhắc ${c.num(c.a.pendingCells)} chi bộ chưa quán triệt ${doc(c)}`,
  },
  'directive.file_add': {
    label: 'Đính kèm tệp vào văn bản',
    sentence: (c) => `${c.who} đính kèm tệp "${c.text('fileName') ?? '…'}" vào dự thảo văn bản của ${c.unit}`,
  },
  'directive.file_remove': {
    label: 'Gỡ tệp khỏi văn bản',
    sentence: (c) => `${c.who} gỡ một tệp khỏi dự thảo văn bản của ${c.unit}`,
  },
  'directive.read': {
    label: 'Đánh dấu đã đọc văn bản',
    sentence: (c) => `${c.who} đánh dấu đã đọc một văn bản chỉ đạo`,
  },
  'directive.disseminate': {
    label: 'Ghi nhận quán triệt văn bản',
    sentence: (c) =>
      `${c.who} ghi nhận ${c.unit} đã quán triệt ${doc(c)} tại ${c.meeting(c.a.meetingId)}${c.date(c.a.disseminatedOn) ? ` ngày ${c.date(c.a.disseminatedOn)}` : ''}`,
  },
  'directive.disseminate_undo': {
    label: 'Bỏ ghi nhận quán triệt văn bản',
    sentence: (c) => `${c.who} bỏ ghi nhận quán triệt ${doc(c)} tại ${c.meeting(c.a.meetingId)}`,
  },
};
