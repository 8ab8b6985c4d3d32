/**
 * Text that cannot be stored as sent: PostgreSQL refuses U+0000 in `text` and `jsonb` (a 500
 * after the fact), and a lone UTF-16 surrogate (`"\uD800"` in JSON) is turned into U+FFFD on
 * the way to the database, so the record silently differs from what was sent. Both are refused
 * with a 400 before any handler runs (docs/decisions/019-input-and-concurrency.md).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblem = 'nul' | 'surrogate';

export function textProblem(s: string): TextProblem | undefined {
  if (s.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'surrogate';
  return undefined;
}

/**
 * The first string (value or key) in `value` that cannot be stored, with its field path
 * (`items.2.title`). Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function findUnsafeText(value: unknown): { field: string; problem: TextProblem } | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { field: path || '(gốc)', problem };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        const field = path ? `${path}.${k}` : k;
        const problem = textProblem(k);
        if (problem) return { field: `${path || '(gốc)'} (tên trường)`, problem };
        stack.push([item, field]);
      }
    }
  }
  return undefined;
}

const PROBLEM_TEXT: Record<TextProblem, string> = {
  nul: 'có ký tự NUL (mã 0), không lưu được',
  surrogate: 'có ký tự Unicode không hợp lệ (nửa cặp UTF-16), thường do sao chép lỗi',
};

/** The 400 for a string that cannot be stored; `where` says which part of the request. */
export function unsafeTextError(where: string, found: { field: string; problem: TextProblem }): AppError {
  const message = PROBLEM_TEXT[found.problem];
  return new AppError('VALIDATION_FAILED', `Có 1 lỗi ${where}: ${found.field} — ${message}.`, {
    issues: [{ field: found.field, message }],
  });
}

/** preValidation hook: path parameters, query string and parsed body, before zod and handlers. */
export async function refuseUnsafeText(req: FastifyRequest): Promise<void> {
  for (const [where, value] of [
    ['đường dẫn', req.params],
    ['tham số', req.query],
    ['dữ liệu', req.body],
  ] as const) {
    const found = findUnsafeText(value);
    if (found) throw unsafeTextError(where, found);
  }
}
