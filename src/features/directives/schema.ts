/** Request shapes of the directives library (issue 11 part A, ADR 025), zod with Vietnamese messages. */
import { z } from 'zod';
import { idText, intText, isoDate, queryBoolean } from '../../server/input-schemas.js';

export const DIRECTIVE_KINDS = [
  'directive',
  'resolution',
  'guidance',
  'plan',
  'conclusion',
  'other',
] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];
export const DIRECTIVE_KIND_LABELS: Record<DirectiveKind, string> = {
  directive: 'Chỉ thị',
  resolution: 'Nghị quyết',
  guidance: 'Hướng dẫn',
  plan: 'Kế hoạch',
  conclusion: 'Kết luận',
  other: 'Văn bản khác',
};
export const DIRECTIVE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type DirectiveStatus = (typeof DIRECTIVE_STATUSES)[number];
export const DIRECTIVE_STATUS_LABELS: Record<DirectiveStatus, string> = {
  draft: 'Dự thảo',
  published: 'Đã ban hành',
  withdrawn: 'Đã thu hồi',
};

/** Largest page of a unit's directives. */
export const MAX_DIRECTIVES_LIMIT = 100;
/** Largest page of a directive's per-cell dissemination. */
export const MAX_DISSEMINATION_LIMIT = 200;

const text = (what: string, min: number, max: number) =>
  z
    .string({ error: `${what} phải là chữ` })
    .trim()
    .min(min, min === 1 ? `Cần ghi ${what.toLowerCase()}.` : `${what} ít nhất ${min} ký tự.`)
    .max(max, `${what} dài nhất ${max} ký tự.`);

const kind = z.enum(DIRECTIVE_KINDS, {
  error: 'Loại văn bản phải là directive, resolution, guidance, plan, conclusion hoặc other.',
});

const fields = {
  kind,
  number: text('Số, ký hiệu', 1, 60),
  issuedOn: isoDate,
  issuer: text('Cơ quan ban hành', 1, 200),
  title: text('Trích yếu', 1, 500),
  summary: text('Tóm tắt nội dung', 0, 5000).nullish(),
  requiresDissemination: z.boolean({ error: 'Yêu cầu quán triệt phải là đúng/sai.' }),
  disseminateBy: isoDate.nullish(),
};

const DATES_ORDER = 'Hạn quán triệt không được trước ngày ban hành văn bản.';
const NO_DEADLINE = 'Văn bản không yêu cầu quán triệt thì không có hạn quán triệt.';

export const createBody = z
  .object(fields)
  .strict()
  .refine((b) => !b.disseminateBy || b.disseminateBy >= b.issuedOn, {
    message: DATES_ORDER,
    path: ['disseminateBy'],
  })
  .refine((b) => b.requiresDissemination || !b.disseminateBy, {
    message: NO_DEADLINE,
    path: ['disseminateBy'],
  });
export type CreateBody = z.infer<typeof createBody>;

/** A draft changes in every field; a published directive only in its summary and deadline. */
export const patchBody = z
  .object({
    kind: fields.kind.optional(),
    number: fields.number.optional(),
    issuedOn: fields.issuedOn.optional(),
    issuer: fields.issuer.optional(),
    title: fields.title.optional(),
    summary: fields.summary,
    requiresDissemination: fields.requiresDissemination.optional(),
    disseminateBy: fields.disseminateBy,
  })
  .strict();
export type PatchBody = z.infer<typeof patchBody>;

export const withdrawBody = z.object({ reason: text('Lý do thu hồi', 3, 1000) }).strict();

export const listQuery = z.object({
  status: z
    .enum(DIRECTIVE_STATUSES, { error: 'Trạng thái phải là draft, published hoặc withdrawn.' })
    .optional(),
  q: z.string({ error: 'Từ khóa phải là chữ' }).trim().max(100, 'Từ khóa dài nhất 100 ký tự.').optional(),
  /** Only the published directives the member has not marked read (their own page). */
  unread: queryBoolean.optional(),
  limit: intText(1, MAX_DIRECTIVES_LIMIT, 'limit').default(20),
  offset: intText(0, 1_000_000, 'offset').default(0),
});
export type ListQuery = z.infer<typeof listQuery>;

export const DISSEMINATION_STATES = ['done', 'pending', 'late'] as const;
export const disseminationQuery = z.object({
  state: z
    .enum(DISSEMINATION_STATES, {
      error: 'Lọc theo: done (đã quán triệt), pending (chưa quán triệt) hoặc late (quá hạn).',
    })
    .optional(),
  limit: intText(1, MAX_DISSEMINATION_LIMIT, 'limit').default(50),
  offset: intText(0, 1_000_000, 'offset').default(0),
});
export type DisseminationQuery = z.infer<typeof disseminationQuery>;

export const fileParams = z.object({ id: idText, fileId: idText });
export const meetingDirectiveParams = z.object({ id: idText, directiveId: idText });
