import type { Executor } from '../../db/executor.js';
import type { Actor } from '../../server/access.js';
import { auditAs } from '../auth/service.js';

/**
 * Revokes every token in force of an account (an administrator disabling it or resetting its
 * password, ADR 039), with one audit row naming their prefixes. Kept apart from service.ts so
 * the users feature can call it without an import cycle.
 */
export async function revokeApiTokensOf(
  tx: Executor,
  actor: Pick<Actor, 'userId'>,
  userId: number,
  reason: 'disabled' | 'password_reset',
  ip?: string,
): Promise<number> {
  const rows = await tx.query<{ prefix: string }>(
    `UPDATE api_tokens SET revoked_at = now(), revoked_by = $2
      WHERE user_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
      RETURNING prefix`,
    [userId, actor.userId],
  );
  if (rows.length > 0) {
    const after = { reason, count: rows.length, prefixes: rows.map((r) => r.prefix) };
    await auditAs(tx, actor, userId, { action: 'api_token.revoke_all', after }, ip);
  }
  return rows.length;
}
