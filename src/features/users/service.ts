import type { Executor } from '../../db/executor.js';
import { normalizeText } from '../../domain/vietnamese.js';
import { type Actor, can, grantableRoles, ROLE_LABELS, type Role } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { endSessionsOf } from '../auth/service.js';
import { findUnit } from '../org/service.js';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  member_id: number | null;
  is_active: boolean;
  last_login_at: Date | null;
}

const USERNAME = /^[a-z0-9._-]{3,40}$/;

/** Inserts a user with no checks of the actor (CLI `create-admin`, demo seeding, and `createUser`). */
export async function insertUser(
  tx: Executor,
  input: { username: string; password: string; displayName: string; memberId?: number | null },
  opts: { enforcePasswordRule?: boolean } = {},
): Promise<number> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch.',
      {
        field: 'username',
      },
    );
  }
  // The demo accounts keep the documented password `chibo-demo`; every real account follows the rule.
  const problem = opts.enforcePasswordRule === false ? undefined : passwordProblem(input.password);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { field: 'password' });
  const [taken] = await tx.query('SELECT 1 FROM users WHERE username = $1', [username]);
  if (taken) throw new AppError('USERNAME_TAKEN');
  const [row] = await tx.query<{ id: number }>(
    'INSERT INTO users (username, password_hash, display_name, member_id) VALUES ($1, $2, $3, $4) RETURNING id',
    [username, await hashPassword(input.password), normalizeText(input.displayName), input.memberId ?? null],
  );
  return row!.id;
}

export async function insertGrant(
  tx: Executor,
  userId: number,
  role: Role,
  orgUnitId: number,
  period: { validFrom?: string | null; validTo?: string | null } = {},
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO role_grants (user_id, role, org_unit_id, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, role, org_unit_id) DO UPDATE SET valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to
     RETURNING id`,
    [userId, role, orgUnitId, period.validFrom ?? null, period.validTo ?? null],
  );
  return row!.id;
}

/** Paths through which a user is "inside" a subtree: their grants and their member record. */
async function userPaths(ex: Executor, userId: number): Promise<{ paths: string[]; admin: boolean }> {
  const rows = await ex.query<{ path: string; role: string | null }>(
    `SELECT u.path, g.role FROM role_grants g JOIN org_units u ON u.id = g.org_unit_id WHERE g.user_id = $1
     UNION ALL
     SELECT u.path, NULL FROM users us JOIN members m ON m.id = us.member_id JOIN org_units u ON u.id = m.unit_id
      WHERE us.id = $1`,
    [userId],
  );
  return { paths: rows.map((r) => r.path), admin: rows.some((r) => r.role === 'admin') };
}

/** A user the actor may see (404 otherwise); `manage` also requires user.manage over one of their units. */
export async function visibleUser(ex: Executor, actor: Actor, id: number, manage = false): Promise<UserRow> {
  const [u] = await ex.query<UserRow>(
    'SELECT id, username, display_name, member_id, is_active, last_login_at FROM users WHERE id = $1',
    [id],
  );
  if (!u) throw notFound('tài khoản');
  const { paths, admin } = await userPaths(ex, id);
  const self = actor.userId === id;
  if (!self && !paths.some((p) => can(actor, 'user.read', p))) throw notFound('tài khoản');
  if (manage) {
    const managed = paths.some((p) => can(actor, 'user.manage', p));
    // Only an admin changes an admin account; nobody manages an account with no unit but admins.
    const actorIsAdminOver = paths.some((p) => grantableRoles(actor, p).includes('admin'));
    if (!managed || (admin && !actorIsAdminOver)) throw new AppError('FORBIDDEN');
  }
  return u;
}

export async function listUsersOfSubtree(ex: Executor, rootPath: string) {
  const users = await ex.query<UserRow & { member_name: string | null }>(
    `SELECT DISTINCT us.id, us.username, us.display_name, us.member_id, us.is_active, us.last_login_at, m.full_name AS member_name
       FROM users us
       LEFT JOIN members m ON m.id = us.member_id
       LEFT JOIN org_units mu ON mu.id = m.unit_id
      WHERE mu.path LIKE $1
         OR EXISTS (SELECT 1 FROM role_grants g JOIN org_units gu ON gu.id = g.org_unit_id
                     WHERE g.user_id = us.id AND gu.path LIKE $1)
      ORDER BY us.username`,
    [`${rootPath}%`],
  );
  const grants = await grantsOf(
    ex,
    users.map((u) => u.id),
  );
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    memberId: u.member_id,
    memberName: u.member_name,
    active: u.is_active,
    lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
    grants: grants.filter((g) => g.userId === u.id),
  }));
}

export async function grantsOf(ex: Executor, userIds: number[]) {
  if (userIds.length === 0) return [];
  const rows = await ex.query<{
    id: number;
    user_id: number;
    role: Role;
    org_unit_id: number;
    name: string;
    valid_from: string | null;
    valid_to: string | null;
  }>(
    `SELECT g.id, g.user_id, g.role, g.org_unit_id, u.name, g.valid_from, g.valid_to FROM role_grants g JOIN org_units u ON u.id = g.org_unit_id
      WHERE g.user_id = ANY($1::int[]) ORDER BY g.id`,
    [userIds],
  );
  return rows.map((g) => ({
    id: g.id,
    userId: g.user_id,
    role: g.role,
    roleLabel: ROLE_LABELS[g.role],
    orgUnitId: g.org_unit_id,
    orgUnitName: g.name,
    validFrom: g.valid_from,
    validTo: g.valid_to,
  }));
}

export async function addGrant(
  tx: Executor,
  actor: Actor,
  userId: number,
  role: Role,
  orgUnitId: number,
  ip?: string,
  period: { validFrom?: string | null; validTo?: string | null } = {},
) {
  const unit = await findUnit(tx, orgUnitId);
  if (!unit || !can(actor, 'unit.read', unit.path)) throw notFound('đơn vị');
  if (!grantableRoles(actor, unit.path).includes(role)) throw new AppError('FORBIDDEN');
  if (period.validFrom && period.validTo && period.validTo < period.validFrom) {
    throw new AppError('VALIDATION_FAILED', 'Ngày kết thúc phân công phải sau ngày bắt đầu.', {
      field: 'validTo',
    });
  }
  const id = await insertGrant(tx, userId, role, orgUnitId, period);
  await audit(
    tx,
    actor,
    {
      action: 'user.grant',
      entityType: 'user',
      entityId: userId,
      orgUnitId,
      after: { role, orgUnitId, ...period },
    },
    ip,
  );
  return id;
}

export async function removeGrant(tx: Executor, actor: Actor, userId: number, grantId: number, ip?: string) {
  const [g] = await tx.query<{ role: Role; org_unit_id: number; path: string }>(
    `SELECT g.role, g.org_unit_id, u.path FROM role_grants g JOIN org_units u ON u.id = g.org_unit_id
      WHERE g.id = $1 AND g.user_id = $2`,
    [grantId, userId],
  );
  if (!g || !can(actor, 'unit.read', g.path)) throw notFound('quyền');
  if (!grantableRoles(actor, g.path).includes(g.role)) throw new AppError('FORBIDDEN');
  await tx.query('DELETE FROM role_grants WHERE id = $1', [grantId]);
  await endSessionsOf(tx, userId);
  await audit(
    tx,
    actor,
    {
      action: 'user.revoke',
      entityType: 'user',
      entityId: userId,
      orgUnitId: g.org_unit_id,
      before: { role: g.role },
    },
    ip,
  );
}
