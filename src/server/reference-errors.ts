/**
 * The safety net under the reference checks of each command (ADR 015): a foreign-key violation
 * (SQLSTATE 23503) that a check missed answers 400 with a Vietnamese message naming the field,
 * never 500. Nothing is stored: the statement failed and its transaction rolled back.
 */
import { AppError } from './errors.js';

const snakeToCamel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function danglingReference(err: unknown): AppError | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; detail?: unknown };
  if (e.code !== '23503') return undefined;
  // 'Key (presenter_member_id)=(5) is not present in table "members".' → presenterMemberId
  const column = typeof e.detail === 'string' ? /^Key \(([a-z0-9_]+)\)=/.exec(e.detail)?.[1] : undefined;
  return new AppError(
    'VALIDATION_FAILED',
    'Dữ liệu gửi lên trỏ tới một mục không tồn tại hoặc không còn dùng được. Vui lòng tải lại trang và thử lại.',
    column ? { field: snakeToCamel(column) } : undefined,
  );
}
