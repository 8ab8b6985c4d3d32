import { z } from 'zod';
import { dbId, int4, isoDate, isoDateTime } from '../../server/input-schemas.js';
import { MEETING_KIND_KEYS, PREP_STEP_KEYS } from './labels.js';

/** A date-time with its offset, e.g. 2026-12-10T19:30:00+07:00. */
const dateTime = isoDateTime;

export const seriesSchema = z.object({
  dayOfMonth: z.number().int().min(1).max(28, 'Chọn ngày từ 1 đến 28 để tháng nào cũng có'),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ có dạng HH:mm, ví dụ 19:30'),
  place: z.string().trim().min(2, 'Cần ghi địa điểm').max(200),
});

export const thematicPlanSchema = z.object({
  items: z
    .array(
      z.object({
        quarter: z.number().int().min(1).max(4),
        topic: z.string().trim().min(3, 'Cần ghi tên chuyên đề').max(300),
        month: z.number().int().min(1).max(12).nullish(),
        presenterMemberId: dbId.nullish(),
      }),
    )
    .max(4),
});

export const createMeetingSchema = z.object({
  kind: z.enum(MEETING_KIND_KEYS),
  scheduledAt: dateTime,
  place: z.string().trim().max(200).nullish(),
  title: z.string().trim().max(200).nullish(),
  thematicTopic: z.string().trim().max(300).nullish(),
});

export const updateMeetingSchema = z.object({
  scheduledAt: dateTime.optional(),
  place: z.string().trim().max(200).nullish(),
  /** Required when the time or place of a planned meeting changes (announced to members). */
  reason: z.string().trim().max(500).nullish(),
  title: z.string().trim().max(200).optional(),
  thematicTopic: z.string().trim().max(300).nullish(),
  content: z.string().max(20_000).nullish(),
  draftResolution: z.string().max(20_000).nullish(),
  chairMemberId: dbId.nullish(),
  secretaryMemberId: dbId.nullish(),
  preparerMemberId: dbId.nullish(),
  prepMeetingId: dbId.nullish(),
});

export const cancelSchema = z.object({ reason: z.string().trim().min(3, 'Cần ghi lý do hủy').max(500) });
export const prepStepSchema = z.object({
  step: z.enum(PREP_STEP_KEYS),
  note: z.string().trim().max(500).nullish(),
});

export const agendaSchema = z.object({
  items: z
    .array(
      z.object({
        section: z.enum(['opening', 'body', 'closing']),
        title: z.string().trim().min(2).max(300),
        stepKey: z.string().max(50).nullish(),
      }),
    )
    .min(1)
    .max(40),
});
export const agendaItemSchema = z.object({
  done: z.boolean().optional(),
  conclusion: z.string().max(5000).nullish(),
  title: z.string().trim().min(2).max(300).optional(),
});

export const attendanceSchema = z.object({
  status: z.enum(['present', 'late', 'left_early', 'absent_excused', 'absent_unexcused']),
  reason: z.string().trim().max(300).nullish(),
});
export const checkInSchema = z.object({ code: z.string().trim().min(4).max(12) });

export const guestSchema = z.object({
  name: z.string().trim().min(2).max(120),
  title: z.string().trim().max(200).nullish(),
  organisation: z.string().trim().max(200).nullish(),
  isSupervisor: z.boolean().default(false),
});

export const speechSchema = z
  .object({
    agendaItemId: dbId.nullish(),
    memberId: dbId.nullish(),
    guestId: dbId.nullish(),
    summary: z.string().trim().min(2, 'Cần ghi tóm tắt ý kiến').max(5000),
  })
  .refine((s) => Boolean(s.memberId) !== Boolean(s.guestId), {
    message: 'Chọn một người phát biểu: đảng viên hoặc khách mời',
  });

export const voteSchema = z.object({
  subject: z.string().trim().min(2).max(300),
  isResolution: z.boolean().default(false),
  agendaItemId: dbId.nullish(),
  method: z.enum(['show_of_hands', 'app']).default('show_of_hands'),
  for: int4(0),
  against: int4(0),
  abstain: int4(0),
});

export const taskSchema = z
  .object({
    title: z.string().trim().min(3, 'Cần ghi nội dung nhiệm vụ').max(500),
    ownerIds: z.array(dbId).default([]),
    deadline: isoDate.nullish(),
    // An organisation of the locality (ADR 025 part E): with or without member owners.
    organisationId: dbId.nullish(),
  })
  .refine((t) => t.ownerIds.length > 0 || t.organisationId != null, {
    message: 'Cần phân công ít nhất một người hoặc giao cho một tổ chức',
    path: ['ownerIds'],
  });
export const taskReviewSchema = z.object({
  result: z.enum(['achieved', 'partial', 'not_achieved']),
  note: z.string().trim().max(1000).nullish(),
  meetingId: dbId,
  // The organisation's report on a task given to it (ADR 025 part E).
  orgReport: z.string().trim().max(2000, 'Báo cáo của tổ chức tối đa 2.000 ký tự').nullish(),
});
