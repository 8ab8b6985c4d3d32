/**
 * The cell's annual review session (issue 10, HD 43-HD/BTCTW 2025): a meeting of its own kind,
 * `review`. Packs stored before the kind existed get these defaults when they are read.
 */
export const REVIEW_MIN_DURATION_MINUTES = 90;

export const REVIEW_AGENDA = [
  { section: 'opening', key: 'purpose_guests', title: 'Tuyên bố lý do, giới thiệu đại biểu' },
  { section: 'opening', key: 'secretary', title: 'Cử thư ký hội nghị' },
  {
    section: 'opening',
    key: 'attendance',
    title: 'Báo cáo số đảng viên có mặt, vắng mặt (có lý do, không lý do)',
  },
  { section: 'opening', key: 'agenda', title: 'Thông qua chương trình sinh hoạt' },
  { section: 'body', key: 'self_reviews', title: 'Đảng viên trình bày bản kiểm điểm' },
  { section: 'body', key: 'member_votes', title: 'Chi bộ góp ý, biểu quyết mức xếp loại từng đảng viên' },
  { section: 'body', key: 'org_assessment', title: 'Chi bộ tự đánh giá, xếp loại tổ chức' },
  { section: 'closing', key: 'conclusion', title: 'Chủ trì kết luận' },
  { section: 'closing', key: 'minutes', title: 'Thư ký đọc lại biên bản, chi bộ thông qua' },
] as const satisfies readonly { section: 'opening' | 'body' | 'closing'; key: string; title: string }[];

/** Adds the `review` entry to a stored per-kind record that predates it (zod preprocess). */
export function withReviewKind(value: unknown, fallback: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && !('review' in value))
    return { ...value, review: fallback };
  return value;
}
