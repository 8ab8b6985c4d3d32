/** Audit sentences of the dues ledger (src/features/dues; issue 10 item 1). */
import { formatDong } from '../../domain/dues.js';
import type { SentenceContext } from './context.js';

interface Spec {
  label: string;
  sentence: (c: SentenceContext) => string;
}

const monthText = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}$/.test(v) ? `${Number(v.slice(5))}/${v.slice(0, 4)}` : '…';
const dong = (v: unknown) => (typeof v === 'number' ? formatDong(v) : '…');

export const DUES_ACTIONS: Record<string, Spec> = {
  'dues.record': {
    label: 'Ghi sổ thu đảng phí',
    sentence: (c) =>
      `${c.who} ghi đảng phí tháng ${monthText(c.a.month)} của ${c.entityUnit} cho ${c.num(c.a.count)} đảng viên: đã thu ${dong(c.a.paid)}/${dong(c.a.due)}`,
  },
  'dues.base_set': {
    label: 'Ghi mức đóng đảng phí',
    sentence: (c) =>
      `${c.who} ghi mức đóng đảng phí của đảng viên ${c.memberName()} từ tháng ${monthText(c.a.from)}: ${dong(c.a.monthlyDue)} mỗi tháng`,
  },
  'dues.remit': {
    label: 'Ghi nộp đảng phí lên cấp trên',
    sentence: (c) =>
      `${c.who} ghi ${c.entityUnit} nộp lên cấp trên ${dong(c.a.amount)} đảng phí tháng ${monthText(c.a.month)}${c.date(c.a.remittedOn) ? ` ngày ${c.date(c.a.remittedOn)}` : ''}`,
  },
  'dues.export': {
    label: 'Tải bảng kê đảng phí',
    sentence: (c) =>
      `${c.who} tải bảng kê thu, nộp đảng phí tháng ${monthText(c.a.month)} của ${c.entityUnit} (${c.num(c.a.rows)} đảng viên)`,
  },
};
