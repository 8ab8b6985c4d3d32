/** Input shapes of the locality's organisations (issue 11 item 6, ADR 025 part E). */
import { z } from 'zod';
import { intText, queryBoolean } from '../../server/input-schemas.js';

export const ORGANISATION_KINDS = {
  mat_tran: 'Mặt trận Tổ quốc',
  phu_nu: 'Hội Liên hiệp Phụ nữ',
  doan_thanh_nien: 'Đoàn Thanh niên',
  nong_dan: 'Hội Nông dân',
  cuu_chien_binh: 'Hội Cựu chiến binh',
  cong_an: 'Công an viên',
  dan_quan: 'Dân quân',
  other: 'Khác',
} as const;
export type OrganisationKind = keyof typeof ORGANISATION_KINDS;
export const ORGANISATION_KIND_KEYS = Object.keys(ORGANISATION_KINDS) as [
  OrganisationKind,
  ...OrganisationKind[],
];

/** Organisations of one page at most (above it: 400, never a silent cap). */
export const MAX_ORGANISATIONS_PAGE = 100;

const kind = z.enum(ORGANISATION_KIND_KEYS, {
  error:
    'Loại tổ chức phải là một trong: Mặt trận Tổ quốc, Hội Liên hiệp Phụ nữ, Đoàn Thanh niên, Hội Nông dân, Hội Cựu chiến binh, Công an viên, Dân quân, Khác',
});
const name = z
  .string({ error: 'Cần ghi tên tổ chức' })
  .trim()
  .min(3, 'Cần ghi tên tổ chức (ít nhất 3 ký tự)')
  .max(200, 'Tên tổ chức tối đa 200 ký tự');
const contactName = z.string().trim().max(120, 'Tên người liên hệ tối đa 120 ký tự').nullish();
const contactPhone = z
  .string()
  .trim()
  .max(20, 'Số điện thoại tối đa 20 ký tự')
  .regex(/^(\+?[0-9 .]{8,20})?$/, 'Số điện thoại chỉ gồm chữ số (có thể có dấu +, dấu chấm, khoảng trắng)')
  .nullish();

export const organisationBody = z.object({ kind, name, contactName, contactPhone });
export type OrganisationInput = z.infer<typeof organisationBody>;

export const organisationPatch = z
  .object({
    kind: kind.optional(),
    name: name.optional(),
    contactName,
    contactPhone,
    active: z.boolean().optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'Không có thay đổi nào' });
export type OrganisationPatch = z.infer<typeof organisationPatch>;

export const organisationsQuery = z.object({
  limit: intText(1, MAX_ORGANISATIONS_PAGE, 'limit').default(50),
  offset: intText(0, 100_000, 'offset').default(0),
  /** true: active only (the task form's choice); false: deactivated ones too. */
  active: queryBoolean.optional(),
});
