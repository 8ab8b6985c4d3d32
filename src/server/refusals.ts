/**
 * Refusals that could confirm that a record exists outside the caller's scope: a username, a
 * CCCD or a party card number is unique in the whole database, so refusing a duplicate says
 * "someone has it". ADR 015: the answer is the same wherever the holder is (no name, no unit),
 * each such refusal leaves an audit row, and an account that collects too many in an hour may
 * not submit identity numbers or usernames for the rest of that hour, duplicate or not, so the
 * pause itself tells nothing.
 */
import type { Executor } from '../db/executor.js';
import type { Actor } from './access.js';
import { type AuditEntry, audit } from './audit.js';
import { AppError, type ErrorCode } from './errors.js';

/** Refusals per account in a sliding hour before identity writes pause (a typing slip is 1–2). */
export const REFUSALS_PER_HOUR = 10;

export const REFUSAL_ACTIONS = ['member.identity_refused', 'user.username_refused'] as const;

/** A duplicate refused; `entry` is the audit row written once the failed transaction is gone. */
export class ExistenceRefusal extends AppError {
  readonly entry: AuditEntry;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown>, entry: AuditEntry) {
    super(code, message, details);
    this.entry = entry;
  }
}

/** The account's hidden refusals in the sliding hour (the audit rows, so it holds across processes). */
export async function refusalsInLastHour(ex: Executor, actor: Pick<Actor, 'userId'>): Promise<number> {
  const [row] = await ex.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log
      WHERE actor_user_id = $1 AND action = ANY($2::text[]) AND at > now() - interval '1 hour'`,
    [actor.userId, REFUSAL_ACTIONS],
  );
  return row?.n ?? 0;
}

/** Refuses (429) while the account has used up its refusals of the last hour. */
export async function assertRefusalBudget(ex: Executor, actor: Pick<Actor, 'userId'>): Promise<void> {
  if ((await refusalsInLastHour(ex, actor)) >= REFUSALS_PER_HOUR) {
    throw new AppError(
      'RATE_LIMITED',
      'Tài khoản của bạn đã nhập nhiều số định danh (CCCD, số thẻ) hoặc tên đăng nhập bị từ chối trong một giờ qua. Vui lòng đợi rồi thử lại, hoặc liên hệ văn phòng đảng ủy.',
    );
  }
}

/**
 * Runs a command (its own transaction inside `fn`) and, when it ends in an ExistenceRefusal,
 * writes the refusal's audit row on `db` after the rollback, then rethrows.
 */
export async function auditingRefusals<T>(
  db: Executor,
  actor: Pick<Actor, 'userId'>,
  ip: string | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ExistenceRefusal) await audit(db, actor, err.entry, ip);
    throw err;
  }
}
