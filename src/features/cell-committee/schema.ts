/** Input shapes of the chi ủy as a body (issue 11 item 5, ADR 025 part E). */
import { z } from 'zod';
import { dbId, isoDate } from '../../server/input-schemas.js';

export const COMMITTEE_ROLES = {
  bi_thu: 'Bí thư',
  pho_bi_thu: 'Phó Bí thư',
  chi_uy_vien: 'Chi ủy viên',
} as const;
export type CommitteeRole = keyof typeof COMMITTEE_ROLES;

/** Members of one term at most (a chi ủy has 3 to 9; changes during the term add rows). */
export const MAX_COMMITTEE_ROWS = 40;

export const committeeRole = z.enum(['bi_thu', 'pho_bi_thu', 'chi_uy_vien'], {
  error: 'Chức vụ phải là bí thư, phó bí thư hoặc chi ủy viên',
});

export const committeeMemberInput = z.object({
  memberId: dbId,
  role: committeeRole,
  /** From when the member sits (default: the election day). */
  fromOn: isoDate.nullish(),
  /** Until when (exclusive; empty: until the term ends). */
  toOn: isoDate.nullish(),
});
export type CommitteeMemberInput = z.infer<typeof committeeMemberInput>;

export const cellCommitteeBody = z.object({
  termLabel: z
    .string({ error: 'Cần ghi nhiệm kỳ' })
    .trim()
    .min(4, 'Cần ghi nhiệm kỳ, ví dụ 2025–2030')
    .max(60, 'Nhiệm kỳ tối đa 60 ký tự'),
  electedOn: isoDate,
  endsOn: isoDate.nullish(),
  members: z
    .array(committeeMemberInput)
    .min(1, 'Cần ít nhất một đồng chí (bí thư)')
    .max(MAX_COMMITTEE_ROWS, `Tối đa ${MAX_COMMITTEE_ROWS} dòng`),
});
export type CellCommitteeInput = z.infer<typeof cellCommitteeBody>;

/**
 * The checks that need no database, in Vietnamese (also run by the web form): dates in order,
 * no member twice, exactly one bí thư in office at the election and at every change of bí thư.
 * Returns the first problem, or null.
 */
export function committeeProblem(input: CellCommitteeInput): { field: string; message: string } | null {
  const { electedOn, endsOn } = input;
  if (endsOn && endsOn <= electedOn) {
    return { field: 'endsOn', message: 'Ngày kết thúc nhiệm kỳ phải sau ngày bầu.' };
  }
  const seen = new Set<number>();
  for (const [i, m] of input.members.entries()) {
    if (seen.has(m.memberId)) {
      return { field: `members.${i}.memberId`, message: 'Một đồng chí chỉ ghi một lần trong nhiệm kỳ.' };
    }
    seen.add(m.memberId);
    const from = m.fromOn ?? electedOn;
    if (from < electedOn) {
      return { field: `members.${i}.fromOn`, message: 'Ngày bắt đầu giữ chức không được trước ngày bầu.' };
    }
    if (endsOn && from >= endsOn) {
      return {
        field: `members.${i}.fromOn`,
        message: 'Ngày bắt đầu giữ chức phải trước khi nhiệm kỳ kết thúc.',
      };
    }
    if (m.toOn && m.toOn <= from) {
      return { field: `members.${i}.toOn`, message: 'Ngày thôi giữ chức phải sau ngày bắt đầu.' };
    }
  }
  const bi = input.members.filter((m) => m.role === 'bi_thu');
  const inOffice = (d: string) =>
    bi.filter((m) => (m.fromOn ?? electedOn) <= d && (!m.toOn || m.toOn > d)).length;
  const days = [electedOn, ...bi.map((m) => m.fromOn ?? electedOn)];
  if (days.some((d) => inOffice(d) !== 1)) {
    return {
      field: 'members',
      message:
        'Chi ủy phải có đúng một bí thư tại mỗi thời điểm (từ ngày bầu, kể cả khi thay đổi trong nhiệm kỳ).',
    };
  }
  return null;
}
