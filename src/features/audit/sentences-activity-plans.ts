/** Audit sentences of the cell's yearly programme (src/features/activity-plans; issue 11 item 3). */
import type { SentenceContext } from './context.js';

interface Spec {
  label: string;
  sentence: (c: SentenceContext) => string;
}

// A year is written as is (2026), never grouped as a count (2.026).
const yearOf = (c: SentenceContext) => (typeof c.a.year === 'number' ? String(c.a.year) : '…');
const programme = (c: SentenceContext) => `chương trình công tác năm ${yearOf(c)} của ${c.unit}`;

export const ACTIVITY_PLAN_ACTIONS: Record<string, Spec> = {
  'activity_plan.save': {
    label: 'Lưu chương trình công tác năm',
    sentence: (c) => `${c.who} lưu ${programme(c)} (${c.num(c.a.items)} mục)`,
  },
  'activity_plan.submit': {
    label: 'Gửi duyệt chương trình công tác năm',
    sentence: (c) => `${c.who} gửi ${programme(c)} lên cấp ủy cấp trên duyệt`,
  },
  'activity_plan.approve': {
    label: 'Duyệt chương trình công tác năm',
    sentence: (c) => `${c.who} duyệt ${programme(c)}`,
  },
  'activity_plan.return': {
    label: 'Trả lại chương trình công tác năm',
    sentence: (c) => `${c.who} trả lại ${programme(c)} để sửa (ý kiến: ${c.text('comment') ?? '…'})`,
  },
  'activity_plan.reopen': {
    label: 'Điều chỉnh chương trình công tác năm',
    sentence: (c) => `${c.who} mở lại ${programme(c)} để điều chỉnh${c.because()}`,
  },
  'activity_plan.export': {
    label: 'Tải chương trình công tác năm',
    sentence: (c) => `${c.who} tải ${programme(c)} (Word)`,
  },
  'activity_plan.item_cover': {
    label: 'Ghi nhận triển khai nhiệm vụ của chương trình',
    sentence: (c) =>
      c.a.covered === false
        ? `${c.who} bỏ ghi nhận ${c.meeting()} đã triển khai một nhiệm vụ của chương trình công tác năm`
        : `${c.who} ghi nhận ${c.meeting()} đã triển khai một nhiệm vụ của chương trình công tác năm`,
  },
};
