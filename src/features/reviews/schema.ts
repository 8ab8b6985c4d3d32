/** Request shapes of periodic reviews (zod, Vietnamese messages), shared with the web app. */
import { z } from 'zod';
import { SECTION_KEYS } from '../../documents/review-data.js';
import { INT4_MAX, intText, isoDate, isoMonth } from '../../server/input-schemas.js';

/** Longest period a review covers (a 10-year tổng kết), as the overview allows (ADR 021). */
export const MAX_REVIEW_MONTHS = 120;
/** Largest page of the review list and of the versions list. */
export const MAX_REVIEW_LIMIT = 100;
const MAX_SECTION = 30_000;

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

const line = (what: string, max: number) =>
  z
    .string({ error: `${what} phải là chữ` })
    .trim()
    .max(max, `${what} dài nhất ${max} ký tự.`);

export const createReviewBody = z
  .object({
    title: line('Tên báo cáo', 300).min(
      1,
      'Cần ghi tên báo cáo (ví dụ: Sơ kết 3 năm thực hiện Chỉ thị 10-CT/TU).',
    ),
    from: isoMonth,
    to: isoMonth,
    subject: line('Văn bản được sơ kết, tổng kết', 200).nullish(),
  })
  .refine((b) => b.from <= b.to, {
    message: 'Tháng bắt đầu phải trước hoặc trùng tháng kết thúc.',
    path: ['to'],
  })
  .refine((b) => b.from > b.to || monthsBetween(b.from, b.to) <= MAX_REVIEW_MONTHS, {
    message: `Kỳ sơ kết, tổng kết dài nhất ${MAX_REVIEW_MONTHS} tháng.`,
    path: ['to'],
  });
export type CreateReviewBody = z.infer<typeof createReviewBody>;

export const sectionsSchema = z
  .object(
    Object.fromEntries(SECTION_KEYS.map((k) => [k, line('Nội dung', MAX_SECTION).nullish()])) as Record<
      (typeof SECTION_KEYS)[number],
      z.ZodOptional<z.ZodNullable<z.ZodString>>
    >,
  )
  .strict();

export const updateReviewBody = z
  .object({
    /** The revision the editor started from: a save over someone else's newer one is refused (409). */
    revision: z.number().int().min(1).max(INT4_MAX).optional(),
    title: line('Tên báo cáo', 300).min(1, 'Cần ghi tên báo cáo.').optional(),
    subject: line('Văn bản được sơ kết, tổng kết', 200).nullish(),
    number: line('Số, ký hiệu', 60).nullish(),
    place: line('Địa danh', 120).nullish(),
    date: isoDate.nullish(),
    onBehalfOf: line('Thẩm quyền ký', 120).nullish(),
    signerTitle: line('Chức vụ người ký', 120).nullish(),
    signerName: line('Họ tên người ký', 120).nullish(),
    recipients: z.array(line('Nơi nhận', 300)).max(30, 'Nhiều nhất 30 nơi nhận.').optional(),
    sections: sectionsSchema.optional(),
  })
  .strict();
export type UpdateReviewBody = z.infer<typeof updateReviewBody>;

export const reviewListQuery = z.object({
  limit: intText(1, MAX_REVIEW_LIMIT, 'limit').default(20),
  offset: intText(0, INT4_MAX, 'offset').default(0),
});
export type ReviewListQuery = z.infer<typeof reviewListQuery>;

export const REPORT_FORMATS = ['docx', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
