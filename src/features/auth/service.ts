import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import type { Actor, Grant, Role } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { dummyHash, verifyPassword } from './passwords.js';
import {
  claimAttempt,
  clearFailures,
  type LockoutPolicy,
  lockDetails,
  lockEnd,
  sweepThrottle,
} from './throttle.js';
import { normalizeUsername } from './username.js';

export interface SessionPolicy {
  ttlMinutes: number;
  idleMinutes: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface LoginInput {
  username: string;
  password: string;
  ip?: string;
  userAgent?: string;
}

/**
 * Logs in, or refuses with INVALID_CREDENTIALS, or ACCOUNT_LOCKED while the account's lock runs
 * (the password is not even checked then). Every outcome is audited; failures are counted per
 * normalised username in the database, so every process and every address share one count.
 */
export async function login(
  db: Executor,
  policy: SessionPolicy,
  lockout: LockoutPolicy,
  input: LoginInput,
): Promise<{ token: string; userId: number; csrfToken: string; expiresAt: Date }> {
  const username = normalizeUsername(input.username);
  const [user] = await db.query<{ id: number; password_hash: string; is_active: boolean; updated_at: Date }>(
    'SELECT id, password_hash, is_active, updated_at FROM users WHERE username = $1',
    [username],
  );
  const failure = (tx: Executor, reason: string) =>
    auditAs(tx, null, user?.id ?? null, { action: 'login.failure', after: { username, reason } }, input.ip);

  let attempt = await claimAttempt(db, 'login', username, lockout);
  if (
    attempt.refused &&
    attempt.lockedUntil &&
    user &&
    changedSinceLock(user.updated_at, attempt.lockedUntil, lockout)
  ) {
    // An administrator changed the account after the lock began (reset its password): that lifts it.
    await clearFailures(db, 'login', username);
    attempt = await claimAttempt(db, 'login', username, lockout);
  }
  if (attempt.refused && attempt.lockedUntil) {
    await db.transaction((tx) => failure(tx, 'tài khoản đang tạm khóa'));
    throw accountLocked(attempt.lockedUntil, lockout);
  }
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
  if (!user || !ok || !user.is_active) {
    const reason = !user ? 'không có tên đăng nhập này' : !ok ? 'sai mật khẩu' : 'tài khoản đã bị khóa';
    await db.transaction(async (tx) => {
      await failure(tx, reason);
      if (attempt.justLocked && attempt.lockedUntil) {
        const after = {
          username,
          failures: attempt.failures,
          lockedUntil: attempt.lockedUntil.toISOString(),
        };
        await auditAs(tx, null, user?.id ?? null, { action: 'login.lockout', after }, input.ip);
      }
    });
    if (attempt.lockedUntil) throw accountLocked(attempt.lockedUntil, lockout);
    throw new AppError('INVALID_CREDENTIALS');
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.ttlMinutes * 60_000);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO sessions (id, user_id, csrf_token, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        sha256(token),
        user.id,
        csrfToken,
        expiresAt,
        input.ip ?? null,
        input.userAgent?.slice(0, 300) ?? null,
      ],
    );
    await tx.query('UPDATE users SET last_login_at = now() WHERE id = $1', [user.id]);
    await tx.query('DELETE FROM sessions WHERE expires_at < now()');
    await clearFailures(tx, 'login', username);
    await sweepThrottle(tx);
    await auditAs(
      tx,
      { userId: user.id },
      user.id,
      { action: 'login.success', after: { username } },
      input.ip,
    );
  });
  return { token, userId: user.id, csrfToken, expiresAt };
}

function changedSinceLock(updatedAt: Date, lockedUntil: Date, lockout: LockoutPolicy): boolean {
  return new Date(updatedAt).getTime() > lockedUntil.getTime() - lockout.lockMinutes * 60_000;
}

function accountLocked(until: Date, lockout: LockoutPolicy): AppError {
  return new AppError(
    'ACCOUNT_LOCKED',
    `Tài khoản tạm khóa đăng nhập vì nhập sai mật khẩu ${lockout.maxFailures} lần liên tiếp. Vui lòng thử lại sau ${lockEnd(until)}, hoặc nhờ quản trị viên đặt lại mật khẩu.`,
    lockDetails(until),
  );
}

export async function logout(db: Executor, token: string, ip?: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [s] = await tx.query<{ user_id: number }>('DELETE FROM sessions WHERE id = $1 RETURNING user_id', [
      sha256(token),
    ]);
    if (s) await auditAs(tx, { userId: s.user_id }, s.user_id, { action: 'user.logout' }, ip);
  });
}

/**
 * The unit an account's own rows (logins, password) are filed under, so that those who read the
 * audit log there see them: the member's cell, else the widest unit granted, else the root of the
 * tree (names that match no account: the administrators' view).
 */
export async function homeUnitOf(ex: Executor, userId: number | null): Promise<number | null> {
  const [row] = await ex.query<{ unit_id: number | null }>(
    `SELECT coalesce(
       (SELECT m.unit_id FROM users u JOIN members m ON m.id = u.member_id WHERE u.id = $1),
       (SELECT g.org_unit_id FROM role_grants g JOIN org_units o ON o.id = g.org_unit_id
         WHERE g.user_id = $1 ORDER BY length(o.path), g.id LIMIT 1),
       (SELECT id FROM org_units WHERE parent_id IS NULL ORDER BY id LIMIT 1)) AS unit_id`,
    [userId],
  );
  return row?.unit_id ?? null;
}

/** One audit row about an account, filed under its home unit. */
export async function auditAs(
  tx: Executor,
  actor: Pick<Actor, 'userId'> | null,
  userId: number | null,
  entry: { action: string; after?: Record<string, unknown> },
  ip?: string,
): Promise<void> {
  const orgUnitId = await homeUnitOf(tx, userId);
  await audit(tx, actor, { ...entry, entityType: 'user', entityId: userId, orgUnitId }, ip);
}

interface SessionRow extends ActorRow {
  csrf_token: string;
  expires_at: Date;
  last_seen_at: Date;
  is_active: boolean;
}

/** The grants in force today, in the order of `loadGrants`, as one JSON array per user. */
export const GRANTS_JSON = `coalesce((
  SELECT json_agg(json_build_object('id', g.id, 'role', g.role, 'orgUnitId', g.org_unit_id,
                                    'path', o.path, 'unitName', o.name) ORDER BY length(o.path), g.id)
    FROM role_grants g JOIN org_units o ON o.id = g.org_unit_id
   WHERE g.user_id = u.id
     AND (g.valid_from IS NULL OR g.valid_from <= CURRENT_DATE)
     AND (g.valid_to IS NULL OR g.valid_to >= CURRENT_DATE)), '[]'::json)`;

/**
 * Resolves a session cookie to an actor, or throws 401 (expired sessions are deleted). One query
 * per request: the session, its user and the user's grants (ADR 030); `last_seen_at` is written
 * at most once a minute.
 */
export async function actorFromToken(db: Executor, policy: SessionPolicy, token: string): Promise<Actor> {
  const id = sha256(token);
  const [s] = await db.query<SessionRow>(
    `SELECT s.csrf_token, s.expires_at, s.last_seen_at,
            u.id AS user_id, u.username, u.display_name, u.member_id, u.is_active, ${GRANTS_JSON} AS grants
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`,
    [id],
    { prepared: 'session_actor' },
  );
  if (!s?.is_active) throw new AppError('UNAUTHENTICATED');
  const now = Date.now();
  const idleLimit = new Date(s.last_seen_at).getTime() + policy.idleMinutes * 60_000;
  if (new Date(s.expires_at).getTime() < now || idleLimit < now) {
    await db.query('DELETE FROM sessions WHERE id = $1', [id]);
    throw new AppError('SESSION_EXPIRED');
  }
  // Touch at most once a minute: a read-heavy page should not write on every request.
  if (now - new Date(s.last_seen_at).getTime() > 60_000) {
    await db.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [id]);
  }
  return { ...actorOfRow(s), sessionId: id, csrfToken: s.csrf_token };
}

/** The columns every way of signing in reads with `GRANTS_JSON` (sessions, API tokens). */
export interface ActorRow {
  user_id: number;
  username: string;
  display_name: string;
  member_id: number | null;
  grants: Grant[] | string;
}

/** One Actor from a user row and its grants of the day: the same scopes whatever the credential. */
export function actorOfRow(r: ActorRow): Omit<Actor, 'sessionId' | 'csrfToken'> {
  return {
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    memberId: r.member_id,
    grants: typeof r.grants === 'string' ? (JSON.parse(r.grants) as Grant[]) : r.grants,
  };
}

export async function loadGrants(db: Executor, userId: number): Promise<Grant[]> {
  const rows = await db.query<{ id: number; role: Role; org_unit_id: number; path: string; name: string }>(
    `SELECT g.id, g.role, g.org_unit_id, u.path, u.name
       FROM role_grants g JOIN org_units u ON u.id = g.org_unit_id
      WHERE g.user_id = $1
        AND (g.valid_from IS NULL OR g.valid_from <= CURRENT_DATE)
        AND (g.valid_to IS NULL OR g.valid_to >= CURRENT_DATE)
      ORDER BY length(u.path), g.id`,
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    orgUnitId: r.org_unit_id,
    path: r.path,
    unitName: r.name,
  }));
}

/** Ends every session of a user (password change, deactivation). */
export async function endSessionsOf(db: Executor, userId: number, exceptSessionId?: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [userId, exceptSessionId ?? '']);
}
