/** Audit sentences of inspection and supervision plans (src/features/inspections; issue 11 item 4). */
import type { SentenceContext } from './context.js';

interface Spec {
  label: string;
  sentence: (c: SentenceContext) => string;
}

// A year is written as is (2026), never grouped as a count (2.026).
const yearOf = (c: SentenceContext) => (typeof c.a.year === 'number' ? String(c.a.year) : '…');
const monthText = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}$/.test(v) ? `tháng ${Number(v.slice(5))}/${v.slice(0, 4)}` : '…';
const kindWord = (v: unknown) => (v === 'supervision' ? 'giám sát' : 'kiểm tra');

export const INSPECTION_ACTIONS: Record<string, Spec> = {
  'inspection.plan.save': {
    label: 'Ghi kế hoạch kiểm tra, giám sát',
    sentence: (c) =>
      `${c.who} ghi kế hoạch kiểm tra, giám sát năm ${yearOf(c)} của ${c.unit}${c.a.status === 'approved' ? ' (đã duyệt)' : ' (dự thảo)'}`,
  },
  'inspection.create': {
    label: 'Thêm cuộc kiểm tra, giám sát',
    sentence: (c) =>
      `${c.who} thêm cuộc ${kindWord(c.a.kind)} đối với ${c.unit} về "${c.text('content') ?? '…'}" vào ${monthText(c.a.plannedMonth)}`,
  },
  'inspection.update': {
    label: 'Sửa cuộc kiểm tra, giám sát',
    sentence: (c) =>
      `${c.who} sửa nhận xét, kết luận hoặc yêu cầu khắc phục của cuộc kiểm tra, giám sát đối với ${c.unit}`,
  },
  'inspection.remedy.add': {
    label: 'Thêm yêu cầu khắc phục',
    sentence: (c) => `${c.who} thêm yêu cầu khắc phục "${c.text('content') ?? '…'}" đối với ${c.unit}`,
  },
  'inspection.issue': {
    label: 'Ban hành kết luận kiểm tra, giám sát',
    sentence: (c) => {
      const day = c.date(c.a.concludedOn);
      return `${c.who} ban hành thông báo kết luận số ${c.text('number') ?? '…'}${day ? ` ngày ${day}` : ''} đối với ${c.unit} (${c.num(c.a.remedies)} yêu cầu khắc phục)`;
    },
  },
  'inspection.download': {
    label: 'Tải thông báo kết luận kiểm tra, giám sát',
    sentence: (c) =>
      `${c.who} tải thông báo kết luận kiểm tra, giám sát đối với ${c.unit} (${c.a.draft ? 'dự thảo, ' : ''}${String(c.a.format ?? '').toUpperCase() || '…'})`,
  },
  'inspection.remedy.answer': {
    label: 'Báo cáo khắc phục',
    sentence: (c) => `${c.who} báo cáo kết quả khắc phục của ${c.unit}: "${c.text('answer') ?? '…'}"`,
  },
  'inspection.remedy.close': {
    label: 'Đóng yêu cầu khắc phục',
    sentence: (c) => `${c.who} xác nhận ${c.unit} đã khắc phục và đóng yêu cầu`,
  },
  'inspection.remedy.return': {
    label: 'Trả lại báo cáo khắc phục',
    sentence: (c) => `${c.who} trả lại báo cáo khắc phục của ${c.unit}: "${c.text('comment') ?? '…'}"`,
  },
};
