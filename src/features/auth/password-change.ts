import type { Executor } from '../../db/executor.js';
import type { Actor } from '../../server/access.js';
import { AppError } from '../../server/errors.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { auditAs, endSessionsOf } from './service.js';
import { claimAttempt, clearFailures, type LockoutPolicy, lockDetails, lockEnd } from './throttle.js';

/**
 * A user changes their own password. The current-password check is limited like a login (per
 * account, in the database): a stolen session cannot be used to guess the password behind it.
 */
export async function changeOwnPassword(
  db: Executor,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  lockout: LockoutPolicy,
  ip?: string,
): Promise<void> {
  const subject = String(actor.userId);
  const attempt = await claimAttempt(db, 'password', subject, lockout);
  if (attempt.refused && attempt.lockedUntil) throw passwordLocked(attempt.lockedUntil, lockout);
  const [u] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
    actor.userId,
  ]);
  if (!u || !(await verifyPassword(u.password_hash, input.currentPassword))) {
    if (attempt.lockedUntil) {
      const after = { failures: attempt.failures, lockedUntil: attempt.lockedUntil.toISOString() };
      await db.transaction((tx) =>
        auditAs(tx, actor, actor.userId, { action: 'user.password_lockout', after }, ip),
      );
      throw passwordLocked(attempt.lockedUntil, lockout);
    }
    const left = lockout.maxFailures - attempt.failures;
    throw new AppError(
      'VALIDATION_FAILED',
      `Mật khẩu hiện tại không đúng. Còn ${left} lần thử trước khi bị tạm khóa.`,
      { field: 'currentPassword', attemptsLeft: left },
    );
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { field: 'newPassword' });
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [
      actor.userId,
      hash,
    ]);
    await endSessionsOf(tx, actor.userId, actor.sessionId);
    await clearFailures(tx, 'password', subject);
    await auditAs(tx, actor, actor.userId, { action: 'user.password_change' }, ip);
  });
}

function passwordLocked(until: Date, lockout: LockoutPolicy): AppError {
  return new AppError(
    'PASSWORD_CHECK_LOCKED',
    `Bạn đã nhập sai mật khẩu hiện tại ${lockout.maxFailures} lần. Vui lòng thử lại sau ${lockEnd(until)}.`,
    lockDetails(until),
  );
}
