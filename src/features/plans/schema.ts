/** Request shapes of implementation plans (issue 11 part B, ADR 025), Vietnamese messages. */
import { z } from 'zod';
import { INDICATOR_KEYS, TARGET_STATUSES } from '../../domain/plan-progress.js';
import { dbId, INT4_MAX, intText, isoDate, isoMonth, queryBoolean } from '../../server/input-schemas.js';

export const PLAN_STATUSES = ['draft', 'active', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Dự thảo',
  active: 'Đang thực hiện',
  closed: 'Đã kết thúc',
};

/** Longest period of a plan (10 years, as the overview reads at most). */
export const MAX_PLAN_MONTHS = 120;
/** Largest page of the plan list (above it: 400, never a silent cap). */
export const MAX_PLAN_LIMIT = 100;
/** At most this many targets, milestones or responsibilities in one plan. */
export const MAX_PLAN_ITEMS = 50;
/** Largest threshold of a manual target (a count), and the cap of a percent one. */
export const MAX_COUNT = 1_000_000_000;

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
const required = (what: string, max: number) =>
  line(what, max).min(1, `Cần ghi ${what.toLocaleLowerCase('vi')}.`);

const number = (what: string) =>
  z
    .number({ error: `${what} phải là một số` })
    .finite(`${what} phải là một số`)
    .min(0, `${what} không được âm.`)
    .max(MAX_COUNT, `${what} không được lớn hơn ${MAX_COUNT}.`);

const indicator = z
  .enum(INDICATOR_KEYS, {
    error: 'Chỉ số không có trong danh sách (xem danh sách chỉ số của kế hoạch, ADR 025).',
  })
  .nullable();

const comparator = z.enum(['gte', 'lte'], {
  error: 'So sánh phải là "gte" (từ … trở lên) hoặc "lte" (không quá …).',
});

const periodFields = {
  periodFrom: isoMonth,
  periodTo: isoMonth,
};

const periodOk = (v: { periodFrom?: string; periodTo?: string }) =>
  !v.periodFrom || !v.periodTo || v.periodFrom <= v.periodTo;
const periodShort = (v: { periodFrom?: string; periodTo?: string }) =>
  !v.periodFrom ||
  !v.periodTo ||
  v.periodFrom > v.periodTo ||
  monthsBetween(v.periodFrom, v.periodTo) <= MAX_PLAN_MONTHS;

export const createPlanBody = z
  .object({
    title: required('Tên kế hoạch', 300),
    directiveId: dbId.nullish(),
    goals: line('Mục đích, yêu cầu', 20_000).nullish(),
    ...periodFields,
  })
  .strict()
  .refine(periodOk, { message: 'Tháng bắt đầu phải trước hoặc trùng tháng kết thúc.', path: ['periodTo'] })
  .refine(periodShort, { message: `Kế hoạch dài nhất ${MAX_PLAN_MONTHS} tháng.`, path: ['periodTo'] });
export type CreatePlanBody = z.infer<typeof createPlanBody>;

export const updatePlanBody = z
  .object({
    title: required('Tên kế hoạch', 300).optional(),
    directiveId: dbId.nullish(),
    goals: line('Mục đích, yêu cầu', 20_000).nullish(),
    periodFrom: isoMonth.optional(),
    periodTo: isoMonth.optional(),
  })
  .strict()
  .refine(periodOk, { message: 'Tháng bắt đầu phải trước hoặc trùng tháng kết thúc.', path: ['periodTo'] })
  .refine(periodShort, { message: `Kế hoạch dài nhất ${MAX_PLAN_MONTHS} tháng.`, path: ['periodTo'] });
export type UpdatePlanBody = z.infer<typeof updatePlanBody>;

export const planListQuery = z.object({
  status: z.enum(PLAN_STATUSES, { error: 'Trạng thái phải là draft, active hoặc closed.' }).optional(),
  limit: intText(1, MAX_PLAN_LIMIT, 'limit').default(20),
  offset: intText(0, INT4_MAX, 'offset').default(0),
});
export type PlanListQuery = z.infer<typeof planListQuery>;

export const targetBody = z
  .object({
    title: required('Nội dung chỉ tiêu', 500),
    indicator: indicator.default(null),
    directiveId: dbId.nullish(),
    comparator: comparator.default('gte'),
    threshold: number('Mức chỉ tiêu'),
    deadline: isoDate,
    position: z.number().int().min(0).max(1000).optional(),
  })
  .strict();
export type TargetBody = z.infer<typeof targetBody>;

export const targetPatch = z
  .object({
    title: required('Nội dung chỉ tiêu', 500).optional(),
    indicator: indicator.optional(),
    directiveId: dbId.nullish(),
    comparator: comparator.optional(),
    threshold: number('Mức chỉ tiêu').optional(),
    deadline: isoDate.optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .strict();
export type TargetPatch = z.infer<typeof targetPatch>;

export const manualValueBody = z
  .object({
    value: number('Kết quả'),
    note: line('Ghi chú', 2000).nullish(),
  })
  .strict();
export type ManualValueBody = z.infer<typeof manualValueBody>;

export const milestoneBody = z
  .object({
    dueOn: isoDate,
    title: required('Nội dung mốc lộ trình', 500),
    doneOn: isoDate.nullish(),
  })
  .strict();
export type MilestoneBody = z.infer<typeof milestoneBody>;
export const milestonePatch = z
  .object({
    dueOn: isoDate.optional(),
    title: required('Nội dung mốc lộ trình', 500).optional(),
    doneOn: isoDate.nullish(),
  })
  .strict();
export type MilestonePatch = z.infer<typeof milestonePatch>;

export const responsibilityBody = z
  .object({
    who: required('Đơn vị, người chịu trách nhiệm', 300),
    unitId: dbId.nullish(),
    what: required('Nhiệm vụ được giao', 2000),
  })
  .strict();
export type ResponsibilityBody = z.infer<typeof responsibilityBody>;
export const responsibilityPatch = z
  .object({
    who: required('Đơn vị, người chịu trách nhiệm', 300).optional(),
    unitId: dbId.nullish(),
    what: required('Nhiệm vụ được giao', 2000).optional(),
  })
  .strict();
export type ResponsibilityPatch = z.infer<typeof responsibilityPatch>;

export const progressQuery = z.object({ units: queryBoolean.optional() });

export const itemParams = z.object({
  id: intText(1, INT4_MAX, 'Mã số'),
  itemId: intText(1, INT4_MAX, 'Mã số'),
});

export const targetStatusSchema = z.enum(TARGET_STATUSES);
