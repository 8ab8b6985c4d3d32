/** Audit sentences of the grading statistics' report downloads (src/features/grading/statistics.ts). */
import type { SentenceContext } from './context.js';

interface Spec {
  label: string;
  sentence: (c: SentenceContext) => string;
}

const FORMATS: Record<string, string> = { docx: 'Word', xlsx: 'Excel' };

export const GRADING_STATS_ACTIONS: Record<string, Spec> = {
  'grading.report_export': {
    label: 'Tải báo cáo kết quả xếp loại',
    sentence: (c) => {
      const f = c.text('format');
      return `${c.who} tải báo cáo kết quả đánh giá, xếp loại năm ${typeof c.a.year === 'number' ? c.a.year : '…'} của ${c.unit} (${(f && FORMATS[f]) ?? f ?? '…'})`;
    },
  },
};
