/** Input shapes of the dues ledger (issue 10 item 1, ADR 024). Amounts: integers of đồng. */
import { z } from 'zod';
import { dbId, idText, intText, isoDate, isoMonth } from '../../server/input-schemas.js';

/** Entries of one bulk save at most (above it: 400, never a silent cap). */
export const MAX_ENTRIES = 500;
/** Rows of one statement at most (a larger subtree is downloaded per đảng bộ below it). */
export const MAX_STATEMENT_ROWS = 20_000;

/** An amount of đồng: a whole number, not negative, exact in JSON (< 2^53). */
export const amount = z
  .number({ error: 'Số tiền phải là một số' })
  .int('Số tiền phải là số nguyên (đồng), không có phần lẻ')
  .min(0, 'Số tiền không được âm')
  .max(Number.MAX_SAFE_INTEGER, 'Số tiền quá lớn');

export const monthQuery = z.object({ month: isoMonth });
export const yearQuery = z.object({ year: intText(2000, 2100, 'Năm') });
export const unitMonthParams = z.object({ id: idText, month: isoMonth });

export const entryInput = z.object({
  memberId: dbId,
  paid: amount,
  paidOn: isoDate.nullable().optional(),
  reason: z.string().trim().max(500, 'Lý do tối đa 500 ký tự').nullable().optional(),
});
export type EntryInput = z.infer<typeof entryInput>;

export const entriesBody = z.object({
  entries: z
    .array(entryInput)
    .min(1, 'Cần ít nhất một đảng viên')
    .max(MAX_ENTRIES, `Mỗi lần lưu tối đa ${MAX_ENTRIES} đảng viên`),
});

export const baseBody = z.object({
  category: z.string().trim().min(1, 'Cần chọn đối tượng đóng đảng phí').max(40),
  baseAmount: amount.nullable().optional(),
  from: isoMonth,
});
export type BaseInput = z.infer<typeof baseBody>;

export const remittanceBody = z.object({
  amount,
  remittedOn: isoDate,
  note: z.string().trim().max(500, 'Ghi chú tối đa 500 ký tự').nullable().optional(),
});
export type RemittanceInput = z.infer<typeof remittanceBody>;
