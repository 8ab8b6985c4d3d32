/** Request shapes of inspection and supervision plans (issue 11 part D, ADR 025), zod with Vietnamese messages. */
import { z } from 'zod';
import { dbId, idText, intText, isoDate, isoMonth } from '../../server/input-schemas.js';

/** Largest page of the inspections list. */
export const MAX_INSPECTIONS_LIMIT = 200;
/** Most remedies one inspection may require; most people in a team. */
export const MAX_REMEDIES = 50;
export const MAX_TEAM = 30;
/** Longest finding or conclusion (a few pages of text). */
export const MAX_FINDING_CHARS = 20_000;

export const INSPECTION_KINDS = ['inspection', 'supervision'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_STATUSES = ['planned', 'in_progress', 'concluded'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const TEAM_ROLES = ['truong_doan', 'thanh_vien'] as const;

const line = (what: string, max: number) =>
  z
    .string({ error: `${what} phải là chữ` })
    .trim()
    .max(max, `${what} dài nhất ${max.toLocaleString('vi-VN')} ký tự.`);

const required = (what: string, max: number) => line(what, max).min(1, `Cần ghi ${what.toLowerCase()}.`);

const finding = (what: string) => line(what, MAX_FINDING_CHARS).nullish();

export const yearParams = z.object({ id: idText, year: intText(2000, 2100, 'Năm') });

export const planBody = z
  .object({
    title: required('Tên kế hoạch', 500),
    status: z.enum(['draft', 'approved'], {
      error: 'Trạng thái kế hoạch là draft (dự thảo) hoặc approved (đã duyệt).',
    }),
  })
  .strict();
export type PlanBody = z.infer<typeof planBody>;

const kind = z.enum(INSPECTION_KINDS, {
  error: 'Loại là inspection (kiểm tra) hoặc supervision (giám sát).',
});

const teamMember = z
  .object({
    name: required('Họ tên thành viên đoàn', 120),
    role: z.enum(TEAM_ROLES, {
      error: 'Vai trò trong đoàn là truong_doan (trưởng đoàn) hoặc thanh_vien (thành viên).',
    }),
  })
  .strict();

const team = z
  .array(teamMember)
  .max(MAX_TEAM, `Đoàn có nhiều nhất ${MAX_TEAM} người.`)
  .refine((t) => t.filter((m) => m.role === 'truong_doan').length <= 1, 'Đoàn chỉ có một trưởng đoàn.');

export const inspectionBody = z
  .object({
    unitId: dbId,
    kind,
    content: required('Nội dung kiểm tra, giám sát', 1000),
    plannedMonth: isoMonth,
    team: team.default([]),
  })
  .strict();
export type InspectionBody = z.infer<typeof inspectionBody>;

export const remedyInput = z
  .object({
    content: required('Nội dung yêu cầu khắc phục', 2000),
    dueOn: isoDate,
  })
  .strict();
export type RemedyInput = z.infer<typeof remedyInput>;

export const patchInspectionBody = z
  .object({
    kind: kind.optional(),
    content: required('Nội dung kiểm tra, giám sát', 1000).optional(),
    plannedMonth: isoMonth.optional(),
    team: team.optional(),
    status: z
      .enum(['planned', 'in_progress'], { error: 'Trạng thái là planned hoặc in_progress.' })
      .optional(),
    strengths: finding('Ưu điểm'),
    limitations: finding('Hạn chế'),
    shortcomings: finding('Khuyết điểm'),
    conclusion: finding('Kết luận'),
    /** The whole list of remedies, replacing the current one (before the issue only). */
    remedies: z
      .array(remedyInput)
      .max(MAX_REMEDIES, `Nhiều nhất ${MAX_REMEDIES} yêu cầu khắc phục.`)
      .optional(),
  })
  .strict();
export type PatchInspectionBody = z.infer<typeof patchInspectionBody>;

export const issueBody = z
  .object({
    conclusionNo: required('Số thông báo kết luận', 60),
    concludedOn: isoDate,
  })
  .strict();
export type IssueBody = z.infer<typeof issueBody>;

export const answerBody = z.object({ answer: required('Nội dung báo cáo khắc phục', 5000) }).strict();
export const returnBody = z.object({ comment: required('Lý do trả lại', 2000) }).strict();

export const listQuery = z.object({
  year: intText(2000, 2100, 'Năm').optional(),
  status: z
    .enum(INSPECTION_STATUSES, { error: 'Trạng thái là planned, in_progress hoặc concluded.' })
    .optional(),
  limit: intText(1, MAX_INSPECTIONS_LIMIT, 'limit').default(50),
  offset: intText(0, 1_000_000, 'offset').default(0),
});
export type ListQuery = z.infer<typeof listQuery>;

export const remedyParams = z.object({ id: idText });
