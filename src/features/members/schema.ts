import { z } from 'zod';
// A day that exists ("2026-02-30" is refused here, not by the database), shared by every schema.
import { dbId, isoDate } from '../../server/input-schemas.js';

const optionalText = z.string().trim().max(500).nullish();

export const memberDetailsSchema = z.object({
  fullName: z.string().trim().min(3, 'Họ và tên quá ngắn').max(120),
  birthDate: isoDate.nullish(),
  gender: z.enum(['nam', 'nu']).nullish(),
  ethnicity: optionalText,
  hometown: optionalText,
  address: optionalText,
  phone: z
    .string()
    .trim()
    .regex(/^(\+84|0)\d{9,10}$/, 'Số điện thoại phải gồm 10–11 chữ số, bắt đầu bằng 0 hoặc +84')
    .nullish()
    .or(z.literal('')),
  email: z.email('Email không hợp lệ').nullish().or(z.literal('')),
  cardNumber: z
    .string()
    .trim()
    .regex(/^\d{6,12}$/, 'Số thẻ đảng viên gồm 6–12 chữ số')
    .nullish()
    .or(z.literal('')),
  nationalId: z
    .string()
    .trim()
    .regex(/^\d{12}$/, 'Số CCCD gồm đúng 12 chữ số')
    .nullish()
    .or(z.literal('')),
  notes: z.string().trim().max(2000).nullish(),
});

export const createMemberSchema = memberDetailsSchema.extend({
  /** How the person comes onto this cell's list. */
  relation: z.enum(['admission', 'transfer_in', 'existing', 'contact_213']).default('admission'),
  admissionDate: isoDate.nullish(),
  officialDate: isoDate.nullish(),
  /** Date the member starts counting in this cell (arrival for a transfer); defaults to admission. */
  joinDate: isoDate.nullish(),
  /** Where a transferred member comes from, or a 213 member's own cell. */
  otherOrg: z.string().trim().max(300).nullish(),
});
export type CreateMemberInput = z.infer<typeof createMemberSchema>;

export const updateMemberSchema = memberDetailsSchema.partial();
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>;

const decision = { decisionNo: z.string().trim().max(100).nullish(), decisionDate: isoDate.nullish() };

/** Dated lifecycle events of a member; each is kept as history, none deletes anything. */
export const statusChangeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('recognize_official'),
    date: isoDate,
    cardNumber: z
      .string()
      .trim()
      .regex(/^\d{6,12}$/)
      .nullish(),
    ...decision,
  }),
  z.object({
    type: z.literal('exempt'),
    date: isoDate,
    reason: z.string().trim().min(3, 'Cần ghi lý do miễn sinh hoạt'),
    ...decision,
  }),
  z.object({ type: z.literal('end_exemption'), date: isoDate, ...decision }),
  z.object({
    type: z.literal('temporary_out'),
    date: isoDate,
    until: isoDate,
    hostUnitId: dbId.nullish(),
    otherOrg: z.string().trim().max(300).nullish(),
    reason: z.string().trim().max(500).nullish(),
    ...decision,
  }),
  z.object({ type: z.literal('end_temporary'), date: isoDate }),
  z.object({
    type: z.literal('transfer'),
    date: isoDate,
    toUnitId: dbId.nullish(),
    otherOrg: z.string().trim().max(300).nullish(),
    ...decision,
  }),
  z.object({
    type: z.literal('contact_213'),
    date: isoDate,
    unitId: dbId,
    otherOrg: z.string().trim().max(300).nullish(),
  }),
  z.object({ type: z.literal('end_contact_213'), date: isoDate }),
  z.object({
    type: z.literal('remove'),
    date: isoDate,
    reason: z.enum(['xoa_ten', 'khai_tru', 'tu_tran', 'ra_khoi_dang']),
    note: z.string().trim().max(1000).nullish(),
    ...decision,
  }),
]);
export type StatusChange = z.infer<typeof statusChangeSchema>;
