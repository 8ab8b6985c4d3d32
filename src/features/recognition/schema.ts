/** Input and labels of commendations, reminders and model meetings (issue 9 items 5–6, ADR 023). */
import { z } from 'zod';
import { INT4_MAX, idText, intText, isoDate, isoMonth } from '../../server/input-schemas.js';
import { CELL_TYPE_KEYS } from '../org/labels.js';

export const RECOGNITION_KINDS = {
  khen_thuong: 'Khen thưởng',
  bieu_duong: 'Biểu dương',
  nhac_nho: 'Nhắc nhở',
} as const;
export type RecognitionKind = keyof typeof RECOGNITION_KINDS;
export const RECOGNITION_KIND_KEYS = Object.keys(RECOGNITION_KINDS) as [
  RecognitionKind,
  ...RecognitionKind[],
];

/** The largest page of every list of this feature (above it: 400 VALIDATION_FAILED, never a silent cap). */
export const MAX_LIMIT = 200;
export const listPaging = {
  limit: intText(1, MAX_LIMIT, 'limit').default(50),
  offset: intText(0, INT4_MAX, 'offset').default(0),
};

const periodRefine = <T extends { from?: string; to?: string }>(v: T) => !v.from || !v.to || v.from <= v.to;
const periodMessage = { message: 'Tháng bắt đầu phải trước hoặc trùng tháng kết thúc.', path: ['to'] };

export const proposalQuery = z
  .object({
    from: isoMonth,
    to: isoMonth,
    proposal: z.enum(['commend', 'remind']).optional(),
    ...listPaging,
  })
  .refine(periodRefine, periodMessage)
  .refine((v) => monthsBetween(v.from, v.to) <= 120, {
    message: 'Kỳ xét tối đa 120 tháng (10 năm).',
    path: ['from'],
  });

export const decisionBody = z
  .object({
    subjectUnitId: z.number().int().positive().max(INT4_MAX),
    kind: z.enum(RECOGNITION_KIND_KEYS),
    number: z.string().trim().max(100).optional().nullable(),
    decidedOn: isoDate,
    reason: z.string().trim().min(5, 'Cần ghi lý do (ít nhất 5 ký tự)').max(2000),
    periodFrom: isoMonth.optional().nullable(),
    periodTo: isoMonth.optional().nullable(),
  })
  .refine((v) => !v.periodFrom || !v.periodTo || v.periodFrom <= v.periodTo, {
    message: 'Tháng bắt đầu phải trước hoặc trùng tháng kết thúc.',
    path: ['periodTo'],
  });
export type DecisionInput = z.infer<typeof decisionBody>;

export const decisionQuery = z
  .object({
    kind: z.enum(RECOGNITION_KIND_KEYS).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    ...listPaging,
  })
  .refine(periodRefine, { message: 'Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.', path: ['to'] });

export const modelBody = z.object({
  topic: z.string().trim().max(300).optional().nullable(),
  note: z.string().trim().max(2000).optional().nullable(),
});

export const modelListQuery = z.object({
  cellType: z.enum(CELL_TYPE_KEYS).optional(),
  topic: z.string().trim().max(100).optional(),
  ...listPaging,
});

export const meetingIdParams = z.object({ meetingId: idText });
export const modelDocumentParams = z.object({ meetingId: idText, documentId: idText });

/** Months from `from` to `to` inclusive (YYYY-MM). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}
