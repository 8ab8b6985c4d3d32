/** Audit sentences of implementation plans (src/features/plans; issue 11 item 2). */
import { formatNumber } from '../../domain/format.js';
import type { SentenceContext } from './context.js';

interface Spec {
  label: string;
  sentence: (c: SentenceContext) => string;
}

const plan = (c: SentenceContext) => {
  const title = c.text('title') ?? c.text('title', 'b');
  return `kế hoạch thực hiện${title ? ` "${title}"` : ''} của ${c.unit}`;
};
const target = (c: SentenceContext) => {
  const title = c.text('title') ?? c.text('title', 'b');
  return `chỉ tiêu${title ? ` "${title}"` : ''}`;
};
const value = (v: unknown) => (typeof v === 'number' ? formatNumber(v, Number.isInteger(v) ? 0 : 2) : '…');

export const PLAN_ACTIONS: Record<string, Spec> = {
  'plan.create': { label: 'Lập kế hoạch thực hiện', sentence: (c) => `${c.who} lập dự thảo ${plan(c)}` },
  'plan.update': { label: 'Sửa kế hoạch thực hiện', sentence: (c) => `${c.who} sửa ${plan(c)}${c.fields}` },
  'plan.activate': { label: 'Ban hành kế hoạch thực hiện', sentence: (c) => `${c.who} ban hành ${plan(c)}` },
  'plan.close': { label: 'Kết thúc kế hoạch thực hiện', sentence: (c) => `${c.who} kết thúc ${plan(c)}` },
  'plan.target_create': {
    label: 'Thêm chỉ tiêu của kế hoạch',
    sentence: (c) => `${c.who} thêm ${target(c)} vào kế hoạch thực hiện của ${c.unit}`,
  },
  'plan.target_update': {
    label: 'Sửa chỉ tiêu của kế hoạch',
    sentence: (c) => `${c.who} sửa ${target(c)} của kế hoạch thực hiện của ${c.unit}${c.fields}`,
  },
  'plan.target_delete': {
    label: 'Xóa chỉ tiêu của kế hoạch',
    sentence: (c) => `${c.who} xóa ${target(c)} khỏi kế hoạch thực hiện của ${c.unit}`,
  },
  'plan.target_value': {
    label: 'Nhập kết quả chỉ tiêu',
    sentence: (c) => {
      const note = c.text('note');
      return `${c.who} nhập kết quả ${value(c.a.value)} cho ${target(c)} của ${c.unit}${note ? ` (ghi chú: ${note})` : ''}`;
    },
  },
  'plan.milestone_create': {
    label: 'Thêm mốc lộ trình',
    sentence: (c) =>
      `${c.who} thêm mốc lộ trình "${c.text('title') ?? '…'}"${c.date(c.a.dueOn) ? ` (hạn ${c.date(c.a.dueOn)})` : ''} vào kế hoạch thực hiện của ${c.unit}`,
  },
  'plan.milestone_update': {
    label: 'Sửa mốc lộ trình',
    sentence: (c) =>
      c.date(c.a.doneOn) && !c.date(c.b.doneOn)
        ? `${c.who} ghi mốc lộ trình "${c.text('title') ?? '…'}" hoàn thành ngày ${c.date(c.a.doneOn)}`
        : `${c.who} sửa mốc lộ trình "${c.text('title') ?? '…'}" của kế hoạch thực hiện của ${c.unit}`,
  },
  'plan.milestone_delete': {
    label: 'Xóa mốc lộ trình',
    sentence: (c) =>
      `${c.who} xóa mốc lộ trình "${c.text('title', 'b') ?? '…'}" khỏi kế hoạch thực hiện của ${c.unit}`,
  },
  'plan.responsibility_create': {
    label: 'Thêm phân công thực hiện kế hoạch',
    sentence: (c) => `${c.who} phân công ${c.text('who') ?? '…'} thực hiện kế hoạch của ${c.unit}`,
  },
  'plan.responsibility_update': {
    label: 'Sửa phân công thực hiện kế hoạch',
    sentence: (c) =>
      `${c.who} sửa phân công của ${c.text('who') ?? '…'} trong kế hoạch thực hiện của ${c.unit}`,
  },
  'plan.responsibility_delete': {
    label: 'Xóa phân công thực hiện kế hoạch',
    sentence: (c) =>
      `${c.who} bỏ phân công của ${c.text('who', 'b') ?? '…'} khỏi kế hoạch thực hiện của ${c.unit}`,
  },
};
