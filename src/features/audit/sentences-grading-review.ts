/**
 * Audit sentences of the year's review (src/features/grading: campaigns.ts, self-review.ts,
 * session.ts, evidence-routes.ts, review-routes.ts).
 */
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
const FORMS: Record<string, string> = {
  khien_trach: 'khiển trách',
  canh_cao: 'cảnh cáo',
  cach_chuc: 'cách chức',
  khai_tru: 'khai trừ',
};

const year = (c: SentenceContext) => (typeof c.a.year === 'number' ? String(c.a.year) : '…');
const level = (c: SentenceContext, words = 'mức') => {
  const l = c.text('proposedLevel');
  return l ? `, ${words} "${LEVELS[l] ?? l}"` : '';
};

export const GRADING_REVIEW_ACTIONS: Record<string, Spec> = {
  'grading_campaign.open': {
    label: 'Mở đợt kiểm điểm, xếp loại',
    sentence: (c) =>
      `${c.who} mở đợt kiểm điểm, đánh giá, xếp loại năm ${year(c)} của ${c.unit} (nộp bản kiểm điểm trước ${c.date(c.a.selfReviewDue) ?? '…'}, chi bộ họp trước ${c.date(c.a.cellSessionDue) ?? '…'}, quyết định trước ${c.date(c.a.decisionDue) ?? '…'})`,
  },
  'grading_campaign.close': {
    label: 'Kết thúc đợt kiểm điểm, xếp loại',
    sentence: (c) =>
      `${c.who} kết thúc đợt kiểm điểm, đánh giá, xếp loại năm ${year(c)} của ${c.unit}: các chi bộ không ghi thêm bản kiểm điểm, kết quả biểu quyết của năm này`,
  },
  'grading.self_review_save': {
    label: 'Lưu bản kiểm điểm',
    sentence: (c) =>
      `${c.who} lưu bản nháp kiểm điểm năm ${year(c)} của đảng viên ${c.memberName()}${level(c)}`,
  },
  'grading.self_review_submit': {
    label: 'Nộp bản kiểm điểm',
    sentence: (c) => `${c.who} nộp bản kiểm điểm năm ${year(c)} của đảng viên ${c.memberName()}${level(c)}`,
  },
  'grading.self_review_return': {
    label: 'Trả lại bản kiểm điểm',
    sentence: (c) => {
      const note = c.text('note');
      return `${c.who} trả lại bản kiểm điểm năm ${year(c)} cho đảng viên ${c.memberName()} để sửa${note ? `: ${note}` : ''}`;
    },
  },
  'grading.self_review_download': {
    label: 'Tải bản kiểm điểm',
    sentence: (c) => `${c.who} tải bản kiểm điểm năm ${year(c)} của đảng viên ${c.memberName()} (Word)`,
  },
  'grading.vote_record': {
    label: 'Ghi kết quả biểu quyết xếp loại',
    sentence: (c) =>
      `${c.who} ghi kết quả chi bộ biểu quyết xếp loại năm ${year(c)} của đảng viên ${c.memberName()} trên ${c.num(c.a.base)} đảng viên chính thức${level(c, 'chi ủy đề xuất mức')}`,
  },
  'grading.self_assessment_record': {
    label: 'Ghi chi bộ tự đánh giá',
    sentence: (c) =>
      `${c.who} ghi kết quả ${c.unit} tự đánh giá, xếp loại năm ${year(c)}: ${c.num(c.a.total)} điểm${level(c)}`,
  },
  'member.discipline_add': {
    label: 'Ghi kỷ luật đảng viên',
    sentence: (c) => {
      const f = c.text('form');
      return `${c.who} ghi quyết định kỷ luật ${f ? (FORMS[f] ?? f) : '…'} đảng viên ${c.memberName()} ngày ${c.date(c.a.decidedOn) ?? '…'}`;
    },
  },
  'member.commendation_add': {
    label: 'Ghi khen thưởng đảng viên',
    sentence: (c) =>
      `${c.who} ghi khen thưởng "${c.text('title') ?? '…'}" cho đảng viên ${c.memberName()} ngày ${c.date(c.a.decidedOn) ?? '…'}`,
  },
};
