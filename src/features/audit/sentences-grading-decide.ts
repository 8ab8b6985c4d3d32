/** Audit sentences of the committee's grading decisions (src/features/grading/decisions.ts; issue 10 items 5–6). */
import type { SentenceContext } from './context.js';

interface Spec {
  label: string;
  sentence: (c: SentenceContext) => string;
}

const LEVELS: Record<string, string> = {
  xuat_sac: 'Hoàn thành xuất sắc nhiệm vụ',
  tot: 'Hoàn thành tốt nhiệm vụ',
  hoan_thanh: 'Hoàn thành nhiệm vụ',
  khong_hoan_thanh: 'Không hoàn thành nhiệm vụ',
};
const subjects = (v: unknown) => (v === 'organisation' ? 'tổ chức đảng' : 'đảng viên');
// A year is written as is (2025), never grouped as a count (2.025).
const yearOf = (c: SentenceContext) => (typeof c.a.year === 'number' ? String(c.a.year) : '…');
const level = (v: unknown) => (typeof v === 'string' ? (LEVELS[v] ?? v) : '…');

export const GRADING_DECIDE_ACTIONS: Record<string, Spec> = {
  'grading.decisions_save': {
    label: 'Ghi dự thảo xếp loại',
    sentence: (c) =>
      `${c.who} ghi mức xếp loại năm ${yearOf(c)} cho ${c.num(c.a.count)} ${subjects(c.a.type)} vào dự thảo quyết định của ${c.unit}`,
  },
  'grading.issue': {
    label: 'Ban hành quyết định xếp loại',
    sentence: (c) => {
      const day = c.date(c.a.decisionDate);
      return `${c.who} ban hành quyết định xếp loại ${subjects(c.a.type)} năm ${yearOf(c)} số ${c.text('number') ?? '…'}${day ? ` ngày ${day}` : ''} của ${c.unit} (${c.num(c.a.count)} ${subjects(c.a.type)})`;
    },
  },
  'grading.revise': {
    label: 'Điều chỉnh quyết định xếp loại',
    sentence: (c) => {
      const day = c.date(c.a.decisionDate);
      const whom = c.a.memberId != null ? `đảng viên ${c.memberName(c.a.memberId)}` : 'một tổ chức đảng';
      return `${c.who} điều chỉnh xếp loại của ${whom} từ "${level(c.b.level)}" thành "${level(c.a.level)}" bằng quyết định số ${c.text('number') ?? '…'}${day ? ` ngày ${day}` : ''}${c.because()}`;
    },
  },
};
