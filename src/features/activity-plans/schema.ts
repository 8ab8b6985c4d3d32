/** Input shapes and labels of the cell's yearly programme (chương trình công tác năm; ADR 025 part C). */
import { z } from 'zod';
import { dbId, INT4_MAX, idText, intText } from '../../server/input-schemas.js';
import { thematicPlanSchema } from '../meetings/schema.js';

export const PLAN_STATUSES = {
  draft: 'Dự thảo',
  submitted: 'Chờ cấp ủy duyệt',
  approved: 'Đã duyệt',
  returned: 'Trả lại để sửa',
} as const;
export type PlanStatus = keyof typeof PLAN_STATUSES;
export const PLAN_STATUS_KEYS = Object.keys(PLAN_STATUSES) as [PlanStatus, ...PlanStatus[]];

/** The kinds of a row; `thematic` rows are the thematic plan's (thematic_plans), never stored here. */
export const ITEM_KINDS = {
  key_task: 'Nhiệm vụ trọng tâm',
  thematic: 'Chuyên đề của quý',
  other: 'Công việc khác',
} as const;
export type ItemKind = keyof typeof ITEM_KINDS;

export const ITEM_STATUSES = {
  done: 'Đã thực hiện',
  not_done: 'Chưa thực hiện',
  not_due: 'Chưa đến hạn',
} as const;
export type ItemStatus = keyof typeof ITEM_STATUSES;

/** The most rows of one programme's PUT (all-or-nothing; above it a 400, never a silent cut). */
export const MAX_ITEMS = 200;
/** The largest page of the committee's list. */
export const MAX_LIST_LIMIT = 200;

export const yearParams = z.object({ id: idText, year: intText(2000, 2100, 'Năm') });
export const meetingItemParams = z.object({ id: idText, itemId: idText });

export const planItemInput = z.object({
  /** An existing row of this programme (kept, so marks and agenda links stay); absent = new. */
  id: dbId.nullish(),
  month: z
    .number({ error: 'Tháng phải là một số từ 1 đến 12' })
    .int('Tháng phải là số nguyên')
    .min(1, 'Tháng phải từ 1 đến 12')
    .max(12, 'Tháng phải từ 1 đến 12'),
  kind: z.enum(['key_task', 'other'], {
    error: 'Loại mục phải là "nhiệm vụ trọng tâm" hoặc "công việc khác"',
  }),
  title: z.string().trim().min(3, 'Cần ghi nội dung (ít nhất 3 ký tự)').max(500, 'Nội dung tối đa 500 ký tự'),
  responsible: z.string().trim().max(200, 'Người/bộ phận phụ trách tối đa 200 ký tự').nullish(),
  responsibleMemberId: dbId.nullish(),
});
export type PlanItemInput = z.infer<typeof planItemInput>;

export const planBody = z.object({
  items: z
    .array(planItemInput)
    .max(MAX_ITEMS, `Chương trình có tối đa ${MAX_ITEMS} mục; hãy gộp bớt các mục.`),
  /** The quarter topics, written through the thematic plan (PUT …/thematic-plans/{year}). */
  thematic: thematicPlanSchema.shape.items.optional(),
});
export type PlanBody = z.infer<typeof planBody>;

export const returnBody = z.object({
  comment: z
    .string({ error: 'Cần ghi ý kiến khi trả lại chương trình' })
    .trim()
    .min(5, 'Cần ghi ý kiến khi trả lại (ít nhất 5 ký tự)')
    .max(2000),
});
export const approveBody = z.object({ comment: z.string().trim().max(2000).nullish() }).optional();
export const reopenBody = z.object({
  reason: z
    .string({ error: 'Cần ghi lý do điều chỉnh' })
    .trim()
    .min(5, 'Cần ghi lý do điều chỉnh (ít nhất 5 ký tự)')
    .max(2000),
});
export const coverBody = z.object({ covered: z.boolean().default(true) }).optional();

export const listQuery = z.object({
  year: intText(2000, 2100, 'Năm').optional(),
  status: z.enum([...PLAN_STATUS_KEYS, 'none']).optional(),
  limit: intText(1, MAX_LIST_LIMIT, 'limit').default(50),
  offset: intText(0, INT4_MAX, 'offset').default(0),
});
export type ListQuery = z.infer<typeof listQuery>;

/** Examples offered to a cell writing its year (UI hints, not rules: nothing is scored on them). */
export const KEY_TASK_SUGGESTIONS = [
  'Quán triệt, triển khai nghị quyết, chỉ thị của cấp trên',
  'Thu, nộp đảng phí đúng quy định',
  'Vận động nhân dân tham gia vệ sinh môi trường',
  'Rà soát, phát triển đảng viên mới',
  'Giữ vững an ninh trật tự trên địa bàn',
  'Chuẩn bị tổng kết năm, kiểm điểm, đánh giá xếp loại',
] as const;
