/** Request shapes of the committee's grading decisions (issue 10 items 5–6, ADR 024), zod with Vietnamese messages. */
import { z } from 'zod';
import { GRADE_LEVELS } from '../../rules/year-types.js';
import { dbId, idText, intText, isoDate } from '../../server/input-schemas.js';

/** Largest page of the proposals list. */
export const MAX_PROPOSALS_LIMIT = 200;
/** Most decisions one save may carry. */
export const MAX_DECISION_ITEMS = 500;

export const SUBJECT_TYPES = ['member', 'organisation'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

const subjectType = z.enum(SUBJECT_TYPES, {
  error: 'Loại đối tượng phải là "member" (đảng viên) hoặc "organisation" (tổ chức đảng).',
});
const level = z.enum(GRADE_LEVELS, {
  error: 'Mức xếp loại phải là xuat_sac, tot, hoan_thanh hoặc khong_hoan_thanh.',
});

const line = (what: string, max: number) =>
  z
    .string({ error: `${what} phải là chữ` })
    .trim()
    .max(max, `${what} dài nhất ${max} ký tự.`);

export const yearParams = z.object({
  id: idText,
  year: intText(2000, 2100, 'Năm'),
});

export const proposalsQuery = z.object({
  type: subjectType.default('member'),
  cellId: idText.optional(),
  limit: intText(1, MAX_PROPOSALS_LIMIT, 'limit').default(100),
  cursor: z
    .string()
    .max(400, 'Con trỏ trang không hợp lệ.')
    .regex(/^[A-Za-z0-9_-]+$/, 'Con trỏ trang không hợp lệ.')
    .optional(),
});
export type ProposalsQuery = z.infer<typeof proposalsQuery>;

const decisionItem = z
  .object({
    memberId: dbId.optional(),
    unitId: dbId.optional(),
    level,
    isCadre: z.boolean({ error: 'Cán bộ phải là đúng/sai' }).optional(),
    score: z
      .number({ error: 'Điểm phải là một số' })
      .min(0, 'Điểm từ 0 đến 100.')
      .max(100, 'Điểm từ 0 đến 100.')
      .multipleOf(0.01, 'Điểm có nhiều nhất 2 chữ số thập phân.')
      .nullish(),
    note: line('Ghi chú', 1000).nullish(),
  })
  .strict()
  .refine((i) => (i.memberId === undefined) !== (i.unitId === undefined), {
    message: 'Mỗi dòng ghi đúng một trong hai: memberId (đảng viên) hoặc unitId (tổ chức đảng).',
  });

export const saveDecisionsBody = z
  .object({
    type: subjectType,
    items: z
      .array(decisionItem)
      .min(1, 'Cần ít nhất một dòng.')
      .max(MAX_DECISION_ITEMS, `Mỗi lần lưu nhiều nhất ${MAX_DECISION_ITEMS} dòng.`),
  })
  .strict()
  .refine((b) => b.items.every((i) => (b.type === 'member' ? i.memberId : i.unitId) !== undefined), {
    message: 'Xếp loại đảng viên ghi memberId; xếp loại tổ chức đảng ghi unitId.',
    path: ['items'],
  })
  .refine(
    (b) => {
      const keys = b.items.map((i) => i.memberId ?? i.unitId);
      return new Set(keys).size === keys.length;
    },
    { message: 'Mỗi đối tượng chỉ ghi một dòng.', path: ['items'] },
  );
export type SaveDecisionsBody = z.infer<typeof saveDecisionsBody>;

export const checkBody = z.object({ type: subjectType }).strict();

const decisionNo = line('Số quyết định', 60).min(1, 'Cần ghi số quyết định (ví dụ: 125-QĐ/ĐU).');

export const issueBody = z
  .object({
    type: subjectType,
    decisionNo,
    decisionDate: isoDate,
  })
  .strict();
export type IssueBody = z.infer<typeof issueBody>;

export const revisionBody = z
  .object({
    level,
    reason: line('Lý do điều chỉnh', 2000).min(1, 'Cần ghi lý do điều chỉnh.'),
    decisionNo,
    decisionDate: isoDate,
  })
  .strict();
export type RevisionBody = z.infer<typeof revisionBody>;
